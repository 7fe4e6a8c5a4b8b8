//! The cluster directory: search as you type, facets with counts, the chosen filters as chips,
//! an order, pages, and the results as a CSV file; every filter and the order live in the URL,
//! so a shared link opens the same results. The state is `state`, the result cards and pager
//! `results`, the CSV `export`.

mod export;
mod results;
mod state;

use crate::api;
use crate::components::{
    AsOfPicker, ErrorNote, Loading, SaveSearchForm, suggested_name, title, use_as_of,
};
use crate::format::sector_name;
use crate::i18n::{M, label, use_i18n};
use crate::queries::{Directory, DirectoryOptions, directory, directory_options};
use crate::url_state::toggle;
use crate::values::{code, given, today};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use results::Results;
pub use state::DirectoryQuery;

/// Clusters per page of the directory.
pub const PAGE_SIZE: i64 = 20;

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
            let day = query.as_of.clone().unwrap_or_else(today);
            let (first, last) = if query.before.is_some() {
                (None, Some(PAGE_SIZE))
            } else {
                (Some(PAGE_SIZE), None)
            };
            api::run::<Directory>(directory::Variables {
                filter: query.filter(&day),
                order_by: Some(query.order()),
                first,
                after: query.after.clone(),
                last,
                before: query.before.clone(),
                on: query.as_of.clone(),
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
    let as_of = use_as_of();
    view! {
        <h1>{move || i18n.t(M::DirectoryTitle)}</h1>
        <div class="search">
            <label for="cluster-search">{move || i18n.t(M::SearchLabel)}</label>
            <input id="cluster-search" type="search" data-test="cluster-search" autocomplete="off"
                placeholder=move || i18n.t(M::SearchPlaceholder)
                prop:value=move || state.get().text on:input=on_search/>
        </div>
        <SaveSearchForm filters suggested/>
        // Below the search, which a keyboard reaches first.
        <AsOfPicker as_of/>
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
                <button type="button" class="link" on:click=move |_| clear_go(state.get_untracked().cleared())>
                    {move || i18n.t(M::ClearFilters)}
                </button>
                </details>
            </aside>
            <section class="results" aria-live="polite">
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        match results.await {
                            Ok(data) => {
                                let options = options.await.ok();
                                view! { <Results state data=data.clusters options/> }.into_any()
                            }
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
