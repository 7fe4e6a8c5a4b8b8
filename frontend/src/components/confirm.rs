//! A button whose change cannot be taken back asks first, in place: "are you sure, this cannot
//! be undone", with the change and a way out. The question takes the focus when it opens, so a
//! keyboard or screen-reader user lands on it; Escape (or "cancel") closes it and gives the
//! focus back to the button that opened it.

use crate::i18n::{M, use_i18n};
use leptos::html;
use leptos::prelude::*;

/// A button (`label`, `data-test=test`) that opens an inline question (`question`, and "this
/// cannot be undone" unless `undoable`) with a button that runs `on_confirm`
/// (`data-test="confirm"`, worded `confirm`, else "yes") and one that cancels
/// (`data-test="cancel"`). Red unless `mild`; `disabled` while a change is running.
///
/// Both the button and the question are always in the page, one of them hidden, so the focus
/// can be moved between them without waiting for either to be drawn.
#[component]
pub fn Confirm(
    label: M,
    question: M,
    on_confirm: Callback<()>,
    #[prop(optional)] confirm: Option<M>,
    #[prop(optional)] test: &'static str,
    #[prop(optional)] mild: bool,
    #[prop(optional)] undoable: bool,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let opener = NodeRef::<html::Button>::new();
    let yes = NodeRef::<html::Button>::new();
    let question_id = format!("confirm-{}", next_number());
    let labelled_by = question_id.clone();
    let class = if mild {
        "small secondary"
    } else {
        "small danger"
    };
    // Moves the focus once the element shown is drawn (it is hidden until the signal's change
    // reaches the page).
    let focus = |target: NodeRef<html::Button>| {
        request_animation_frame(move || {
            if let Some(button) = target.get_untracked() {
                let _ = button.focus();
            }
        });
    };
    let open = move |_| {
        asking.set(true);
        focus(yes);
    };
    let cancel = move || {
        asking.set(false);
        focus(opener);
    };
    let go = move |_| {
        asking.set(false);
        on_confirm.run(());
        focus(opener);
    };
    view! {
        <span class="confirm">
            <button type="button" class=class data-test=test node_ref=opener hidden=move || asking.get()
                disabled=move || disabled.get() on:click=open>
                {move || i18n.t(label)}
            </button>
            <span role="group" aria-labelledby=labelled_by data-test="confirm-question"
                hidden=move || !asking.get()
                on:keydown=move |ev| if ev.key() == "Escape" { ev.prevent_default(); cancel(); }>
                <span id=question_id>
                    {move || i18n.t(question)}
                    {(!undoable).then(|| view! { " "<strong>{move || i18n.t(M::ConfirmCannotUndo)}</strong> })}
                </span>" "
                <button type="button" class=class data-test="confirm" node_ref=yes on:click=go>
                    {move || i18n.t(confirm.unwrap_or(M::ConfirmYes))}
                </button>" "
                <button type="button" class="small secondary" data-test="cancel" on:click=move |_| cancel()>
                    {move || i18n.t(M::Cancel)}
                </button>
            </span>
        </span>
    }
}

/// A number for each question drawn, so that each one's id is unique on the page.
fn next_number() -> u32 {
    thread_local! {
        static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    NEXT.with(|next| {
        next.set(next.get().wrapping_add(1));
        next.get()
    })
}
