//! A cluster's page: who it is, how to reach it, its sectors (an inferred one marked so), the
//! figures sources state about it, its KKK and ESCA timeline with today's status, its members
//! (paged, by kind, as of a day), services, projects, events, board and yearly indicators, each
//! fact with a link to its source in the list of the documents the page cites at its end; a
//! signed-in reader may follow it.

use crate::account::use_me;
use crate::api::{self, renamed};
use crate::components::{
    CalendarFeed, ColumnChart, ErrorNote, Field, Figure, FollowButton, FollowOf, Form, Inferred,
    Loading, Members, Report, Source, SourceList, SourceRef, StatedFigures, StatusBadge, action,
    gathered, title,
};
use crate::format::{excerpt, held_since, period, sector_name, status_period};
use crate::i18n::{Lang, M, date, label, use_i18n};
use crate::pages::not_found::{NotFound, is_missing};
use crate::queries::{ClaimCluster, ClusterPage as ClusterPageQuery, claim_cluster, cluster_page};
use crate::session;
use crate::values::{code, given};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// A cluster's page, by slug.
#[component]
pub fn ClusterPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let data = LocalResource::new(move || {
        let slug = slug.get();
        async move { api::run::<ClusterPageQuery>(cluster_page::Variables { slug }).await }
    });
    let i18n = use_i18n();
    // The cluster's names (Polish, English): the tab shows the one of the interface's language.
    let names = RwSignal::new((None::<String>, None::<String>));
    // The cluster's own description in the language shown (the other one when it has none),
    // else a sentence naming it.
    let about = RwSignal::new((None::<String>, None::<String>));
    title(
        move || {
            let (pl, en) = names.get();
            match in_language(i18n.lang(), pl, en) {
                Some((name, _)) => name,
                None => i18n.t(M::Cluster).to_owned(),
            }
        },
        move || {
            let (pl, en) = about.get();
            match in_language(i18n.lang(), pl, en) {
                Some((text, _)) => excerpt(&text, 160),
                None => {
                    let (pl, en) = names.get();
                    let name = in_language(i18n.lang(), pl, en).map(|(n, _)| n);
                    format!(
                        "{}{}",
                        name.unwrap_or_default(),
                        i18n.t(M::DescClusterAfterName)
                    )
                }
            }
        },
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(cluster_page::ResponseData { cluster: Some(cluster) }) => {
                        // Without a Polish name, `name` is the English one.
                        let pl = cluster.name_pl.clone().or_else(|| Some(cluster.name.clone()));
                        names.set((pl, cluster.name_en.clone()));
                        about.set((cluster.description_pl.clone(), cluster.description_en.clone()));
                        view! { <ClusterView cluster slug=slug.get_untracked()/> }.into_any()
                    }
                    Ok(_) => view! { <NotFound/> }.into_any(),
                    Err(error) if is_missing(&error) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// One entry of the KKK and ESCA timeline.
struct TimelineEntry {
    kind: String,
    /// The award date as the source states it.
    starts: Option<String>,
    /// The valid-until date as the source states it.
    ends: Option<String>,
    /// The last day the programme's rules allow, when the source states no end.
    latest_end: Option<String>,
    /// A day the source confirms it was held.
    confirmed_on: Option<String>,
    /// The source says it has been held since its award, continuously.
    held_since: bool,
    status: String,
    test_id: &'static str,
    /// The document it comes from.
    source: Option<Source>,
}

/// A fact's source as the page cites it.
fn cited(source: Option<&cluster_page::CitedSource>) -> Option<Source> {
    source.map(|s| Source {
        code: s.code.clone(),
        title: s.title.clone(),
        publisher: s.publisher.clone(),
        published_on: s.published_on.clone(),
        url: s.url.clone(),
    })
}

/// A fact's link to its source, after a space; nothing for a fact without one.
fn source_ref(source: Option<Source>) -> impl IntoView {
    source.map(|source| view! { " "<SourceRef source/> })
}

/// A text given in Polish and/or English, in the interface's language when it has one, else in
/// the other; with the language it is in.
fn in_language(shown: Lang, pl: Option<String>, en: Option<String>) -> Option<(String, Lang)> {
    let pl = pl.filter(|t| !t.trim().is_empty()).map(|t| (t, Lang::Pl));
    let en = en.filter(|t| !t.trim().is_empty()).map(|t| (t, Lang::En));
    match shown {
        Lang::Pl => pl.or(en),
        Lang::En => en.or(pl),
    }
}

#[component]
fn ClusterView(cluster: cluster_page::ClusterPageCluster, slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let c = cluster;
    // The description in the language shown, else in the other one, marked with its language
    // so a screen reader reads it with the right voice (WCAG 3.1.2).
    let description = {
        let (pl, en) = (c.description_pl.clone(), c.description_en.clone());
        move || in_language(i18n.lang(), pl.clone(), en.clone())
    };
    // The name the same way: a cluster named in English is called so in the English interface.
    let name = {
        let pl = c.name_pl.clone().or_else(|| Some(c.name.clone()));
        let en = c.name_en.clone();
        move || in_language(i18n.lang(), pl.clone(), en.clone())
    };
    let name_lang = {
        let name = name.clone();
        move || name().map(|(_, lang)| lang.tag())
    };
    let description_lang = {
        let description = description.clone();
        move || description().map(|(_, lang)| lang.tag())
    };
    let mut timeline: Vec<TimelineEntry> = c
        .kkk_certifications
        .iter()
        .map(|k| TimelineEntry {
            kind: format!(
                "KKK{}",
                k.round
                    .as_ref()
                    .map(|r| format!(" · {}", r.name))
                    .unwrap_or_default()
            ),
            starts: k.awarded_on.clone(),
            ends: k.valid_until.clone(),
            latest_end: k.validity.latest_end.clone(),
            confirmed_on: k.confirmed_on.clone(),
            held_since: k.held_since,
            status: code(&k.status),
            test_id: "kkk",
            source: cited(k.source.as_ref()),
        })
        .chain(c.esca_labels.iter().map(|e| TimelineEntry {
            kind: format!("ESCA {}", code(&e.level)),
            starts: e.awarded_on.clone(),
            ends: e.valid_until.clone(),
            latest_end: e.validity.latest_end.clone(),
            confirmed_on: e.confirmed_on.clone(),
            held_since: e.held_since,
            status: code(&e.status),
            test_id: "esca",
            source: cited(e.source.as_ref()),
        }))
        .collect();
    // By award, a record without one by its end; partial dates sort as text ("2015" before
    // "2015-03").
    timeline.sort_by(|a, b| {
        (a.starts.as_ref().or(a.ends.as_ref())).cmp(&b.starts.as_ref().or(b.ends.as_ref()))
    });
    let figures: Vec<Figure> = c
        .stated_figures
        .iter()
        .map(|f| Figure {
            kind: code(&f.kind),
            qualifier: code(&f.qualifier),
            value: f.value,
            stated_on: f.stated_on.clone(),
            quote: f.quote.clone(),
            source: cited(f.source.as_ref()),
        })
        .collect();
    // Every document the page cites: those that mention the cluster and each fact's own.
    let record_sources: Vec<Source> = c.sources.iter().filter_map(|s| cited(Some(s))).collect();
    let sources = gathered(
        c.sources
            .iter()
            .map(|s| cited(Some(s)))
            .chain(timeline.iter().map(|t| t.source.clone()))
            .chain(c.services.iter().map(|s| cited(s.source.as_ref())))
            .chain(c.projects.iter().map(|p| cited(p.source.as_ref())))
            .chain(c.events.iter().map(|e| cited(e.source.as_ref())))
            .chain(c.people.iter().map(|p| cited(p.source.as_ref())))
            .chain(figures.iter().map(|f| f.source.clone()))
            .chain(
                c.specialisation_records
                    .iter()
                    .map(|s| cited(s.source.as_ref())),
            )
            .chain(
                c.sector_assignments
                    .iter()
                    .map(|s| cited(s.source.as_ref())),
            )
            .flatten(),
    );
    let timeline_empty = timeline.is_empty();
    let timeline_view = timeline
        .into_iter()
        .map(|entry| {
            let kind = entry.kind.clone();
            let shown = move || {
                let lang = i18n.lang();
                match kind.strip_prefix("ESCA ") {
                    Some(level) => format!("{} · {}", i18n.t(M::EscaLabel), label(lang, level)),
                    None => kind.replacen("KKK", i18n.t(M::KkkCertification), 1),
                }
            };
            let (starts, ends, latest) = (entry.starts, entry.ends, entry.latest_end);
            let confirmed = entry.confirmed_on;
            let continuous = entry.held_since;
            let source = entry.source;
            let period = move || {
                let lang = i18n.lang();
                let stated = match starts.as_deref() {
                    Some(awarded) if continuous => held_since(lang, awarded),
                    _ => status_period(lang, starts.as_deref(), ends.as_deref(), latest.as_deref()),
                };
                match confirmed.as_deref() {
                    Some(day) => {
                        format!("{stated} · {} {}", i18n.t(M::ConfirmedOn), date(lang, day))
                    }
                    None => stated,
                }
            };
            view! {
                <li class="timeline-entry" data-test=format!("timeline-{}", entry.test_id)>
                    <span class="timeline-kind">{shown}</span>
                    <span class="timeline-period">{period}</span>
                    <StatusBadge status=entry.status/>
                    {source_ref(source)}
                </li>
            }
        })
        .collect_view();
    let contacts = [
        (
            M::Address,
            [c.address.clone(), c.postal_code.clone(), c.city.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (M::Phone, c.phone.clone().unwrap_or_default()),
        (M::Email, c.email.clone().unwrap_or_default()),
        (M::Website, c.website.clone().unwrap_or_default()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(m, value)| {
        let content = if m == M::Website {
            view! { <a href=value.clone() rel="noopener">{value.clone()}</a> }.into_any()
        } else if m == M::Email {
            view! { <a href=format!("mailto:{value}")>{value.clone()}</a> }.into_any()
        } else {
            value.into_any()
        };
        view! { <dt>{move || i18n.t(m)}</dt><dd>{content}</dd> }
    })
    .collect_view();
    let sectors = c.sector_assignments.clone();
    let founded = c.founded_on.clone();
    // Whether it operates, as a source states it; "unknown" says that none does.
    let operating = match code(&c.status).as_str() {
        "ACTIVE" => M::ClusterOperates,
        "INACTIVE" => M::ClusterSuspended,
        "DISSOLVED" => M::ClusterDissolved,
        _ => M::ClusterStatusUnknown,
    };
    let indicators: Vec<(String, i64)> = c
        .indicators
        .iter()
        .filter_map(|i| i.member_count.map(|m| (i.year.to_string(), m)))
        .collect();
    let has_indicators = !indicators.is_empty();
    let status_now = c.kkk_status.as_ref().map(code);
    let cluster_id = c.id.clone();
    let claimed_slug = slug.clone();
    let feed = format!("/clusters/{slug}/calendar.ics");
    view! {
        <article class="cluster" data-test="cluster-page">
            <p class="crumbs"><A href="/clusters">{move || i18n.t(M::DirectoryTitle)}</A></p>
            <h1><span lang=name_lang>{move || name().map(|(n, _)| n)}</span>{c.acronym.clone().map(|a| view! { " " <span class="acronym">{a}</span> })}</h1>
            <p class="badges">
                {status_now.map(|status| view! { <span class="badge-label">{move || i18n.t(M::KkkCertification)}</span><span data-test="kkk-status"><StatusBadge status/></span> })}
                {c.voivodeship.as_ref().map(|v| view! { <span class="meta">{v.name.clone()}</span> })}
            </p>
            <FollowButton of=FollowOf::Cluster(c.id.clone())/>
            <div class="grid-2">
                <div>
                    <p class="description" lang=description_lang>{move || description().map(|(text, _)| text)}</p>
                    <dl class="facts">
                        {c.coordinator.clone().map(|org| view! {
                            <dt>{move || i18n.t(M::Coordinator)}</dt>
                            <dd><A href=format!("/organisations/{}", org.id)>{org.name.clone()}</A></dd>
                        })}
                        {founded.map(|f| view! { <dt>{move || i18n.t(M::Founded)}</dt><dd>{move || date(i18n.lang(), &f)}</dd> })}
                        <dt>{move || i18n.t(M::ClusterOperating)}</dt><dd data-test="operating">{move || i18n.t(operating)}</dd>
                        // The record's own facts (name, founding, seat, contacts, coordinator) are
                        // kept from the documents that mention the cluster, not field by field.
                        {(!record_sources.is_empty()).then(|| view! {
                            <dt>{move || i18n.t(M::ClusterRecordSources)}</dt>
                            <dd data-test="record-sources">{record_sources.into_iter().map(|source| view! { <SourceRef source/>" " }).collect_view()}</dd>
                        })}
                        {(!sectors.is_empty()).then(|| view! {
                            <dt>{move || i18n.t(M::Sectors)}</dt>
                            <dd data-test="sectors">{move || sectors.iter().enumerate().map(|(i, s)| view! {
                                {(i > 0).then_some(", ")}
                                <Inferred text=sector_name(i18n.lang(), &s.sector.name_pl, &s.sector.name_en) inferred_by=s.inferred_by.clone()/>
                                {source_ref(cited(s.source.as_ref()))}
                            }).collect_view()}</dd>
                        })}
                        {(!figures.is_empty()).then(|| view! {
                            <dt>{move || i18n.t(M::StatedFigures)}</dt>
                            <dd><StatedFigures figures/></dd>
                        })}
                        {(!c.specialisation_records.is_empty()).then(|| view! {
                            <dt>{move || i18n.t(M::Specialisations)}</dt>
                            <dd data-test="specialisations">{c.specialisation_records.iter().enumerate().map(|(i, s)| view! {
                                {(i > 0).then_some(", ")}{s.name.clone()}{source_ref(cited(s.source.as_ref()))}
                            }).collect_view()}</dd>
                        })}
                    </dl>
                </div>
                <div>
                    <h2>{move || i18n.t(M::Contacts)}</h2>
                    <dl class="facts">{contacts}</dl>
                </div>
            </div>
            <section>
                <h2>{move || i18n.t(M::Timeline)}</h2>
                {timeline_empty.then(|| view! { <p class="empty">{move || i18n.t(M::NoKkkOrEsca)}</p> })}
                <ol class="timeline">{timeline_view}</ol>
            </section>
            <Members slug=slug/>
            {(!c.services.is_empty()).then(|| view! {
                <section>
                    <h2>{move || i18n.t(M::Services)}</h2>
                    <ul class="plain">{c.services.iter().map(|s| view! { <li><strong>{s.name.clone()}</strong>{source_ref(cited(s.source.as_ref()))}{s.description.clone().map(|d| view! { <br/><span>{d}</span> })}</li> }).collect_view()}</ul>
                </section>
            })}
            {(!c.projects.is_empty()).then(|| view! {
                <section>
                    <h2>{move || i18n.t(M::Projects)}</h2>
                    <ul class="plain">{c.projects.iter().map(|p| {
                        let period = period_text(p.starts_on.clone(), p.ends_on.clone());
                        view! { <li><strong>{p.name.clone()}</strong>{p.programme.clone().map(|x| format!(" · {x}"))}" "<span class="meta">{move || period(i18n.lang())}</span>{source_ref(cited(p.source.as_ref()))}</li> }
                    }).collect_view()}</ul>
                </section>
            })}
            <section>
                <h2>{move || i18n.t(M::Events)}</h2>
                {c.events.is_empty().then(|| view! { <p class="empty">{move || i18n.t(M::NoEvents)}</p> })}
                {(!c.events.is_empty()).then(|| view! {
                    <ul class="plain" data-test="events">{c.events.iter().map(|e| {
                        let period = period_text(e.starts_on.clone(), e.ends_on.clone());
                        view! { <li><strong>{e.name.clone()}</strong>" "<span class="meta">{move || period(i18n.lang())}{e.location.clone().map(|l| format!(" · {l}"))}</span>{source_ref(cited(e.source.as_ref()))}</li> }
                    }).collect_view()}</ul>
                })}
                <CalendarFeed path=feed whose=M::CalendarFeedCluster/>
            </section>
            {(!c.people.is_empty()).then(|| view! {
                <section>
                    <h2>{move || i18n.t(M::Board)}</h2>
                    <ul class="plain">{c.people.iter().map(|p| {
                        let role = code(&p.role);
                        let position = p.position.clone();
                        view! { <li>{p.person.as_ref().map(|x| x.full_name.clone())}" · "<span class="meta">{move || position.clone().unwrap_or_else(|| label(i18n.lang(), &role))}</span>{source_ref(cited(p.source.as_ref()))}</li> }
                    }).collect_view()}</ul>
                </section>
            })}
            {has_indicators.then(|| view! {
                <section>
                    <ColumnChart caption=Signal::derive(move || format!("{} · {}", i18n.t(M::Indicators), i18n.t(M::IndicatorMembers))) columns=indicators/>
                </section>
            })}
            {(!c.has_coordinator_account).then(|| view! { <Claim cluster_id slug=claimed_slug/> })}
            <SourceList sources/>
        </article>
    }
}

/// For a signed-in reader of a cluster no account coordinates yet (most clusters loaded from
/// public lists): asking the operators to let them coordinate its entry.
#[component]
fn Claim(cluster_id: String, slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let me = use_me();
    let signed_in = session::signal();
    let open = RwSignal::new(false);
    let report = Report::new();
    let errors = report.errors;
    let message = RwSignal::new(String::new());
    let claim = action(move |_: &()| {
        let input = claim_cluster::ClaimClusterInput {
            cluster_id: cluster_id.clone(),
            message: given(message.get_untracked()),
        };
        async move {
            // A cluster with coordinators already is refused on its id; worded as a claim.
            api::change::<ClaimCluster>(claim_cluster::Variables { input })
                .await
                .map(|(written, errors)| (written, renamed(errors, "clusterId", "claim")))
        }
    });
    let coordinates = move || {
        me.get()
            .flatten()
            .and_then(|m| m.coordinates)
            .is_some_and(|(_, s, _)| s == slug)
    };
    view! {
        <Show when=move || signed_in.get().is_some() && !coordinates()>
            <section class="claim" data-test="claim">
                <h2>{move || i18n.t(M::ClaimTitle)}</h2>
                <p class="meta">{move || i18n.t(M::ClaimLead)}</p>
                <Show when=move || open.get() fallback=move || view! {
                    <button type="button" class="secondary" data-test="open-claim" on:click=move |_| open.set(true)>{move || i18n.t(M::ClaimCluster)}</button>
                }>
                    <Form action=claim report submit=M::SendClaim done=M::ClaimSent test="claim-form" fields=&["message"]>
                        <Field name="message" label=M::ClaimMessage value=message errors multiline=true/>
                    </Form>
                </Show>
            </section>
        </Show>
    }
}

fn period_text(
    starts: Option<String>,
    ends: Option<String>,
) -> impl Fn(Lang) -> String + Clone + Send + Sync + 'static {
    move |lang| period(lang, starts.as_deref(), ends.as_deref())
}
