//! Merging a duplicate organisation into the one the registry keeps: both picked by searching
//! as one types, shown side by side, merged after a confirmation that it cannot be undone.

use crate::api::{self, ApiError, FieldError};
use crate::components::{ConfirmButton, ErrorNote, TableBox};
use crate::i18n::{M, use_i18n};
use crate::queries::*;
use crate::values::{items, text};
use leptos::prelude::*;
use leptos_router::components::A;
use serde_json::Value;

/// What came of a merge.
#[derive(Clone)]
enum Merged {
    /// The organisation kept: its ID and name.
    Kept(String, String),
    Refused(Vec<FieldError>),
    Failed(ApiError),
}

/// Picking the kept organisation and its duplicate, and merging them.
#[component]
pub fn MergeOrganisationsPanel() -> impl IntoView {
    let i18n = use_i18n();
    let kept = RwSignal::new(None::<Value>);
    let duplicate = RwSignal::new(None::<Value>);
    let outcome = RwSignal::new(None::<Merged>);
    let merge = Action::new_local(move |_: &()| {
        let (k, d) = (kept.get_untracked(), duplicate.get_untracked());
        async move {
            let (Some(k), Some(d)) = (k, d) else {
                return Merged::Refused(vec![]);
            };
            let input = merge_organisations::MergeOrganisationsInput {
                kept_id: text(&k, "id"),
                kept_version: k["version"].as_i64().unwrap_or_default(),
                duplicate_id: text(&d, "id"),
                duplicate_version: d["version"].as_i64().unwrap_or_default(),
            };
            match api::mutate::<MergeOrganisations>(merge_organisations::Variables { input }).await
            {
                Ok(answer) if answer.written => Merged::Kept(
                    answer.text(&["organisation", "id"]).unwrap_or_default(),
                    answer.text(&["organisation", "name"]).unwrap_or_default(),
                ),
                Ok(answer) => Merged::Refused(answer.errors),
                Err(e) => Merged::Failed(e),
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
    let same = move || match (kept.get(), duplicate.get()) {
        (Some(k), Some(d)) => k["id"] == d["id"],
        _ => false,
    };
    let both = move || kept.get().is_some() && duplicate.get().is_some();
    let row = move |words: M, key: &'static str| {
        view! {
            <tr>
                <th scope="row">{move || i18n.t(words)}</th>
                <td>{move || kept.get().map(|o| text(&o, key)).unwrap_or_default()}</td>
                <td>{move || duplicate.get().map(|o| text(&o, key)).unwrap_or_default()}</td>
            </tr>
        }
    };
    view! {
        <section id="merge" data-test="merge">
            <h2>{move || i18n.t(M::MergeTitle)}</h2>
            <p class="meta">{move || i18n.t(M::MergeLead)}</p>
            <div class="row">
                <Picker title=M::MergeKept chosen=kept test="merge-kept" outcome/>
                <Picker title=M::MergeDuplicate chosen=duplicate test="merge-duplicate" outcome/>
            </div>
            <Show when=both>
                <TableBox label=Signal::derive(move || i18n.t(M::MergeTitle).to_owned())>
                    <table data-test="merge-compare">
                        <thead><tr><td></td><th scope="col">{move || i18n.t(M::MergeKept)}</th><th scope="col">{move || i18n.t(M::MergeDuplicate)}</th></tr></thead>
                        <tbody>
                            {row(M::Name, "name")}
                            {row(M::Nip, "nip")}
                            {row(M::Regon, "regon")}
                            {row(M::City, "city")}
                            {row(M::Website, "website")}
                        </tbody>
                    </table>
                </TableBox>
                <Show when=move || !same() fallback=move || view! { <p class="error" role="alert">{move || i18n.t(M::MergeSame)}</p> }>
                    <p>
                        <ConfirmButton label=M::MergeRun question=M::MergeQuestion test="merge-run"
                            on_confirm=Callback::new(move |_| { outcome.set(None); merge.dispatch(()); })/>
                    </p>
                </Show>
            </Show>
            {move || outcome.get().map(|o| match o {
                Merged::Kept(id, name) => view! {
                    <p class="ok" role="status" data-test="merge-done">{move || i18n.t(M::MergeDone)}" "
                        <A href=format!("/organisations/{id}")>{name}</A></p>
                }.into_any(),
                Merged::Refused(errors) => view! {
                    <p class="error" role="alert" data-test="merge-error">{move || FieldError::texts(&errors, i18n.lang())}</p>
                }.into_any(),
                Merged::Failed(ApiError::Graphql { code, .. }) if code == "CONFLICT" => view! {
                    <p class="error" role="alert" data-test="merge-error">{move || i18n.t(M::MergeConflict)}</p>
                }.into_any(),
                Merged::Failed(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </section>
    }
}

/// One organisation picked by searching as one types.
#[component]
fn Picker(
    title: M,
    chosen: RwSignal<Option<Value>>,
    test: &'static str,
    outcome: RwSignal<Option<Merged>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let found = LocalResource::new(move || {
        let text = query.get().trim().to_owned();
        async move {
            if text.chars().count() < 2 {
                return Ok(Value::Null);
            }
            api::read::<MergeCandidates>(merge_candidates::Variables { text }).await
        }
    });
    let input_id = format!("{test}-search");
    view! {
        <fieldset class="merge-pick" data-test=test>
            <legend>{move || i18n.t(title)}</legend>
            <div class="field">
                <label for=input_id.clone()>{move || i18n.t(M::MergeSearch)}</label>
                <input id=input_id type="search" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
            </div>
            {move || chosen.get().map(|o| view! { <p data-test="chosen"><strong>{text(&o, "name")}</strong></p> })}
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match found.await {
                        Ok(d) => view! {
                            <ul class="plain">
                                {items(&d["organisations"], "nodes").iter().cloned().map(|o| {
                                    let name = text(&o, "name");
                                    let detail = [text(&o, "city"), text(&o, "nip")].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
                                    view! {
                                        <li data-test="candidate">
                                            {name.clone()}" "<span class="meta">{detail}</span>" "
                                            <button type="button" class="small secondary" on:click=move |_| {
                                                outcome.set(None);
                                                chosen.set(Some(o.clone()));
                                                query.set(String::new());
                                            }>{move || i18n.t(M::MergeChoose)}<span class="sr-only">{format!(": {name}")}</span></button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
        </fieldset>
    }
}
