//! Writing notifications: one row per account told, the mail each wants at once queued in the
//! same transaction with its one-click unsubscribe link, and the accounts' inboxes announced to
//! every server. Here, below every write, so that the journal and the joining workflows share it.

use crate::DomainResult;
use crate::mail::{Letter, Template, outbox};
use crate::platform::secrets::{hash_token, random_text};
use crate::rules::languages::Language;
use crate::rules::notifications::{NoticeParams, email_due};
use chrono::{Duration, Utc};
use klastry_entity::{
    EmailFrequency, NotificationKind, account_link, app_user, notification, notification_preference,
};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    QueryFilter, Set, Statement,
};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The purpose an unsubscribe link is stored under (`account_link.purpose`).
pub const UNSUBSCRIBE: &str = "UNSUBSCRIBE";
/// How long an unsubscribe link works.
pub const UNSUBSCRIBE_LIFETIME_DAYS: i64 = 60;

/// The PostgreSQL channel an inbox change is announced on; the payload is the account ids,
/// comma-separated.
pub const CHANNEL: &str = "klastry_inbox";

/// One notification to write.
#[derive(Debug, Clone)]
pub struct Notice {
    /// The account told.
    pub user_id: i32,
    /// What it tells of.
    pub kind: NotificationKind,
    /// The cluster it concerns.
    pub cluster_id: Option<i32>,
    /// The organisation it concerns.
    pub organisation_id: Option<i32>,
    /// The object it is about.
    pub subject: Option<(&'static str, i32)>,
    /// The values it is written from.
    pub params: NoticeParams,
    /// Set when the same thing must reach the account once only.
    pub dedupe_key: Option<String>,
    /// The mail to send when it is mailed at once, if not the notification in plain words.
    pub letter: Option<Template>,
}

impl Notice {
    /// A notice of `kind` for `user_id` with `params`.
    pub fn new(user_id: i32, kind: NotificationKind, params: NoticeParams) -> Self {
        Self {
            user_id,
            kind,
            cluster_id: None,
            organisation_id: None,
            subject: None,
            params,
            dedupe_key: None,
            letter: None,
        }
    }
}

/// Writes `notices` in the caller's transaction: each to an account that exists and is not
/// deleted or disabled, once per dedupe key; mails at once those whose account wants that kind
/// at once and has a verified address (each mail with its own unsubscribe link); leaves the
/// others to the digest runner; and announces the inboxes changed.
pub async fn deliver<C: ConnectionTrait>(db: &C, notices: Vec<Notice>) -> DomainResult<()> {
    if notices.is_empty() {
        return Ok(());
    }
    let user_ids: BTreeSet<i32> = notices.iter().map(|n| n.user_id).collect();
    let users: HashMap<i32, app_user::Model> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(user_ids.iter().copied()))
        .filter(app_user::Column::DeletedAt.is_null())
        .filter(app_user::Column::DisabledAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    if users.is_empty() {
        return Ok(());
    }
    let preferences: HashMap<(i32, NotificationKind), EmailFrequency> =
        notification_preference::Entity::find()
            .filter(notification_preference::Column::UserId.is_in(users.keys().copied()))
            .all(db)
            .await?
            .into_iter()
            .map(|p| ((p.user_id, p.kind), p.email))
            .collect();
    let keys: Vec<String> = notices
        .iter()
        .filter_map(|n| n.dedupe_key.clone())
        .collect();
    let mut seen: HashSet<(i32, String)> = if keys.is_empty() {
        HashSet::new()
    } else {
        notification::Entity::find()
            .filter(notification::Column::UserId.is_in(users.keys().copied()))
            .filter(notification::Column::DedupeKey.is_in(keys))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|n| Some((n.user_id, n.dedupe_key?)))
            .collect()
    };
    let now = Utc::now();
    let mut rows = Vec::new();
    let mut told = BTreeSet::new();
    for notice in notices {
        let Some(user) = users.get(&notice.user_id) else {
            continue;
        };
        if let Some(key) = &notice.dedupe_key
            && !seen.insert((user.id, key.clone()))
        {
            continue;
        }
        let frequency = preferences
            .get(&(user.id, notice.kind))
            .copied()
            .unwrap_or_else(|| crate::rules::notifications::default_email(notice.kind));
        let mailable = user.email_verified_at.is_some();
        let at_once = mailable && frequency == EmailFrequency::Immediate;
        if at_once {
            let kind = notice.kind.to_value();
            let unsubscribe = issue_unsubscribe(db, user.id, &kind).await?;
            let mail = notice.letter.clone().unwrap_or_else(|| Template::Notice {
                name: user.display_name.clone(),
                kind: notice.kind,
                params: notice.params.clone(),
            });
            outbox::enqueue(
                db,
                Letter {
                    to: user.email.clone(),
                    user_id: Some(user.id),
                    language: Language::from_code(&user.language),
                    template: Template::Listed {
                        mail: Box::new(mail),
                        unsubscribe,
                    },
                },
            )
            .await?;
        }
        let params = serde_json::to_string(&notice.params)
            .map_err(|e| crate::DomainError::Data(format!("a notification's values: {e}")))?;
        rows.push(notification::ActiveModel {
            user_id: Set(user.id),
            kind: Set(notice.kind),
            cluster_id: Set(notice.cluster_id),
            organisation_id: Set(notice.organisation_id),
            subject_type: Set(notice.subject.map(|(t, _)| t.to_owned())),
            subject_id: Set(notice.subject.map(|(_, id)| id)),
            params: Set(params),
            dedupe_key: Set(notice.dedupe_key),
            email: Set(frequency),
            email_due_at: Set(if at_once || !mailable {
                None
            } else {
                email_due(frequency, now)
            }),
            emailed_at: Set(at_once.then_some(now)),
            read_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        told.insert(user.id);
    }
    if rows.is_empty() {
        return Ok(());
    }
    // Two changes at once can both find a dedupe key free; the index keeps one row.
    notification::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                notification::Column::UserId,
                notification::Column::DedupeKey,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    announce(db, &told).await
}

/// Announces on PostgreSQL (delivered if the transaction commits) that the inboxes of
/// `user_ids` changed, so every server's live counts follow; nothing on SQLite, whose one
/// server polls.
pub async fn announce<C: ConnectionTrait>(db: &C, user_ids: &BTreeSet<i32>) -> DomainResult<()> {
    if db.get_database_backend() != DbBackend::Postgres || user_ids.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = user_ids.iter().map(i32::to_string).collect();
    // A NOTIFY payload holds under 8000 bytes: a thousand ids a time.
    for chunk in ids.chunks(1000) {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [CHANNEL.into(), chunk.join(",").into()],
        ))
        .await?;
    }
    Ok(())
}

/// Issues the unsubscribe link of one mail to `user_id`, which stops mail of `kinds` (stored
/// by name, comma-separated), and returns its token. Earlier links keep working.
pub async fn issue_unsubscribe<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    kinds: &str,
) -> DomainResult<String> {
    let now = Utc::now();
    let token = random_text::<32>()?;
    account_link::ActiveModel {
        user_id: Set(user_id),
        purpose: Set(UNSUBSCRIBE.to_owned()),
        token_hash: Set(hash_token(&token)),
        new_email: Set(None),
        detail: Set(Some(kinds.to_owned())),
        expires_at: Set(now + Duration::days(UNSUBSCRIBE_LIFETIME_DAYS)),
        used_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}
