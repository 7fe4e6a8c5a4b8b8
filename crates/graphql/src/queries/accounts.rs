//! The signed-in account: who it is and the roles it holds.
//!
//! A new query about the signed-in account goes here; signing in and managing accounts are in
//! `mutations::accounts`.

use crate::context::{actor, db, viewer};
use crate::error::OrApi;
use crate::ids::Cursor;
use crate::paging::{keyset_connection, page_request};
use crate::types::account::{Me, User};
use crate::types::enums::MailStatus;
use crate::types::mail::MailMessage;
use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, Object, Result};
use klastry_domain::accounts::users;
use klastry_domain::mail::outbox;

/// The signed-in account.
#[derive(Default)]
pub struct AccountQuery;

/// The signed-in account.
#[Object]
impl AccountQuery {
    /// The signed-in account and its roles; null when nobody is signed in, and for a partner's
    /// API token, which acts for its cluster and not as the account that made it.
    async fn me(&self, ctx: &Context<'_>) -> Result<Option<Me>> {
        let Ok(actor) = viewer(ctx).account() else {
            return Ok(None);
        };
        let Some(user) = users::user(db(ctx), actor.user_id).await.or_api()? else {
            return Ok(None);
        };
        let roles = users::roles(db(ctx), actor.user_id).await.or_api()?;
        Ok(Some(Me { user, roles }))
    }

    /// Accounts, newest first, for operators: every one, or those whose e-mail or name holds
    /// `search`.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1"
    )]
    async fn users(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Text the e-mail or the name holds, at most 200 characters.")]
        search: Option<String>,
        #[graphql(desc = "Page size from the newest or after `after`, 0 to 100 (default 20).")]
        first: Option<i32>,
        #[graphql(desc = "Cursor to continue after (towards older ones).")] after: Option<String>,
        #[graphql(desc = "Page size before `before`, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "Cursor to continue before (towards newer ones).")] before: Option<String>,
    ) -> Result<Connection<Cursor, User, EmptyFields>> {
        let actor = actor(ctx)?;
        let search = super::search_text("search", search)?;
        let request = page_request(first, after, last, before).or_api()?;
        let page = users::page(db(ctx), actor, search.as_deref(), &request)
            .await
            .or_api()?;
        Ok(keyset_connection(page, EmptyFields, User))
    }

    /// The mail outbox, newest first, for operators: every mail or those in `status`, each
    /// with every try at sending it.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1"
    )]
    async fn mail_outbox(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only mail in this state.")] status: Option<MailStatus>,
        #[graphql(desc = "Page size from the newest or after `after`, 0 to 100 (default 20).")]
        first: Option<i32>,
        #[graphql(desc = "Cursor to continue after (towards older ones).")] after: Option<String>,
        #[graphql(desc = "Page size before `before`, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "Cursor to continue before (towards newer ones).")] before: Option<String>,
    ) -> Result<Connection<Cursor, MailMessage, EmptyFields>> {
        let actor = actor(ctx)?;
        actor.require_account().or_api()?;
        let request = page_request(first, after, last, before).or_api()?;
        let page = outbox::page(db(ctx), actor, status.map(MailStatus::as_str), &request)
            .await
            .or_api()?;
        let ids: Vec<i32> = page.items.iter().map(|(_, m)| m.id).collect();
        let mut attempts: std::collections::HashMap<i32, Vec<_>> = Default::default();
        for attempt in outbox::attempts_of(db(ctx), &ids).await.or_api()? {
            attempts.entry(attempt.mail_id).or_default().push(attempt);
        }
        Ok(keyset_connection(page, EmptyFields, |mail| {
            let own = attempts.get(&mail.id).cloned().unwrap_or_default();
            MailMessage(mail, own)
        }))
    }
}
