//! Keeping a list inside a form: its items, each with a button that removes it, and a row that
//! adds one (typed in one or more labelled parts, or chosen from a list). Nothing is sent when
//! an item is added or removed; the list is one field of the form's input, replaced as a whole
//! when the form is saved, so one save (and one version of the record) covers every list.

use crate::api::FieldError;
use crate::i18n::{Lang, M, date, use_i18n};
use leptos::html;
use leptos::prelude::*;

/// One part of an item, as the add row asks for it and the list shows it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ListPart {
    /// The label of the part's input.
    pub label: M,
    /// The API's name of the part inside an item (`awardedBy`); empty for a list of texts.
    pub field: &'static str,
    /// A partial date (`2018`, `2018-05`, `2018-05-23`), checked before it is added and shown
    /// as a date.
    pub dated: bool,
}

impl ListPart {
    /// A part typed as text.
    pub const fn text(label: M, field: &'static str) -> Self {
        Self {
            label,
            field,
            dated: false,
        }
    }

    /// A part holding a partial date.
    pub const fn date(label: M, field: &'static str) -> Self {
        Self {
            label,
            field,
            dated: true,
        }
    }
}

/// Whether `value` is written as a partial date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (the API
/// checks the calendar; this only spares a round trip for what is plainly not a date).
pub fn partial_date_shaped(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    }
}

/// How an item reads in the list: its given parts, dates in the interface's language.
fn shown(lang: Lang, parts: &[ListPart], item: &[String]) -> String {
    item.iter()
        .zip(parts.iter().map(Some).chain(std::iter::repeat(None)))
        .filter(|(value, _)| !value.is_empty())
        .map(|(value, part)| match part {
            Some(p) if p.dated => date(lang, value),
            _ => value.clone(),
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Whether refusal `field` is about item `index` of list `name` (`aliases[2]`,
/// `awards[0].name`).
fn of_item(field: &str, name: &str, index: usize) -> bool {
    let item = format!("{name}[{index}]");
    field == item || field.starts_with(&format!("{item}."))
}

/// A list kept in a form: `items` (each a list of `parts`' values, in their order) with a
/// labelled "remove" button each and a row that adds one. With `choices` (codes and names in
/// the interface's language) an item is chosen from a list instead of typed, and shown by its
/// name. Refusals of the list (`name`) and of its items (`name[i]`, `name[i].part`) are shown
/// under the list and under the item they name.
#[component]
pub fn ListEditor(
    /// The API's name of the list (`aliases`).
    name: &'static str,
    /// What the list is, its heading.
    label: M,
    /// The parts of an item; the first must be given.
    parts: Vec<ListPart>,
    items: RwSignal<Vec<Vec<String>>>,
    errors: RwSignal<Vec<FieldError>>,
    #[prop(optional, into)] choices: Option<Signal<Vec<(String, String)>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("list-{name}");
    let error_id = format!("list-{name}-error");
    let values: Vec<RwSignal<String>> =
        parts.iter().map(|_| RwSignal::new(String::new())).collect();
    let values = StoredValue::new(values);
    let parts = StoredValue::new(parts);
    let note = RwSignal::new(None::<M>);
    let inputs: Vec<NodeRef<html::Input>> =
        values.with_value(|v| v.iter().map(|_| NodeRef::new()).collect());
    let first_input = inputs.first().copied().unwrap_or_else(NodeRef::new);
    let first_select = NodeRef::<html::Select>::new();
    let focus_adder = move || {
        if let Some(input) = first_input.get_untracked() {
            let _ = input.focus();
        } else if let Some(select) = first_select.get_untracked() {
            let _ = select.focus();
        }
    };
    let add = move || {
        let item: Vec<String> = values.with_value(|v| {
            v.iter()
                .map(|s| s.get_untracked().trim().to_owned())
                .collect()
        });
        let bad_date = parts.with_value(|p| {
            p.iter()
                .zip(&item)
                .any(|(part, value)| part.dated && !value.is_empty() && !partial_date_shaped(value))
        });
        if item.first().is_none_or(|first| first.is_empty()) {
            note.set(Some(M::ListItemNeeded));
        } else if bad_date {
            note.set(Some(M::ListItemBadDate));
        } else if items.with_untracked(|list| list.contains(&item)) {
            note.set(Some(M::ListItemTwice));
        } else {
            note.set(None);
            items.update(|list| list.push(item));
            values.with_value(|v| v.iter().for_each(|s| s.set(String::new())));
        }
    };
    let remove = move |index: usize| {
        note.set(None);
        items.update(|list| {
            if index < list.len() {
                list.remove(index);
            }
        });
        // The removed item's button is gone; the focus goes where the next item is added.
        focus_adder();
    };
    let name_of = move |code: &str| -> String {
        choices
            .and_then(|c| {
                c.with(|list| list.iter().find(|(k, _)| k == code).map(|(_, n)| n.clone()))
            })
            .unwrap_or_else(|| code.to_owned())
    };
    let rows = move || {
        let lang = i18n.lang();
        let list = items.get();
        if list.is_empty() {
            return view! { <li class="empty">{i18n.t(M::ListEmpty)}</li> }.into_any();
        }
        list.into_iter()
            .enumerate()
            .map(|(index, item)| {
                let text = if choices.is_some() {
                    item.first().map(|code| name_of(code)).unwrap_or_default()
                } else {
                    parts.with_value(|p| shown(lang, p, &item))
                };
                let refused = move || {
                    let found: Vec<String> = errors
                        .get()
                        .iter()
                        .filter(|e| of_item(&e.field, name, index))
                        .map(|e| {
                            let sub = e.field.rsplit('.').next().unwrap_or_default();
                            let part = parts.with_value(|p| p.iter().find(|p| !p.field.is_empty() && p.field == sub).map(|p| p.label));
                            match part {
                                Some(label) => format!("{}: {}", i18n.t(label), e.text(i18n.lang())),
                                None => e.text(i18n.lang()),
                            }
                        })
                        .collect();
                    found.join(" ")
                };
                view! {
                    <li data-test="list-item" class="wrap">
                        <span data-test="list-item-text">{text.clone()}</span>" "
                        <button type="button" class="small secondary" data-test="remove" on:click=move |_| remove(index)>
                            {i18n.t(M::ListRemove)}<span class="sr-only">{format!(": {text}")}</span>
                        </button>
                        <p class="field-error" role="alert">{refused}</p>
                    </li>
                }
                .into_any()
            })
            .collect_view()
            .into_any()
    };
    let adder = {
        let error_id = error_id.clone();
        let fields = parts.get_value().into_iter().enumerate().map(|(i, part)| {
            let id = format!("list-{name}-add-{i}");
            let value = values.with_value(|v| v[i]);
            match choices {
                Some(choices) if i == 0 => {
                    let options = move || {
                        let taken = items.get();
                        choices
                            .get()
                            .into_iter()
                            .filter(|(code, _)| !taken.iter().any(|item| item.first() == Some(code)))
                            .map(|(code, shown)| view! { <option value=code>{shown}</option> })
                            .collect_view()
                    };
                    view! {
                        <div class="field">
                            <label for=id.clone()>{move || i18n.t(part.label)}</label>
                            <select id=id node_ref=first_select aria-describedby=error_id.clone()
                                prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                                <option value="">"—"</option>
                                {options}
                            </select>
                        </div>
                    }
                    .into_any()
                }
                _ => view! {
                    <div class="field">
                        <label for=id.clone()>{move || i18n.t(part.label)}</label>
                        // Enter adds the item (it would otherwise send the whole form).
                        <input id=id type="text" node_ref=inputs[i] aria-describedby=error_id.clone()
                            prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))
                            on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); add(); }/>
                    </div>
                }
                .into_any(),
            }
        });
        fields.collect_view()
    };
    let list_refused = move || {
        let refused: Vec<FieldError> = errors
            .get()
            .into_iter()
            .filter(|e| e.field == name)
            .collect();
        let mut text = FieldError::texts(&refused, i18n.lang());
        if let Some(m) = note.get() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(i18n.t(m));
        }
        text
    };
    let labelled_by = heading_id.clone();
    view! {
        <div class="list-editor" role="group" aria-labelledby=labelled_by data-test=format!("list-{name}")>
            <h3 id=heading_id>{move || i18n.t(label)}</h3>
            <ul class="plain">{rows}</ul>
            <div class="row">{adder}</div>
            <p class="field-error" id=error_id role="alert">{list_refused}</p>
            <div class="actions">
                <button type="button" class="small" data-test="add" on:click=move |_| add()>
                    {move || i18n.t(M::ListAdd)}<span class="sr-only">{move || format!(": {}", i18n.t(label))}</span>
                </button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_date_is_a_year_a_month_or_a_day() {
        for good in ["2018", "2018-05", "2018-05-23"] {
            assert!(partial_date_shaped(good), "{good}");
        }
        for bad in ["", "18", "2018-5", "2018-05-23-1", "maj 2018", "2018/05"] {
            assert!(!partial_date_shaped(bad), "{bad}");
        }
    }

    #[test]
    fn an_item_shows_its_given_parts_with_dates_in_the_language() {
        let parts = [
            ListPart::text(M::Name, "name"),
            ListPart::text(M::Name, "awardedBy"),
            ListPart::date(M::Name, "awardedOn"),
        ];
        let item = ["Nagroda".to_owned(), String::new(), "2019".to_owned()];
        assert_eq!(shown(Lang::Pl, &parts, &item), "Nagroda · 2019");
    }

    #[test]
    fn a_refusal_names_its_item() {
        assert!(of_item("aliases[2]", "aliases", 2));
        assert!(of_item("awards[0].name", "awards", 0));
        assert!(!of_item("awards[10].name", "awards", 1));
        assert!(!of_item("aliases", "aliases", 0));
    }
}
