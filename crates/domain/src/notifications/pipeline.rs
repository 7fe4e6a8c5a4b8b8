//! What operators see of the notification pipeline: notifications written, waiting, mailed
//! and read; mails queued, sent, failed and retried.

use crate::DomainResult;
use crate::mail::outbox::status;
use crate::rules::access::Actor;
use chrono::{Duration, Utc};
use klastry_entity::{EmailFrequency, mail_message, notification};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// The pipeline's counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pipeline {
    /// Notifications written in the last 24 hours.
    pub notifications_last_day: u64,
    /// Notifications no one has read yet.
    pub unread: u64,
    /// Notifications waiting for a digest.
    pub awaiting_digest: u64,
    /// Notifications mailed, at once or in a digest.
    pub mailed: u64,
    /// Notifications their accounts chose not to have mailed.
    pub not_mailed: u64,
    /// Mails waiting to be sent (first try or retry).
    pub mails_pending: u64,
    /// Mails the SMTP server took.
    pub mails_sent: u64,
    /// Mails given up on.
    pub mails_failed: u64,
    /// Mails that needed more than one try.
    pub mails_retried: u64,
}

/// The pipeline as it stands; for operators only.
pub async fn pipeline<C: ConnectionTrait>(db: &C, actor: &Actor) -> DomainResult<Pipeline> {
    actor.require_operator()?;
    let notifications = || notification::Entity::find();
    let mails =
        |state: &str| mail_message::Entity::find().filter(mail_message::Column::Status.eq(state));
    Ok(Pipeline {
        notifications_last_day: notifications()
            .filter(notification::Column::CreatedAt.gte(Utc::now() - Duration::days(1)))
            .count(db)
            .await?,
        unread: notifications()
            .filter(notification::Column::ReadAt.is_null())
            .count(db)
            .await?,
        awaiting_digest: notifications()
            .filter(notification::Column::EmailDueAt.is_not_null())
            .count(db)
            .await?,
        mailed: notifications()
            .filter(notification::Column::EmailedAt.is_not_null())
            .count(db)
            .await?,
        not_mailed: notifications()
            .filter(notification::Column::Email.eq(EmailFrequency::None))
            .count(db)
            .await?,
        mails_pending: mails(status::PENDING).count(db).await?,
        mails_sent: mails(status::SENT).count(db).await?,
        mails_failed: mails(status::FAILED).count(db).await?,
        mails_retried: mail_message::Entity::find()
            .filter(mail_message::Column::AttemptCount.gt(1))
            .count(db)
            .await?,
    })
}
