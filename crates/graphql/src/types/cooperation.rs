//! The cooperation board's notices and answers.

use super::enums::{CooperationCategory, CooperationKind};
use super::reference::{Sector, Voivodeship};
use super::{organisation_by_id, sectors_by_ids};
use crate::context::viewer;
use crate::error::OrApi;
use crate::ids::{NodeKind, global_id};
use crate::scalars::Date;
use crate::types::organisation::Organisation;
use async_graphql::{Context, ID, Object, Result};
use klastry_domain::writes::cooperation::may_read_response;
use klastry_entity::{cooperation_offer, cooperation_response};

/// An offer or request posted by a member organisation.
pub struct CooperationOffer(pub cooperation_offer::Model);

/// An offer or request posted by a member organisation.
#[Object]
impl CooperationOffer {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::CooperationOffer, self.0.id)
    }
    /// The version to name when changing or withdrawing the notice.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Offer or request.
    async fn kind(&self) -> CooperationKind {
        self.0.kind.into()
    }
    /// What it is about.
    async fn category(&self) -> CooperationCategory {
        self.0.category.into()
    }
    /// The notice's headline, as the board lists it.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// What is offered or sought, in the poster's words.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// Where the cooperation would take place.
    async fn voivodeship(&self) -> Option<Voivodeship> {
        self.0
            .voivodeship_teryt
            .as_deref()
            .and_then(Voivodeship::from_teryt)
    }
    /// Last day the notice is shown.
    async fn expires_on(&self) -> Date {
        Date(self.0.expires_on)
    }
    /// When it was posted.
    async fn posted_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    /// The posting organisation.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        organisation_by_id(ctx, Some(self.0.organisation_id)).await
    }
    /// Sectors the notice concerns.
    async fn sectors(&self, ctx: &Context<'_>) -> Result<Vec<Sector>> {
        let links = super::loaders(ctx)
            .offer_sectors
            .load_one(self.0.id)
            .await
            .or_api()?
            .unwrap_or_default();
        sectors_by_ids(ctx, links.iter().map(|l| l.sector_id).collect()).await
    }
    /// Answers: all of them for the posting organisation, your own for anyone else; empty
    /// for anonymous callers.
    async fn responses(&self, ctx: &Context<'_>) -> Result<Vec<CooperationResponse>> {
        let Ok(actor) = viewer(ctx).actor() else {
            return Ok(Vec::new());
        };
        let responses = super::loaders(ctx)
            .offer_responses
            .load_one(self.0.id)
            .await
            .or_api()?
            .unwrap_or_default();
        Ok(responses
            .into_iter()
            .filter(|r| may_read_response(actor, &self.0, r))
            .map(CooperationResponse)
            .collect())
    }
}

/// An answer to a cooperation notice.
pub struct CooperationResponse(pub cooperation_response::Model);

/// An answer to a cooperation notice.
#[Object]
impl CooperationResponse {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::CooperationResponse, self.0.id)
    }
    /// The answering organisation.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        organisation_by_id(ctx, Some(self.0.organisation_id)).await
    }
    /// The responding organisation's message to the poster.
    async fn message(&self) -> &str {
        &self.0.message
    }
    /// When it was sent.
    async fn sent_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
}
