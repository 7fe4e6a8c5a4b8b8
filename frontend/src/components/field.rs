//! Form fields (text and choice) with the API's error for each.

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
    /// What the field takes (a password's policy, say), under its label.
    #[prop(optional)]
    hint: Option<M>,
    /// The browser's autocomplete token (`new-password`, `email`...).
    #[prop(optional)]
    auto: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let (id, error_id, error) = field_parts(&name, errors);
    let shown_error = move || error.get().map(|e| e.text(i18n.lang()));
    let invalid = move || error.get().is_some().then_some("true");
    let hint_id = format!("{id}-hint");
    let described = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id.clone()
    };
    let input = if multiline {
        view! {
            <textarea id=id.clone() name=name.clone() aria-invalid=invalid aria-describedby=described
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=name.clone() type=kind.unwrap_or_else(|| "text".into())
                aria-invalid=invalid aria-describedby=described autocomplete=(!auto.is_empty()).then_some(auto)
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id>{move || i18n.t(label)}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{move || i18n.t(h)}</p> })}
            {input}
            <p class="field-error" id=error_id data-test=format!("error-{name}") role="alert">{shown_error}</p>
        </div>
    }
}

/// A labelled choice of one of `options` (API codes, worded by `i18n::label`, or by `names`
/// when given, in the same order), with the API's error for its field under it.
#[component]
pub fn Choice(
    #[prop(into)] name: String,
    label: M,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    options: Vec<String>,
    #[prop(optional)] names: Vec<String>,
    /// Offers "—" (nothing chosen) first.
    #[prop(optional)]
    blank: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let (id, error_id, error) = field_parts(&name, errors);
    let shown = move || error.get().map(|e| e.text(i18n.lang()));
    let choices = options
        .into_iter()
        .enumerate()
        .map(|(i, code)| {
            let given = names.get(i).cloned();
            let shown_code = code.clone();
            let selected = code == value.get_untracked();
            view! {
                <option value=code selected=selected>
                    {move || given.clone().unwrap_or_else(|| crate::i18n::label(i18n.lang(), &shown_code))}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id.clone()>{move || i18n.t(label)}</label>
            <select id=id name=name.clone() aria-describedby=error_id.clone() on:change=move |ev| value.set(event_target_value(&ev))>
                {blank.then(|| view! { <option value="">"—"</option> })}
                {choices}
            </select>
            <p class="field-error" id=error_id data-test=format!("error-{name}") role="alert">{shown}</p>
        </div>
    }
}

/// A field's id, its error's id, and the API's error for it.
fn field_parts(
    name: &str,
    errors: RwSignal<Vec<FieldError>>,
) -> (String, String, Memo<Option<FieldError>>) {
    // Several forms on one page may have a field of the same name; ids must still be unique
    // for labels and error descriptions to point at the right input.
    let id = format!("field-{name}-{}", next_field_number());
    let error_id = format!("{id}-error");
    let field = name.to_owned();
    let error = Memo::new(move |_| {
        errors
            .get()
            .into_iter()
            .find(|e| e.field == field || e.field.ends_with(&format!(".{field}")))
    });
    (id, error_id, error)
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
