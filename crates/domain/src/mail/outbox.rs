//! The mail outbox: each mail a change owes, written in the change's own transaction, and the
//! bookkeeping of every try at sending it.
//!
//! [`enqueue`] runs inside the change's transaction, so a change that rolls back mails nobody
//! and one that commits is mailed even if the server stops before sending. A sender claims due
//! mail with a lease by one conditional update per mail, so of several servers on one database
//! exactly one sends each; a sender that stops after the SMTP server accepted a mail but before
//! recording it sends it again when the lease runs out (at least once, never lost).

use super::templates::Template;
use crate::DomainResult;
use crate::db::transaction;
use crate::rules::languages::Language;
use crate::rules::retry;
use chrono::{DateTime, Duration as Span, Utc};
use klastry_entity::{mail_attempt, mail_message};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use std::time::Duration;

/// Mail states.
pub mod status {
    /// Waiting for its next try.
    pub const PENDING: &str = "PENDING";
    /// The SMTP server accepted it.
    pub const SENT: &str = "SENT";
    /// Given up after a day of tries.
    pub const FAILED: &str = "FAILED";
}

/// A mail owed to one address.
#[derive(Debug, Clone)]
pub struct Letter {
    /// The address it goes to.
    pub to: String,
    /// The account it concerns, if any.
    pub user_id: Option<i32>,
    /// The language to write it in.
    pub language: Language,
    /// What it says.
    pub template: Template,
}

/// Queues `letter`; runs in the transaction of the change that owes it.
pub async fn enqueue<C: ConnectionTrait>(db: &C, letter: Letter) -> DomainResult<()> {
    let now = Utc::now();
    let params = serde_json::to_string(&letter.template)
        .map_err(|e| crate::DomainError::Data(format!("a mail's values: {e}")))?;
    mail_message::ActiveModel {
        recipient: Set(letter.to.to_lowercase()),
        user_id: Set(letter.user_id),
        language: Set(letter.language.code().to_owned()),
        template: Set(letter.template.name().to_owned()),
        params: Set(Some(params)),
        status: Set(status::PENDING.into()),
        attempt_count: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        sent_at: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// How many mails of `template` were queued for `to` since `since`: what throttles resending.
pub async fn queued_since<C: ConnectionTrait>(
    db: &C,
    to: &str,
    template: &str,
    since: DateTime<Utc>,
) -> DomainResult<u64> {
    Ok(mail_message::Entity::find()
        .filter(mail_message::Column::Recipient.eq(to.to_lowercase()))
        .filter(mail_message::Column::Template.eq(template))
        .filter(mail_message::Column::CreatedAt.gte(since))
        .count(db)
        .await?)
}

/// A mail a sender holds, with its template read back.
#[derive(Debug, Clone)]
pub struct ClaimedMail {
    /// The outbox row.
    pub mail: mail_message::Model,
    /// What to write; None when its values no longer parse (it is then failed, not retried).
    pub template: Option<Template>,
}

/// Claims up to `limit` due mails for `lease`.
pub async fn claim_due<C: ConnectionTrait>(
    db: &C,
    lease: Duration,
    limit: u64,
) -> DomainResult<Vec<ClaimedMail>> {
    let now = Utc::now();
    let free = Condition::any()
        .add(mail_message::Column::ClaimedUntil.is_null())
        .add(mail_message::Column::ClaimedUntil.lt(now));
    let due = mail_message::Entity::find()
        .filter(mail_message::Column::Status.eq(status::PENDING))
        .filter(mail_message::Column::NextAttemptAt.lte(now))
        .filter(free.clone())
        .order_by_asc(mail_message::Column::NextAttemptAt)
        .order_by_asc(mail_message::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let until = now + Span::from_std(lease).unwrap_or_else(|_| Span::seconds(60));
    let mut claimed = Vec::with_capacity(due.len());
    for mail in due {
        let taken = mail_message::Entity::update_many()
            .col_expr(mail_message::Column::ClaimedUntil, Expr::value(until))
            .filter(mail_message::Column::Id.eq(mail.id))
            .filter(mail_message::Column::Status.eq(status::PENDING))
            .filter(free.clone())
            .exec(db)
            .await?;
        if taken.rows_affected == 1 {
            let template = mail
                .params
                .as_deref()
                .and_then(|params| serde_json::from_str(params).ok());
            claimed.push(ClaimedMail { mail, template });
        }
    }
    Ok(claimed)
}

/// How one try went.
#[derive(Debug, Clone)]
pub struct MailOutcome {
    /// Why it failed; None when the mail was accepted.
    pub error: Option<String>,
    /// Whether trying again cannot help (a refused address, a template that does not parse).
    pub permanent: bool,
    /// How long it took.
    pub duration: Duration,
}

/// Records a try and schedules the next one: sent (its values, which may hold single-use
/// links, are emptied), or retried after a backoff of `base` doubled per try, or given up
/// once a day has passed since it was queued or when the failure is permanent.
pub async fn record_attempt<C: TransactionTrait<Transaction = DatabaseTransaction>>(
    db: &C,
    mail: &mail_message::Model,
    outcome: MailOutcome,
    base: Duration,
    jitter: f64,
) -> DomainResult<mail_message::Model> {
    let txn = transaction::begin(db).await?;
    let now = Utc::now();
    let number = mail.attempt_count + 1;
    mail_attempt::ActiveModel {
        mail_id: Set(mail.id),
        number: Set(number),
        error: Set(outcome.error.clone()),
        duration_ms: Set(i32::try_from(outcome.duration.as_millis()).unwrap_or(i32::MAX)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut next: mail_message::ActiveModel = mail.clone().into();
    next.attempt_count = Set(number);
    next.claimed_until = Set(None);
    next.updated_at = Set(now);
    next.last_error = Set(outcome.error.clone());
    match outcome.error {
        None => {
            next.status = Set(status::SENT.into());
            next.sent_at = Set(Some(now));
            next.params = Set(None);
        }
        Some(_) if outcome.permanent => {
            next.status = Set(status::FAILED.into());
            next.params = Set(None);
        }
        Some(_) => {
            let attempt = u32::try_from(number).unwrap_or(u32::MAX);
            match retry::next_try(mail.created_at, now, base, attempt, jitter) {
                Some(at) => next.next_attempt_at = Set(at),
                None => {
                    next.status = Set(status::FAILED.into());
                    next.params = Set(None);
                }
            }
        }
    }
    let saved = next.update(&txn).await?;
    txn.commit().await?;
    Ok(saved)
}

/// The tries at sending each of `mail_ids`, oldest first.
pub async fn attempts_of<C: ConnectionTrait>(
    db: &C,
    mail_ids: &[i32],
) -> DomainResult<Vec<mail_attempt::Model>> {
    if mail_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(mail_attempt::Entity::find()
        .filter(mail_attempt::Column::MailId.is_in(mail_ids.iter().copied()))
        .order_by_asc(mail_attempt::Column::MailId)
        .order_by_asc(mail_attempt::Column::Number)
        .all(db)
        .await?)
}

/// A page of the outbox, newest first, for operators: every mail or those in `status`.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    actor: &crate::rules::access::Actor,
    status: Option<&str>,
    request: &crate::db::pagination::PageRequest,
) -> DomainResult<crate::db::pagination::Page<mail_message::Model>> {
    use crate::db::pagination::{Keyset, PagePlan, fetch_page, newest_first};
    actor.require_operator()?;
    let mut query = mail_message::Entity::find();
    if let Some(status) = status {
        query = query.filter(mail_message::Column::Status.eq(status));
    }
    let order =
        newest_first::<mail_message::Entity>(mail_message::Column::Id, |row| Keyset::of_id(row.id));
    fetch_page(
        db,
        query,
        &order,
        request,
        PagePlan::Direct,
        crate::db::rows::ColumnSet::ALL,
    )
    .await
}

/// Whether another mail of `template` may be queued for `to` now: at most one a minute and
/// five a day, so that nobody can make the registry flood an address by asking again and
/// again. Counted in the outbox, so every server of one registry keeps the same count.
pub async fn may_queue<C: ConnectionTrait>(db: &C, to: &str, template: &str) -> DomainResult<bool> {
    let now = Utc::now();
    Ok(
        queued_since(db, to, template, now - Span::minutes(1)).await? == 0
            && queued_since(db, to, template, now - Span::days(1)).await? < 5,
    )
}

/// Deletes mail sent or given up before `before`, with its tries: the outbox keeps what
/// operators look back on, not everything ever sent.
pub async fn forget_before<C: ConnectionTrait>(db: &C, before: DateTime<Utc>) -> DomainResult<u64> {
    let done = mail_message::Entity::delete_many()
        .filter(mail_message::Column::Status.is_in([status::SENT, status::FAILED]))
        .filter(mail_message::Column::UpdatedAt.lt(before))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}
