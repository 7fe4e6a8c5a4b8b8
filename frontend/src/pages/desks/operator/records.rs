//! Recording a cluster's KKK certifications and ESCA labels: the round chosen from the
//! registry's rounds with their terms, the source document chosen or described anew
//! (`SourceField`), refusals under their fields, and the cluster's records listed, each to
//! correct in place (starting from its source) or delete after a confirmation.

use super::super::{refused_field, settle};
use crate::api::{self, ApiError, FieldError};
use crate::components::{
    Choice, ClusterPicker, Confirm, ErrorNote, PartialDateInput, SourceField, SourceInput, action,
};
use crate::i18n::{M, label, use_i18n};
use crate::queries::*;
use crate::values::{enum_value, given, items, text, text_at};
use leptos::prelude::*;
use serde_json::Value;

/// The rounds as a choice offers them: numbers and names with their terms, "VI (2023-01-23 –
/// 2025-12-17)".
#[derive(Clone, Default)]
struct Rounds {
    numbers: Vec<String>,
    names: Vec<String>,
}

fn rounds_of(data: &Value) -> Rounds {
    let mut rounds = Rounds::default();
    for r in items(data, "kkkRounds") {
        let number = r["number"].as_i64().unwrap_or_default();
        // The term runs from the call (or, where its day is unknown, the announcement) to the
        // end of the statuses' validity.
        let opened = text_at(r, "callOpenedOn").or_else(|| text_at(r, "announcedOn"));
        let ends = text_at(r, "validUntil");
        let shown = |d: Option<String>| d.unwrap_or_else(|| "…".to_owned());
        rounds.numbers.push(number.to_string());
        rounds.names.push(format!(
            "{} ({} – {})",
            text(r, "name"),
            shown(opened),
            shown(ends)
        ));
    }
    rounds
}

/// Recording a KKK certification or an ESCA label, and the chosen cluster's records.
#[component]
pub fn RecordForm() -> impl IntoView {
    let i18n = use_i18n();
    let rounds =
        LocalResource::new(|| api::read::<KkkRoundChoices>(kkk_round_choices::Variables {}));
    let kind = RwSignal::new("KKK".to_owned());
    let picked = RwSignal::new(None::<Value>);
    let cluster = RwSignal::new(String::new());
    let round = RwSignal::new(String::new());
    let level = RwSignal::new("BRONZE".to_owned());
    let awarded_on = RwSignal::new(String::new());
    let valid_until = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let reload = RwSignal::new(0u32);
    let source = SourceInput::new(None);
    let record = action(move |_: &()| {
        let kkk = kind.get_untracked() == "KKK";
        let named = source.fields();
        let cluster_id = cluster.get_untracked();
        let awarded = given(awarded_on.get_untracked());
        let until = given(valid_until.get_untracked());
        let round_number = round.get_untracked().trim().parse::<i64>().ok();
        let level = enum_value::<record_esca::EscaLevel>(&level.get_untracked());
        async move {
            if kkk {
                let input = record_kkk::RecordKkkCertificationInput {
                    cluster_id,
                    round_number,
                    representative_id: None,
                    renewal: None,
                    awarded_on: awarded,
                    valid_until: until,
                    confirmed_on: None,
                    held_since: None,
                    note: None,
                    // Named through `source.fields()`, merged into the input as sent.
                    source_id: None,
                    source: None,
                };
                let answer =
                    api::mutate_with::<RecordKkk>(record_kkk::Variables { input }, &[], named)
                        .await;
                written_with(answer, "certification", source)
            } else {
                let input = record_esca::RecordEscaLabelInput {
                    cluster_id,
                    level: level.unwrap_or(record_esca::EscaLevel::BRONZE),
                    awarded_on: awarded,
                    valid_until: until,
                    confirmed_on: None,
                    held_since: None,
                    note: None,
                    // Named through `source.fields()`, merged into the input as sent.
                    source_id: None,
                    source: None,
                };
                let answer =
                    api::mutate_with::<RecordEsca>(record_esca::Variables { input }, &[], named)
                        .await;
                written_with(answer, "label", source)
            }
        }
    });
    Effect::new(move |_| {
        if let Some(result) = record.value().get()
            && settle(result, errors, failure)
        {
            done.set(true);
            reload.update(|n| *n += 1);
        }
    });
    view! {
        <form class="form" data-test="record-form" on:submit=move |ev| { ev.prevent_default(); done.set(false); errors.set(vec![]); failure.set(None); record.dispatch(()); }>
            <fieldset class="choice">
                <legend class="sr-only">{move || i18n.t(M::RecordKkk)}</legend>
                <label><input type="radio" name="kind" value="KKK" prop:checked=move || kind.get() == "KKK" on:change=move |_| kind.set("KKK".into())/>{move || i18n.t(M::RecordKkk)}</label>
                <label><input type="radio" name="kind" value="ESCA" prop:checked=move || kind.get() == "ESCA" on:change=move |_| kind.set("ESCA".into())/>{move || i18n.t(M::RecordEsca)}</label>
            </fieldset>
            // Any cluster of the registry, found by typing (not only the first page of them).
            <ClusterPicker label=M::ChooseCluster chosen=picked test="record-cluster" errors=Some(errors) name="clusterId"
                on_pick=Some(Callback::new(move |c: Value| cluster.set(text(&c, "id"))))/>
            <Show when=move || kind.get() == "KKK" fallback=move || view! {
                <div class="field">
                    <label for="record-level">{move || i18n.t(M::Level)}</label>
                    <select id="record-level" on:change=move |ev| level.set(event_target_value(&ev))>
                        {["BRONZE", "SILVER", "GOLD"].into_iter().map(|l| view! { <option value=l>{move || label(i18n.lang(), l)}</option> }).collect_view()}
                    </select>
                </div>
            }>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let Rounds { numbers, names } = rounds.await.map(|d| rounds_of(&d)).unwrap_or_default();
                        view! { <Choice name="roundNumber" label=M::RoundChoice value=round errors options=numbers names blank=true/> }
                    })}
                </Transition>
                <p class="hint">{move || i18n.t(M::RoundTermHint)}</p>
            </Show>
            <div class="row">
                <PartialDateInput name="awardedOn" label=M::AwardedOn value=awarded_on errors/>
                <PartialDateInput name="validUntil" label=M::ValidUntilField value=valid_until errors/>
            </div>
            <SourceField source errors/>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
            {move || done.get().then(|| view! { <p class="ok" role="status">{move || i18n.t(M::Recorded)}</p> })}
            <button type="submit" disabled=move || record.pending().get() || cluster.get().is_empty()>{move || i18n.t(M::Save)}</button>
        </form>
        {move || {
            let id = cluster.get();
            (!id.is_empty()).then(|| view! { <Statuses cluster_id=id reload rounds/> })
        }}
    }
}

/// A recording's outcome, as a form settles it; once written, the document the record names
/// (`payload.<record>.source`) becomes the one chosen for the next.
fn written_with(
    answer: Result<api::Answer, ApiError>,
    record: &str,
    source: SourceInput,
) -> Result<(bool, Vec<FieldError>), ApiError> {
    match answer {
        Ok(answer) => {
            if answer.written {
                let named = answer
                    .fields
                    .get(record)
                    .and_then(|r| r.get("source"))
                    .cloned();
                source.adopt(named);
            }
            Ok((answer.written, answer.errors))
        }
        Err(error) => refused_field(error),
    }
}

/// A cluster's recorded KKK certifications and ESCA labels.
#[component]
fn Statuses(
    cluster_id: String,
    reload: RwSignal<u32>,
    rounds: LocalResource<Result<Value, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = LocalResource::new(move || {
        reload.get();
        api::read::<ClusterStatuses>(cluster_statuses::Variables {
            id: cluster_id.clone(),
        })
    });
    let notice = RwSignal::new(None::<M>);
    view! {
        <section data-test="statuses">
            <h3>{move || i18n.t(M::RecordedStatuses)}</h3>
            {move || notice.get().map(|m| view! { <p class="ok" role="status" data-test="status-notice">{move || i18n.t(m)}</p> })}
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let round_list = rounds.await.map(|d| rounds_of(&d)).unwrap_or_default();
                    match data.await {
                        Ok(d) => {
                            let c = &d["cluster"];
                            let kkk = items(c, "kkkCertifications").to_vec();
                            let esca = items(c, "escaLabels").to_vec();
                            if kkk.is_empty() && esca.is_empty() {
                                return view! { <p class="empty">{move || i18n.t(M::NoStatuses)}</p> }.into_any();
                            }
                            view! {
                                <ul class="plain statuses">
                                    {kkk.into_iter().map(|r| view! { <StatusRow record=r kkk=true rounds=round_list.clone() reload notice/> }).collect_view()}
                                    {esca.into_iter().map(|r| view! { <StatusRow record=r kkk=false rounds=Rounds::default() reload notice/> }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The fields a record's correction shows that are not texts: left empty, they are sent as
/// null to clear them (the round only for a KKK certification).
const CLEARABLE: &[&str] = &["roundNumber", "awardedOn", "validUntil"];

/// One record: what it says, "correct" (a form in its place) and "delete" (after asking).
#[component]
fn StatusRow(
    record: Value,
    kkk: bool,
    rounds: Rounds,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<M>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = text(&record, "id");
    let version = record["version"].as_i64().unwrap_or_default();
    let round_number = record["round"]["number"]
        .as_i64()
        .map(|n| n.to_string())
        .unwrap_or_default();
    let what = if kkk {
        let name = text_at(&record["round"], "name");
        (format!("KKK {}", name.unwrap_or_default()), None)
    } else {
        (String::from("ESCA "), Some(text(&record, "level")))
    };
    let awarded = text(&record, "awardedOn");
    let until = text(&record, "validUntil");
    let editing = RwSignal::new(false);
    let source = SourceInput::new(record.get("source").cloned());
    let cited = record
        .get("source")
        .and_then(|s| s.get("code"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let round = RwSignal::new(round_number);
    let awarded_on = RwSignal::new(awarded.clone());
    let valid_until = RwSignal::new(until.clone());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let update_id = id.clone();
    let update = action(move |_: &()| {
        let id = update_id.clone();
        let awarded = given(awarded_on.get_untracked());
        let until = given(valid_until.get_untracked());
        let round_number = round.get_untracked().trim().parse::<i64>().ok();
        let named = source.fields();
        async move {
            if kkk {
                let input = update_kkk::UpdateKkkCertificationInput {
                    id,
                    version,
                    round_number,
                    representative_id: None,
                    renewal: None,
                    awarded_on: awarded,
                    valid_until: until,
                    confirmed_on: None,
                    held_since: None,
                    note: None,
                    // Named through `source.fields()`, merged into the input as sent.
                    source_id: None,
                    source: None,
                };
                api::mutate_with::<UpdateKkk>(update_kkk::Variables { input }, CLEARABLE, named)
                    .await
                    .map(|a| (a.written, a.errors))
                    .or_else(refused_field)
            } else {
                let input = update_esca::UpdateEscaLabelInput {
                    id,
                    version,
                    level: None,
                    awarded_on: awarded,
                    valid_until: until,
                    confirmed_on: None,
                    held_since: None,
                    note: None,
                    // Named through `source.fields()`, merged into the input as sent.
                    source_id: None,
                    source: None,
                };
                api::mutate_with::<UpdateEsca>(
                    update_esca::Variables { input },
                    &CLEARABLE[1..],
                    named,
                )
                .await
                .map(|a| (a.written, a.errors))
                .or_else(refused_field)
            }
        }
    });
    let delete_id = id.clone();
    let delete = action(move |_: &()| {
        let id = delete_id.clone();
        async move {
            if kkk {
                let input = delete_kkk::DeleteStatusInput { id, version };
                api::change::<DeleteKkk>(delete_kkk::Variables { input }).await
            } else {
                let input = delete_esca::DeleteStatusInput { id, version };
                api::change::<DeleteEsca>(delete_esca::Variables { input }).await
            }
        }
    });
    Effect::new(move |_| {
        if let Some(result) = update.value().get()
            && settle(result, errors, failure)
        {
            notice.set(Some(M::Saved));
            reload.update(|n| *n += 1);
        }
    });
    Effect::new(move |_| {
        if let Some(result) = delete.value().get()
            && settle(result, errors, failure)
        {
            notice.set(Some(M::Deleted));
            reload.update(|n| *n += 1);
        }
    });
    let (title, level) = what;
    let shown = format!("{awarded} – {until}");
    let Rounds { numbers, names } = rounds;
    view! {
        <li class="status-record" data-test="status-record" data-kind=if kkk { "KKK" } else { "ESCA" }>
            <strong>{title}{level.map(|l| view! { {move || label(i18n.lang(), &l)} })}</strong>" · "
            <span data-test="status-dates">{shown}</span>
            {cited.map(|code| view! { " · "<span class="meta" data-test="status-source">{move || i18n.t(M::SourceRef)}" "{code.clone()}</span> })}" "
            <Show when=move || !editing.get()>
                <button type="button" class="small secondary" data-test="correct" on:click=move |_| {
                    errors.set(vec![]);
                    failure.set(None);
                    editing.set(true);
                }>{move || i18n.t(M::Correct)}</button>" "
                <Confirm label=M::DeleteRecord question=M::DeleteRecordQuestion test="delete"
                    on_confirm=Callback::new(move |_| { notice.set(None); delete.dispatch(()); })/>
            </Show>
            <Show when=move || editing.get()>
                <form class="form" data-test="correct-form" on:submit=move |ev| { ev.prevent_default(); errors.set(vec![]); failure.set(None); notice.set(None); update.dispatch(()); }>
                    {kkk.then(|| view! { <Choice name="roundNumber" label=M::RoundChoice value=round errors options=numbers.clone() names=names.clone() blank=true/> })}
                    <div class="row">
                        <PartialDateInput name="awardedOn" label=M::AwardedOn value=awarded_on errors/>
                        <PartialDateInput name="validUntil" label=M::ValidUntilField value=valid_until errors/>
                    </div>
                    <SourceField source errors/>
                    <button type="submit" disabled=move || update.pending().get()>{move || i18n.t(M::Save)}</button>" "
                    <button type="button" class="secondary" on:click=move |_| editing.set(false)>{move || i18n.t(M::Cancel)}</button>
                </form>
            </Show>
            // A refused deletion (a correction's refusals are under its fields).
            <p class="error" role="alert">{move || (!editing.get()).then(|| FieldError::texts(&errors.get(), i18n.lang()))}</p>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, user_error};
    use crate::queries::UserErrorCode;

    #[test]
    fn a_round_is_offered_with_its_term() {
        let data = serde_json::json!({"kkkRounds": [
            {"number": 6, "name": "VI", "callOpenedOn": null, "announcedOn": "2023-01-23", "validUntil": "2025-12-17"},
            {"number": 7, "name": "VII", "callOpenedOn": "2026-03", "announcedOn": null, "validUntil": null},
        ]});
        let rounds = rounds_of(&data);
        assert_eq!(rounds.numbers, ["6", "7"]);
        assert_eq!(
            rounds.names,
            ["VI (2023-01-23 – 2025-12-17)", "VII (2026-03 – …)"]
        );
    }

    #[test]
    fn a_date_outside_the_rounds_term_says_so_in_both_languages() {
        let code = UserErrorCode::OUT_OF_RANGE;
        assert!(
            user_error(Lang::Pl, &code, "validUntil", None, None, None)
                .contains("poza okres wybranego naboru KKK")
        );
        assert!(
            user_error(Lang::En, &code, "awardedOn", None, None, None)
                .contains("outside the chosen KKK round's term")
        );
    }
}
