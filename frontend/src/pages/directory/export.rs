//! The directory's results as a CSV file. The registry's export (`/export/clusters.csv`) takes
//! no filters, so the file of a search is built here: every page of the results is read (a
//! hundred clusters a request, in the order shown), turned into CSV and offered as a link to a
//! `data:` address with a file name; the whole registry's export is linked beside it.

use super::state::DirectoryQuery;
use crate::api::{self, ApiError};
use crate::components::ErrorNote;
use crate::i18n::{Lang, M, Noun, count, label, use_i18n};
use crate::queries::{Directory, directory};
use crate::url_state::encode;
use crate::values::{code, today};
use leptos::html;
use leptos::prelude::*;

/// The columns of the file, as the registry's own export names its fields.
const COLUMNS: [&str; 10] = [
    "slug",
    "name",
    "acronym",
    "city",
    "voivodeship",
    "sectors",
    "kkkStatus",
    "escaLabels",
    "activeMembers",
    "url",
];

/// A button that builds the CSV of every result of the search shown (`total` of them), then a
/// link that saves it, which takes the focus; and a note saying where the file comes from.
#[component]
pub fn ExportCsv(state: Memo<DirectoryQuery>, total: i64) -> impl IntoView {
    let i18n = use_i18n();
    let file = RwSignal::new(None::<(String, i64)>);
    let failure = RwSignal::new(None::<ApiError>);
    let link = NodeRef::<html::A>::new();
    let build = Action::new_local(move |query: &DirectoryQuery| {
        let query = query.clone();
        async move { every_result(&query).await }
    });
    Effect::new(move |_| match build.value().get() {
        Some(Ok(clusters)) => {
            let origin = window().location().origin().unwrap_or_default();
            let rows = clusters.len() as i64;
            file.set(Some((csv(i18n.lang(), &clusters, &origin), rows)));
            request_animation_frame(move || {
                if let Some(a) = link.get_untracked() {
                    let _ = a.focus();
                }
            });
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let name = format!("klastry-{}.csv", today());
    let shown_name = name.clone();
    view! {
        <section class="export" data-test="export">
            <p>
                <button type="button" class="secondary" data-test="export-csv" disabled=move || build.pending().get()
                    on:click=move |_| { file.set(None); failure.set(None); build.dispatch(state.get_untracked()); }>
                    {move || if build.pending().get() { i18n.t(M::ExportPreparing).to_owned() } else {
                        format!("{} · {}", i18n.t(M::ExportCsv), count(i18n.lang(), total, Noun::Cluster))
                    }}
                </button>" "
                <a node_ref=link data-test="export-file" download=name hidden=move || file.with(Option::is_none)
                    href=move || file.with(|f| f.as_ref().map(|(text, _)| format!("data:text/csv;charset=utf-8,{}", encode(text))))>
                    {move || file.with(|f| f.as_ref().map(|(_, rows)| format!("{shown_name} ({})", count(i18n.lang(), *rows, Noun::Cluster))))}
                </a>
            </p>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
            <p class="meta">{move || i18n.t(M::ExportCsvNote)}" "<a href="/export/clusters.csv" rel="external">{move || i18n.t(M::ExportWholeRegistry)}</a></p>
        </section>
    }
}

/// Every cluster the search holds, page after page, in its order.
async fn every_result(
    query: &DirectoryQuery,
) -> Result<Vec<directory::DirectoryClustersNodes>, ApiError> {
    let day = query.as_of.clone().unwrap_or_else(today);
    let mut clusters = Vec::new();
    let mut after = None;
    loop {
        let page = api::run::<Directory>(directory::Variables {
            filter: query.filter(&day),
            order_by: Some(query.order()),
            first: Some(100),
            after: after.take(),
            last: None,
            before: None,
            on: query.as_of.clone(),
        })
        .await?
        .clusters;
        let done = page.nodes.is_empty() || !page.page_info.has_next_page;
        clusters.extend(page.nodes);
        match page.page_info.end_cursor {
            Some(cursor) if !done => after = Some(cursor),
            _ => return Ok(clusters),
        }
    }
}

/// The clusters as CSV (RFC 4180: a header, comma-separated, quoted where needed, CRLF), with a
/// byte-order mark so that spreadsheets read it as UTF-8; names of sectors and levels in
/// `lang`, lists inside a cell separated by "; ", no count of members where none is recorded.
fn csv(lang: Lang, clusters: &[directory::DirectoryClustersNodes], origin: &str) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&COLUMNS.join(","));
    out.push_str("\r\n");
    for c in clusters {
        let sectors = c
            .sectors
            .iter()
            .map(|s| crate::format::sector_name(lang, &s.name_pl, &s.name_en))
            .collect::<Vec<_>>()
            .join("; ");
        let labels = c
            .esca_labels
            .iter()
            .filter(|l| code(&l.status) == "ACTIVE")
            .map(|l| label(lang, &code(&l.level)))
            .collect::<Vec<_>>()
            .join("; ");
        let members = c.members.total_count;
        let cells = [
            c.slug.clone(),
            c.name.clone(),
            c.acronym.clone().unwrap_or_default(),
            c.city.clone().unwrap_or_default(),
            c.voivodeship
                .as_ref()
                .map(|v| v.name.clone())
                .unwrap_or_default(),
            sectors,
            c.kkk_status
                .as_ref()
                .map(|s| label(lang, &code(s)))
                .unwrap_or_default(),
            labels,
            if members > 0 {
                members.to_string()
            } else {
                String::new()
            },
            format!("{origin}/clusters/{}", c.slug),
        ];
        out.push_str(&cells.iter().map(|v| cell(v)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// One CSV cell: quoted, with its quotes doubled, when it holds a comma, a quote or a line
/// break.
fn cell(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_only_when_they_must_be() {
        assert_eq!(cell("Klaster"), "Klaster");
        assert_eq!(cell("Gliwice, Zabrze"), "\"Gliwice, Zabrze\"");
        assert_eq!(
            cell("„Dolina” \"Lotnicza\""),
            "\"„Dolina” \"\"Lotnicza\"\"\""
        );
    }

    #[test]
    fn the_file_has_a_header_and_a_row_per_cluster() {
        let cluster: directory::DirectoryClustersNodes =
            serde_json::from_value(serde_json::json!({
                "id": "Q2x1c3Rlcjox", "slug": "k", "name": "Klaster, Śląski", "acronym": null,
                "city": "Gliwice", "voivodeship": {"name": "śląskie"},
                "sectors": [{"code": "digital", "namePl": "Cyfrowy", "nameEn": "Digital"}],
                "kkkStatus": "ACTIVE", "escaLabels": [{"level": "GOLD", "status": "ACTIVE"}],
                "members": {"totalCount": 0}
            }))
            .expect("the answer's shape");
        let text = csv(Lang::Pl, &[cluster], "https://klastry.example");
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], COLUMNS.join(","));
        assert_eq!(
            lines[1],
            "k,\"Klaster, Śląski\",,Gliwice,śląskie,Cyfrowy,aktywny,złota,,https://klastry.example/clusters/k"
        );
        assert_eq!(lines.len(), 3);
    }
}
