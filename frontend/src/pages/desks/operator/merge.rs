//! Merging a duplicate into the record the registry keeps, for organisations and for clusters
//! alike: both picked by searching as one types, shown side by side, merged after a
//! confirmation that it cannot be undone. What differs between the two (words, the fields
//! compared, the picker, the mutation, where the kept record lives) is `Merging`'s.

use crate::api::{self, Answer, ApiError, FieldError};
use crate::components::{ClusterPicker, Confirm, ErrorNote, OrganisationPicker, TableBox};
use crate::i18n::{M, use_i18n};
use crate::queries::*;
use crate::values::text;
use leptos::prelude::*;
use leptos_router::components::A;
use serde_json::Value;

/// What is merged.
#[derive(Clone, Copy, PartialEq)]
pub enum Merging {
    Organisations,
    Clusters,
}

/// The words of one kind of merge.
#[derive(Clone, Copy)]
struct Words {
    title: M,
    lead: M,
    kept: M,
    run: M,
    question: M,
    same: M,
    done: M,
    conflict: M,
}

impl Merging {
    fn words(self) -> Words {
        match self {
            Merging::Organisations => Words {
                title: M::MergeTitle,
                lead: M::MergeLead,
                kept: M::MergeKept,
                run: M::MergeRun,
                question: M::MergeQuestion,
                same: M::MergeSame,
                done: M::MergeDone,
                conflict: M::MergeConflict,
            },
            Merging::Clusters => Words {
                title: M::MergeClustersTitle,
                lead: M::MergeClustersLead,
                kept: M::MergeClusterKept,
                run: M::MergeClustersRun,
                question: M::MergeClustersQuestion,
                same: M::MergeClustersSame,
                done: M::MergeClustersDone,
                conflict: M::MergeClustersConflict,
            },
        }
    }

    /// The fields shown side by side, as the picker's records hold them.
    fn rows(self) -> &'static [(M, &'static str)] {
        match self {
            Merging::Organisations => &[
                (M::Name, "name"),
                (M::Nip, "nip"),
                (M::Regon, "regon"),
                (M::City, "city"),
                (M::Website, "website"),
            ],
            Merging::Clusters => &[
                (M::Name, "name"),
                (M::Acronym, "acronym"),
                (M::Slug, "slug"),
                (M::City, "city"),
                (M::Website, "website"),
            ],
        }
    }

    /// The section's id (the desk's table of contents links it) and `data-test`.
    fn anchor(self) -> &'static str {
        match self {
            Merging::Organisations => "merge",
            Merging::Clusters => "merge-clusters",
        }
    }

    /// Runs the merge: where the kept record is now, and its name.
    async fn run(self, kept: Value, duplicate: Value) -> Merged {
        let version = |v: &Value| v["version"].as_i64().unwrap_or_default();
        let answer = match self {
            Merging::Organisations => {
                let input = merge_organisations::MergeOrganisationsInput {
                    kept_id: text(&kept, "id"),
                    kept_version: version(&kept),
                    duplicate_id: text(&duplicate, "id"),
                    duplicate_version: version(&duplicate),
                };
                api::mutate::<MergeOrganisations>(merge_organisations::Variables { input }).await
            }
            Merging::Clusters => {
                let input = merge_clusters::MergeClustersInput {
                    kept_id: text(&kept, "id"),
                    kept_version: version(&kept),
                    duplicate_id: text(&duplicate, "id"),
                    duplicate_version: version(&duplicate),
                };
                api::mutate::<MergeClusters>(merge_clusters::Variables { input }).await
            }
        };
        match answer {
            Ok(answer) if answer.written => self.kept(&answer),
            Ok(answer) => Merged::Refused(answer.errors),
            Err(e) => Merged::Failed(e),
        }
    }

    fn kept(self, answer: &Answer) -> Merged {
        let (key, path) = match self {
            Merging::Organisations => ("organisation", "id"),
            Merging::Clusters => ("cluster", "slug"),
        };
        let at = answer.text(&[key, path]).unwrap_or_default();
        let href = match self {
            Merging::Organisations => format!("/organisations/{at}"),
            Merging::Clusters => format!("/clusters/{at}"),
        };
        Merged::Kept(href, answer.text(&[key, "name"]).unwrap_or_default())
    }
}

/// What came of a merge.
#[derive(Clone)]
enum Merged {
    /// The record kept: its address in the app and its name.
    Kept(String, String),
    Refused(Vec<FieldError>),
    Failed(ApiError),
}

/// Picking the kept record and its duplicate, and merging them.
#[component]
pub fn MergePanel(what: Merging) -> impl IntoView {
    let i18n = use_i18n();
    let words = what.words();
    let kept = RwSignal::new(None::<Value>);
    let duplicate = RwSignal::new(None::<Value>);
    let outcome = RwSignal::new(None::<Merged>);
    let merge = Action::new_local(move |_: &()| {
        let (k, d) = (kept.get_untracked(), duplicate.get_untracked());
        async move {
            match (k, d) {
                (Some(k), Some(d)) => what.run(k, d).await,
                _ => Merged::Refused(vec![]),
            }
        }
    });
    Effect::new(move |_| {
        if let Some(result) = merge.value().get() {
            if matches!(result, Merged::Kept(..)) {
                kept.set(None);
                duplicate.set(None);
            }
            outcome.set(Some(result));
        }
    });
    // A new pick forgets the last merge's outcome.
    Effect::new(move |_| {
        kept.track();
        duplicate.track();
        if kept.get_untracked().is_some() || duplicate.get_untracked().is_some() {
            outcome.set(None);
        }
    });
    let same = move || match (kept.get(), duplicate.get()) {
        (Some(k), Some(d)) => k["id"] == d["id"],
        _ => false,
    };
    let both = move || kept.get().is_some() && duplicate.get().is_some();
    let rows = move || {
        what.rows()
        .iter()
        .map(|&(words, key)| {
            view! {
                <tr>
                    <th scope="row">{move || i18n.t(words)}</th>
                    <td>{move || kept.get().map(|o| text(&o, key)).unwrap_or_default()}</td>
                    <td>{move || duplicate.get().map(|o| text(&o, key)).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view()
    };
    let pick = move |title: M, chosen: RwSignal<Option<Value>>, test: &'static str| {
        let picker = match what {
            Merging::Organisations => {
                view! { <OrganisationPicker label=M::MergeSearch chosen/> }.into_any()
            }
            Merging::Clusters => view! { <ClusterPicker label=M::SearchLabel chosen/> }.into_any(),
        };
        view! {
            <fieldset class="merge-pick" data-test=test>
                <legend>{move || i18n.t(title)}</legend>
                {picker}
            </fieldset>
        }
    };
    view! {
        <section id=what.anchor() data-test=what.anchor()>
            <h2>{move || i18n.t(words.title)}</h2>
            <p class="meta">{move || i18n.t(words.lead)}</p>
            <div class="row">
                {pick(words.kept, kept, "merge-kept")}
                {pick(M::MergeDuplicate, duplicate, "merge-duplicate")}
            </div>
            <Show when=both>
                <TableBox label=Signal::derive(move || i18n.t(words.title).to_owned())>
                    <table data-test="merge-compare">
                        <thead><tr><td></td><th scope="col">{move || i18n.t(words.kept)}</th><th scope="col">{move || i18n.t(M::MergeDuplicate)}</th></tr></thead>
                        <tbody>{rows()}</tbody>
                    </table>
                </TableBox>
                <Show when=move || !same() fallback=move || view! { <p class="error" role="alert">{move || i18n.t(words.same)}</p> }>
                    <p>
                        <Confirm label=words.run question=words.question undoable=true test="merge-run"
                            disabled=Signal::derive(move || merge.pending().get())
                            on_confirm=Callback::new(move |_| { outcome.set(None); merge.dispatch(()); })/>
                    </p>
                </Show>
            </Show>
            {move || outcome.get().map(|o| match o {
                Merged::Kept(href, name) => view! {
                    <p class="ok" role="status" data-test="merge-done">{move || i18n.t(words.done)}" "
                        <A href=href>{name}</A></p>
                }.into_any(),
                Merged::Refused(errors) => view! {
                    <p class="error" role="alert" data-test="merge-error">{move || FieldError::texts(&errors, i18n.lang())}</p>
                }.into_any(),
                Merged::Failed(ApiError::Graphql { code, .. }) if code == "CONFLICT" => view! {
                    <p class="error" role="alert" data-test="merge-error">{move || i18n.t(words.conflict)}</p>
                }.into_any(),
                Merged::Failed(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </section>
    }
}
