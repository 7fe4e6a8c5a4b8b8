//! The read API over HTTP against the demo registry, one module per area:
//! - KKK and ESCA facts and statistics (`facts`), no status more certain than its source
//!   (`certainty`), the source documents every status names (`sources`);
//! - search (`search`), the directory's facet counts (`facets`), the figures a server keeps
//!   between requests (`kept_figures`);
//! - pagination and the cost of nested pages (`pages`), pages answered in one pass as the
//!   executor answers them (`one_pass`), objects read by their global IDs (`by_id`);
//! - the registry-wide calendar of events with its iCalendar feeds (`calendar`) and list of
//!   projects by programme (`projects`).

#[path = "../common/mod.rs"]
mod common;

mod by_id;
mod calendar;
mod certainty;
mod facets;
mod facts;
mod kept_figures;
mod one_pass;
mod pages;
mod projects;
mod search;
mod sources;

use serde_json::Value;

/// The nodes of a connection's edges, in order.
fn nodes(connection: &Value) -> Vec<Value> {
    connection["edges"]
        .as_array()
        .map(|edges| edges.iter().map(|e| e["node"].clone()).collect())
        .unwrap_or_default()
}
