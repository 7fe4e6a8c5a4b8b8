//! The home page: headline numbers, a tile map of the voivodeships and charts.

use crate::api;
use crate::components::{BarChart, ColumnChart, ErrorNote, Loading, title};
use crate::format::roman;
use crate::i18n::{M, label, number, use_i18n};
use crate::queries::{Home, home};
use crate::values::code;
use leptos::prelude::*;
use leptos_router::components::A;

/// Where each voivodeship sits on the tile map (column, row), roughly as on a map of Poland.
const TILES: [(&str, &str, i32, i32); 16] = [
    ("ZACHODNIOPOMORSKIE", "ZP", 1, 0),
    ("POMORSKIE", "PM", 2, 0),
    ("WARMINSKO_MAZURSKIE", "WN", 3, 0),
    ("LUBUSKIE", "LB", 0, 1),
    ("WIELKOPOLSKIE", "WP", 1, 1),
    ("KUJAWSKO_POMORSKIE", "KP", 2, 1),
    ("MAZOWIECKIE", "MZ", 3, 1),
    ("PODLASKIE", "PD", 4, 1),
    ("DOLNOSLASKIE", "DS", 0, 2),
    ("OPOLSKIE", "OP", 1, 2),
    ("LODZKIE", "LD", 2, 2),
    ("SWIETOKRZYSKIE", "SK", 3, 2),
    ("LUBELSKIE", "LU", 4, 2),
    ("SLASKIE", "SL", 1, 3),
    ("MALOPOLSKIE", "MA", 2, 3),
    ("PODKARPACKIE", "PK", 3, 3),
];

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    title(move || i18n.t(M::NavHome).to_owned());
    let data = LocalResource::new(|| api::run::<Home>(home::Variables {}));
    view! {
        <section class="hero">
            <h1>{move || i18n.t(M::HomeTitle)}</h1>
            <p class="lead">{move || i18n.t(M::HomeLead)}</p>
        </section>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <HomeContent data/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn HomeContent(data: home::ResponseData) -> impl IntoView {
    let i18n = use_i18n();
    let stats = data.statistics;
    let esca_active: i64 = stats.esca.iter().map(|e| e.clusters.active).sum();
    let headline = [
        (stats.cluster_count, M::StatClusters, "clusters"),
        (
            stats.organisation_count,
            M::StatOrganisations,
            "organisations",
        ),
        (stats.kkk.active, M::StatKkkActive, "kkk"),
        (esca_active, M::StatEscaLabels, "esca"),
    ];
    let counts: Vec<(String, String, i64)> = stats
        .clusters_by_voivodeship
        .iter()
        .filter_map(|c| {
            c.voivodeship
                .as_ref()
                .map(|v| (code(&v.code), v.name.clone(), c.count))
        })
        .collect();
    let max = counts.iter().map(|c| c.2).max().unwrap_or(1).max(1);
    let tiles = TILES
        .iter()
        .map(|(tile_code, short, col, row)| {
            let (name, count) = counts
                .iter()
                .find(|(c, _, _)| c == tile_code)
                .map(|(_, name, count)| (name.clone(), *count))
                .unwrap_or_else(|| (short.to_string(), 0));
            // Darker tiles hold more clusters.
            let shade = 15 + count * 70 / max;
            let href = format!("/clusters?voivodeship={tile_code}");
            let aria_name = name.clone();
            let aria = move || {
                format!(
                    "{aria_name}: {}",
                    crate::i18n::count(i18n.lang(), count, crate::i18n::Noun::Cluster)
                )
            };
            view! {
                // Set through the style object rather than a style attribute, which the content
                // security policy refuses.
                <a href=href aria-label=aria title=name class="tile"
                    style:grid-column=(col + 1).to_string()
                    style:grid-row=(row + 1).to_string()
                    style:background=format!("hsl(205 70% {}%)", 95 - shade)
                    style:color={ if shade > 50 { "#fff" } else { "#123" } }>
                    <span class="tile-code">{short.to_string()}</span>
                    <span class="tile-count">{count}</span>
                </a>
            }
        })
        .collect_view();
    let by_voivodeship: Vec<(String, i64)> =
        counts.iter().map(|(_, n, c)| (n.clone(), *c)).collect();
    let kinds = stats.organisations_by_kind.clone();
    let rounds: Vec<(String, i64)> = data
        .kkk_rounds
        .iter()
        .map(|r| (roman(r.number), r.certifications.len() as i64))
        .collect();
    let mut years: Vec<(String, i64)> = Vec::new();
    for label in &data.esca_labels.nodes {
        let year = label
            .awarded_on
            .as_deref()
            .and_then(|d| d.get(..4))
            .unwrap_or("")
            .to_owned();
        match years.iter_mut().find(|(y, _)| *y == year) {
            Some(entry) => entry.1 += 1,
            None => years.push((year, 1)),
        }
    }
    years.sort();
    // Labels whose award date the sources do not give come last, under their own column.
    if let Some(pos) = years.iter().position(|(y, _)| y.is_empty()) {
        let undated = years.remove(pos);
        years.push(undated);
    }

    view! {
        <ul class="headline" data-test="headline">
            {headline.into_iter().map(|(value, message, key)| view! {
                <li data-test=format!("stat-{key}")>
                    <strong>{move || number(i18n.lang(), value)}</strong>
                    <span>{move || i18n.t(message)}</span>
                </li>
            }).collect_view()}
        </ul>
        <div class="grid-2">
            <figure class="chart">
                <figcaption>{move || i18n.t(M::MapTitle)}</figcaption>
                <nav class="tile-map" data-test="tile-map" aria-label=move || i18n.t(M::MapTitle)>{tiles}</nav>
            </figure>
            <BarChart caption=Signal::derive(move || i18n.t(M::MapTitle).to_owned()) rows=by_voivodeship/>
        </div>
        <div class="grid-3">
            {move || {
                let lang = i18n.lang();
                let rows = kinds.iter().map(|k| (k.kind.as_ref().map(|k| label(lang, &code(k))).unwrap_or_else(|| i18n.t(M::UnknownKind).to_owned()), k.count)).collect();
                view! { <BarChart caption=Signal::derive(move || i18n.t(M::ChartMembersByKind).to_owned()) rows/> }
            }}
            <ColumnChart caption=Signal::derive(move || i18n.t(M::ChartKkkOverTime).to_owned()) columns=rounds/>
            {move || {
                // Labels the sources give no award date for are counted under "undated".
                let columns = years.iter().map(|(y, c)| (if y.is_empty() { i18n.t(M::NoDate).to_owned() } else { y.clone() }, *c)).collect();
                view! { <ColumnChart caption=Signal::derive(move || i18n.t(M::ChartEscaOverTime).to_owned()) columns/> }
            }}
        </div>
        <p class="more"><A href="/clusters">{move || i18n.t(M::DirectoryTitle)}" →"</A></p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tile_map_places_every_voivodeship_once() {
        let mut cells: Vec<(i32, i32)> = TILES.iter().map(|t| (t.2, t.3)).collect();
        cells.sort();
        cells.dedup();
        assert_eq!(cells.len(), 16);
    }
}
