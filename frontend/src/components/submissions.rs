//! A cluster submitted for listing, as its submitter (on "my account") and the operators (in
//! the review queue) see it: what was declared, and how it stands against the EU cluster
//! platform's listing minimums.

use crate::i18n::{M, date, label, use_i18n};
use crate::queries::cluster_submissions::ClusterSubmissionsClusterSubmissionsNodes as Submission;
use crate::values::code;
use leptos::prelude::*;
use leptos_router::components::A;

/// One submission's facts; `children` are what the reader may do with it.
#[component]
pub fn SubmissionCard(s: Submission, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let status = code(&s.status);
    let check = s.listing_check.clone();
    let members: Vec<(String, i64)> = s
        .declared_members
        .iter()
        .filter(|d| d.count > 0)
        .map(|d| (code(&d.kind), d.count))
        .collect();
    let at = s.created_at.clone();
    let fact = move |ok: bool, text: String| {
        view! { <li class=if ok { "check-ok" } else { "check-short" }>{if ok { "✓ " } else { "✗ " }}{text}</li> }
    };
    view! {
        <article class="card" data-test="submission" data-name=s.name.clone() data-status=code(&s.status)>
            <h3>{s.name.clone()}{s.acronym.clone().map(|a| view! { " " <span class="acronym">{a}</span> })}</h3>
            <p class="meta">
                <span class="badge">{move || label(i18n.lang(), &status)}</span>" "
                {move || date(i18n.lang(), &at)}
                {s.voivodeship.as_ref().map(|v| format!(" · {}", v.name))}
                {s.submitter.as_ref().map(|u| view! { " · " <span class="wrap">{format!("{} <{}>", u.display_name, u.email)}</span> })}
            </p>
            {s.name_en.clone().map(|n| view! { <p class="meta">{n}</p> })}
            <p>{s.description.clone()}</p>
            <dl class="facts">
                <dt>{move || i18n.t(M::Coordinator)}</dt>
                <dd>{s.coordinator_name.clone()}{s.coordinator_nip.clone().map(|n| format!(" · NIP {n}"))}</dd>
                {s.website.clone().map(|w| view! { <dt>{move || i18n.t(M::Website)}</dt><dd class="wrap">{w}</dd> })}
                {s.website_en.clone().map(|w| view! { <dt>{move || i18n.t(M::WebsiteEn)}</dt><dd class="wrap">{w}</dd> })}
                <dt>{move || i18n.t(M::DeclaredMembers)}</dt>
                <dd>{move || members.iter().map(|(k, n)| format!("{} {n}", label(i18n.lang(), k))).collect::<Vec<_>>().join(", ")}</dd>
            </dl>
            <ul class="plain checks" data-test="listing-check" aria-label=move || i18n.t(M::ListingCheck)>
                {move || {
                    let c = &check;
                    let lang = i18n.lang();
                    vec![
                        fact(c.enough_members, format!("{}: {} / {}", M::CheckMembers.text(lang), c.members, c.min_members)),
                        fact(c.enough_kinds, format!("{}: {} / {}", M::CheckKinds.text(lang), c.kinds, c.min_kinds)),
                        fact(c.english_website, M::CheckEnglishWebsite.text(lang).to_owned()),
                    ]
                }}
            </ul>
            {s.reason.clone().map(|why| view! { <blockquote>{why}</blockquote> })}
            {s.cluster.as_ref().map(|c| view! { <p><A href=format!("/clusters/{}", c.slug)>{move || i18n.t(M::SeeInDirectory)}</A></p> })}
            {children()}
        </article>
    }
}
