//! The organisation directory (`/organisations`): search by name or city as you type, choose
//! kinds, voivodeships, sectors and clusters (with how many organisations each would hold, as
//! the API counts them), see the chosen filters as removable chips, twenty organisations a
//! page. Every filter and the page cursor live in the URL, so a shared link opens the same list.

use crate::api;
use crate::components::{
    ErrorNote, FacetGroup, FacetOption, FilterChips, Loading, ResultList, page_links, title,
};
use crate::format::sector_name;
use crate::i18n::{Lang, M, Noun, label, use_i18n};
use crate::queries::{
    DirectoryOptions, OrganisationDirectory, directory_options, organisation_directory,
};
use crate::url_state::{list, non_empty, toggle, url};
use crate::values::{ORGANISATION_KINDS, code, enum_value, given, items, text, text_at};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use serde_json::Value;

const PAGE_SIZE: i64 = 20;

/// The directory's state as it stands in the URL's query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrganisationQuery {
    pub text: String,
    pub kinds: Vec<String>,
    pub voivodeships: Vec<String>,
    pub sectors: Vec<String>,
    /// Members of these clusters (global IDs).
    pub clusters: Vec<String>,
    pub after: Option<String>,
    pub before: Option<String>,
}

impl OrganisationQuery {
    /// Reads the state through a lookup of decoded query parameters.
    fn read(params: impl Fn(&str) -> Option<String>) -> OrganisationQuery {
        OrganisationQuery {
            text: params("q").unwrap_or_default(),
            kinds: list(params("kind")),
            voivodeships: list(params("voivodeship")),
            sectors: list(params("sector")),
            clusters: list(params("cluster")),
            after: params("after"),
            before: params("before"),
        }
    }

    /// The URL of this state (page cursors included).
    pub fn to_url(&self) -> String {
        url(
            "/organisations",
            &[
                ("q", self.text.clone()),
                ("kind", self.kinds.join(",")),
                ("voivodeship", self.voivodeships.join(",")),
                ("sector", self.sectors.join(",")),
                ("cluster", self.clusters.join(",")),
                ("after", self.after.clone().unwrap_or_default()),
                ("before", self.before.clone().unwrap_or_default()),
            ],
        )
    }

    /// The same filters, back on the first page.
    pub fn first_page(mut self) -> OrganisationQuery {
        self.after = None;
        self.before = None;
        self
    }

    fn filter(&self) -> organisation_directory::OrganisationFilter {
        organisation_directory::OrganisationFilter {
            kinds: non_empty(self.kinds.iter().filter_map(|k| enum_value(k)).collect()),
            voivodeships: non_empty(
                self.voivodeships
                    .iter()
                    .filter_map(|v| enum_value(v))
                    .collect(),
            ),
            sectors: non_empty(self.sectors.clone()),
            text: given(self.text.clone()),
            nip: None,
            regon: None,
            krs: None,
            clusters: non_empty(self.clusters.clone()),
        }
    }

    fn variables(&self) -> organisation_directory::Variables {
        let (first, last) = if self.before.is_some() {
            (None, Some(PAGE_SIZE))
        } else {
            (Some(PAGE_SIZE), None)
        };
        organisation_directory::Variables {
            filter: self.filter(),
            first,
            after: self.after.clone(),
            last,
            before: self.before.clone(),
        }
    }
}

/// How many organisations each choice would hold, from the answer's `organisationFacets`
/// (which leaves out the choices that would hold none); None for a facet the answer lacks.
#[derive(Debug, Clone, Default)]
struct Counts {
    kinds: Option<Vec<(String, i64)>>,
    voivodeships: Option<Vec<(String, i64)>>,
    sectors: Option<Vec<(String, i64)>>,
    /// Each cluster's ID, name and count.
    clusters: Option<Vec<(String, String, i64)>>,
}

impl Counts {
    fn read(facets: &Value) -> Counts {
        let counted = |key: &str, value: &dyn Fn(&Value) -> String| {
            facets[key].as_array().map(|all| {
                all.iter()
                    .map(|f| (value(f), f["count"].as_i64().unwrap_or(0)))
                    .collect::<Vec<_>>()
            })
        };
        Counts {
            kinds: counted("kinds", &|f| text(f, "kind")),
            voivodeships: counted("voivodeships", &|f| text(&f["voivodeship"], "code")),
            sectors: counted("sectors", &|f| text(&f["sector"], "code")),
            clusters: facets["clusters"].as_array().map(|all| {
                all.iter()
                    .filter(|f| f["cluster"].is_object())
                    .map(|f| {
                        (
                            text(&f["cluster"], "id"),
                            text(&f["cluster"], "name"),
                            f["count"].as_i64().unwrap_or(0),
                        )
                    })
                    .collect()
            }),
        }
    }
}

/// The count of `key` in a counted facet (0 when left out); None when it is not counted.
fn count_of(counts: &Option<Vec<(String, i64)>>, key: &str) -> Option<i64> {
    counts
        .as_ref()
        .map(|all| all.iter().find(|(k, _)| k == key).map_or(0, |(_, n)| *n))
}

/// The organisation directory.
#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::OrganisationsTitle).to_owned(),
        move || i18n.t(M::DescOrganisations).to_owned(),
    );
    let params = use_query_map();
    let state = Memo::new(move |_| OrganisationQuery::read(|key| params.read().get(key)));
    let navigate = use_navigate();
    let results = LocalResource::new(move || {
        let variables = state.get().variables();
        async move { api::read::<OrganisationDirectory>(variables).await }
    });
    let options =
        LocalResource::new(|| api::run::<DirectoryOptions>(directory_options::Variables {}));
    let on_search = move |ev| {
        let mut next = state.get_untracked().first_page();
        next.text = event_target_value(&ev);
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
        <h1>{move || i18n.t(M::OrganisationsTitle)}</h1>
        <div class="search">
            <label for="organisation-search">{move || i18n.t(M::SearchOrganisationsLabel)}</label>
            <input id="organisation-search" type="search" data-test="organisation-search" autocomplete="off"
                placeholder=move || i18n.t(M::SearchOrganisationsPlaceholder)
                prop:value=move || state.get().text on:input=on_search/>
        </div>
        <div class="directory">
            <aside class="facets" aria-label=move || i18n.t(M::Filters)>
                <details open=wide_screen()>
                    <summary>{move || i18n.t(M::Filters)}</summary>
                    <Transition fallback=Loading>
                        {move || {
                            // Read here, outside the future, so that a change redraws the choices.
                            let (current, lang) = (state.get(), i18n.lang());
                            Suspend::new(async move {
                                let counts = results.await.ok().map(|r| Counts::read(&r["organisationFacets"])).unwrap_or_default();
                                options.await.ok().map(|o| facets(lang, &current, &counts, &o))
                            })
                        }}
                    </Transition>
                </details>
            </aside>
            <section class="results" aria-live="polite">
                <Transition fallback=Loading>
                    {move || {
                        let (current, lang) = (state.get(), i18n.lang());
                        Suspend::new(async move {
                            let options = options.await.ok();
                            match results.await {
                                Ok(data) => {
                                    let counts = Counts::read(&data["organisationFacets"]);
                                    let chips = chips(lang, &current, &counts, options.as_ref());
                                    let clear = OrganisationQuery::default().to_url();
                                    view! {
                                        <FilterChips chips clear/>
                                        <Organisations state data=data["organisations"].clone()/>
                                    }.into_any()
                                }
                                Err(error) => view! { <ErrorNote error/> }.into_any(),
                            }
                        })
                    }}
                </Transition>
            </section>
        </div>
    }
}

/// Whether the window is wide enough to show the filters beside the results.
fn wide_screen() -> bool {
    window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= 832.0)
}

/// The choices of each facet with their counts; of the sectors and clusters, only those holding
/// an organisation (or chosen) once they are counted.
fn facets(
    lang: Lang,
    current: &OrganisationQuery,
    counts: &Counts,
    options: &directory_options::ResponseData,
) -> impl IntoView + use<> {
    let option = |key: String,
                  text: String,
                  count: Option<i64>,
                  chosen: &Vec<String>,
                  set: fn(&mut OrganisationQuery, Vec<String>)| {
        let mut next = current.clone().first_page();
        set(&mut next, toggle(chosen, &key));
        FacetOption {
            checked: chosen.contains(&key),
            key,
            text,
            count,
            next: next.to_url(),
        }
    };
    let kinds = ORGANISATION_KINDS
        .iter()
        .map(|kind| {
            option(
                (*kind).to_owned(),
                label(lang, kind),
                count_of(&counts.kinds, kind),
                &current.kinds,
                |q, v| q.kinds = v,
            )
        })
        .collect();
    let voivodeships = options
        .voivodeships
        .iter()
        .map(|v| {
            let key = code(&v.code);
            let n = count_of(&counts.voivodeships, &key);
            option(key, v.name.clone(), n, &current.voivodeships, |q, v| {
                q.voivodeships = v
            })
        })
        .collect();
    let sectors = options
        .sectors
        .iter()
        .map(|s| (s, count_of(&counts.sectors, &s.code)))
        .filter(|(s, n)| n.is_none_or(|n| n > 0) || current.sectors.contains(&s.code))
        .map(|(s, n)| {
            option(
                s.code.clone(),
                sector_name(lang, &s.name_pl, &s.name_en),
                n,
                &current.sectors,
                |q, v| q.sectors = v,
            )
        })
        .collect();
    let clusters = counts.clusters.as_ref().map(|all| {
        all.iter()
            .filter(|(id, _, n)| *n > 0 || current.clusters.contains(id))
            .map(|(id, name, n)| {
                option(
                    id.clone(),
                    name.clone(),
                    Some(*n),
                    &current.clusters,
                    |q, v| q.clusters = v,
                )
            })
            .collect::<Vec<_>>()
    });
    view! {
        <FacetGroup legend=M::Kind group="kind" options=kinds/>
        <FacetGroup legend=M::FacetVoivodeship group="voivodeship" options=voivodeships/>
        <FacetGroup legend=M::FacetSector group="sector" options=sectors/>
        {clusters.map(|options| view! { <FacetGroup legend=M::Cluster group="cluster" options/> })}
    }
}

/// The chosen filters by name, each with the URL that drops it.
fn chips(
    lang: Lang,
    current: &OrganisationQuery,
    counts: &Counts,
    options: Option<&directory_options::ResponseData>,
) -> Vec<(String, String)> {
    let mut chips = Vec::new();
    if let Some(text) = given(current.text.clone()) {
        let mut next = current.clone().first_page();
        next.text = String::new();
        chips.push((format!("„{text}”"), next.to_url()));
    }
    let mut push = |name: String, next: OrganisationQuery| chips.push((name, next.to_url()));
    for k in &current.kinds {
        let mut next = current.clone().first_page();
        next.kinds = toggle(&current.kinds, k);
        push(label(lang, k), next);
    }
    for v in &current.voivodeships {
        let name = options
            .and_then(|o| o.voivodeships.iter().find(|o| code(&o.code) == *v))
            .map_or_else(|| v.clone(), |o| o.name.clone());
        let mut next = current.clone().first_page();
        next.voivodeships = toggle(&current.voivodeships, v);
        push(name, next);
    }
    for s in &current.sectors {
        let name = options
            .and_then(|o| o.sectors.iter().find(|o| o.code == *s))
            .map_or_else(|| s.clone(), |o| sector_name(lang, &o.name_pl, &o.name_en));
        let mut next = current.clone().first_page();
        next.sectors = toggle(&current.sectors, s);
        push(name, next);
    }
    for c in &current.clusters {
        let name = counts
            .clusters
            .iter()
            .flatten()
            .find(|(id, _, _)| id == c)
            .map_or_else(
                || M::Cluster.text(lang).to_owned(),
                |(_, name, _)| name.clone(),
            );
        let mut next = current.clone().first_page();
        next.clusters = toggle(&current.clusters, c);
        push(name, next);
    }
    chips
}

/// One page of organisations, with their total and the links to the pages around it.
#[component]
fn Organisations(state: Memo<OrganisationQuery>, data: Value) -> impl IntoView {
    let i18n = use_i18n();
    let total = data["totalCount"].as_i64().unwrap_or(0);
    let current = state.get_untracked();
    let (previous, next) = page_links(&data["pageInfo"], |after, before| {
        OrganisationQuery {
            after,
            before,
            ..current.clone()
        }
        .to_url()
    });
    let nodes = items(&data, "nodes").to_vec();
    let card = move |organisation: Value| {
        let href = format!("/organisations/{}", text(&organisation, "id"));
        let kind = text_at(&organisation, "kind");
        let place = [
            text_at(&organisation, "city"),
            text_at(&organisation["voivodeship"], "name"),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        view! {
            <li class="card" data-test="organisation-card">
                <h2><A href=href>{text(&organisation, "name")}</A></h2>
                <p class="meta dotted">
                    {kind.map(|k| view! { <span>{move || label(i18n.lang(), &k)}</span> })}
                    {(!place.is_empty()).then(|| view! { <span>{place}</span> })}
                </p>
            </li>
        }
    };
    view! { <ResultList total noun=Noun::Organisation items=nodes card previous next/> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::count;

    fn read(pairs: &[(&str, &str)]) -> OrganisationQuery {
        OrganisationQuery::read(|key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn the_url_holds_every_filter_and_reads_back_the_same() {
        let state = OrganisationQuery {
            text: "politechnika śląska".into(),
            kinds: vec!["UNIVERSITY".into(), "NGO".into()],
            voivodeships: vec!["SLASKIE".into()],
            sectors: vec!["digital".into()],
            clusters: vec!["Q2x1c3Rlcjox".into()],
            after: None,
            before: Some("b=".into()),
        };
        assert_eq!(
            state.to_url(),
            "/organisations?q=politechnika%20%C5%9Bl%C4%85ska&kind=UNIVERSITY%2CNGO&voivodeship=SLASKIE&sector=digital&cluster=Q2x1c3Rlcjox&before=b%3D"
        );
        let read = read(&[
            ("q", "politechnika śląska"),
            ("kind", "UNIVERSITY,NGO"),
            ("voivodeship", "SLASKIE"),
            ("sector", "digital"),
            ("cluster", "Q2x1c3Rlcjox"),
            ("before", "b="),
        ]);
        assert_eq!(read, state);
        assert_eq!(state.first_page().before, None);
        assert_eq!(OrganisationQuery::default().to_url(), "/organisations");
    }

    #[test]
    fn unknown_kinds_are_not_sent_and_paging_back_asks_for_the_last_ones() {
        let state = read(&[("kind", "UNIVERSITY,bogus"), ("q", "  "), ("before", "c")]);
        let variables = state.variables();
        assert_eq!(variables.filter.kinds.map(|k| k.len()), Some(1));
        assert_eq!(variables.filter.text, None);
        assert_eq!((variables.first, variables.last), (None, Some(PAGE_SIZE)));
    }

    #[test]
    fn organisations_are_counted_in_each_language() {
        assert_eq!(count(Lang::Pl, 1, Noun::Organisation), "1 organizacja");
        assert_eq!(count(Lang::Pl, 24, Noun::Organisation), "24 organizacje");
        assert_eq!(count(Lang::Pl, 26, Noun::Organisation), "26 organizacji");
        assert_eq!(count(Lang::En, 26, Noun::Organisation), "26 organisations");
    }

    #[test]
    fn facet_counts_are_read_when_the_api_gives_them() {
        let counts = Counts::read(&serde_json::json!({
            "kinds": [{"kind": "UNIVERSITY", "count": 3}],
            "voivodeships": [{"voivodeship": {"code": "SLASKIE"}, "count": 2}],
        }));
        assert_eq!(count_of(&counts.kinds, "UNIVERSITY"), Some(3));
        assert_eq!(count_of(&counts.kinds, "NGO"), Some(0));
        assert_eq!(count_of(&counts.sectors, "digital"), None);
        assert!(counts.clusters.is_none());
        let none = Counts::read(&Value::Null);
        assert_eq!(count_of(&none.kinds, "UNIVERSITY"), None);
    }
}
