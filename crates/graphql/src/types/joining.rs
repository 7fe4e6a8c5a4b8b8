//! How people, organisations and clusters join: requests for access, invitations and cluster
//! submissions, as their requester, whoever decides and operators see them.

use super::account::User;
use super::enums::{
    AccessDecider, AccessRequestKind, InvitationRole, InvitationStatus, Language, OrganisationKind,
    ReviewStatus,
};
use super::reference::Voivodeship;
use super::{cluster_by_id, organisation_by_id};
use crate::context::{db, loaders};
use crate::error::OrApi;
use crate::ids::{NodeKind, global_id};
use crate::types::cluster::Cluster;
use crate::types::organisation::Organisation;
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use klastry_domain::joining::{invitations, submissions};
use klastry_domain::rules::joining::{self, LISTING_MIN_KINDS, LISTING_MIN_MEMBERS};
use klastry_domain::rules::languages;
use klastry_entity::{access_request, cluster_submission, invitation};

async fn user_by_id(ctx: &Context<'_>, id: i32) -> Result<Option<User>> {
    Ok(loaders(ctx)
        .nodes()
        .users
        .load_one(id)
        .await
        .or_api()?
        .map(User))
}

/// A request by an account to act for an organisation, or to coordinate a cluster that has no
/// coordinator account yet; seen by the one asking, whoever decides it, and operators.
pub struct AccessRequest(pub access_request::Model);

/// A request by an account to act for an organisation or to coordinate a cluster.
#[Object]
impl AccessRequest {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::AccessRequest, self.0.id)
    }
    /// What is asked for.
    async fn kind(&self) -> AccessRequestKind {
        self.0.kind.into()
    }
    /// Where it stands.
    async fn status(&self) -> ReviewStatus {
        self.0.status.into()
    }
    /// The account asking: its name and e-mail, for whoever decides.
    async fn requester(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        user_by_id(ctx, self.0.user_id).await
    }
    /// The organisation to act for (ACT_FOR_ORGANISATION).
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        organisation_by_id(ctx, self.0.organisation_id).await
    }
    /// The cluster to coordinate (CLAIM_CLUSTER).
    async fn cluster(&self, ctx: &Context<'_>) -> Result<Option<Cluster>> {
        match self.0.cluster_id {
            Some(id) => cluster_by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// What the account wrote to whoever decides.
    async fn message(&self) -> Option<&str> {
        self.0.message.as_deref()
    }
    /// Why it was rejected.
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }
    /// Who decides it now: the organisation's managers, else its clusters' coordinators, else
    /// the operators (a claim on a cluster: the operators).
    async fn decider(&self, ctx: &Context<'_>) -> Result<AccessDecider> {
        let decider = match (self.0.kind, self.0.organisation_id) {
            (klastry_entity::AccessRequestKind::ActForOrganisation, Some(organisation)) => {
                loaders(ctx)
                    .nodes()
                    .deciders
                    .load_one(organisation)
                    .await
                    .or_api()?
                    .unwrap_or(joining::Decider::Operators)
            }
            _ => joining::Decider::Operators,
        };
        Ok(decider.into())
    }
    /// A hint for whoever decides: whether the domain of the requester's e-mail is the
    /// organisation's website's. Never proof of anything.
    async fn email_matches_website(&self, ctx: &Context<'_>) -> Result<bool> {
        // Both asked at once, so the requester joins the same batch of accounts as the
        // `requester` fields of the level rather than a second one.
        let (organisation, requester) = tokio::join!(
            organisation_by_id(ctx, self.0.organisation_id),
            user_by_id(ctx, self.0.user_id)
        );
        let (Some(organisation), Some(requester)) = (organisation?, requester?) else {
            return Ok(false);
        };
        Ok(joining::email_matches_website(
            &requester.0.email,
            organisation.0.website.as_deref(),
        ))
    }
    /// When it was made.
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    /// When it was decided.
    async fn decided_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.decided_at
    }
}

/// An invitation by e-mail, for whoever may send it. Its link is never shown: only the mail
/// carries it.
pub struct Invitation(pub invitation::Model);

/// An invitation by e-mail to act for an organisation, co-coordinate a cluster or operate the
/// registry.
#[Object]
impl Invitation {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Invitation, self.0.id)
    }
    /// The address invited.
    async fn email(&self) -> &str {
        &self.0.email
    }
    /// The role it grants.
    async fn role(&self) -> InvitationRole {
        self.0.role.into()
    }
    /// The cluster: to co-coordinate, or whose coordinator invited.
    async fn cluster(&self, ctx: &Context<'_>) -> Result<Option<Cluster>> {
        match self.0.cluster_id {
            Some(id) => cluster_by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// The organisation to act for.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        organisation_by_id(ctx, self.0.organisation_id).await
    }
    /// Where it stands.
    async fn status(&self) -> InvitationStatus {
        status_of(&self.0)
    }
    /// The language of its mail.
    async fn language(&self) -> Language {
        languages::Language::from_code(&self.0.language).into()
    }
    /// When its link stops working.
    async fn expires_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.expires_at
    }
    /// How many times it was mailed.
    async fn sent_count(&self) -> i32 {
        self.0.sent_count
    }
    /// When it was sent first.
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    /// When it was accepted.
    async fn accepted_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.accepted_at
    }
}

fn status_of(invitation: &invitation::Model) -> InvitationStatus {
    if invitation.accepted_at.is_some() {
        InvitationStatus::Accepted
    } else if invitation.revoked_at.is_some() {
        InvitationStatus::Revoked
    } else if invitations::is_open(invitation, chrono::Utc::now()) {
        InvitationStatus::Open
    } else {
        InvitationStatus::Expired
    }
}

/// What an invitation's link offers, for the page that accepts it.
#[derive(SimpleObject)]
pub struct InvitationPreview {
    /// The address invited; accepting without signing in signs up or in with it.
    pub email: String,
    /// The role offered.
    pub role: InvitationRole,
    /// The cluster's name (COORDINATOR), if any.
    pub cluster_name: Option<String>,
    /// The organisation's name (MEMBER), if any.
    pub organisation_name: Option<String>,
    /// Whether an account signs in with the address already: accepting then asks for its
    /// password, else for a new password and a name.
    pub account_exists: bool,
    /// When the link stops working.
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

impl InvitationPreview {
    /// The preview of `invitation`.
    pub async fn of(ctx: &Context<'_>, invitation: invitation::Model) -> Result<Self> {
        let cluster_name = match invitation.cluster_id {
            Some(id) => cluster_by_id(ctx, id).await?.map(|c| {
                c.0.name_pl
                    .clone()
                    .or_else(|| c.0.name_en.clone())
                    .unwrap_or_else(|| c.0.slug.clone())
            }),
            None => None,
        };
        let organisation_name = organisation_by_id(ctx, invitation.organisation_id)
            .await?
            .map(|o| o.0.name);
        Ok(Self {
            account_exists: invitations::has_account(db(ctx), &invitation.email)
                .await
                .or_api()?,
            email: invitation.email,
            role: invitation.role.into(),
            cluster_name,
            organisation_name,
            expires_at: invitation.expires_at,
        })
    }
}

/// Members of one kind, as a cluster's submitter declared them.
#[derive(SimpleObject)]
pub struct DeclaredMembers {
    /// The kind of organisation.
    pub kind: OrganisationKind,
    /// How many.
    pub count: i32,
}

/// How a submission stands against the EU cluster collaboration platform's listing rules (at
/// least 15 members of at least 2 kinds, and an English website), as submitted: a guide for
/// the reviewer, not a rule of this registry.
#[derive(SimpleObject)]
pub struct ListingCheck {
    /// Members declared in all.
    pub members: i32,
    /// Kinds of organisation among them.
    pub kinds: i32,
    /// The fewest members the EU platform lists a cluster with.
    pub min_members: i32,
    /// The fewest kinds.
    pub min_kinds: i32,
    /// Whether `members` reaches `minMembers`.
    pub enough_members: bool,
    /// Whether `kinds` reaches `minKinds`.
    pub enough_kinds: bool,
    /// Whether an English website was given.
    pub english_website: bool,
}

/// A cluster submitted for listing, seen by its submitter and operators until an operator
/// publishes or rejects it.
pub struct ClusterSubmission(pub cluster_submission::Model);

/// A cluster submitted for listing.
#[Object]
impl ClusterSubmission {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::ClusterSubmission, self.0.id)
    }
    /// Where it stands: PENDING, APPROVED (published), REJECTED or WITHDRAWN.
    async fn status(&self) -> ReviewStatus {
        self.0.status.into()
    }
    /// The account that submitted it.
    async fn submitter(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        user_by_id(ctx, self.0.submitted_by).await
    }
    /// The cluster's name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Its name in English.
    async fn name_en(&self) -> Option<&str> {
        self.0.name_en.as_deref()
    }
    /// Its acronym.
    async fn acronym(&self) -> Option<&str> {
        self.0.acronym.as_deref()
    }
    /// The voivodeship of its seat.
    async fn voivodeship(&self) -> Option<Voivodeship> {
        self.0
            .voivodeship_teryt
            .as_deref()
            .and_then(Voivodeship::from_teryt)
    }
    /// Its website.
    async fn website(&self) -> Option<&str> {
        self.0.website.as_deref()
    }
    /// Its website in English.
    async fn website_en(&self) -> Option<&str> {
        self.0.website_en.as_deref()
    }
    /// What it does.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// Sector codes.
    async fn sector_codes(&self) -> Vec<String> {
        self.0
            .sectors
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }
    /// The members declared, by kind.
    async fn declared_members(&self) -> Vec<DeclaredMembers> {
        submissions::declared_members(&self.0)
            .into_iter()
            .map(|d| DeclaredMembers {
                kind: d.kind.into(),
                count: i32::try_from(d.count).unwrap_or(i32::MAX),
            })
            .collect()
    }
    /// How it stands against the EU platform's listing rules, as submitted.
    async fn listing_check(&self) -> ListingCheck {
        let check = submissions::listing(&self.0);
        ListingCheck {
            members: i32::try_from(check.members).unwrap_or(i32::MAX),
            kinds: i32::try_from(check.kinds).unwrap_or(i32::MAX),
            min_members: LISTING_MIN_MEMBERS as i32,
            min_kinds: LISTING_MIN_KINDS as i32,
            enough_members: check.enough_members,
            enough_kinds: check.enough_kinds,
            english_website: check.english_website,
        }
    }
    /// The coordinating organisation's name.
    async fn coordinator_name(&self) -> &str {
        &self.0.coordinator_name
    }
    /// Its NIP.
    async fn coordinator_nip(&self) -> Option<&str> {
        self.0.coordinator_nip.as_deref()
    }
    /// Its REGON.
    async fn coordinator_regon(&self) -> Option<&str> {
        self.0.coordinator_regon.as_deref()
    }
    /// Its KRS number.
    async fn coordinator_krs(&self) -> Option<&str> {
        self.0.coordinator_krs.as_deref()
    }
    /// Why it was rejected.
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }
    /// The cluster it became, once published.
    async fn cluster(&self, ctx: &Context<'_>) -> Result<Option<Cluster>> {
        match self.0.cluster_id {
            Some(id) => cluster_by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// When it was submitted.
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    /// When it was decided.
    async fn decided_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.decided_at
    }
}
