//! The journal of every write: what each change leaves behind, in the change's own transaction.
//!
//! [`record`] is the one function every write calls. In order it
//! 1. writes the notifications the change owes the accounts it concerns, and queues the mail
//!    they want at once (`notify`),
//! 2. writes the audit entry (`audit::write`),
//! 3. if the change makes an event, reads the webhooks that may be owed it
//!    (`outbox::candidates`) and writes it to the change feed (`events::append`),
//! 4. queues the webhook deliveries that event owes (`outbox::enqueue`),
//! 5. announces the event on PostgreSQL (`events::announce`: `NOTIFY`, delivered on commit).
//!
//! The event comes last because on PostgreSQL it takes the lock that orders event ids by
//! commit, held until the transaction ends: every writer of events waits for it, so only the
//! event, its deliveries and its announcement run between it and the commit
//! (docs/performance.md, "Writes").
//!
//! All of it commits or rolls back with the change, so partners never hear of a change that did
//! not happen, nor miss one that did.

use super::change::Change;
use super::{audit, events, outbox};
use crate::DomainResult;
use crate::rules::access::Actor;
use klastry_entity::audit_entry;
use sea_orm::ConnectionTrait;

/// Records a change made by `actor` (none for the system itself, such as the demo import): the
/// notifications it owes, the audit entry, then its event, the webhook deliveries the event
/// owes and the event's announcement. Returns the audit entry.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Actor>,
    change: Change,
) -> DomainResult<audit_entry::Model> {
    let classified = events::event_of(&change);
    // Followers hear only of what anyone may read: a change with no public event is private.
    let is_public = classified.is_some_and(|c| c.is_public);
    super::notify::on_change(db, actor.map(|a| a.user_id), &change, is_public).await?;
    let entry = audit::write(db, actor, &change).await?;
    if let Some(classified) = classified {
        let webhooks = outbox::candidates(db, change.cluster_id).await?;
        let event = events::append(db, &change, classified).await?;
        outbox::enqueue(db, &webhooks, &event).await?;
        events::announce(db, &event).await?;
    }
    Ok(entry)
}

/// [`record`] for many changes by one actor at once (a bulk import), in their order: the same
/// events, webhook deliveries, announcements, notifications and audit entries, written by
/// multi-row INSERTs instead of a handful of statements a change.
pub async fn record_many<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Actor>,
    changes: Vec<Change>,
) -> DomainResult<()> {
    if changes.is_empty() {
        return Ok(());
    }
    for change in &changes {
        let is_public = events::event_of(change).is_some_and(|c| c.is_public);
        super::notify::on_change(db, actor.map(|a| a.user_id), change, is_public).await?;
    }
    audit::write_many(db, actor, &changes).await?;
    let events = events::append_many(db, &changes).await?;
    let written: Vec<_> = events.iter().flatten().collect();
    outbox::enqueue_many(db, &written).await?;
    events::announce_many(db, &written).await
}
