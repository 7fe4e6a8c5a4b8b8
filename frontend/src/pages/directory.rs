//! The cluster directory: search as you type, facets with counts, pages; every filter lives in
//! the URL, so a shared link opens the same results.

use crate::api;
use crate::components::{
    ErrorNote, Loading, SaveSearchForm, SearchFilters, StatusBadge, suggested_name, title,
};
use crate::format::sector_name;
use crate::i18n::{M, Noun, count, label, use_i18n};
use crate::queries::{Directory, DirectoryOptions, directory, directory_options};
use crate::url_state::{encode, list, non_empty, toggle};
use crate::values::{code, enum_value, given, today};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;

const PAGE_SIZE: i64 = 20;

/// The directory's state as it stands in the URL's query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DirectoryQuery {
    pub text: String,
    pub voivodeships: Vec<String>,
    pub sectors: Vec<String>,
    pub kkk_active: bool,
    pub rounds: Vec<i64>,
    pub esca: Vec<String>,
    pub after: Option<String>,
    pub before: Option<String>,
}

impl DirectoryQuery {
    /// Reads the state from URL query parameters; unknown values are kept and ignored later.
    pub fn from_params(params: &ParamsMap) -> DirectoryQuery {
        DirectoryQuery::read(|key| params.get(key))
    }

    /// Reads the state through a lookup of decoded query parameters.
    fn read(params: impl Fn(&str) -> Option<String>) -> DirectoryQuery {
        DirectoryQuery {
            text: params("q").unwrap_or_default(),
            voivodeships: list(params("voivodeship")),
            sectors: list(params("sector")),
            kkk_active: params("kkk").as_deref() == Some("active"),
            rounds: list(params("round"))
                .iter()
                .filter_map(|r| r.parse().ok())
                .collect(),
            esca: list(params("esca")),
            after: params("after"),
            before: params("before"),
        }
    }

    /// The URL of this state (page cursors included).
    pub fn to_url(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut push = |key: &str, value: String| {
            if !value.is_empty() {
                parts.push(format!("{key}={}", encode(&value)));
            }
        };
        push("q", self.text.clone());
        push("voivodeship", self.voivodeships.join(","));
        push("sector", self.sectors.join(","));
        if self.kkk_active {
            push("kkk", "active".into());
        }
        push(
            "round",
            self.rounds
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(","),
        );
        push("esca", self.esca.join(","));
        push("after", self.after.clone().unwrap_or_default());
        push("before", self.before.clone().unwrap_or_default());
        if parts.is_empty() {
            "/clusters".to_owned()
        } else {
            format!("/clusters?{}", parts.join("&"))
        }
    }

    /// The same filters, back on the first page.
    pub fn first_page(mut self) -> DirectoryQuery {
        self.after = None;
        self.before = None;
        self
    }

    /// The filters as a saved search of the directory keeps them (KKK rounds it does not).
    fn search_filters(&self) -> SearchFilters {
        SearchFilters {
            scope: "DIRECTORY",
            text: self.text.clone(),
            voivodeships: self.voivodeships.clone(),
            sectors: self.sectors.clone(),
            kkk_active: self.kkk_active,
            esca_levels: self.esca.clone(),
            ..Default::default()
        }
    }

    fn filter(&self, day: &str) -> directory::ClusterFilter {
        directory::ClusterFilter {
            voivodeships: non_empty(
                self.voivodeships
                    .iter()
                    .filter_map(|v| enum_value(v))
                    .collect(),
            ),
            sectors: non_empty(self.sectors.clone()),
            kkk_active_on: self.kkk_active.then(|| day.to_owned()),
            kkk_rounds: non_empty(self.rounds.clone()),
            esca_levels: non_empty(self.esca.iter().filter_map(|v| enum_value(v)).collect()),
            esca_held_on: None,
            text: given(self.text.clone()),
        }
    }
}

/// Whether the window is wide enough to show the facets beside the results.
fn wide_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= 832.0)
}

/// The directory page.
#[component]
pub fn DirectoryPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::DirectoryTitle).to_owned(),
        move || i18n.t(M::DescDirectory).to_owned(),
    );
    let params = use_query_map();
    let state = Memo::new(move |_| DirectoryQuery::from_params(&params.read()));
    let navigate = use_navigate();
    let go = move |next: DirectoryQuery| {
        navigate(
            &next.to_url(),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        )
    };
    let results = LocalResource::new(move || {
        let query = state.get();
        async move {
            let day = today();
            let (first, last) = if query.before.is_some() {
                (None, Some(PAGE_SIZE))
            } else {
                (Some(PAGE_SIZE), None)
            };
            api::run::<Directory>(directory::Variables {
                filter: query.filter(&day),
                first,
                after: query.after.clone(),
                last,
                before: query.before.clone(),
            })
            .await
        }
    });
    let options =
        LocalResource::new(|| api::run::<DirectoryOptions>(directory_options::Variables {}));

    let search_go = go.clone();
    let on_search = move |ev| {
        let mut next = state.get_untracked().first_page();
        next.text = event_target_value(&ev);
        search_go(next);
    };
    let clear_go = go.clone();
    // A name for the search from its filters' names, in the reader's language.
    let suggested = Signal::derive(move || {
        let query = state.get();
        let lang = i18n.lang();
        let options = options.get().and_then(Result::ok);
        let mut parts = vec![
            given(query.text.clone())
                .map(|t| format!("„{t}”"))
                .unwrap_or_default(),
        ];
        for v in &query.voivodeships {
            let known = options
                .as_ref()
                .and_then(|o| o.voivodeships.iter().find(|o| code(&o.code) == *v));
            parts.push(known.map_or_else(|| v.clone(), |o| o.name.clone()));
        }
        for s in &query.sectors {
            let known = options
                .as_ref()
                .and_then(|o| o.sectors.iter().find(|o| o.code == *s));
            parts.push(
                known.map_or_else(|| s.clone(), |o| sector_name(lang, &o.name_pl, &o.name_en)),
            );
        }
        if query.kkk_active {
            parts.push(M::FacetKkkActive.text(lang).to_owned());
        }
        parts.extend(
            query
                .esca
                .iter()
                .map(|level| format!("ESCA {}", label(lang, level))),
        );
        suggested_name(parts, M::AllClustersSearch.text(lang))
    });
    let filters = Signal::derive(move || state.get().search_filters());
    view! {
        <h1>{move || i18n.t(M::DirectoryTitle)}</h1>
        <div class="search">
            <label for="cluster-search">{move || i18n.t(M::SearchLabel)}</label>
            <input id="cluster-search" type="search" data-test="cluster-search" autocomplete="off"
                placeholder=move || i18n.t(M::SearchPlaceholder)
                prop:value=move || state.get().text on:input=on_search/>
        </div>
        <SaveSearchForm filters suggested/>
        <div class="directory">
            <aside class="facets" aria-label=move || i18n.t(M::Filters)>
                // Open beside the results on wide screens; on a phone a tap away, results first.
                <details open=wide_screen()>
                <summary>{move || i18n.t(M::Filters)}</summary>
                <Transition fallback=Loading>
                    {move || {
                        let go = go.clone();
                        Suspend::new(async move {
                            let facets = results.await.ok().map(|r| r.cluster_facets);
                            let options = options.await.ok();
                            view! { <Facets state facets options go/> }
                        })
                    }}
                </Transition>
                <button type="button" class="link" on:click=move |_| clear_go(DirectoryQuery::default())>
                    {move || i18n.t(M::ClearFilters)}
                </button>
                </details>
            </aside>
            <section class="results" aria-live="polite">
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        match results.await {
                            Ok(data) => view! { <Results state data=data.clusters/> }.into_any(),
                            Err(error) => view! { <ErrorNote error/> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </div>
    }
}

#[component]
fn Facets<G>(
    state: Memo<DirectoryQuery>,
    facets: Option<directory::DirectoryClusterFacets>,
    options: Option<directory_options::ResponseData>,
    go: G,
) -> impl IntoView
where
    G: Fn(DirectoryQuery) + Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let Some(facets) = facets else {
        return ().into_any();
    };
    let options = options.unwrap_or(directory_options::ResponseData {
        voivodeships: vec![],
        sectors: vec![],
        kkk_rounds: vec![],
    });
    let current = state.get_untracked();
    let count_of = |counts: &[(String, i64)], key: &str| {
        counts
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, c)| *c)
            .unwrap_or(0)
    };
    let voivodeship_counts: Vec<(String, i64)> = facets
        .voivodeships
        .iter()
        .map(|f| (code(&f.voivodeship.code), f.count))
        .collect();
    let sector_counts: Vec<(String, i64)> = facets
        .sectors
        .iter()
        .map(|f| (f.sector.code.clone(), f.count))
        .collect();
    let round_counts: Vec<(String, i64)> = facets
        .kkk_rounds
        .iter()
        .map(|f| (f.round.to_string(), f.count))
        .collect();
    let esca_counts: Vec<(String, i64)> = facets
        .esca_levels
        .iter()
        .map(|f| (code(&f.level), f.count))
        .collect();

    let check = |group: &'static str,
                 key: String,
                 text: String,
                 count: i64,
                 checked: bool,
                 next: DirectoryQuery,
                 go: G| {
        let id = format!("facet-{group}-{key}");
        view! {
            <li class:empty=count == 0>
                <input type="checkbox" id=id.clone() prop:checked=checked
                    on:change=move |_| go(next.clone())/>
                <label for=id>{text}" "<span class="count">"("{count}")"</span></label>
            </li>
        }
    };
    let voivodeships = options
        .voivodeships
        .iter()
        .map(|v| {
            let key = code(&v.code);
            let mut next = current.clone().first_page();
            next.voivodeships = toggle(&current.voivodeships, &key);
            check(
                "voivodeship",
                key.clone(),
                v.name.clone(),
                count_of(&voivodeship_counts, &key),
                current.voivodeships.contains(&key),
                next,
                go.clone(),
            )
        })
        .collect_view();
    let lang = i18n.lang();
    let sectors = options
        .sectors
        .iter()
        .filter(|s| count_of(&sector_counts, &s.code) > 0 || current.sectors.contains(&s.code))
        .map(|s| {
            let mut next = current.clone().first_page();
            next.sectors = toggle(&current.sectors, &s.code);
            check(
                "sector",
                s.code.clone(),
                sector_name(lang, &s.name_pl, &s.name_en),
                count_of(&sector_counts, &s.code),
                current.sectors.contains(&s.code),
                next,
                go.clone(),
            )
        })
        .collect_view();
    let rounds = options
        .kkk_rounds
        .iter()
        .map(|r| {
            let mut next = current.clone().first_page();
            next.rounds = toggle(&current.rounds, &r.number);
            check(
                "round",
                r.number.to_string(),
                r.name.clone(),
                count_of(&round_counts, &r.number.to_string()),
                current.rounds.contains(&r.number),
                next,
                go.clone(),
            )
        })
        .collect_view();
    let esca = ["BRONZE", "SILVER", "GOLD"]
        .into_iter()
        .map(|level| {
            let key = level.to_owned();
            let mut next = current.clone().first_page();
            next.esca = toggle(&current.esca, &key);
            check(
                "esca",
                key.clone(),
                label(lang, level),
                count_of(&esca_counts, level),
                current.esca.contains(&key),
                next,
                go.clone(),
            )
        })
        .collect_view();
    let mut kkk_next = current.clone().first_page();
    kkk_next.kkk_active = !current.kkk_active;
    let kkk = check(
        "kkk",
        "active".into(),
        i18n.t(M::FacetKkkActive).to_owned(),
        facets.kkk_active,
        current.kkk_active,
        kkk_next,
        go.clone(),
    );
    view! {
        <fieldset><legend>{i18n.t(M::FacetKkk)}</legend><ul>{kkk}</ul></fieldset>
        <fieldset><legend>{i18n.t(M::FacetRound)}</legend><ul>{rounds}</ul></fieldset>
        <fieldset><legend>{i18n.t(M::FacetEsca)}</legend><ul>{esca}</ul></fieldset>
        <fieldset data-test="facet-voivodeship"><legend>{i18n.t(M::FacetVoivodeship)}</legend><ul>{voivodeships}</ul></fieldset>
        <fieldset><legend>{i18n.t(M::FacetSector)}</legend><ul>{sectors}</ul></fieldset>
    }
    .into_any()
}

#[component]
fn Results(state: Memo<DirectoryQuery>, data: directory::DirectoryClusters) -> impl IntoView {
    let i18n = use_i18n();
    let total = data.total_count;
    let page = data.page_info;
    let current = state.get_untracked();
    let previous = page.has_previous_page.then(|| {
        let mut q = current.clone().first_page();
        q.before = page.start_cursor.clone();
        q.to_url()
    });
    let next = page.has_next_page.then(|| {
        let mut q = current.clone().first_page();
        q.after = page.end_cursor.clone();
        q.to_url()
    });
    // Going back from the first page: `before` answers hasPreviousPage only for what precedes.
    let previous = if current.after.is_some() || current.before.is_some() {
        previous.or_else(|| Some(current.clone().first_page().to_url()))
    } else {
        None
    };
    let empty = data.nodes.is_empty();
    let cards = data
        .nodes
        .into_iter()
        .map(|cluster| {
            let href = format!("/clusters/{}", cluster.slug);
            let place = [cluster.city.clone(), cluster.voivodeship.as_ref().map(|v| v.name.clone())]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            let kkk = cluster.kkk_status.as_ref().map(code);
            let labels = cluster.esca_labels.iter().filter(|l| code(&l.status) == "ACTIVE").map(|l| code(&l.level)).collect::<Vec<_>>();
            let members = cluster.members.total_count;
            view! {
                <li class="card" data-test="cluster-card">
                    <h2><A href=href>{cluster.name.clone()}</A></h2>
                    <p class="meta dotted">
                        {cluster.acronym.clone().map(|a| view! { <span class="acronym">{a}</span> })}
                        {(!place.is_empty()).then(|| view! { <span>{place}</span> })}
                        <span>{move || count(i18n.lang(), members, Noun::Member)}</span>
                    </p>
                    <p class="badges">
                        {kkk.map(|status| view! { <span class="badge-label">"KKK"</span><StatusBadge status/> })}
                        {labels.into_iter().map(|level| { let class = format!("esca esca-{}", level.to_lowercase()); view! { <span class=class>{move || format!("ESCA {}", label(i18n.lang(), &level))}</span> } }).collect_view()}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="total" data-test="total">{move || format!("{}: {}", i18n.t(M::Results), count(i18n.lang(), total, Noun::MatchingCluster))}</p>
        {empty.then(|| view! { <p class="empty">{move || i18n.t(M::NothingFound)}</p> })}
        <ul class="cards">{cards}</ul>
        <nav class="pager" aria-label="pages">
            {previous.map(|href| view! { <A href=href>{move || i18n.t(M::PreviousPage)}</A> })}
            {next.map(|href| view! { <A href=href attr:data-test="next-page">{move || i18n.t(M::NextPage)}</A> })}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> DirectoryQuery {
        DirectoryQuery::read(|key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn the_url_holds_every_filter_and_reads_back_the_same() {
        let state = DirectoryQuery {
            text: "śląski klaster".into(),
            voivodeships: vec!["SLASKIE".into(), "OPOLSKIE".into()],
            sectors: vec!["digital".into()],
            kkk_active: true,
            rounds: vec![5, 6],
            esca: vec!["GOLD".into()],
            after: Some("abc=".into()),
            before: None,
        };
        let url = state.to_url();
        assert_eq!(
            url,
            "/clusters?q=%C5%9Bl%C4%85ski%20klaster&voivodeship=SLASKIE%2COPOLSKIE&sector=digital&kkk=active&round=5%2C6&esca=GOLD&after=abc%3D"
        );
        let read = read(&[
            ("q", "śląski klaster"),
            ("voivodeship", "SLASKIE,OPOLSKIE"),
            ("sector", "digital"),
            ("kkk", "active"),
            ("round", "5,6"),
            ("esca", "GOLD"),
            ("after", "abc="),
        ]);
        assert_eq!(read, state);
    }

    #[test]
    fn no_filters_is_the_bare_directory_and_changing_a_filter_returns_to_page_one() {
        assert_eq!(DirectoryQuery::default().to_url(), "/clusters");
        let paged = DirectoryQuery {
            after: Some("x".into()),
            ..Default::default()
        };
        assert_eq!(paged.first_page().to_url(), "/clusters");
    }

    #[test]
    fn unreadable_rounds_are_ignored_and_facet_toggles_add_or_remove() {
        let read = read(&[("round", "5,x,,6")]);
        assert_eq!(read.rounds, vec![5, 6]);
        assert_eq!(toggle(&["A".to_string()], &"B".to_string()), vec!["A", "B"]);
        assert_eq!(
            toggle(&["A".to_string(), "B".to_string()], &"A".to_string()),
            vec!["B"]
        );
    }
}
