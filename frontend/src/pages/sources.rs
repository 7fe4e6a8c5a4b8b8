//! The registry's source documents (`/sources`): every document its facts come from, by code,
//! twenty a page, searched by code, title or publisher as one types (case and Polish
//! diacritics aside, as the API searches); each with its title, publisher, date and address.
//! The search and the page cursor live in the URL (`/sources?q=PARP`).

use crate::api;
use crate::components::{ErrorNote, Loading, ResultList, Source, SourceDetails, page_links, title};
use crate::i18n::{M, Noun, use_i18n};
use crate::queries::{SourceDirectory, source_directory};
use crate::url_state::url;
use crate::values::{given, items};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use serde_json::Value;

const PAGE_SIZE: i64 = 20;

/// The list's state as it stands in the URL's query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceQuery {
    pub text: String,
    pub after: Option<String>,
    pub before: Option<String>,
}

impl SourceQuery {
    /// Reads the state through a lookup of decoded query parameters.
    fn read(params: impl Fn(&str) -> Option<String>) -> SourceQuery {
        SourceQuery {
            text: params("q").unwrap_or_default(),
            after: params("after"),
            before: params("before"),
        }
    }

    /// The URL of this state (page cursors included).
    pub fn to_url(&self) -> String {
        url(
            "/sources",
            &[
                ("q", self.text.clone()),
                ("after", self.after.clone().unwrap_or_default()),
                ("before", self.before.clone().unwrap_or_default()),
            ],
        )
    }

    fn variables(&self) -> source_directory::Variables {
        let (first, last) = if self.before.is_some() {
            (None, Some(PAGE_SIZE))
        } else {
            (Some(PAGE_SIZE), None)
        };
        source_directory::Variables {
            text: given(self.text.clone()),
            first,
            after: self.after.clone(),
            last,
            before: self.before.clone(),
        }
    }
}

/// Every source document, searchable.
#[component]
pub fn SourcesPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::SourcesPageTitle).to_owned(),
        move || i18n.t(M::DescSources).to_owned(),
    );
    let params = use_query_map();
    let state = Memo::new(move |_| SourceQuery::read(|key| params.read().get(key)));
    let navigate = use_navigate();
    let results = LocalResource::new(move || {
        let variables = state.get().variables();
        async move { api::read::<SourceDirectory>(variables).await }
    });
    let on_search = move |ev| {
        let next = SourceQuery {
            text: event_target_value(&ev),
            ..Default::default()
        };
        navigate(
            &next.to_url(),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        )
    };
    view! {
        <h1>{move || i18n.t(M::SourcesPageTitle)}</h1>
        <p class="meta">{move || i18n.t(M::SourcesLead)}</p>
        <div class="search">
            <label for="source-search">{move || i18n.t(M::SearchSourcesLabel)}</label>
            <input id="source-search" type="search" data-test="source-search" autocomplete="off"
                placeholder=move || i18n.t(M::SearchSourcesPlaceholder)
                prop:value=move || state.get().text on:input=on_search/>
        </div>
        <section class="results" aria-live="polite">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(data) => view! { <Documents state data=data["sources"].clone()/> }.into_any(),
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// One page of documents, with their total and the links to the pages around it.
#[component]
fn Documents(state: Memo<SourceQuery>, data: Value) -> impl IntoView {
    let total = data["totalCount"].as_i64().unwrap_or(0);
    let current = state.get_untracked();
    let (previous, next) = page_links(&data["pageInfo"], |after, before| {
        SourceQuery {
            after,
            before,
            ..current.clone()
        }
        .to_url()
    });
    let documents: Vec<Source> = items(&data, "nodes")
        .iter()
        .filter_map(Source::of_json)
        .collect();
    let card = |source: Source| {
        let code = source.code.clone();
        view! {
            <li class="card source-card" data-test="source-card" data-code=code>
                <SourceDetails source/>
            </li>
        }
    };
    view! { <ResultList total noun=Noun::Document items=documents card previous next/> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, count};

    #[test]
    fn the_search_and_the_page_stand_in_the_url() {
        let state = SourceQuery {
            text: "Agencja Rozwoju".into(),
            after: Some("c=".into()),
            before: None,
        };
        assert_eq!(state.to_url(), "/sources?q=Agencja%20Rozwoju&after=c%3D");
        let read = SourceQuery::read(|key| match key {
            "q" => Some("Agencja Rozwoju".into()),
            "after" => Some("c=".into()),
            _ => None,
        });
        assert_eq!(read, state);
        assert_eq!(SourceQuery::default().to_url(), "/sources");
    }

    #[test]
    fn an_empty_search_asks_for_every_document_and_paging_back_for_the_last_ones() {
        let state = SourceQuery {
            text: "  ".into(),
            after: None,
            before: Some("b".into()),
        };
        let variables = state.variables();
        assert_eq!(variables.text, None);
        assert_eq!((variables.first, variables.last), (None, Some(PAGE_SIZE)));
    }

    #[test]
    fn documents_are_counted_in_each_language() {
        assert_eq!(count(Lang::Pl, 1, Noun::Document), "1 dokument");
        assert_eq!(count(Lang::Pl, 3, Noun::Document), "3 dokumenty");
        assert_eq!(count(Lang::Pl, 12, Noun::Document), "12 dokumentów");
        assert_eq!(count(Lang::En, 12, Noun::Document), "12 documents");
    }
}
