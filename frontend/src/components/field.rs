//! A form's text field with the API's error for it.

use crate::api::FieldError;
use crate::i18n::{M, use_i18n};
use leptos::prelude::*;

/// A labelled text input that shows the API's error for its field right under it.
#[component]
pub fn Field(
    #[prop(into)] name: String,
    label: M,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    #[prop(optional, into)] kind: Option<String>,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    // Several forms on one page may have a field of the same name; ids must still be unique
    // for labels and error descriptions to point at the right input.
    let id = format!("field-{name}-{}", next_field_number());
    let error_id = format!("{id}-error");
    let field = name.clone();
    let error = Memo::new(move |_| {
        errors
            .get()
            .into_iter()
            .find(|e| e.field == field || e.field.ends_with(&format!(".{field}")))
    });
    let shown_error = move || error.get().map(|e| e.text(i18n.lang()));
    let invalid = move || error.get().is_some().then_some("true");
    let input = if multiline {
        view! {
            <textarea id=id.clone() name=name.clone() aria-invalid=invalid aria-describedby=error_id.clone()
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=name.clone() type=kind.unwrap_or_else(|| "text".into())
                aria-invalid=invalid aria-describedby=error_id.clone()
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id>{move || i18n.t(label)}</label>
            {input}
            <p class="field-error" id=error_id data-test=format!("error-{name}") role="alert">{shown_error}</p>
        </div>
    }
}

fn next_field_number() -> u32 {
    thread_local! {
        static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    NEXT.with(|next| {
        next.set(next.get().wrapping_add(1));
        next.get()
    })
}
