//! A cluster picked by searching as one types (names, other names, acronym or city), twenty at
//! a time with "more" paging on through the whole registry: the operator's forms and desks
//! use it wherever a cluster is chosen, so none is limited to the first page of clusters.

use super::picker::{Extra, Found, SearchPicker};
use crate::api::{self, ApiError, FieldError};
use crate::i18n::{M, Noun};
use crate::queries::{ClusterChoices, cluster_choices};
use crate::values::text;
use leptos::prelude::*;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;

/// A cluster picker: `chosen` holds the cluster picked (`id version slug name acronym city
/// website`), which `on_pick` is also given; `extra` adds to each cluster found (a link to
/// its desk, say); `errors` of field `name` show under it.
#[component]
pub fn ClusterPicker(
    label: M,
    chosen: RwSignal<Option<Value>>,
    #[prop(optional)] test: &'static str,
    #[prop(optional_no_strip)] on_pick: Option<Callback<Value>>,
    #[prop(optional_no_strip)] extra: Option<Extra>,
    #[prop(optional_no_strip)] errors: Option<RwSignal<Vec<FieldError>>>,
    #[prop(optional)] name: &'static str,
) -> impl IntoView {
    view! {
        <SearchPicker label chosen search=find_clusters describe=cluster noun=Noun::MatchingCluster
            test on_pick extra errors name/>
    }
}

fn find_clusters(
    text: String,
    after: Option<String>,
) -> Pin<Box<dyn Future<Output = Result<Found, ApiError>>>> {
    Box::pin(async move {
        let data = api::read::<ClusterChoices>(cluster_choices::Variables { text, after }).await?;
        Ok(Found::of_connection(&data["clusters"]))
    })
}

/// A cluster as a picker lists it: its name, then its acronym and city.
pub fn cluster(c: &Value) -> (String, String) {
    let detail = [text(c, "acronym"), text(c, "city")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    (text(c, "name"), detail)
}
