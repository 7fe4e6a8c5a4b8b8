//! The cluster's webhooks on the coordinator's desk, beside its API tokens: each registered
//! address with the kinds of change it hears, its recent deliveries with every try (status,
//! the partner's response code, when, how long) and a way to send one again; registering one
//! (its signing key shown once) and deleting one after a confirmation.

use crate::api::{self, ApiError, FieldError};
use crate::components::{Confirm, ErrorNote, Field, Loading, action};
use crate::i18n::{Lang, M, date, use_i18n};
use crate::queries::*;
use crate::values::{enum_value, items, text, text_at};
use leptos::prelude::*;
use serde_json::Value;

/// The API's kinds of change (`EventKind`) with their words, in the order the form offers them.
const KINDS: [(&str, M); 8] = [
    ("CLUSTER_CHANGED", M::EventKindClusterChanged),
    ("MEMBERSHIP_CHANGED", M::EventKindMembershipChanged),
    ("CERTIFICATION_CHANGED", M::EventKindCertificationChanged),
    ("LABEL_CHANGED", M::EventKindLabelChanged),
    ("COOPERATION_OFFER_POSTED", M::EventKindOfferPosted),
    ("ORGANISATION_CHANGED", M::EventKindOrganisationChanged),
    ("CERTIFICATION_EXPIRING", M::EventKindCertificationExpiring),
    ("LABEL_EXPIRING", M::EventKindLabelExpiring),
];

/// A kind of change in words; an unknown one as the API spells it.
fn kind_words(lang: Lang, kind: &str) -> String {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or_else(|| kind.to_owned(), |(_, m)| m.text(lang).to_owned())
}

/// A delivery's status (`WebhookDeliveryStatus`) in words.
fn status_words(lang: Lang, status: &str) -> String {
    match status {
        "PENDING" => M::DeliveryPending.text(lang).to_owned(),
        "DELIVERED" => M::DeliveryDelivered.text(lang).to_owned(),
        "FAILED" => M::DeliveryFailed.text(lang).to_owned(),
        other => other.to_owned(),
    }
}

/// An instant in the reader's time zone: `5.03.2024, 14:05`.
fn moment(lang: Lang, instant: &str) -> String {
    match crate::values::local_moment(instant) {
        Some((day, time)) => format!("{}, {time}", date(lang, &day)),
        None => date(lang, instant),
    }
}

/// The cluster's webhooks, newest first, and the form that registers one.
#[component]
pub fn WebhooksPanel(cluster_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let notice = RwSignal::new(None::<M>);
    let failure = RwSignal::new(None::<ApiError>);
    let list_cluster = cluster_id.clone();
    let hooks = LocalResource::new(move || {
        reload.get();
        let cluster_id = Some(list_cluster.clone());
        async move { api::read::<Webhooks>(webhooks::Variables { cluster_id }).await }
    });
    let redeliver = action(move |id: &String| {
        let input = redeliver_webhook_delivery::RedeliverWebhookDeliveryInput { id: id.clone() };
        async move {
            api::change::<RedeliverWebhookDelivery>(redeliver_webhook_delivery::Variables { input })
                .await
        }
    });
    let delete = action(move |id: &String| {
        let input = delete_webhook::DeleteWebhookInput { id: id.clone() };
        async move { api::change::<DeleteWebhook>(delete_webhook::Variables { input }).await }
    });
    let refused = RwSignal::new(Vec::<FieldError>::new());
    for (act, done) in [(redeliver, M::Redelivered), (delete, M::WebhookDeleted)] {
        Effect::new(move |_| match act.value().get() {
            Some(Ok((true, _))) => {
                refused.set(vec![]);
                notice.set(Some(done));
                reload.update(|n| *n += 1);
            }
            Some(Ok((false, errors))) => refused.set(errors),
            Some(Err(e)) => failure.set(Some(e)),
            None => {}
        });
    }
    let clear = move || {
        notice.set(None);
        failure.set(None);
        refused.set(vec![]);
    };
    view! {
        <section data-test="webhooks">
            <h2>{move || i18n.t(M::WebhooksTitle)}</h2>
            <p class="meta">{move || i18n.t(M::WebhooksLead)}</p>
            {move || notice.get().map(|m| view! { <p class="ok" role="status" data-test="webhooks-notice">{move || i18n.t(m)}</p> })}
            <p class="error" role="alert">{move || FieldError::texts(&refused.get(), i18n.lang())}</p>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
            <button type="button" class="small secondary" data-test="refresh-webhooks" on:click=move |_| { clear(); reload.update(|n| *n += 1); }>{move || i18n.t(M::Refresh)}</button>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match hooks.await {
                        Ok(d) => {
                            let list = items(&d["webhooks"], "nodes").to_vec();
                            if list.is_empty() {
                                return view! { <p class="empty">{move || i18n.t(M::NoWebhooks)}</p> }.into_any();
                            }
                            view! {
                                <ul class="plain">
                                    {list.into_iter().map(|hook| {
                                        let on_delete = Callback::new(move |id: String| { clear(); delete.dispatch(id); });
                                        let on_redeliver = Callback::new(move |id: String| { clear(); redeliver.dispatch(id); });
                                        view! { <WebhookItem hook on_delete on_redeliver/> }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
            <RegisterWebhook cluster_id reload notice/>
        </section>
    }
}

/// One webhook: its address, what it hears, when it was registered, deleting it, and its
/// recent deliveries.
#[component]
fn WebhookItem(
    hook: Value,
    on_delete: Callback<String>,
    on_redeliver: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = text(&hook, "id");
    let url = text(&hook, "url");
    let kinds: Vec<String> = items(&hook, "events")
        .iter()
        .filter_map(|k| k.as_str().map(str::to_owned))
        .collect();
    let created = text(&hook, "createdAt");
    let deliveries = items(&hook["deliveries"], "nodes").to_vec();
    let empty = deliveries.is_empty();
    let shown_url = url.clone();
    view! {
        <li class="webhook" data-test="webhook" data-url=shown_url>
            <code>{url}</code>" "
            <Confirm label=M::Delete question=M::DeleteWebhookQuestion test="delete-webhook"
                on_confirm=Callback::new(move |_| on_delete.run(id.clone()))/>
            <p class="meta">{move || kinds.iter().map(|k| kind_words(i18n.lang(), k)).collect::<Vec<_>>().join("; ")}</p>
            <p class="meta">{move || format!("{} {}", i18n.t(M::WebhookCreatedAt), moment(i18n.lang(), &created))}</p>
            <h3>{move || i18n.t(M::RecentDeliveries)}</h3>
            {empty.then(|| view! { <p class="empty">{move || i18n.t(M::NoDeliveries)}</p> })}
            <ul class="plain deliveries">
                {deliveries.into_iter().map(|d| view! { <Delivery delivery=d on_redeliver/> }).collect_view()}
            </ul>
        </li>
    }
}

/// One delivery: its status, when the change was written, when it was delivered or is tried
/// next, every try, and sending it again.
#[component]
fn Delivery(delivery: Value, on_redeliver: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let id = text(&delivery, "id");
    let status = text(&delivery, "status");
    let created = text(&delivery, "createdAt");
    let delivered = text_at(&delivery, "deliveredAt");
    let next = text_at(&delivery, "nextAttemptAt").filter(|_| status == "PENDING");
    let attempts = items(&delivery, "attempts").to_vec();
    let shown_status = status.clone();
    let summary = move || {
        let lang = i18n.lang();
        let mut parts = vec![status_words(lang, &shown_status), moment(lang, &created)];
        if let Some(at) = &delivered {
            parts.push(format!(
                "{} {}",
                M::DeliveryDelivered.text(lang),
                moment(lang, at)
            ));
        }
        if let Some(at) = &next {
            parts.push(format!(
                "{} {}",
                M::NextAttemptAt.text(lang),
                moment(lang, at)
            ));
        }
        parts.join(" · ")
    };
    view! {
        <li class="delivery" data-test="delivery" data-status=status>
            <span data-test="delivery-summary">{summary}</span>" "
            <button type="button" class="small secondary" data-test="redeliver" on:click=move |_| on_redeliver.run(id.clone())>{move || i18n.t(M::Redeliver)}</button>
            <ol class="attempts">
                {attempts.into_iter().map(|a| {
                    let number = a["number"].as_i64().unwrap_or_default();
                    let code = a["statusCode"].as_i64();
                    let took = a["durationMs"].as_i64().unwrap_or_default();
                    let at = text(&a, "attemptedAt");
                    let error = text_at(&a, "error");
                    view! {
                        <li data-test="attempt" data-code=code.map(|c| c.to_string())>{move || {
                            let lang = i18n.lang();
                            let answer = match code {
                                Some(c) => format!("{} {c}", M::ResponseCode.text(lang)),
                                None => M::NoResponse.text(lang).to_owned(),
                            };
                            let mut line = format!("{} {number} · {} · {answer} · {took} ms", M::AttemptNumber.text(lang), moment(lang, &at));
                            if let Some(e) = &error {
                                line.push_str(&format!(" · {} {e}", M::AttemptError.text(lang)));
                            }
                            line
                        }}</li>
                    }
                }).collect_view()}
            </ol>
        </li>
    }
}

/// Registering a webhook for the cluster: its address and the kinds of change it hears. The
/// signing key the answer carries is shown once, and stays until the next registration.
#[component]
fn RegisterWebhook(
    cluster_id: String,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<M>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let url = RwSignal::new(String::new());
    let chosen = RwSignal::new(vec![KINDS[0].0, KINDS[1].0]);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let secret = RwSignal::new(None::<String>);
    let create = Action::new_local(move |_: &()| {
        let input = create_webhook::CreateWebhookInput {
            url: url.get_untracked(),
            events: chosen
                .get_untracked()
                .iter()
                .filter_map(|k| enum_value(k))
                .collect(),
            cluster_id: Some(cluster_id.clone()),
            voivodeship: None,
        };
        async move { api::mutate::<CreateWebhook>(create_webhook::Variables { input }).await }
    });
    Effect::new(move |_| match create.value().get() {
        Some(Ok(answer)) if answer.written => {
            errors.set(vec![]);
            secret.set(answer.text(&["secret"]));
            notice.set(Some(M::WebhookRegistered));
            url.set(String::new());
            reload.update(|n| *n += 1);
        }
        Some(Ok(answer)) => errors.set(answer.errors),
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    let kinds_error = move || {
        errors
            .get()
            .into_iter()
            .filter(|e| !e.field.ends_with("url"))
            .map(|e| e.text(i18n.lang()))
            .collect::<Vec<_>>()
            .join(" ")
    };
    view! {
        {move || secret.get().map(|key| view! {
            <div class="notice" role="status">
                <p>{move || i18n.t(M::WebhookSecretShownOnce)}</p>
                <code data-test="webhook-secret">{key}</code>
            </div>
        })}
        <form class="form" data-test="webhook-form" on:submit=move |ev| {
            ev.prevent_default();
            errors.set(vec![]);
            failure.set(None);
            notice.set(None);
            secret.set(None);
            create.dispatch(());
        }>
            <h3>{move || i18n.t(M::RegisterWebhook)}</h3>
            <Field name="url" label=M::WebhookUrl value=url errors/>
            <fieldset class="choice">
                <legend>{move || i18n.t(M::WebhookEvents)}</legend>
                {KINDS.iter().map(|(kind, words)| {
                    let kind: &'static str = kind;
                    let words = *words;
                    view! {
                        <label><input type="checkbox" value=kind
                            prop:checked=move || chosen.with(|c| c.contains(&kind))
                            on:change=move |_| chosen.update(|c| if c.contains(&kind) { c.retain(|k| *k != kind) } else { c.push(kind) })/>
                            {move || i18n.t(words)}</label>
                    }
                }).collect_view()}
            </fieldset>
            <p class="field-error" data-test="error-events" role="alert">{kinds_error}</p>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
            <button type="submit" disabled=move || create.pending().get()>{move || i18n.t(M::RegisterWebhook)}</button>
        </form>
    }
}
