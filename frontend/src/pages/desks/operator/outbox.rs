//! The mail outbox: the notification pipeline's counts, then every mail with where it stands
//! and every try at sending it.

use crate::api;
use crate::components::{Choice, ErrorNote, Loading};
use crate::i18n::{M, date, number, use_i18n};
use crate::queries::*;
use crate::values::{code, enum_value};
use leptos::prelude::*;

/// The newest mail, or those in one state, each with its tries.
#[component]
pub fn Outbox() -> impl IntoView {
    let i18n = use_i18n();
    let status = RwSignal::new(String::new());
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.get();
        let status = enum_value(&status.get());
        async move { api::run::<MailOutbox>(mail_outbox::Variables { status }).await }
    });
    let pipeline = LocalResource::new(move || {
        reload.get();
        api::read::<NotificationPipeline>(notification_pipeline::Variables {})
    });
    // The API's times are UTC; the outbox says so rather than guess the reader's zone.
    let time = move |at: &str| {
        format!(
            "{} {} UTC",
            date(i18n.lang(), at),
            at.get(11..16).unwrap_or_default()
        )
    };
    view! {
        <section id="outbox" data-test="outbox">
            <h2>{move || i18n.t(M::OutboxTitle)}</h2>
            <h3>{move || i18n.t(M::PipelineTitle)}</h3>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match pipeline.await {
                        Ok(d) => {
                            let counts = [
                                ("notificationsLastDay", M::PipelineLastDay),
                                ("unread", M::PipelineUnread),
                                ("awaitingDigest", M::PipelineAwaitingDigest),
                                ("mailed", M::PipelineMailed),
                                ("notMailed", M::PipelineNotMailed),
                                ("mailsPending", M::PipelineMailsPending),
                                ("mailsSent", M::PipelineMailsSent),
                                ("mailsFailed", M::PipelineMailsFailed),
                                ("mailsRetried", M::PipelineMailsRetried),
                            ];
                            let pipeline = &d["notificationPipeline"];
                            view! {
                                <ul class="headline pipeline" data-test="pipeline">
                                    {counts.into_iter().map(|(name, words)| (name, words, pipeline[name].as_i64().unwrap_or_default())).map(|(name, words, n)| view! {
                                        <li data-test=format!("pipeline-{name}")><strong>{move || number(i18n.lang(), n)}</strong>{move || i18n.t(words)}</li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
            <div class="filters">
                <Choice name="mailStatus" label=M::Status value=status errors=RwSignal::new(vec![])
                    options=vec!["PENDING".into(), "SENT".into(), "FAILED".into()] blank=true/>
                <button type="button" class="secondary" on:click=move |_| reload.update(|n| *n += 1)>{move || i18n.t(M::Refresh)}</button>
            </div>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) if d.mail_outbox.nodes.is_empty() => view! { <p class="empty">{move || i18n.t(M::NothingFound)}</p> }.into_any(),
                        Ok(d) => view! {
                            <ul class="plain">
                                {d.mail_outbox.nodes.into_iter().map(|m| {
                                    let state = code(&m.status);
                                    let (created, sent, next) = (m.created_at.clone(), m.sent_at.clone(), m.next_attempt_at.clone());
                                    let pending = state == "PENDING";
                                    view! {
                                        <li data-test="mail" data-template=m.template.clone() data-status=code(&m.status)>
                                            <strong class="wrap">{m.recipient.clone()}</strong>" · "<code>{m.template.clone()}</code>
                                            {format!(" · {}", code(&m.language))}
                                            " · "<span class="badge">{move || i18n.t(match state.as_str() { "SENT" => M::MailSent, "FAILED" => M::MailFailed, _ => M::MailPending })}</span>
                                            <p class="meta">
                                                {move || format!("{} {}", i18n.t(M::Queued), time(&created))}
                                                {move || sent.as_deref().map(|s| format!(" · {} {}", i18n.t(M::MailSent), time(s)))}
                                                {move || pending.then(|| format!(" · {} {}", i18n.t(M::NextTry), time(&next)))}
                                            </p>
                                            {m.last_error.clone().map(|e| view! { <p class="error wrap">{e}</p> })}
                                            <details>
                                                <summary>{move || format!("{}: {}", i18n.t(M::Attempts), m.attempt_count)}</summary>
                                                <ol>
                                                    {m.attempts.into_iter().map(|a| {
                                                        let at = a.at.clone();
                                                        view! {
                                                            <li data-test="attempt">
                                                                {move || format!("{} · {} ms · ", time(&at), a.duration_ms)}
                                                                {match a.error.clone() {
                                                                    Some(e) => view! { <span class="error wrap">{e}</span> }.into_any(),
                                                                    None => view! { <span class="ok">{move || i18n.t(M::Accepted)}</span> }.into_any(),
                                                                }}
                                                            </li>
                                                        }
                                                    }).collect_view()}
                                                </ol>
                                            </details>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
