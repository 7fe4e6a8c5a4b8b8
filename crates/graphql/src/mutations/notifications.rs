//! The signed-in account's notifications: marking them read, choosing how each kind is mailed,
//! following and saving searches; and the one-click unsubscribe a mail links to, which needs no
//! sign-in.

use super::support::payload;
use crate::context::{account, db};
use crate::error::OrApi;
use crate::ids::{NodeKind, parse_id_of};
use crate::types::enums::{CooperationCategory, CooperationKind, EscaLevel, VoivodeshipCode};
use crate::types::notifications::{
    EmailFrequency, Follow, NotificationKind, NotificationPreference, SavedSearch, SearchScope,
};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use klastry_domain::notifications::follows::{self, FollowWhat};
use klastry_domain::notifications::{inbox, preferences};
use klastry_domain::rules::notifications::SavedFilter;
use sea_orm::ActiveEnum;

payload!(FollowPayload, follow: Follow, "A follow after a change.");
payload!(SavedSearchPayload, saved_search: SavedSearch, "A saved search after a change.");
payload!(NotificationPreferencePayload, preference: NotificationPreference, "A preference after a change.");

/// What to follow: exactly one of a cluster, an organisation, or the board (a sector, a
/// voivodeship, or both).
#[derive(InputObject)]
pub struct FollowInput {
    /// A cluster: its changes and admissions.
    pub cluster_id: Option<ID>,
    /// An organisation: its changes and the notices it posts.
    pub organisation_id: Option<ID>,
    /// New board notices of this sector (its code, see `sectors`).
    pub board_sector: Option<String>,
    /// New board notices in this voivodeship.
    pub board_voivodeship: Option<VoivodeshipCode>,
}

/// A search to save; a field left empty matches anything.
#[derive(InputObject)]
pub struct SaveSearchInput {
    /// A name for it, 1 to 120 characters.
    pub name: String,
    /// Where it looks.
    pub scope: SearchScope,
    /// Words the name or description must contain.
    pub text: Option<String>,
    /// Voivodeships, any of which.
    #[graphql(default)]
    pub voivodeships: Vec<VoivodeshipCode>,
    /// Sector codes, any of which.
    #[graphql(default)]
    pub sectors: Vec<String>,
    /// Notice kinds, any of which (BOARD).
    #[graphql(default)]
    pub kinds: Vec<CooperationKind>,
    /// Notice categories, any of which (BOARD).
    #[graphql(default)]
    pub categories: Vec<CooperationCategory>,
    /// Only clusters holding a KKK status (DIRECTORY).
    #[graphql(default)]
    pub kkk_active: bool,
    /// ESCA levels, any of which (DIRECTORY).
    #[graphql(default)]
    pub esca_levels: Vec<EscaLevel>,
}

/// What marking read did.
#[derive(SimpleObject)]
pub struct MarkReadPayload {
    /// How many notifications were unread and are now read.
    pub marked: i32,
    /// How many remain unread.
    pub unread_count: i32,
}

/// What unsubscribing did.
#[derive(SimpleObject)]
pub struct UnsubscribePayload {
    /// The kinds no longer mailed; null when the link did not work.
    pub kinds: Option<Vec<NotificationKind>>,
    /// Why the link did not work (EXPIRED: used already, expired or never issued).
    pub user_errors: Vec<super::UserError>,
}

/// The signed-in account's notifications.
#[derive(Default)]
pub struct NotificationMutations;

/// The signed-in account's notifications.
#[Object]
impl NotificationMutations {
    /// Marks the given notifications of the signed-in account read (others' are ignored).
    async fn mark_notifications_read(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "At most 100 notification IDs.")] ids: Vec<ID>,
    ) -> Result<MarkReadPayload> {
        let actor = account(ctx)?;
        if ids.len() > 100 {
            return Err(crate::error::ApiError::bad_input(
                "ids",
                klastry_domain::FieldErrorCode::TooLong,
                "at most 100 IDs at a time; mark all with markAllNotificationsRead",
            ))
            .or_api();
        }
        let ids = ids
            .iter()
            .map(|id| parse_id_of("ids", NodeKind::Notification, id))
            .collect::<Result<Vec<_>, _>>()
            .or_api()?;
        let marked = inbox::mark_read(db(ctx), actor, Some(&ids))
            .await
            .or_api()?;
        read_payload(ctx, actor.user_id, marked).await
    }

    /// Marks every notification of the signed-in account read.
    async fn mark_all_notifications_read(&self, ctx: &Context<'_>) -> Result<MarkReadPayload> {
        let actor = account(ctx)?;
        let marked = inbox::mark_read(db(ctx), actor, None).await.or_api()?;
        read_payload(ctx, actor.user_id, marked).await
    }

    /// Chooses how one kind of notification is mailed to the signed-in account.
    async fn set_notification_preference(
        &self,
        ctx: &Context<'_>,
        kind: NotificationKind,
        email: EmailFrequency,
    ) -> Result<NotificationPreferencePayload> {
        let actor = account(ctx)?;
        NotificationPreferencePayload::from_outcome(
            preferences::set(db(ctx), actor, kind.into(), email.into()).await,
            Into::into,
        )
    }

    /// Stops the mail an unsubscribe link names, without signing in: what the link in every
    /// notification mail does (a POST to `/unsubscribe/<token>` does the same, RFC 8058). Each
    /// link works once.
    async fn unsubscribe(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The token of the link.")] token: String,
    ) -> Result<UnsubscribePayload> {
        let (kinds, user_errors) = super::outcome(preferences::unsubscribe(db(ctx), &token).await)?;
        Ok(UnsubscribePayload {
            kinds: kinds.map(|k| k.into_iter().map(Into::into).collect()),
            user_errors,
        })
    }

    /// Follows a cluster, an organisation, or a sector and/or voivodeship of the cooperation
    /// board; following something followed already returns that follow.
    async fn follow(&self, ctx: &Context<'_>, input: FollowInput) -> Result<FollowPayload> {
        let actor = account(ctx)?;
        let what = match (
            input.cluster_id,
            input.organisation_id,
            input.board_sector,
            input.board_voivodeship,
        ) {
            (Some(id), None, None, None) => FollowWhat::Cluster(
                parse_id_of("input.clusterId", NodeKind::Cluster, &id).or_api()?,
            ),
            (None, Some(id), None, None) => FollowWhat::Organisation(
                parse_id_of("input.organisationId", NodeKind::Organisation, &id).or_api()?,
            ),
            (None, None, sector, voivodeship) => FollowWhat::Board {
                sector,
                voivodeship: voivodeship.map(|v| v.teryt().to_owned()),
            },
            _ => {
                return Err(crate::error::ApiError::bad_input(
                    "input",
                    klastry_domain::FieldErrorCode::MutuallyExclusive,
                    "follow one thing: a cluster, an organisation, or the board",
                ))
                .or_api();
            }
        };
        FollowPayload::from_outcome(follows::follow(db(ctx), actor, what).await, Follow)
    }

    /// Stops following.
    async fn unfollow(
        &self,
        ctx: &Context<'_>,
        follow_id: ID,
    ) -> Result<super::support::DeletePayload> {
        let actor = account(ctx)?;
        let id = parse_id_of("followId", NodeKind::Follow, &follow_id).or_api()?;
        super::support::DeletePayload::from_outcome(
            follows::unfollow(db(ctx), actor, id).await,
            |()| follow_id.clone(),
        )
    }

    /// Saves a search of the directory or the board: what newly matches it notifies (NEW_MATCH).
    async fn save_search(
        &self,
        ctx: &Context<'_>,
        input: SaveSearchInput,
    ) -> Result<SavedSearchPayload> {
        let actor = account(ctx)?;
        let filter = SavedFilter {
            text: crate::queries::search_text("input.text", input.text).or_api()?,
            voivodeships: input
                .voivodeships
                .into_iter()
                .map(|v| v.teryt().to_owned())
                .collect(),
            sectors: input.sectors,
            kinds: input
                .kinds
                .into_iter()
                .map(|k| klastry_entity::CooperationKind::from(k).to_value())
                .collect(),
            categories: input
                .categories
                .into_iter()
                .map(|c| klastry_entity::CooperationCategory::from(c).to_value())
                .collect(),
            kkk_active: input.kkk_active,
            esca_levels: input
                .esca_levels
                .into_iter()
                .map(|l| klastry_entity::EscaLevel::from(l).to_value())
                .collect(),
        };
        SavedSearchPayload::from_outcome(
            follows::save_search(db(ctx), actor, &input.name, input.scope.into(), filter).await,
            SavedSearch,
        )
    }

    /// Deletes a saved search.
    async fn delete_saved_search(
        &self,
        ctx: &Context<'_>,
        saved_search_id: ID,
    ) -> Result<super::support::DeletePayload> {
        let actor = account(ctx)?;
        let id = parse_id_of("savedSearchId", NodeKind::SavedSearch, &saved_search_id).or_api()?;
        super::support::DeletePayload::from_outcome(
            follows::delete_search(db(ctx), actor, id).await,
            |()| saved_search_id.clone(),
        )
    }
}

async fn read_payload(ctx: &Context<'_>, user_id: i32, marked: u64) -> Result<MarkReadPayload> {
    let unread = inbox::unread_count(db(ctx), user_id).await.or_api()?;
    // PostgreSQL announces the change to every server (NOTIFY); SQLite's one server hears it
    // here, as its pump sees only new notifications.
    if db(ctx).get_database_backend() == sea_orm::DbBackend::Sqlite
        && let Ok(bus) = crate::context::event_bus(ctx)
    {
        bus.publish_inbox(vec![user_id]);
    }
    Ok(MarkReadPayload {
        marked: i32::try_from(marked).unwrap_or(i32::MAX),
        unread_count: i32::try_from(unread).unwrap_or(i32::MAX),
    })
}
