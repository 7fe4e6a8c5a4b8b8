//! The calendar's filter by the cluster holding the events (`CalendarFilter.clusters`): the
//! registry's clusters by name, read a hundred at a time, offered in a list whose choice adds
//! the cluster to the URL's `cluster` (chosen ones are chips that remove them).

use super::CalendarQuery;
use crate::api::{self, ApiError};
use crate::i18n::{M, use_i18n};
use crate::queries::{EventClusters, event_clusters};
use crate::url_state::toggle;
use crate::values::{items, text, text_at};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

/// Every cluster of the registry as (global ID, name), by name.
pub async fn cluster_names() -> Result<Vec<(String, String)>, ApiError> {
    let mut clusters = Vec::new();
    let mut after = None;
    loop {
        let answer = api::read::<EventClusters>(event_clusters::Variables { after }).await?;
        let page = &answer["clusters"];
        clusters.extend(
            items(page, "nodes")
                .iter()
                .map(|c| (text(c, "id"), text(c, "name"))),
        );
        let info = &page["pageInfo"];
        match text_at(info, "endCursor") {
            Some(cursor) if info["hasNextPage"].as_bool() == Some(true) => after = Some(cursor),
            _ => return Ok(clusters),
        }
    }
}

/// The name of a chosen cluster, its ID when it is not among `clusters`.
pub fn name_of(clusters: &[(String, String)], id: &str) -> String {
    clusters
        .iter()
        .find(|(c, _)| c == id)
        .map_or_else(|| id.to_owned(), |(_, name)| name.clone())
}

/// A labelled list of the clusters not chosen yet (`data-test="facet-cluster"`); choosing one
/// adds it to the filter, back on the first page, replacing the address as the facets do.
#[component]
pub fn ClusterFilter(current: CalendarQuery, clusters: Vec<(String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let chosen = current.clusters.clone();
    let options = clusters
        .into_iter()
        .filter(|(id, _)| !chosen.contains(id))
        .map(|(id, name)| view! { <option value=id>{name}</option> })
        .collect_view();
    view! {
        <div class="field" data-test="facet-cluster">
            <label for="events-cluster">{move || i18n.t(M::EventsOfCluster)}</label>
            <select id="events-cluster" on:change=move |ev| {
                let id = event_target_value(&ev);
                if id.is_empty() {
                    return;
                }
                let mut next = current.clone().first_page();
                next.clusters = toggle(&current.clusters, &id);
                navigate(&next.to_url(), NavigateOptions { replace: true, scroll: false, ..Default::default() });
            }>
                <option value="" selected=true>{move || i18n.t(M::AllClusters)}</option>
                {options}
            </select>
        </div>
    }
}
