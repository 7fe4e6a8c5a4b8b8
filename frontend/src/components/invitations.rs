//! Invitations by e-mail: a cluster's (on the coordinator's desk: to act for one of its
//! member organisations, or to co-coordinate it) and an organisation's (on the member's desk,
//! for its managers: colleagues). The list, inviting, mailing again and revoking.

use super::confirm::Confirm;
use super::feedback::{ErrorNote, Loading};
use super::field::{Choice, Field};
use super::form::{Form, Report, ReportView, act, action};
use crate::api;
use crate::i18n::{M, date, label, use_i18n};
use crate::queries::*;
use crate::values::{ORGANISATION_KINDS, code, enum_value, given};
use leptos::prelude::*;

/// Whose invitations.
#[derive(Clone)]
pub enum InvitationScope {
    /// A cluster's, by id and slug (its member organisations are read by slug).
    Cluster { id: String, slug: String },
    /// An organisation's, by id.
    Organisation { id: String },
}

/// The invitations of a cluster or an organisation, and a form to invite someone.
#[component]
pub fn Invitations(scope: InvitationScope) -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let report = Report::new();
    let (cluster_id, organisation_id, slug) = match &scope {
        InvitationScope::Cluster { id, slug } => (Some(id.clone()), None, Some(slug.clone())),
        InvitationScope::Organisation { id } => (None, Some(id.clone()), None),
    };
    let (list_cluster, list_organisation) = (cluster_id.clone(), organisation_id.clone());
    let data = LocalResource::new(move || {
        reload.get();
        api::run::<crate::queries::Invitations>(invitations::Variables {
            cluster_id: list_cluster.clone(),
            organisation_id: list_organisation.clone(),
        })
    });
    let resend = act(report, M::InvitationResent, reload, |id: &String| {
        let id = id.clone();
        async move { api::change::<ResendInvitation>(resend_invitation::Variables { id }).await }
    });
    let revoke = act(report, M::InvitationRevoked, reload, |id: &String| {
        let id = id.clone();
        async move { api::change::<RevokeInvitation>(revoke_invitation::Variables { id }).await }
    });
    view! {
        <section data-test="invitations">
            <h2>{move || i18n.t(M::InvitationsTitle)}</h2>
            <ReportView report/>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) if d.invitations.nodes.is_empty() => view! { <p class="empty">{move || i18n.t(M::NoInvitations)}</p> }.into_any(),
                        Ok(d) => view! {
                            <ul class="plain">
                                {d.invitations.nodes.into_iter().map(|inv| {
                                    let role = code(&inv.role);
                                    let status = code(&inv.status);
                                    let open = status == "OPEN";
                                    let until = inv.expires_at.clone();
                                    let (again, gone) = (inv.id.clone(), inv.id.clone());
                                    let sent = inv.sent_count;
                                    view! {
                                        <li data-test="invitation" data-email=inv.email.clone()>
                                            <strong class="wrap">{inv.email.clone()}</strong>" · "
                                            {move || label(i18n.lang(), &role)}
                                            {inv.organisation.as_ref().map(|o| format!(" · {}", o.name))}
                                            " · "<span class="meta" data-test="invitation-status">{move || label(i18n.lang(), &status)}</span>
                                            <span class="meta">{move || format!(" · {} {} · {} {sent}", i18n.t(M::ValidUntil), date(i18n.lang(), &until), i18n.t(M::TimesSent))}</span>
                                            {open.then(|| view! {
                                                <div class="actions">
                                                    <button type="button" class="small secondary" data-test="resend" on:click=move |_| { report.clear(); resend.dispatch(again.clone()); }>{move || i18n.t(M::SendAgain)}</button>
                                                    <Confirm label=M::Revoke question=M::RevokeInvitationQuestion test="revoke"
                                                        on_confirm=Callback::new(move |_| { report.clear(); revoke.dispatch(gone.clone()); })/>
                                                </div>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
            <InviteForm cluster_id organisation_id slug reload/>
        </section>
    }
}

#[component]
fn InviteForm(
    cluster_id: Option<String>,
    organisation_id: Option<String>,
    slug: Option<String>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let report = Report::new();
    let email = RwSignal::new(String::new());
    let role = RwSignal::new("MEMBER".to_owned());
    let organisation = RwSignal::new(organisation_id.clone().unwrap_or_default());
    let language = RwSignal::new(i18n.lang().api().to_owned());
    let for_cluster = slug.is_some();
    // Or, on a coordinator's desk, an organisation new to the registry, which joins the cluster.
    let new = RwSignal::new(false);
    let [new_name, new_kind, new_nip] = std::array::from_fn(|_| RwSignal::new(String::new()));
    // A coordinator invites people to act for one of the cluster's member organisations.
    let members = LocalResource::new(move || {
        let slug = slug.clone();
        async move {
            let slug = slug?;
            let data = api::run::<ClusterMembers>(cluster_members::Variables {
                slug,
                first: 100,
                after: None,
                kinds: None,
                as_of: None,
            })
            .await
            .ok()?;
            Some(
                data.cluster?
                    .members
                    .nodes
                    .into_iter()
                    .filter_map(|m| m.organisation.map(|o| (o.id, o.name)))
                    .collect::<Vec<_>>(),
            )
        }
    });
    let send = action(move |_: &()| {
        let coordinator = role.get_untracked() == "COORDINATOR";
        let adding = !coordinator && new.get_untracked();
        let input = invite::InviteInput {
            email: email.get_untracked(),
            role: enum_value(&role.get_untracked()).unwrap_or(invite::InvitationRole::MEMBER),
            cluster_id: cluster_id.clone(),
            organisation_id: (!coordinator && !adding)
                .then(|| organisation.get_untracked())
                .filter(|o| !o.is_empty()),
            new_organisation: adding.then(|| invite::OrganisationFieldsInput {
                name: Some(new_name.get_untracked()),
                kind: enum_value(&new_kind.get_untracked()),
                nip: given(new_nip.get_untracked()),
                regon: None,
                krs: None,
                voivodeship: None,
                city: None,
                address: None,
                postal_code: None,
                phone: None,
                email: None,
                website: None,
                description: None,
                sectors: None,
            }),
            language: enum_value(&language.get_untracked()).unwrap_or(invite::Language::PL),
        };
        async move {
            api::change::<Invite>(invite::Variables { input })
                .await
                .map(|(written, mut errors)| {
                    // An open invitation to the same role, worded as such, not as an account.
                    for e in errors.iter_mut().filter(|e| {
                        e.field == "email" && e.code == crate::queries::UserErrorCode::NOT_UNIQUE
                    }) {
                        e.field = "invitedEmail".into();
                    }
                    (written, errors)
                })
        }
    });
    let on_done = Callback::new(move |_| {
        email.set(String::new());
        reload.update(|n| *n += 1);
    });
    let errors = report.errors;
    view! {
        <h3>{move || i18n.t(M::InviteTitle)}</h3>
        <Form action=send report submit=M::SendInvitation done=M::InvitationSent on_done test="invite-form"
            fields=&["email", "role", "organisationId", "name", "kind", "nip", "language"]>
            <Field name="email" label=M::Email value=email errors kind="email"/>
            {for_cluster.then(|| view! {
                <Choice name="role" label=M::InvitationRoleLabel value=role errors options=vec!["MEMBER".into(), "COORDINATOR".into()]/>
                <Show when=move || role.get() == "MEMBER">
                    <label class="check">
                        <input type="checkbox" data-test="new-organisation" prop:checked=move || new.get() on:change=move |_| new.update(|n| *n = !*n)/>
                        {move || i18n.t(M::NewOrganisationOption)}
                    </label>
                    <Show when=move || new.get() fallback=move || view! {
                        <Transition fallback=Loading>
                            {move || Suspend::new(async move {
                                let (ids, names): (Vec<String>, Vec<String>) = members.await.unwrap_or_default().into_iter().unzip();
                                view! { <Choice name="organisationId" label=M::OrganisationToActFor value=organisation errors options=ids names blank=true/> }
                            })}
                        </Transition>
                    }>
                        <div class="row">
                            <Field name="name" label=M::Name value=new_name errors/>
                            <Choice name="kind" label=M::Kind value=new_kind errors options=ORGANISATION_KINDS.map(String::from).to_vec() blank=true/>
                            <Field name="nip" label=M::Nip value=new_nip errors/>
                        </div>
                    </Show>
                </Show>
            })}
            <Choice name="language" label=M::MailLanguage value=language errors options=vec!["PL".into(), "EN".into()]
                names=vec!["Polski".into(), "English".into()]/>
        </Form>
    }
}
