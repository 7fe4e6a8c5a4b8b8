//! The registry's calendar of events (`/events`): what is coming (not over before today,
//! soonest first) or what has been (started by yesterday, latest first), by the holding
//! cluster's voivodeship, sector or the cluster itself (`cluster_filter`), twenty at a time. Each event shows its dates as precisely
//! as they are known, where it is held and the cluster holding it. The tab, the filters and
//! the page cursor live in the URL; the registry's iCalendar feed is linked below.

use crate::api;
use crate::components::{
    CalendarFeed, ErrorNote, FacetGroup, FacetOption, FilterChips, Loading, ResultList, page_links,
    title,
};
use crate::format::{excerpt, period, sector_name};
use crate::i18n::{Lang, M, Noun, use_i18n};
use crate::queries::{DirectoryOptions, EventsCalendar, directory_options, events_calendar};
use crate::url_state::{list, non_empty, toggle, url};
use crate::values::{code, enum_value, items, text, text_at, today, yesterday};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use serde_json::Value;

mod cluster_filter;

use cluster_filter::{ClusterFilter, cluster_names, name_of};

const PAGE_SIZE: i64 = 20;

/// The calendar's state as it stands in the URL's query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CalendarQuery {
    /// The past events rather than the upcoming ones (`when=past`).
    pub past: bool,
    pub voivodeships: Vec<String>,
    pub sectors: Vec<String>,
    /// Held by one of these clusters (global IDs).
    pub clusters: Vec<String>,
    pub after: Option<String>,
    pub before: Option<String>,
}

impl CalendarQuery {
    /// Reads the state through a lookup of decoded query parameters.
    fn read(params: impl Fn(&str) -> Option<String>) -> CalendarQuery {
        CalendarQuery {
            past: params("when").as_deref() == Some("past"),
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
            "/events",
            &[
                ("when", if self.past { "past" } else { "" }.to_owned()),
                ("voivodeship", self.voivodeships.join(",")),
                ("sector", self.sectors.join(",")),
                ("cluster", self.clusters.join(",")),
                ("after", self.after.clone().unwrap_or_default()),
                ("before", self.before.clone().unwrap_or_default()),
            ],
        )
    }

    /// The same filters, back on the first page.
    pub fn first_page(mut self) -> CalendarQuery {
        self.after = None;
        self.before = None;
        self
    }

    /// The same filters on the first page of the upcoming or the past events.
    fn tab(&self, past: bool) -> CalendarQuery {
        CalendarQuery {
            past,
            ..self.clone().first_page()
        }
    }

    /// The query's variables: upcoming from `today`, past until `yesterday`.
    fn variables(&self, today: String, yesterday: String) -> events_calendar::Variables {
        let (from, until, order) = if self.past {
            (
                None,
                Some(yesterday),
                events_calendar::CalendarOrder::LATEST_FIRST,
            )
        } else {
            (
                Some(today),
                None,
                events_calendar::CalendarOrder::SOONEST_FIRST,
            )
        };
        let (first, last) = if self.before.is_some() {
            (None, Some(PAGE_SIZE))
        } else {
            (Some(PAGE_SIZE), None)
        };
        events_calendar::Variables {
            filter: events_calendar::CalendarFilter {
                from,
                until,
                clusters: non_empty(self.clusters.clone()),
                voivodeships: non_empty(
                    self.voivodeships
                        .iter()
                        .filter_map(|v| enum_value(v))
                        .collect(),
                ),
                sectors: non_empty(self.sectors.clone()),
            },
            order,
            first,
            after: self.after.clone(),
            last,
            before: self.before.clone(),
        }
    }
}

/// The events calendar.
#[component]
pub fn EventsPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::EventsTitle).to_owned(),
        move || i18n.t(M::DescEvents).to_owned(),
    );
    let params = use_query_map();
    let state = Memo::new(move |_| CalendarQuery::read(|key| params.read().get(key)));
    let results = LocalResource::new(move || {
        let variables = state.get().variables(today(), yesterday());
        async move { api::read::<EventsCalendar>(variables).await }
    });
    let options =
        LocalResource::new(|| api::run::<DirectoryOptions>(directory_options::Variables {}));
    let clusters = LocalResource::new(cluster_names);
    let tab = move |past: bool, message: M| {
        let current = move || state.get().past == past;
        view! {
            <a href=move || state.get().tab(past).to_url()
                aria-current=move || current().then_some("page")
                data-test=if past { "tab-past" } else { "tab-upcoming" }>
                {move || i18n.t(message)}
            </a>
        }
    };
    view! {
        <h1>{move || i18n.t(M::EventsTitle)}</h1>
        <p class="meta">{move || i18n.t(M::EventsLead)}</p>
        <nav class="tabs" aria-label=move || i18n.t(M::EventsWhen)>
            {tab(false, M::EventsUpcoming)}
            {tab(true, M::EventsPast)}
        </nav>
        <div class="directory">
            <aside class="facets" aria-label=move || i18n.t(M::Filters)>
                <details open=wide_screen()>
                    <summary>{move || i18n.t(M::Filters)}</summary>
                    <Transition fallback=Loading>
                        {move || {
                            // Read here, outside the future, so that a change redraws the choices.
                            let (current, lang) = (state.get(), i18n.lang());
                            Suspend::new(async move {
                                let names = clusters.await.unwrap_or_default();
                                let chosen = current.clone();
                                options.await.ok().map(|o| view! {
                                    {facets(lang, &current, &o)}
                                    <ClusterFilter current=chosen clusters=names/>
                                })
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
                        let names = clusters.await.unwrap_or_default();
                        let chips = chips(lang, &current, options.as_ref(), &names);
                        let clear = CalendarQuery { past: current.past, ..Default::default() }.to_url();
                        match results.await {
                            Ok(data) => view! {
                                <FilterChips chips clear/>
                                <Events state data=data["events"].clone()/>
                            }.into_any(),
                            Err(error) => view! { <ErrorNote error/> }.into_any(),
                        }
                        })
                    }}
                </Transition>
            </section>
        </div>
        <section>
            <h2>{move || i18n.t(M::CalendarFeedTitle)}</h2>
            <CalendarFeed path="/calendar.ics".to_owned() whose=M::CalendarFeedRegistry/>
        </section>
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

/// The voivodeship and sector choices (the API does not count events per choice).
fn facets(
    lang: Lang,
    current: &CalendarQuery,
    options: &directory_options::ResponseData,
) -> impl IntoView + use<> {
    let voivodeships = options
        .voivodeships
        .iter()
        .map(|v| {
            let key = code(&v.code);
            let mut next = current.clone().first_page();
            next.voivodeships = toggle(&current.voivodeships, &key);
            FacetOption {
                checked: current.voivodeships.contains(&key),
                key,
                text: v.name.clone(),
                count: None,
                next: next.to_url(),
            }
        })
        .collect();
    let sectors = options
        .sectors
        .iter()
        .map(|s| {
            let mut next = current.clone().first_page();
            next.sectors = toggle(&current.sectors, &s.code);
            FacetOption {
                key: s.code.clone(),
                text: sector_name(lang, &s.name_pl, &s.name_en),
                count: None,
                checked: current.sectors.contains(&s.code),
                next: next.to_url(),
            }
        })
        .collect();
    view! {
        <FacetGroup legend=M::FacetVoivodeship group="voivodeship" options=voivodeships/>
        <FacetGroup legend=M::FacetSector group="sector" options=sectors/>
    }
}

/// The chosen filters by name, each with the URL that drops it.
fn chips(
    lang: Lang,
    current: &CalendarQuery,
    options: Option<&directory_options::ResponseData>,
    clusters: &[(String, String)],
) -> Vec<(String, String)> {
    let mut chips = Vec::new();
    for c in &current.clusters {
        let mut next = current.clone().first_page();
        next.clusters = toggle(&current.clusters, c);
        chips.push((name_of(clusters, c), next.to_url()));
    }
    for v in &current.voivodeships {
        let name = options
            .and_then(|o| o.voivodeships.iter().find(|o| code(&o.code) == *v))
            .map_or_else(|| v.clone(), |o| o.name.clone());
        let mut next = current.clone().first_page();
        next.voivodeships = toggle(&current.voivodeships, v);
        chips.push((name, next.to_url()));
    }
    for s in &current.sectors {
        let name = options
            .and_then(|o| o.sectors.iter().find(|o| o.code == *s))
            .map_or_else(|| s.clone(), |o| sector_name(lang, &o.name_pl, &o.name_en));
        let mut next = current.clone().first_page();
        next.sectors = toggle(&current.sectors, s);
        chips.push((name, next.to_url()));
    }
    chips
}

/// A cluster's name in the language shown, as the answer has it.
fn cluster_name(lang: Lang, cluster: &Value) -> String {
    let own = match lang {
        Lang::Pl => text_at(cluster, "namePl"),
        Lang::En => text_at(cluster, "nameEn"),
    };
    own.unwrap_or_else(|| text(cluster, "name"))
}

/// One page of events, with their total and the links to the pages around it.
#[component]
fn Events(state: Memo<CalendarQuery>, data: Value) -> impl IntoView {
    let i18n = use_i18n();
    let total = data["totalCount"].as_i64().unwrap_or(0);
    let current = state.get_untracked();
    let (previous, next) = page_links(&data["pageInfo"], |after, before| {
        CalendarQuery {
            after,
            before,
            ..current.clone()
        }
        .to_url()
    });
    let nodes = items(&data, "nodes").to_vec();
    let card = move |event: Value| {
        let (starts, ends) = (text_at(&event, "startsOn"), text_at(&event, "endsOn"));
        let when = move || period(i18n.lang(), starts.as_deref(), ends.as_deref());
        let cluster = event["cluster"].clone();
        let holder = (!cluster.is_null()).then(|| {
            let href = format!("/clusters/{}", text(&cluster, "slug"));
            view! { <span><A href=href>{move || cluster_name(i18n.lang(), &cluster)}</A></span> }
        });
        view! {
            <li class="card" data-test="event-card">
                <h2>{text(&event, "name")}</h2>
                <p class="meta dotted">
                    <span data-test="event-dates">{when}</span>
                    {text_at(&event, "location").map(|l| view! { <span>{l}</span> })}
                    {holder}
                </p>
                {text_at(&event, "description").map(|d| view! { <p>{excerpt(&d, 240)}</p> })}
            </li>
        }
    };
    view! { <ResultList total noun=Noun::Event items=nodes card previous next/> }
}

#[cfg(test)]
mod tests;
