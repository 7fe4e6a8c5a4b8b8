//! The KKK page: every round, who holds the status today, who lost it and when.
//!
//! Who holds it today is asked of the registry (`clusters(filter: {kkkActiveOn})`), not read
//! off the rounds: a certification may be recorded without a round (a renewal the sources give
//! no round for), and it counts as much as one with a round.

use crate::api::{self, ApiError};
use crate::components::{AsOfPicker, ErrorNote, Loading, StatusBadge, title, use_as_of};
use crate::format::{roman, status_period};
use crate::i18n::{Lang, M, date, use_i18n};
use crate::queries::{KkkHolders, KkkPage as KkkQuery, kkk_holders, kkk_page};
use crate::values::{code, items, text, text_at, today};
use leptos::prelude::*;
use leptos_router::components::A;

/// A cluster holding the status today: its slug and name, the rounds of its active
/// certifications (none when none names a round) and where the one lasting longest ends.
#[derive(Clone)]
struct Holder {
    slug: String,
    name: String,
    rounds: Vec<i64>,
    end: End,
}

/// Where a status ends: the valid-until date as its source states it (at its precision), and
/// the last day the programme's rules allow (a day), by which ends are compared.
#[derive(Clone, Default, PartialEq, Eq)]
struct End {
    stated: Option<String>,
    latest: Option<String>,
}

impl End {
    /// "until 2018", or "at the latest until 31.12.2018" where the source states no end.
    fn text(&self, lang: Lang) -> String {
        status_period(lang, None, self.stated.as_deref(), self.latest.as_deref())
    }
}

/// Pages of holders read at most; 100 a page is more than the KKK has ever had.
const HOLDER_PAGES: usize = 5;

/// The clusters whose status is certainly active on `on`, by name.
async fn holders(on: String) -> Result<Vec<Holder>, ApiError> {
    let mut after = None;
    let mut found = Vec::new();
    for _ in 0..HOLDER_PAGES {
        let variables = kkk_holders::Variables {
            on: on.clone(),
            after: after.take(),
        };
        let data = api::read::<KkkHolders>(variables).await?;
        let clusters = &data["clusters"];
        for c in items(clusters, "nodes") {
            let active: Vec<&serde_json::Value> = items(c, "kkkCertifications")
                .iter()
                .filter(|k| text(k, "status") == "ACTIVE")
                .collect();
            let mut rounds: Vec<i64> = active
                .iter()
                .filter_map(|k| k["round"]["number"].as_i64())
                .collect();
            rounds.sort_unstable();
            rounds.dedup();
            let end = active
                .iter()
                .map(|k| End {
                    stated: text_at(k, "validUntil"),
                    latest: text_at(&k["validity"], "latestEnd"),
                })
                .max_by(|a, b| a.latest.cmp(&b.latest))
                .unwrap_or_default();
            found.push(Holder {
                slug: text(c, "slug"),
                name: text(c, "name"),
                rounds,
                end,
            });
        }
        let info = &clusters["pageInfo"];
        match info["endCursor"].as_str() {
            Some(cursor) if info["hasNextPage"].as_bool() == Some(true) => {
                after = Some(cursor.to_owned())
            }
            _ => break,
        }
    }
    Ok(found)
}

/// The Key National Clusters page.
#[component]
pub fn KkkPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::KkkTitle).to_owned(),
        move || i18n.t(M::DescKkk).to_owned(),
    );
    let as_of = use_as_of();
    let data = LocalResource::new(move || {
        let on = as_of.get();
        async move {
            let rounds = api::run::<KkkQuery>(kkk_page::Variables { on: on.clone() }).await?;
            let holders = holders(on.clone().unwrap_or_else(today)).await?;
            Ok::<_, ApiError>((rounds.kkk_rounds, holders, on))
        }
    });
    view! {
        <h1>{move || i18n.t(M::KkkTitle)}</h1>
        <p class="lead">{move || i18n.t(M::KkkLead)}</p>
        <AsOfPicker as_of/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((rounds, holders, on)) => view! { <KkkContent rounds holders on/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn KkkContent(
    rounds: Vec<kkk_page::KkkPageKkkRounds>,
    holders: Vec<Holder>,
    // The day these lists answer for, not the URL's current day: while the next day's lists load,
    // the heading must keep naming the lists shown under it.
    on: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    // (slug, name, status, end)
    let all: Vec<(String, String, String, End)> = rounds
        .iter()
        .flat_map(|r| {
            r.certifications.iter().filter_map(move |c| {
                let cluster = c.cluster.as_ref()?;
                Some((
                    cluster.slug.clone(),
                    cluster.name.clone(),
                    code(&c.status),
                    End {
                        stated: c.valid_until.clone(),
                        latest: c.validity.latest_end.clone(),
                    },
                ))
            })
        })
        .collect();
    // Lost: every certification of a round expired, none active now (with or without a
    // round); the latest end is when.
    let mut lost: Vec<(String, String, End)> = Vec::new();
    for c in all.iter().filter(|c| c.2 == "EXPIRED") {
        let holds = holders.iter().any(|h| h.slug == c.0);
        if holds || all.iter().any(|o| o.0 == c.0 && o.2 != "EXPIRED") {
            continue;
        }
        match lost.iter_mut().find(|l| l.0 == c.0) {
            Some(entry) => {
                if c.3.latest > entry.2.latest {
                    entry.2 = c.3.clone();
                }
            }
            None => lost.push((c.0.clone(), c.1.clone(), c.3.clone())),
        }
    }
    lost.sort_by(|a, b| b.2.latest.cmp(&a.2.latest));
    view! {
        <div class="grid-2">
            <section data-test="kkk-holders">
                <h2>{move || match &on {
                    Some(day) => format!("{} {}", i18n.t(M::KkkHoldersOn), date(i18n.lang(), day)),
                    None => i18n.t(M::KkkHoldersNow).to_owned(),
                }}" ("{holders.len()}")"</h2>
                <ul class="plain">
                    {holders.into_iter().map(|Holder { slug, name, rounds, end }| view! {
                        <li data-test="kkk-holder">
                            <A href=format!("/clusters/{slug}")>{name}</A>" "
                            <StatusBadge status="ACTIVE"/>
                            <span class="meta">{move || {
                                let round = if rounds.is_empty() {
                                    i18n.t(M::KkkNoRound).to_owned()
                                } else {
                                    let numbers: Vec<String> = rounds.iter().map(|r| roman(*r)).collect();
                                    format!("{} {}", i18n.t(M::Round), numbers.join(", "))
                                };
                                format!(" {round} · {}", end.text(i18n.lang()))
                            }}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <section data-test="kkk-lost">
                <h2>{move || i18n.t(M::KkkLost)}" ("{lost.len()}")"</h2>
                <ul class="plain">
                    {lost.into_iter().map(|(slug, name, end)| view! {
                        <li>
                            <A href=format!("/clusters/{slug}")>{name}</A>" "
                            <StatusBadge status="EXPIRED"/>
                            <span class="meta">{move || format!(" {}", end.text(i18n.lang()))}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </div>
        {rounds.into_iter().rev().map(|round| {
            let announced = round.announced_on.clone();
            let until = round.valid_until.clone();
            let count = round.certifications.len();
            view! {
                <section class="round">
                    <h2>{round.name.clone()}</h2>
                    <p class="meta">{move || {
                        let lang = i18n.lang();
                        [announced.as_deref().map(|d| date(lang, d)), until.as_deref().map(|d| format!("{} {}", i18n.t(M::ValidUntil), date(lang, d))), Some(format!("{count} {}", i18n.t(M::Certified)))]
                            .into_iter().flatten().collect::<Vec<_>>().join(" · ")
                    }}</p>
                    <ul class="plain columns">
                        {round.certifications.into_iter().filter_map(|c| {
                            let cluster = c.cluster?;
                            Some(view! { <li><A href=format!("/clusters/{}", cluster.slug)>{cluster.name}</A>" "<StatusBadge status=code(&c.status)/></li> })
                        }).collect_view()}
                    </ul>
                </section>
            }
        }).collect_view()}
    }
}
