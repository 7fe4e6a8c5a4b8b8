//! The home page: headline numbers, a tile map of the voivodeships and charts.

use crate::api;
use crate::components::{AsOfPicker, BarChart, ColumnChart, ErrorNote, Loading, title, use_as_of};
use crate::format::roman;
use crate::i18n::{M, label, number, use_i18n};
use crate::queries::{Home, home};
use crate::values::code;
use leptos::prelude::*;
use leptos_router::components::A;

/// Where each voivodeship sits on the tile map (column, row), roughly as on a map of Poland, with
/// the letters of its ISO 3166-2 code the tile shows and its name, which the tile's accessible
/// name, its tooltip and the legend under the map spell out (two letters alone are guesswork).
/// Polish names in both languages, as English texts write them too.
const TILES: [(&str, &str, &str, i32, i32); 16] = [
    ("ZACHODNIOPOMORSKIE", "ZP", "zachodniopomorskie", 1, 0),
    ("POMORSKIE", "PM", "pomorskie", 2, 0),
    ("WARMINSKO_MAZURSKIE", "WN", "warmińsko-mazurskie", 3, 0),
    ("LUBUSKIE", "LB", "lubuskie", 0, 1),
    ("WIELKOPOLSKIE", "WP", "wielkopolskie", 1, 1),
    ("KUJAWSKO_POMORSKIE", "KP", "kujawsko-pomorskie", 2, 1),
    ("MAZOWIECKIE", "MZ", "mazowieckie", 3, 1),
    ("PODLASKIE", "PD", "podlaskie", 4, 1),
    ("DOLNOSLASKIE", "DS", "dolnośląskie", 0, 2),
    ("OPOLSKIE", "OP", "opolskie", 1, 2),
    ("LODZKIE", "LD", "łódzkie", 2, 2),
    ("SWIETOKRZYSKIE", "SK", "świętokrzyskie", 3, 2),
    ("LUBELSKIE", "LU", "lubelskie", 4, 2),
    ("SLASKIE", "SL", "śląskie", 1, 3),
    ("MALOPOLSKIE", "MA", "małopolskie", 2, 3),
    ("PODKARPACKIE", "PK", "podkarpackie", 3, 3),
];

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::HomeTitle).to_owned(),
        move || i18n.t(M::DescHome).to_owned(),
    );
    // The figures as of the day the URL names (today when it names none).
    let as_of = use_as_of();
    let data = LocalResource::new(move || {
        let on = as_of.get();
        async move { api::run::<Home>(home::Variables { on }).await }
    });
    view! {
        <section class="hero">
            <h1>{move || i18n.t(M::HomeTitle)}</h1>
            <p class="lead">{move || i18n.t(M::HomeLead)}</p>
        </section>
        <AsOfPicker as_of/>
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
            stats.member_organisation_count,
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
        .map(|(tile_code, short, name, col, row)| {
            let count = counts
                .iter()
                .find(|(c, _, _)| c == tile_code)
                .map_or(0, |(_, _, count)| *count);
            // Darker tiles hold more clusters.
            let shade = 15 + count * 70 / max;
            let href = format!("/clusters?voivodeship={tile_code}");
            let clusters =
                move || crate::i18n::count(i18n.lang(), count, crate::i18n::Noun::Cluster);
            // The name comes from the content, so it starts with what the tile shows ("ZP 0",
            // as a voice user would say it) and the hidden words complete it: "ZP 0
            // zachodniopomorskie: 0 klastrów". An aria-label would hide the visible text.
            view! {
                // Set through the style object rather than a style attribute, which the content
                // security policy refuses.
                <a href=href title=move || format!("{name}: {}", clusters()) class="tile"
                    style:grid-column=(col + 1).to_string()
                    style:grid-row=(row + 1).to_string()
                    style:background=format!("hsl(205 70% {}%)", 95 - shade)
                    style:color={ if shade > 50 { "#fff" } else { "#123" } }>
                    <span class="tile-code">{short.to_string()}</span>
                    " "
                    <span class="tile-count">{count}</span>
                    <span class="sr-only">{move || format!(" {name}: {}", clusters())}</span>
                </a>
            }
        })
        .collect_view();
    let legend = TILES
        .iter()
        .map(|(_, short, name, _, _)| view! { <li><b>{*short}</b>" "{*name}</li> })
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
                // What the letters stand for, for readers who do not know the codes.
                <ul class="tile-legend" aria-label=move || i18n.t(M::MapLegend)>{legend}</ul>
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
        let mut cells: Vec<(i32, i32)> = TILES.iter().map(|t| (t.3, t.4)).collect();
        cells.sort();
        cells.dedup();
        assert_eq!(cells.len(), 16);
    }

    #[test]
    fn every_tile_has_its_own_letters_and_name() {
        let mut letters: Vec<&str> = TILES.iter().map(|t| t.1).collect();
        letters.sort();
        letters.dedup();
        assert_eq!(letters.len(), 16);
        let mut names: Vec<&str> = TILES.iter().map(|t| t.2).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 16);
        // The letters are those of the voivodeship's code, not free abbreviations.
        assert!(
            TILES
                .iter()
                .all(|t| t.1.len() == 2 && t.1.chars().all(|c| c.is_ascii_uppercase()))
        );
    }
}
