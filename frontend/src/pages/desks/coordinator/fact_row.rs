//! What the sections of a cluster's facts share (services, working groups, the board and
//! office, yearly figures): the section (`FactsSection`: its list read afresh after every
//! change, the notice of the last one, the form that adds one), a row that says what the fact
//! is, opens its fields in a form in its place and deletes it after asking (`FactRow`); and how
//! a section reads a number typed into a form.

use super::super::{refused_field, settle};
use crate::api::{ApiError, FieldError};
use crate::components::{Confirm, ErrorNote, Loading, Outcome};
use crate::i18n::{M, use_i18n};
use crate::values::items;
use leptos::html;
use leptos::prelude::*;
use serde_json::Value;
use std::future::Future;
use wasm_bindgen::JsCast;

/// What a section gives its rows and its form: `reload`, bumped by a written change so the
/// list is read again, and `notice`, what the last change came to (it outlives the rows, which
/// are drawn anew).
#[derive(Clone, Copy)]
pub struct Section {
    pub reload: RwSignal<u32>,
    pub notice: RwSignal<Option<M>>,
}

/// A section of the cluster's facts: its heading (and `hint` under it), the notice of its last
/// change, the facts `read` gives (the cluster's field `list`, each drawn by `row`, or `empty`
/// when there are none), and under them the form `add` draws.
#[component]
pub fn FactsSection<Read, Fut, Row, Add>(
    /// The section's `data-test`.
    test: &'static str,
    title: M,
    #[prop(optional)] hint: Option<M>,
    empty: M,
    /// The field of the answer's `cluster` that lists the facts (`people`, `indicators`).
    list: &'static str,
    cluster_id: String,
    /// Reads the cluster's facts, by its id: a query's answer as JSON, with `cluster { <list> }`.
    read: Read,
    row: Row,
    add: Add,
) -> impl IntoView
where
    Read: Fn(String) -> Fut + 'static,
    Fut: Future<Output = Result<Value, ApiError>> + 'static,
    Row: Fn(Value, Section) -> AnyView + Copy + Send + Sync + 'static,
    Add: FnOnce(String, Section) -> AnyView,
{
    let i18n = use_i18n();
    let section = Section {
        reload: RwSignal::new(0),
        notice: RwSignal::new(None),
    };
    let read_id = cluster_id.clone();
    let data = LocalResource::new(move || {
        section.reload.get();
        read(read_id.clone())
    });
    view! {
        <section data-test=test>
            <h2>{move || i18n.t(title)}</h2>
            {hint.map(|hint| view! { <p class="hint">{move || i18n.t(hint)}</p> })}
            <FactNotice notice=section.notice/>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => {
                            let facts = items(&d["cluster"], list).to_vec();
                            if facts.is_empty() {
                                return view! { <p class="empty">{move || i18n.t(empty)}</p> }.into_any();
                            }
                            view! {
                                <ul class="plain">
                                    {facts.into_iter().map(|fact| row(fact, section)).collect_view()}
                                </ul>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
            {add(cluster_id, section)}
        </section>
    }
}

/// A refusal of a value before the mutation ran (a malformed date) under its field; a failure
/// otherwise. For the futures of a row's actions.
pub fn or_refused(result: Outcome) -> Outcome {
    result.or_else(refused_field)
}

/// A whole number typed into a form: None when left empty (or not a number: number inputs give
/// the page no text for what is not one).
pub fn number(value: &str) -> Option<i64> {
    value.trim().parse().ok()
}

/// A number as a form shows it (empty when unknown).
pub fn number_text(value: Option<i64>) -> String {
    value.map(|n| n.to_string()).unwrap_or_default()
}

/// One fact in its section's list: `summary` says what it is; "edit" puts `children` (the
/// fact's fields, bound to `errors`) in a form in its place that runs `update`; "delete" asks
/// first, then runs `delete`. What a written change came to goes to the section's `notice`
/// (which outlives the row, as the section reads its list again) and `reload` bumps.
#[component]
pub fn FactRow(
    /// The row's `data-test`.
    test: &'static str,
    /// What the fact is called, for the "edit" button's name to screen readers.
    name: String,
    update: Action<(), Outcome>,
    delete: Action<(), Outcome>,
    errors: RwSignal<Vec<FieldError>>,
    notice: RwSignal<Option<M>>,
    reload: RwSignal<u32>,
    #[prop(into)] summary: ViewFn,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let form = NodeRef::<html::Form>::new();
    Effect::new(move |_| {
        if let Some(result) = update.value().get()
            && settle(result, errors, failure)
        {
            notice.set(Some(M::Saved));
            reload.update(|n| *n += 1);
        }
    });
    Effect::new(move |_| {
        if let Some(result) = delete.value().get()
            && settle(result, errors, failure)
        {
            notice.set(Some(M::Deleted));
            reload.update(|n| *n += 1);
        }
    });
    let open = move |_| {
        errors.set(vec![]);
        failure.set(None);
        editing.set(true);
        // The first field takes the focus once the form is drawn.
        request_animation_frame(move || {
            if let Some(first) = form
                .get_untracked()
                .and_then(|f| f.query_selector("input, select, textarea").ok().flatten())
            {
                let _ = first.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        });
    };
    let edit_name = name.clone();
    view! {
        <li data-test=test class="wrap">
            {move || summary.run()}
            <Show when=move || !editing.get()>
                <div class="actions">
                    <button type="button" class="small secondary" data-test="edit" on:click=open>
                        {move || i18n.t(M::FactEdit)}<span class="sr-only">{format!(": {edit_name}")}</span>
                    </button>
                    <Confirm label=M::DeleteRecord question=M::DeleteRecordQuestion test="delete"
                        on_confirm=Callback::new(move |_| { notice.set(None); delete.dispatch(()); })/>
                </div>
            </Show>
            <Show when=move || editing.get()>
                <form class="form" data-test="edit-form" node_ref=form on:submit=move |ev| {
                    ev.prevent_default();
                    errors.set(vec![]);
                    failure.set(None);
                    notice.set(None);
                    update.dispatch(());
                }>
                    {children()}
                    <div class="actions">
                        <button type="submit" disabled=move || update.pending().get()>{move || i18n.t(M::Save)}</button>
                        <button type="button" class="secondary" on:click=move |_| editing.set(false)>{move || i18n.t(M::Cancel)}</button>
                    </div>
                </form>
            </Show>
            // A refused deletion (an edit's refusals are under its fields).
            <p class="error" role="alert">{move || (!editing.get()).then(|| FieldError::texts(&errors.get(), i18n.lang()))}</p>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        </li>
    }
}

/// A section's notice of its last written change, kept while the section reads its list again.
#[component]
fn FactNotice(notice: RwSignal<Option<M>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move || notice.get().map(|m| view! { <p class="ok" role="status" data-test="fact-notice">{move || i18n.t(m)}</p> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_typed_into_a_form() {
        assert_eq!(number(" 42 "), Some(42));
        assert_eq!(number(""), None);
        assert_eq!(number_text(Some(7)), "7");
        assert_eq!(number_text(None), "");
    }
}
