//! One page of the directory's results: how many match, the chosen filters as chips, the
//! order, the CSV of every result, the cards and the links to the pages around.

use super::export::ExportCsv;
use super::state::{DirectoryQuery, SORTS};
use crate::components::{FilterChips, ResultList, StatusBadge};
use crate::format::sector_name;
use crate::i18n::{Lang, M, Noun, count, label, use_i18n};
use crate::queries::{directory, directory_options};
use crate::url_state::toggle;
use crate::values::code;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// The results of one page, with what is around them.
#[component]
pub fn Results(
    state: Memo<DirectoryQuery>,
    data: directory::DirectoryClusters,
    options: Option<directory_options::ResponseData>,
) -> impl IntoView {
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
    let chips = chips(i18n.lang(), &current, options.as_ref());
    let clear = current.cleared().to_url();
    let empty = data.nodes.is_empty();
    let card = |cluster: directory::DirectoryClustersNodes| view! { <Card cluster/> };
    view! {
        <FilterChips chips clear/>
        <ResultList total noun=Noun::MatchingCluster items=data.nodes card previous next>
            <SortChoice state/>
        </ResultList>
        {(!empty).then(|| view! { <ExportCsv state total/> })}
    }
}

/// The order of the results: changing it replaces the address and starts on the first page.
#[component]
fn SortChoice(state: Memo<DirectoryQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let names = [
        M::SortNameAsc,
        M::SortNameDesc,
        M::SortNewest,
        M::SortOldest,
    ];
    let chosen = state.get_untracked().sort;
    let options = SORTS
        .into_iter()
        .zip(names)
        .map(|(key, name)| {
            view! { <option value=key selected=chosen == key>{move || i18n.t(name)}</option> }
        })
        .collect_view();
    view! {
        <div class="sort">
            <label for="cluster-sort">{move || i18n.t(M::SortBy)}</label>
            <select id="cluster-sort" data-test="sort" on:change=move |ev| {
                let mut next = state.get_untracked().first_page();
                next.sort = event_target_value(&ev);
                navigate(&next.to_url(), NavigateOptions { replace: true, scroll: false, ..Default::default() });
            }>
                {options}
            </select>
        </div>
    }
}

/// One cluster's card: its name, where it is seated (city and voivodeship), its sectors, how
/// many members the registry records (the API counts active members only; none recorded is
/// said so, not "0 members"), its KKK status and its ESCA labels held today.
#[component]
fn Card(cluster: directory::DirectoryClustersNodes) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/clusters/{}", cluster.slug);
    let place = [
        cluster.city.clone(),
        cluster.voivodeship.as_ref().map(|v| v.name.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let kkk = cluster.kkk_status.as_ref().map(code);
    let labels = cluster
        .esca_labels
        .iter()
        .filter(|l| code(&l.status) == "ACTIVE")
        .map(|l| code(&l.level))
        .collect::<Vec<_>>();
    let members = cluster.members.total_count;
    let sectors = cluster.sectors.clone();
    let sector_names = move || {
        sectors
            .iter()
            .map(|s| sector_name(i18n.lang(), &s.name_pl, &s.name_en))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let has_sectors = !cluster.sectors.is_empty();
    view! {
        <li class="card" data-test="cluster-card">
            <h2><A href=href>{cluster.name.clone()}</A></h2>
            <p class="meta dotted">
                {cluster.acronym.clone().map(|a| view! { <span class="acronym">{a}</span> })}
                {(!place.is_empty()).then(|| view! { <span data-test="card-place">{place}</span> })}
                <span data-test="card-members">{move || if members > 0 {
                    count(i18n.lang(), members, Noun::Member)
                } else {
                    i18n.t(M::MembersNotRecorded).to_owned()
                }}</span>
            </p>
            {has_sectors.then(|| view! {
                <p class="meta" data-test="card-sectors"><span class="sr-only">{move || i18n.t(M::Sectors)}": "</span>{sector_names}</p>
            })}
            <p class="badges">
                {match kkk {
                    Some(status) => view! { <span class="badge-label">"KKK"</span><StatusBadge status/> }.into_any(),
                    None => view! { <span class="meta" data-test="no-kkk">{move || i18n.t(M::NoKkkStatus)}</span> }.into_any(),
                }}
                {labels.into_iter().map(|level| { let class = format!("esca esca-{}", level.to_lowercase()); view! { <span class=class>{move || format!("ESCA {}", label(i18n.lang(), &level))}</span> } }).collect_view()}
            </p>
        </li>
    }
}

/// The chosen filters by name, each with the URL that drops it (the search text too).
fn chips(
    lang: Lang,
    current: &DirectoryQuery,
    options: Option<&directory_options::ResponseData>,
) -> Vec<(String, String)> {
    let mut chips = Vec::new();
    let mut push = |name: String, edit: &dyn Fn(&mut DirectoryQuery)| {
        let mut next = current.clone().first_page();
        edit(&mut next);
        chips.push((name, next.to_url()));
    };
    if !current.text.trim().is_empty() {
        push(format!("„{}”", current.text.trim()), &|q| {
            q.text.clear()
        });
    }
    if current.kkk_active {
        push(M::FacetKkkActive.text(lang).to_owned(), &|q| {
            q.kkk_active = false
        });
    }
    for r in &current.rounds {
        let name = options
            .and_then(|o| o.kkk_rounds.iter().find(|o| o.number == *r))
            .map_or_else(|| r.to_string(), |o| o.name.clone());
        push(format!("KKK {name}"), &|q| q.rounds = toggle(&q.rounds, r));
    }
    for level in &current.esca {
        push(format!("ESCA {}", label(lang, level)), &|q| {
            q.esca = toggle(&q.esca, level)
        });
    }
    for v in &current.voivodeships {
        let name = options
            .and_then(|o| o.voivodeships.iter().find(|o| code(&o.code) == *v))
            .map_or_else(|| v.clone(), |o| o.name.clone());
        push(name, &|q| q.voivodeships = toggle(&q.voivodeships, v));
    }
    for s in &current.sectors {
        let name = options
            .and_then(|o| o.sectors.iter().find(|o| o.code == *s))
            .map_or_else(|| s.clone(), |o| sector_name(lang, &o.name_pl, &o.name_en));
        push(name, &|q| q.sectors = toggle(&q.sectors, s));
    }
    chips
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_chip_drops_its_own_filter_and_keeps_the_order() {
        let current = DirectoryQuery {
            text: "odpady".into(),
            kkk_active: true,
            esca: vec!["GOLD".into()],
            voivodeships: vec!["SLASKIE".into()],
            sort: "newest".into(),
            after: Some("x".into()),
            ..Default::default()
        };
        let chips = chips(Lang::Pl, &current, None);
        let urls: Vec<&str> = chips.iter().map(|(_, url)| url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "/clusters?voivodeship=SLASKIE&kkk=active&esca=GOLD&sort=newest",
                "/clusters?q=odpady&voivodeship=SLASKIE&esca=GOLD&sort=newest",
                "/clusters?q=odpady&voivodeship=SLASKIE&kkk=active&sort=newest",
                "/clusters?q=odpady&kkk=active&esca=GOLD&sort=newest",
            ]
        );
        assert_eq!(chips[0].0, "„odpady”");
        assert_eq!(chips[2].0, "ESCA złota");
    }
}
