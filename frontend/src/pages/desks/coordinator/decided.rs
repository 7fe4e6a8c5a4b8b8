//! The history of the cluster's decided applications, below the pending ones.
//!
//! The API has no list of a cluster's memberships by status (`Cluster.members` holds the
//! active ones, `membershipApplications` the pending ones), so the history is read from the
//! audit trail: its APPROVE and REJECT entries for the cluster's memberships say what was
//! decided, when, by whom and why (the reason is among the fields the step set). The
//! organisations' names come from the memberships themselves, read in one `nodes` query.

use crate::api::{self, ApiError};
use crate::components::ErrorNote;
use crate::i18n::{Lang, M, date, label, use_i18n};
use crate::queries::*;
use crate::values::{items, text, text_at};
use leptos::prelude::*;
use leptos_router::components::A;
use serde_json::Value;

/// One decision, as shown.
#[derive(Clone)]
struct Decision {
    key: String,
    approved: bool,
    at: String,
    by: Option<String>,
    reason: Option<String>,
    organisation: Option<(String, String)>,
}

/// A page of decisions, newest first, and the cursor of the next, older one.
async fn decisions(
    cluster_id: String,
    after: Option<String>,
) -> Result<(Vec<Decision>, Option<String>), ApiError> {
    let trail =
        api::read::<DecidedApplications>(decided_applications::Variables { cluster_id, after })
            .await?;
    let trail = &trail["auditTrail"];
    let entries = items(trail, "nodes");
    let ids: Vec<String> = entries.iter().map(|e| text(e, "objectId")).collect();
    let memberships = if ids.is_empty() {
        Value::Null
    } else {
        api::read::<DecidedMemberships>(decided_memberships::Variables { ids }).await?
    };
    let found = items(&memberships, "nodes");
    let list = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            // `nodes` answers in the order asked, null where a membership is gone.
            let membership = found.get(i).filter(|m| !m.is_null());
            let reason = items(e, "changes")
                .iter()
                .find(|c| text(c, "field") == "decision_reason")
                .and_then(|c| text_at(c, "after"))
                .or_else(|| membership.and_then(|m| text_at(m, "decisionReason")));
            Decision {
                key: text(e, "id"),
                approved: text(e, "action") == "APPROVE",
                at: text(e, "at"),
                by: text_at(e, "actorEmail"),
                reason,
                organisation: membership
                    .map(|m| &m["organisation"])
                    .filter(|o| !o.is_null())
                    .map(|o| (text(o, "id"), text(o, "name"))),
            }
        })
        .collect();
    let info = &trail["pageInfo"];
    let next = (info["hasNextPage"].as_bool() == Some(true))
        .then(|| text_at(info, "endCursor"))
        .flatten();
    Ok((list, next))
}

/// When a decision was made, in the reader's time zone: `5.03.2024, 14:05`.
fn moment(lang: Lang, instant: &str) -> String {
    match crate::values::local_moment(instant) {
        Some((day, time)) => format!("{}, {time}", date(lang, &day)),
        None => date(lang, instant),
    }
}

/// The decided applications, newest first, 20 at a time with older ones on demand.
#[component]
pub fn DecidedApplicationsPanel(cluster_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let after = RwSignal::new(None::<String>);
    let list = RwSignal::new(Vec::<Decision>::new());
    let next = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let loaded = RwSignal::new(false);
    let page = LocalResource::new(move || {
        let cluster_id = cluster_id.clone();
        let after = after.get();
        decisions(cluster_id, after)
    });
    Effect::new(move |_| match page.get() {
        Some(Ok((found, older))) => {
            list.update(|l| l.extend(found));
            next.set(older);
            loaded.set(true);
        }
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    view! {
        <section data-test="decided-applications">
            <h2>{move || i18n.t(M::DecidedTitle)}</h2>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
            {move || (loaded.get() && list.with(Vec::is_empty)).then(|| view! { <p class="empty">{move || i18n.t(M::NoDecided)}</p> })}
            <ul class="plain">
                <For each=move || list.get() key=|d| d.key.clone() let:d>
                    {
                        let status = if d.approved { "APPROVED" } else { "REJECTED" };
                        let at = d.at.clone();
                        view! {
                            <li class="decided" data-test="decided-application" data-decision=status>
                                {match d.organisation.clone() {
                                    Some((id, name)) => view! { <strong><A href=format!("/organisations/{id}")>{name}</A></strong> }.into_any(),
                                    None => view! { <span class="meta">{move || i18n.t(M::OrganisationGone)}</span> }.into_any(),
                                }}
                                " · "<span class="badge">{move || label(i18n.lang(), status)}</span>
                                " · "<span class="meta">{move || moment(i18n.lang(), &at)}</span>
                                {d.by.clone().map(|by| view! { " · "<span class="meta">{move || i18n.t(M::DecisionBy)}" "{by.clone()}</span> })}
                                {d.reason.clone().map(|reason| view! {
                                    <p class="reason">{move || i18n.t(M::DecidedReason)}" "{reason.clone()}</p>
                                })}
                            </li>
                        }
                    }
                </For>
            </ul>
            {move || next.get().map(|cursor| view! {
                <button type="button" class="secondary" on:click=move |_| after.set(Some(cursor.clone()))>{move || i18n.t(M::OlderDecisions)}</button>
            })}
        </section>
    }
}
