//! The KKK page: every round, who holds the status today, who lost it and when.

use crate::api;
use crate::components::{ErrorNote, Loading, StatusBadge, title};
use crate::format::roman;
use crate::i18n::{M, date, use_i18n};
use crate::queries::{KkkPage as KkkQuery, kkk_page};
use crate::values::code;
use leptos::prelude::*;
use leptos_router::components::A;

/// The Key National Clusters page.
#[component]
pub fn KkkPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::KkkTitle).to_owned(),
        move || i18n.t(M::DescKkk).to_owned(),
    );
    let data = LocalResource::new(|| api::run::<KkkQuery>(kkk_page::Variables {}));
    view! {
        <h1>{move || i18n.t(M::KkkTitle)}</h1>
        <p class="lead">{move || i18n.t(M::KkkLead)}</p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <KkkContent rounds=data.kkk_rounds/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn KkkContent(rounds: Vec<kkk_page::KkkPageKkkRounds>) -> impl IntoView {
    let i18n = use_i18n();
    // (slug, name, status, held until, round)
    let all: Vec<(String, String, String, Option<String>, i64)> = rounds
        .iter()
        .flat_map(|r| {
            r.certifications.iter().filter_map(move |c| {
                let cluster = c.cluster.as_ref()?;
                Some((
                    cluster.slug.clone(),
                    cluster.name.clone(),
                    code(&c.status),
                    c.validity.held_until.clone(),
                    r.number,
                ))
            })
        })
        .collect();
    let mut holders: Vec<_> = all.iter().filter(|c| c.2 == "ACTIVE").cloned().collect();
    holders.sort_by(|a, b| a.1.cmp(&b.1));
    holders.dedup_by(|a, b| a.0 == b.0);
    // Lost: every certification expired and none active now; the latest end is when.
    let mut lost: Vec<(String, String, Option<String>)> = Vec::new();
    for c in all.iter().filter(|c| c.2 == "EXPIRED") {
        if all.iter().any(|o| o.0 == c.0 && o.2 != "EXPIRED") {
            continue;
        }
        match lost.iter_mut().find(|l| l.0 == c.0) {
            Some(entry) => {
                if c.3 > entry.2 {
                    entry.2 = c.3.clone();
                }
            }
            None => lost.push((c.0.clone(), c.1.clone(), c.3.clone())),
        }
    }
    lost.sort_by(|a, b| b.2.cmp(&a.2));
    view! {
        <div class="grid-2">
            <section data-test="kkk-holders">
                <h2>{move || i18n.t(M::KkkHoldersNow)}" ("{holders.len()}")"</h2>
                <ul class="plain">
                    {holders.into_iter().map(|(slug, name, _, until, round)| view! {
                        <li>
                            <A href=format!("/clusters/{slug}")>{name}</A>" "
                            <StatusBadge status="ACTIVE"/>
                            <span class="meta">{move || format!(" {} {} · {} {}", i18n.t(M::Round), roman(round), i18n.t(M::ValidUntil), until.as_deref().map(|d| date(i18n.lang(), d)).unwrap_or_else(|| "?".into()))}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <section data-test="kkk-lost">
                <h2>{move || i18n.t(M::KkkLost)}" ("{lost.len()}")"</h2>
                <ul class="plain">
                    {lost.into_iter().map(|(slug, name, until)| view! {
                        <li>
                            <A href=format!("/clusters/{slug}")>{name}</A>" "
                            <StatusBadge status="EXPIRED"/>
                            <span class="meta">{move || format!(" {} {}", i18n.t(M::LostOn), until.as_deref().map(|d| date(i18n.lang(), d)).unwrap_or_else(|| "?".into()))}</span>
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
