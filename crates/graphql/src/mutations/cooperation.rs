//! Posting and answering cooperation notices.

use super::support::{DeletePayload, patch, payload};
use crate::context::{actor, db};
use crate::error::OrApi;
use crate::ids::{NodeKind, global_id, parse_id_of};
use crate::scalars::Date;
use crate::types::cooperation::{CooperationOffer, CooperationResponse};
use crate::types::enums::{CooperationCategory, CooperationKind, VoivodeshipCode};
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};
use klastry_domain::writes::cooperation::{self, OfferFields};

payload!(CooperationOfferPayload, offer: CooperationOffer, "A cooperation notice after a change.");
payload!(CooperationResponsePayload, response: CooperationResponse, "An answer as sent.");

/// A notice's fields. On update, a field left out stays as it is.
#[derive(InputObject, Default)]
pub struct OfferFieldsInput {
    /// Offer or request; required for a new notice.
    pub kind: Option<CooperationKind>,
    /// What it is about; required for a new notice.
    pub category: Option<CooperationCategory>,
    /// Headline; required for a new notice.
    pub title: Option<String>,
    /// Details; required for a new notice.
    pub description: Option<String>,
    /// Where the cooperation would take place.
    pub voivodeship: MaybeUndefined<VoivodeshipCode>,
    /// Last day shown, at most a year ahead (90 days when not given).
    pub expires_on: Option<Date>,
    /// Sector codes, replacing the current ones.
    pub sectors: Option<Vec<String>>,
}

impl OfferFieldsInput {
    fn into_domain(self) -> OfferFields {
        OfferFields {
            kind: self.kind.map(Into::into),
            category: self.category.map(Into::into),
            title: self.title,
            description: self.description,
            voivodeship_teryt: patch(self.voivodeship, |v| v.teryt().to_string()),
            expires_on: self.expires_on.map(|d| d.0),
            sector_codes: self.sectors,
        }
    }
}

/// A new notice.
#[derive(InputObject)]
pub struct PostCooperationOfferInput {
    /// The posting organisation (one you act for).
    pub organisation_id: ID,
    /// The notice.
    #[graphql(flatten)]
    pub fields: OfferFieldsInput,
}

/// A change to a notice.
#[derive(InputObject)]
pub struct UpdateCooperationOfferInput {
    /// The global ID of the notice.
    pub id: ID,
    /// The version the change is based on, as last read; a stale one is a CONFLICT error and nothing is written.
    pub version: i32,
    /// The fields to change.
    #[graphql(flatten)]
    pub fields: OfferFieldsInput,
}

/// Withdrawing a notice.
#[derive(InputObject)]
pub struct WithdrawCooperationOfferInput {
    /// The global ID of the notice.
    pub id: ID,
    /// The version the withdrawal is based on.
    pub version: i32,
}

/// An answer to a notice.
#[derive(InputObject)]
pub struct RespondToCooperationOfferInput {
    /// The global ID of the notice answered.
    pub offer_id: ID,
    /// The answering organisation (one you act for).
    pub organisation_id: ID,
    /// The message to the poster of the notice.
    pub message: String,
}

/// Posting and answering cooperation notices (members of organisations).
#[derive(Default)]
pub struct CooperationMutations;

/// Posting and answering cooperation notices (members of organisations).
#[Object]
impl CooperationMutations {
    /// Posts an offer or request for an organisation you act for.
    async fn post_cooperation_offer(
        &self,
        ctx: &Context<'_>,
        input: PostCooperationOfferInput,
    ) -> Result<CooperationOfferPayload> {
        let actor = actor(ctx)?;
        let organisation = parse_id_of(
            "organisationId",
            NodeKind::Organisation,
            &input.organisation_id,
        )
        .or_api()?;
        CooperationOfferPayload::from_outcome(
            cooperation::post(db(ctx), actor, organisation, &input.fields.into_domain()).await,
            CooperationOffer,
        )
    }

    /// Changes a notice.
    async fn update_cooperation_offer(
        &self,
        ctx: &Context<'_>,
        input: UpdateCooperationOfferInput,
    ) -> Result<CooperationOfferPayload> {
        let actor = actor(ctx)?;
        let id = parse_id_of("id", NodeKind::CooperationOffer, &input.id).or_api()?;
        CooperationOfferPayload::from_outcome(
            cooperation::update(
                db(ctx),
                actor,
                id,
                input.version,
                &input.fields.into_domain(),
            )
            .await,
            CooperationOffer,
        )
    }

    /// Withdraws a notice with its answers.
    async fn withdraw_cooperation_offer(
        &self,
        ctx: &Context<'_>,
        input: WithdrawCooperationOfferInput,
    ) -> Result<DeletePayload> {
        let actor = actor(ctx)?;
        let id = parse_id_of("id", NodeKind::CooperationOffer, &input.id).or_api()?;
        DeletePayload::from_outcome(
            cooperation::withdraw(db(ctx), actor, id, input.version).await,
            |m| global_id(NodeKind::CooperationOffer, m.id),
        )
    }

    /// Answers a notice for an organisation you act for.
    async fn respond_to_cooperation_offer(
        &self,
        ctx: &Context<'_>,
        input: RespondToCooperationOfferInput,
    ) -> Result<CooperationResponsePayload> {
        let actor = actor(ctx)?;
        let offer = parse_id_of("offerId", NodeKind::CooperationOffer, &input.offer_id).or_api()?;
        let organisation = parse_id_of(
            "organisationId",
            NodeKind::Organisation,
            &input.organisation_id,
        )
        .or_api()?;
        CooperationResponsePayload::from_outcome(
            cooperation::respond(db(ctx), actor, offer, organisation, &input.message).await,
            CooperationResponse,
        )
    }
}
