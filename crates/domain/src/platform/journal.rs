//! The journal of every write: what each change leaves behind, in the change's own transaction.
//!
//! [`record`] is the one function every write calls. In order it
//! 1. writes the change's event to the change feed, if the change makes one (`events::append`),
//! 2. queues the webhook deliveries that event owes (`outbox::enqueue`),
//! 3. announces the event on PostgreSQL (`events::announce`: `NOTIFY`, delivered on commit),
//! 4. writes the audit entry (`audit::write`).
//!
//! All of it commits or rolls back with the change, so partners never hear of a change that did
//! not happen, nor miss one that did.

use super::change::Change;
use super::{audit, events, outbox};
use crate::DomainResult;
use crate::rules::access::Actor;
use klastry_entity::audit_entry;
use sea_orm::ConnectionTrait;

/// Records a change made by `actor` (none for the system itself, such as the demo import): its
/// event, the webhook deliveries the event owes, the event's announcement and the audit entry.
/// Returns the audit entry.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Actor>,
    change: Change,
) -> DomainResult<audit_entry::Model> {
    if let Some(event) = events::append(db, &change).await? {
        outbox::enqueue(db, &event).await?;
        events::announce(db, &event).await?;
    }
    audit::write(db, actor, change).await
}
