//! The facts a coordinator keeps about their cluster besides its profile, one section each:
//! services and working groups (`named`), the board and office (`board`) and the yearly
//! figures (`indicators`). Each section reads its own list and keeps its own notice, so a
//! change in one does not redraw the others (nor the profile form, whose version it leaves
//! alone: these are rows of their own, with versions of their own).

use super::board::BoardPanel;
use super::indicators::IndicatorsPanel;
use super::named::{Named, NamedFacts};
use leptos::prelude::*;

/// The cluster's services, working groups, board and office, and yearly figures.
#[component]
pub fn ProfileFacts(cluster_id: String) -> impl IntoView {
    view! {
        <NamedFacts kind=Named::Service cluster_id=cluster_id.clone()/>
        <NamedFacts kind=Named::WorkingGroup cluster_id=cluster_id.clone()/>
        <BoardPanel cluster_id=cluster_id.clone()/>
        <IndicatorsPanel cluster_id/>
    }
}
