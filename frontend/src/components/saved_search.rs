//! Saving the filters a page shows as a saved search ("Zapisz wyszukiwanie"): a name, prefilled
//! from the filters, and a button. Shown to signed-in readers only; new matches then come as
//! notifications, and the account lists its saved searches in its notification settings.

use super::field::Field;
use super::form::{Form, Report, action};
use crate::api::{self, FieldError};
use crate::i18n::{M, use_i18n};
use crate::queries::{SaveSearch, UserErrorCode, save_search};
use crate::session;
use crate::values::{enum_value, given};
use leptos::prelude::*;

/// The most characters a saved search's name may have.
const NAME_MAX: usize = 120;

/// What a saved search keeps: where it looks (`DIRECTORY` or `BOARD`) and the page's filters,
/// as API codes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchFilters {
    pub scope: &'static str,
    pub text: String,
    pub voivodeships: Vec<String>,
    pub sectors: Vec<String>,
    pub kinds: Vec<String>,
    pub categories: Vec<String>,
    pub kkk_active: bool,
    pub esca_levels: Vec<String>,
}

impl SearchFilters {
    fn input(&self, name: String) -> save_search::SaveSearchInput {
        fn codes<T: serde::de::DeserializeOwned>(values: &[String]) -> Vec<T> {
            values.iter().filter_map(|v| enum_value(v)).collect()
        }
        save_search::SaveSearchInput {
            name,
            scope: enum_value(self.scope).unwrap_or(save_search::SearchScope::DIRECTORY),
            text: given(self.text.clone()),
            voivodeships: codes(&self.voivodeships),
            sectors: self.sectors.clone(),
            kinds: codes(&self.kinds),
            categories: codes(&self.categories),
            kkk_active: self.kkk_active,
            esca_levels: codes(&self.esca_levels),
        }
    }
}

/// A name for a search from the names of its filters (`parts`), or `all` when it has none;
/// at most as long as a name may be.
pub fn suggested_name(parts: Vec<String>, all: &str) -> String {
    let parts: Vec<String> = parts.into_iter().filter(|p| !p.trim().is_empty()).collect();
    let name = if parts.is_empty() {
        all.to_owned()
    } else {
        parts.join(", ")
    };
    name.chars().take(NAME_MAX).collect()
}

/// Too many saved searches is refused on `name` as OUT_OF_RANGE; it is worded as the account's
/// limit (`savedSearches`), not as the name's.
fn worded(mut errors: Vec<FieldError>) -> Vec<FieldError> {
    for e in errors
        .iter_mut()
        .filter(|e| e.field.ends_with("name") && e.code == UserErrorCode::OUT_OF_RANGE)
    {
        e.field = "savedSearches".to_owned();
    }
    errors
}

/// "Save this search": saves `filters` under a name, prefilled with `suggested` (and again
/// whenever the filters change).
#[component]
pub fn SaveSearchForm(filters: Signal<SearchFilters>, suggested: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let session = session::signal();
    let signed_in = Memo::new(move |_| session.with(Option::is_some));
    let name = RwSignal::new(String::new());
    let report = Report::new();
    Effect::new(move |_| {
        name.set(suggested.get());
        report.notice.set(None);
    });
    let save = action(move |_: &()| {
        let input = filters.get_untracked().input(name.get_untracked());
        async move {
            let answer = api::mutate::<SaveSearch>(save_search::Variables { input }).await?;
            Ok((answer.written, worded(answer.errors)))
        }
    });
    view! {
        <Show when=move || signed_in.get()>
            <details class="save-search" data-test="save-search">
                <summary>{move || i18n.t(M::SaveSearch)}</summary>
                <p class="meta">{move || i18n.t(M::SaveSearchHint)}</p>
                <Form action=save report submit=M::SaveSearch fields=&["name"] done=M::SearchSaved narrow=true test="save-search-form">
                    <Field name="name" label=M::SavedSearchName value=name errors=report.errors/>
                </Form>
            </details>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suggested_name_joins_the_filters_or_says_all() {
        assert_eq!(suggested_name(vec![], "Wszystko"), "Wszystko");
        assert_eq!(
            suggested_name(
                vec!["„odzysk”".into(), String::new(), "Śląskie".into()],
                "x"
            ),
            "„odzysk”, Śląskie"
        );
        assert_eq!(
            suggested_name(vec!["ą".repeat(200)], "x").chars().count(),
            NAME_MAX
        );
    }

    #[test]
    fn too_many_searches_is_worded_as_the_accounts_limit() {
        let errors = worded(vec![
            FieldError::new("name", UserErrorCode::OUT_OF_RANGE),
            FieldError::new("name", UserErrorCode::TOO_LONG),
        ]);
        assert_eq!(errors[0].field, "savedSearches");
        assert_eq!(errors[1].field, "name");
    }

    #[test]
    fn the_filters_are_sent_as_the_api_takes_them() {
        let filters = SearchFilters {
            scope: "BOARD",
            text: "  ".into(),
            voivodeships: vec!["SLASKIE".into(), "nonsense".into()],
            sectors: vec!["RECYCLING".into()],
            ..Default::default()
        };
        let input = filters.input("n".into());
        assert_eq!(input.text, None);
        assert_eq!(input.voivodeships.len(), 1);
        assert_eq!(input.sectors, vec!["RECYCLING".to_owned()]);
        assert!(matches!(input.scope, save_search::SearchScope::BOARD));
    }
}
