//! The mail outbox as operators see it: each mail owed, where it stands, and every try.

use super::enums::{Language, MailStatus};
use crate::ids::{NodeKind, global_id};
use async_graphql::{ID, Object, SimpleObject};
use klastry_domain::rules::languages;
use klastry_entity::{mail_attempt, mail_message};

/// One try at sending a mail.
#[derive(SimpleObject)]
pub struct MailAttempt {
    /// 1 for the first try.
    pub number: i32,
    /// Why it failed; null when the mail was accepted.
    pub error: Option<String>,
    /// How long it took, in milliseconds.
    pub duration_ms: i32,
    /// When it was made.
    pub at: chrono::DateTime<chrono::Utc>,
}

impl From<mail_attempt::Model> for MailAttempt {
    fn from(m: mail_attempt::Model) -> Self {
        Self {
            number: m.number,
            error: m.error,
            duration_ms: m.duration_ms,
            at: m.created_at,
        }
    }
}

/// One mail in the outbox, for operators. Its contents are not shown: they may hold
/// single-use links, and are dropped once it is sent.
pub struct MailMessage(pub mail_message::Model, pub Vec<mail_attempt::Model>);

/// One mail in the outbox.
#[Object]
impl MailMessage {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::MailMessage, self.0.id)
    }
    /// The address it goes to.
    async fn recipient(&self) -> &str {
        &self.0.recipient
    }
    /// Which mail: VERIFY_EMAIL, SIGN_UP_ATTEMPTED, RESET_PASSWORD, PASSWORD_CHANGED,
    /// CONFIRM_EMAIL_CHANGE, EMAIL_CHANGED, INVITATION, ACCESS_REQUEST_RECEIVED,
    /// ACCESS_REQUEST_DECIDED, CLUSTER_SUBMITTED, CLUSTER_SUBMISSION_DECIDED, NOTICE (one
    /// notification) or DIGEST (a day's or week's notifications).
    async fn template(&self) -> &str {
        &self.0.template
    }
    /// The language it is written in.
    async fn language(&self) -> Language {
        languages::Language::from_code(&self.0.language).into()
    }
    /// Where it stands.
    async fn status(&self) -> MailStatus {
        MailStatus::from_stored(&self.0.status)
    }
    /// Tries so far.
    async fn attempt_count(&self) -> i32 {
        self.0.attempt_count
    }
    /// When the next try is due (PENDING).
    async fn next_attempt_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.next_attempt_at
    }
    /// When it was accepted.
    async fn sent_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.sent_at
    }
    /// Why the last try failed.
    async fn last_error(&self) -> Option<&str> {
        self.0.last_error.as_deref()
    }
    /// When it was queued.
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    /// Every try, oldest first.
    async fn attempts(&self) -> Vec<MailAttempt> {
        self.1.iter().cloned().map(MailAttempt::from).collect()
    }
}
