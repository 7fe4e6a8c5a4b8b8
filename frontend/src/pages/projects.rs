//! The registry's projects by funding programme (`/projects`): every cluster's projects by
//! name, twenty at a time, narrowed to programmes (ticked with how many projects each funds,
//! as the API counts them) and to the running cluster's voivodeships. Each project shows its
//! acronym, programme, dates as precisely as they are known and the cluster's role, and links
//! to the cluster's page. The filters and the page cursor live in the URL.

use crate::api;
use crate::components::{
    ErrorNote, FacetGroup, FacetOption, FilterChips, Loading, ResultList, page_links, title,
};
use crate::format::period;
use crate::i18n::{M, Noun, use_i18n};
use crate::queries::{ProjectsList, VoivodeshipChoices, projects_list, voivodeship_choices};
use crate::url_state::{list, non_empty, toggle, url};
use crate::values::{code, enum_value, items, text, text_at};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use serde_json::Value;

const PAGE_SIZE: i64 = 20;

/// What separates the chosen programmes in the URL: programme names may hold commas.
const PROGRAMME_SEPARATOR: char = '|';

/// The list's state as it stands in the URL's query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectQuery {
    /// Funded by one of these programmes, named as the API gives them (`programme=A|B`).
    pub programmes: Vec<String>,
    /// Run by a cluster seated in one of these voivodeships (API codes).
    pub voivodeships: Vec<String>,
    /// The cursor of the project the page continues after.
    pub after: Option<String>,
    /// The cursor of the project the page ends before.
    pub before: Option<String>,
}

impl ProjectQuery {
    /// Reads the state through a lookup of decoded query parameters.
    fn read(params: impl Fn(&str) -> Option<String>) -> ProjectQuery {
        ProjectQuery {
            programmes: params("programme")
                .unwrap_or_default()
                .split(PROGRAMME_SEPARATOR)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            voivodeships: list(params("voivodeship")),
            after: params("after"),
            before: params("before"),
        }
    }

    /// The URL of this state (page cursors included).
    pub fn to_url(&self) -> String {
        url(
            "/projects",
            &[
                (
                    "programme",
                    self.programmes.join(&PROGRAMME_SEPARATOR.to_string()),
                ),
                ("voivodeship", self.voivodeships.join(",")),
                ("after", self.after.clone().unwrap_or_default()),
                ("before", self.before.clone().unwrap_or_default()),
            ],
        )
    }

    /// The same filters, back on the first page.
    pub fn first_page(mut self) -> ProjectQuery {
        self.after = None;
        self.before = None;
        self
    }

    /// The query's variables.
    fn variables(&self) -> projects_list::Variables {
        let (first, last) = if self.before.is_some() {
            (None, Some(PAGE_SIZE))
        } else {
            (Some(PAGE_SIZE), None)
        };
        projects_list::Variables {
            filter: projects_list::ProjectFilter {
                programmes: non_empty(self.programmes.clone()),
                clusters: None,
                voivodeships: non_empty(
                    self.voivodeships
                        .iter()
                        .filter_map(|v| enum_value(v))
                        .collect(),
                ),
            },
            first,
            after: self.after.clone(),
            last,
            before: self.before.clone(),
        }
    }
}

/// The projects of the whole registry, by programme.
#[component]
pub fn ProjectsPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::RegistryProjectsTitle).to_owned(),
        move || i18n.t(M::DescProjects).to_owned(),
    );
    let params = use_query_map();
    let state = Memo::new(move |_| ProjectQuery::read(|key| params.read().get(key)));
    let results = LocalResource::new(move || {
        let variables = state.get().variables();
        async move { api::read::<ProjectsList>(variables).await }
    });
    let voivodeships = LocalResource::new(|| async {
        api::run::<VoivodeshipChoices>(voivodeship_choices::Variables {})
            .await
            .map(|o| {
                o.voivodeships
                    .into_iter()
                    .map(|v| (code(&v.code), v.name))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <h1>{move || i18n.t(M::RegistryProjectsTitle)}</h1>
        <p class="meta">{move || i18n.t(M::RegistryProjectsLead)}</p>
        <div class="directory">
            <aside class="facets" aria-label=move || i18n.t(M::Filters)>
                <details open=wide_screen()>
                    <summary>{move || i18n.t(M::Filters)}</summary>
                    <Transition fallback=Loading>
                        {move || {
                            // Read here, outside the future, so that a change redraws the choices.
                            let current = state.get();
                            Suspend::new(async move {
                                let names = voivodeships.await;
                                let data = results.await.ok();
                                facets(&current, data.as_ref(), &names)
                            })
                        }}
                    </Transition>
                </details>
            </aside>
            <section class="results" aria-live="polite">
                <Transition fallback=Loading>
                    {move || {
                        let current = state.get();
                        Suspend::new(async move {
                            let names = voivodeships.await;
                            let chips = chips(&current, &names);
                            let clear = ProjectQuery::default().to_url();
                            match results.await {
                                Ok(data) => view! {
                                    <FilterChips chips clear/>
                                    <Projects state data=data["projects"].clone()/>
                                }.into_any(),
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

/// The programme choices (counted by the API; a chosen one it no longer lists stays, with 0)
/// and the voivodeship choices.
fn facets(
    current: &ProjectQuery,
    data: Option<&Value>,
    voivodeships: &[(String, String)],
) -> impl IntoView + use<> {
    let mut counted: Vec<(String, i64)> = data
        .map(|d| items(d, "projectProgrammes"))
        .unwrap_or_default()
        .iter()
        .map(|f| (text(f, "programme"), f["count"].as_i64().unwrap_or(0)))
        .filter(|(p, _)| !p.is_empty())
        .collect();
    for chosen in &current.programmes {
        if !counted.iter().any(|(p, _)| p == chosen) {
            counted.push((chosen.clone(), 0));
        }
    }
    let programmes = counted
        .into_iter()
        .enumerate()
        .map(|(i, (programme, n))| {
            let mut next = current.clone().first_page();
            next.programmes = toggle(&current.programmes, &programme);
            FacetOption {
                // The name may hold spaces, so the checkbox's id takes the choice's place.
                key: i.to_string(),
                checked: current.programmes.contains(&programme),
                text: programme,
                count: Some(n),
                next: next.to_url(),
            }
        })
        .collect();
    let voivodeships = voivodeships
        .iter()
        .map(|(key, name)| {
            let mut next = current.clone().first_page();
            next.voivodeships = toggle(&current.voivodeships, key);
            FacetOption {
                checked: current.voivodeships.contains(key),
                key: key.clone(),
                text: name.clone(),
                count: None,
                next: next.to_url(),
            }
        })
        .collect();
    view! {
        <FacetGroup legend=M::FacetProgramme group="programme" options=programmes/>
        <FacetGroup legend=M::FacetVoivodeship group="voivodeship" options=voivodeships/>
    }
}

/// The chosen filters by name, each with the URL that drops it.
fn chips(current: &ProjectQuery, voivodeships: &[(String, String)]) -> Vec<(String, String)> {
    let mut chips = Vec::new();
    for p in &current.programmes {
        let mut next = current.clone().first_page();
        next.programmes = toggle(&current.programmes, p);
        chips.push((p.clone(), next.to_url()));
    }
    for v in &current.voivodeships {
        let name = voivodeships
            .iter()
            .find(|(key, _)| key == v)
            .map_or_else(|| v.clone(), |(_, name)| name.clone());
        let mut next = current.clone().first_page();
        next.voivodeships = toggle(&current.voivodeships, v);
        chips.push((name, next.to_url()));
    }
    chips
}

/// One page of projects, with their total and the links to the pages around it.
#[component]
fn Projects(state: Memo<ProjectQuery>, data: Value) -> impl IntoView {
    let i18n = use_i18n();
    let total = data["totalCount"].as_i64().unwrap_or(0);
    let current = state.get_untracked();
    let (previous, next) = page_links(&data["pageInfo"], |after, before| {
        ProjectQuery {
            after,
            before,
            ..current.clone()
        }
        .to_url()
    });
    let nodes = items(&data, "nodes").to_vec();
    let card = move |project: Value| {
        let (starts, ends) = (text_at(&project, "startsOn"), text_at(&project, "endsOn"));
        let dated = starts.is_some() || ends.is_some();
        let when = move || period(i18n.lang(), starts.as_deref(), ends.as_deref());
        let cluster = &project["cluster"];
        let runner = cluster.is_object().then(|| {
            let href = format!("/clusters/{}", text(cluster, "slug"));
            let name = text(cluster, "name");
            view! { <span><A href=href attr:data-test="project-cluster">{name}</A></span> }
        });
        let name = match text_at(&project, "acronym").filter(|a| !a.is_empty()) {
            Some(acronym) => format!("{} ({acronym})", text(&project, "name")),
            None => text(&project, "name"),
        };
        view! {
            <li class="card" data-test="project-card">
                <h2>{name}</h2>
                <p class="meta dotted">
                    {text_at(&project, "programme").map(|p| view! { <span data-test="project-programme">{p}</span> })}
                    {dated.then(|| view! { <span data-test="project-dates">{when}</span> })}
                    {runner}
                </p>
                {text_at(&project, "role").filter(|r| !r.is_empty()).map(|r| view! {
                    <p class="meta">{move || i18n.t(M::ProjectRole)}": "{r}</p>
                })}
            </li>
        }
    };
    view! { <ResultList total noun=Noun::Project items=nodes card previous next/> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_round_trips_through_the_url() {
        let state = ProjectQuery {
            programmes: vec!["Horyzont 2020".into(), "POIR, 2.3".into()],
            voivodeships: vec!["SLASKIE".into()],
            after: Some("abc".into()),
            before: None,
        };
        let url = state.to_url();
        assert!(url.starts_with("/projects?programme="));
        let query = url.split_once('?').map(|(_, q)| q).unwrap_or_default();
        let decoded = |key: &str| {
            query.split('&').find_map(|pair| {
                let (k, v) = pair.split_once('=')?;
                (k == key).then(|| {
                    v.replace("%20", " ")
                        .replace("%2C", ",")
                        .replace("%7C", "|")
                })
            })
        };
        assert_eq!(ProjectQuery::read(decoded), state);
        assert_eq!(state.first_page().after, None);
    }
}
