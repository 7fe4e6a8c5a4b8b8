//! The cooperation board: offers and requests organisations post for partners.
//!
//! A new query about the board goes here; posting and answering are in
//! `mutations::cooperation`.

use super::search_text;
use crate::context::db;
use crate::error::OrApi;
use crate::ids::{Cursor, parse_global_id};
use crate::paging::{keyset_connection, page_request};
use crate::types::cooperation::CooperationOffer;
use crate::types::enums::{CooperationCategory, CooperationKind, VoivodeshipCode};
use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, ID, InputObject, Object, Result};
use klastry_domain::writes::cooperation::{self, OfferFilter};

/// Which notices a cooperation board shows.
#[derive(InputObject, Default)]
pub struct CooperationOfferFilter {
    /// Offers, requests or both.
    #[graphql(default)]
    pub kinds: Vec<CooperationKind>,
    /// Of these categories.
    #[graphql(default)]
    pub categories: Vec<CooperationCategory>,
    /// In these voivodeships.
    #[graphql(default)]
    pub voivodeships: Vec<VoivodeshipCode>,
    /// In at least one of these sectors (codes).
    #[graphql(default)]
    pub sectors: Vec<String>,
    /// Title or description contains this, ignoring case and diacritics; at most 200
    /// characters, or BAD_USER_INPUT.
    pub text: Option<String>,
    /// Posted by this organisation.
    pub organisation_id: Option<ID>,
    /// Include notices past their expiry date.
    #[graphql(default)]
    pub include_expired: bool,
}

impl CooperationOfferFilter {
    fn into_domain(self) -> Result<OfferFilter> {
        let organisation_id = self
            .organisation_id
            .as_ref()
            .map(|id| parse_global_id("filter.organisationId", id).map(|(_, n)| n))
            .transpose()
            .or_api()?;
        Ok(OfferFilter {
            kinds: self.kinds.into_iter().map(Into::into).collect(),
            categories: self.categories.into_iter().map(Into::into).collect(),
            voivodeships: VoivodeshipCode::teryts(self.voivodeships),
            sectors: self.sectors,
            text: search_text("filter.text", self.text).or_api()?,
            organisation_id,
            include_expired: self.include_expired,
        })
    }
}

/// The cooperation board.
#[derive(Default)]
pub struct CooperationQuery;

/// The cooperation board.
#[Object]
impl CooperationQuery {
    /// The cooperation board: current offers and requests, newest first.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1"
    )]
    async fn cooperation_offers(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] filter: CooperationOfferFilter,
        #[graphql(desc = "Page size from the newest or after `after`, 0 to 100 (default 20).")]
        first: Option<i32>,
        #[graphql(desc = "Cursor of the notice to continue after (towards older ones).")]
        after: Option<String>,
        #[graphql(desc = "Page size before `before`, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "Cursor of the notice to continue before (towards newer ones).")]
        before: Option<String>,
    ) -> Result<Connection<Cursor, CooperationOffer, EmptyFields>> {
        let request = page_request(first, after, last, before).or_api()?;
        let domain_filter = filter.into_domain()?;
        let page = cooperation::page(db(ctx), &domain_filter, &request)
            .await
            .or_api()?;
        Ok(keyset_connection(page, EmptyFields, CooperationOffer))
    }
}
