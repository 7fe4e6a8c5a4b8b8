//! The review queue: clusters submitted for listing, with the EU platform's minimums beside
//! what was declared, each published or rejected with a reason.

use crate::api;
use crate::components::{
    Decided, Decision, ErrorNote, Loading, Report, ReportView, SubmissionCard, act,
};
use crate::i18n::{M, use_i18n};
use crate::queries::*;
use leptos::prelude::*;

/// Every submission waiting for a decision.
#[component]
pub fn ReviewQueue() -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let report = Report::new();
    let data = LocalResource::new(move || {
        reload.get();
        api::run::<ClusterSubmissions>(cluster_submissions::Variables {
            status: Some(cluster_submissions::ReviewStatus::PENDING),
        })
    });
    let decide = act(
        report,
        M::Decided,
        reload,
        |(id, publish, reason): &Decided| {
            let input = decide_cluster_submission::DecideClusterSubmissionInput {
                submission_id: id.clone(),
                publish: *publish,
                reason: reason.clone(),
            };
            async move {
                api::change::<DecideClusterSubmission>(decide_cluster_submission::Variables {
                    input,
                })
                .await
            }
        },
    );
    view! {
        <section id="review" data-test="review-queue">
            <h2>{move || i18n.t(M::ReviewQueueTitle)}</h2>
            <p class="meta">{move || i18n.t(M::ReviewQueueLead)}</p>
            <ReportView report/>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) if d.cluster_submissions.nodes.is_empty() => view! { <p class="empty">{move || i18n.t(M::NothingToDecide)}</p> }.into_any(),
                        Ok(d) => d.cluster_submissions.nodes.into_iter().map(|s| {
                            let id = s.id.clone();
                            view! { <SubmissionCard s><Decision id decide approve=M::Publish/></SubmissionCard> }
                        }).collect_view().into_any(),
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
