//! The signed-in account's notifications: its inbox, how it wants each kind mailed, what it
//! follows and the searches it saved; and, for operators, the notification pipeline.

use crate::context::{account, db};
use crate::error::OrApi;
use crate::ids::Cursor;
use crate::paging::{keyset_connection, page_request};
use crate::types::notifications::{
    Follow, Notification, NotificationPipeline, NotificationPreference, SavedSearch,
};
use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, Object, Result};
use klastry_domain::notifications::{follows, inbox, pipeline, preferences};

/// The signed-in account's notifications.
#[derive(Default)]
pub struct NotificationQuery;

/// The signed-in account's notifications.
#[Object]
impl NotificationQuery {
    /// The signed-in account's notifications, newest first: all of them, or only the unread.
    /// For people only (an API token is FORBIDDEN).
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1"
    )]
    async fn notifications(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only those not yet read.", default)] unread_only: bool,
        #[graphql(desc = "Page size from the newest or after `after`, 0 to 100 (default 20).")]
        first: Option<i32>,
        #[graphql(desc = "Cursor to continue after (towards older ones).")] after: Option<String>,
        #[graphql(desc = "Page size before `before`, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "Cursor to continue before (towards newer ones).")] before: Option<String>,
    ) -> Result<Connection<Cursor, Notification, EmptyFields>> {
        let actor = account(ctx)?;
        let request = page_request(first, after, last, before).or_api()?;
        let page = inbox::page(db(ctx), actor, unread_only, &request)
            .await
            .or_api()?;
        Ok(keyset_connection(page, EmptyFields, Notification))
    }

    /// How many of the signed-in account's notifications are unread (0 for nobody signed in).
    async fn unread_notification_count(&self, ctx: &Context<'_>) -> Result<i32> {
        let Ok(actor) = crate::context::viewer(ctx).account() else {
            return Ok(0);
        };
        let count = inbox::unread_count(db(ctx), actor.user_id).await.or_api()?;
        Ok(i32::try_from(count).unwrap_or(i32::MAX))
    }

    /// How the signed-in account has each kind of notification mailed.
    async fn notification_preferences(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Vec<NotificationPreference>> {
        let actor = account(ctx)?;
        Ok(preferences::of(db(ctx), actor)
            .await
            .or_api()?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// What the signed-in account follows, newest first (at most 200).
    async fn follows(&self, ctx: &Context<'_>) -> Result<Vec<Follow>> {
        let actor = account(ctx)?;
        Ok(follows::follows(db(ctx), actor)
            .await
            .or_api()?
            .into_iter()
            .map(Follow)
            .collect())
    }

    /// The searches the signed-in account saved, newest first (at most 20).
    async fn saved_searches(&self, ctx: &Context<'_>) -> Result<Vec<SavedSearch>> {
        let actor = account(ctx)?;
        Ok(follows::saved_searches(db(ctx), actor)
            .await
            .or_api()?
            .into_iter()
            .map(SavedSearch)
            .collect())
    }

    /// The notification pipeline, for operators: notifications written, waiting for a digest,
    /// mailed and read; mails queued, sent, failed and retried.
    async fn notification_pipeline(&self, ctx: &Context<'_>) -> Result<NotificationPipeline> {
        let actor = account(ctx)?;
        Ok(pipeline::pipeline(db(ctx), actor).await.or_api()?.into())
    }
}
