//! Running a mutation from a form or from a row of a list, and showing what came of it: the
//! one shape every change takes (`Outcome`), where its refusals and failures go (`Report`), a
//! form that sends one mutation (`Form`). A button that asks before it acts is `confirm::Confirm`.

use super::feedback::ErrorNote;
use crate::api::{ApiError, FieldError};
use crate::i18n::{M, use_i18n};
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

/// What a change came to: whether it was written and the input's refusals, or why there is no
/// answer.
pub type Outcome = Result<(bool, Vec<FieldError>), ApiError>;

/// Where a form or a list shows what came of its changes.
#[derive(Clone, Copy)]
pub struct Report {
    /// The sentence of the last change written.
    pub notice: RwSignal<Option<M>>,
    /// The refusals of the last change (a form shows them under its fields).
    pub errors: RwSignal<Vec<FieldError>>,
    /// Why the last change got no answer.
    pub failure: RwSignal<Option<ApiError>>,
}

impl Report {
    pub fn new() -> Self {
        Self {
            notice: RwSignal::new(None),
            errors: RwSignal::new(vec![]),
            failure: RwSignal::new(None),
        }
    }

    /// Forgets the last change's report (before the next one is sent).
    pub fn clear(self) {
        self.notice.set(None);
        self.errors.set(vec![]);
        self.failure.set(None);
    }

    /// Puts an outcome where it is shown: `done` when the change was written, the refusals, or
    /// the failure. True when the change was written.
    pub fn settle(self, result: Outcome, done: Option<M>) -> bool {
        match result {
            Ok((true, _)) => {
                self.errors.set(vec![]);
                self.notice.set(done);
                true
            }
            Ok((false, found)) => {
                self.errors.set(found);
                false
            }
            Err(e) => {
                self.failure.set(Some(e));
                false
            }
        }
    }
}

/// An action that runs a change. Every such action runs the same (boxed) kind of future, so
/// the bundle holds one copy of what runs them rather than one per action.
pub fn action<I, F, Fu>(run: F) -> Action<I, Outcome>
where
    I: 'static,
    F: Fn(&I) -> Fu + 'static,
    Fu: Future<Output = Outcome> + 'static,
{
    Action::new_local(move |input: &I| -> Pin<Box<dyn Future<Output = Outcome>>> {
        Box::pin(run(input))
    })
}

/// An action whose outcome goes into `report` (`done` when written), then bumps `reload`.
pub fn act<I, F, Fu>(report: Report, done: M, reload: RwSignal<u32>, run: F) -> Action<I, Outcome>
where
    I: 'static,
    F: Fn(&I) -> Fu + 'static,
    Fu: Future<Output = Outcome> + 'static,
{
    let action = action(run);
    Effect::new(move |_| {
        if let Some(result) = action.value().get()
            && report.settle(result, Some(done))
        {
            reload.update(|n| *n += 1);
        }
    });
    action
}

/// What a list's changes came to, above the list: the notice, refusals in words, a failure.
#[component]
pub fn ReportView(report: Report) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move || report.notice.get().map(|m| view! { <p class="ok" role="status" data-test="notice">{move || i18n.t(m)}</p> })}
        <p class="error" role="alert">{move || FieldError::texts(&report.errors.get(), i18n.lang())}</p>
        {move || report.failure.get().map(|error| view! { <ErrorNote error/> })}
    }
}

/// A form that sends one mutation: `children` are its fields, named in `fields` so that a
/// refusal of any other field (or of the input as a whole) is still shown, in words, above
/// the button; `done` is said when the change was written, and `on_done` runs then.
#[component]
pub fn Form(
    action: Action<(), Outcome>,
    report: Report,
    submit: M,
    #[prop(optional)] fields: &'static [&'static str],
    #[prop(optional)] done: Option<M>,
    #[prop(optional)] on_done: Option<Callback<()>>,
    #[prop(optional)] test: &'static str,
    #[prop(optional)] narrow: bool,
    #[prop(optional)] danger: bool,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        if let Some(result) = action.value().get()
            && report.settle(result, done)
            && let Some(on_done) = on_done
        {
            on_done.run(());
        }
    });
    let other = move || {
        let errors = report.errors.get();
        if errors.is_empty() {
            return None;
        }
        let unshown: Vec<FieldError> = errors
            .into_iter()
            .filter(|e| {
                let name = e.field.rsplit('.').next().unwrap_or(&e.field);
                !fields.contains(&name)
            })
            .collect();
        Some(format!(
            "{} {}",
            i18n.t(M::FixErrors),
            FieldError::texts(&unshown, i18n.lang())
        ))
    };
    view! {
        <form class="form" class:narrow=narrow data-test=test on:submit=move |ev| {
            ev.prevent_default();
            report.clear();
            action.dispatch(());
        }>
            {children()}
            <p class="error" role="alert">{other}</p>
            {move || report.failure.get().map(|error| view! { <ErrorNote error/> })}
            {move || report.notice.get().map(|m| view! { <p class="ok" role="status" data-test="done">{move || i18n.t(m)}</p> })}
            <button type="submit" class:danger=danger disabled=move || action.pending().get()>{move || i18n.t(submit)}</button>
        </form>
    }
}
