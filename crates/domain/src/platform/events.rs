//! The change feed: events written to the outbox with their change, and read back by the
//! servers that fan them out to subscriptions.
//!
//! On PostgreSQL each event also sends `NOTIFY klastry_events, '<id>'` in its transaction; the
//! notification is delivered only if the transaction commits, so every server listening hears
//! of exactly the committed events, in commit order. SQLite has one writer at a time, so its
//! servers poll for ids above the last one they saw.
//!
//! An event's id is its place in commit order, on both databases, so that a subscriber resuming
//! `after` an id, and a pump catching up after a lost connection, miss nothing: on PostgreSQL a
//! transaction takes an advisory lock before it takes its first event id and holds it until it
//! ends, so no transaction can take a later id and commit before an earlier one has. (Without
//! it, a transaction could take id 5, another id 6 and commit first, and a subscriber that saw
//! 6 and resumed after it would never hear of 5.) Writers of events wait for each other only
//! from their first event to their commit, so the journal writes the event last, after the
//! notifications, the audit entry and the look-up of the webhooks, none of which needs its id.

use super::change::Change;
use crate::DomainResult;
use crate::rules::events;
use chrono::Utc;
use klastry_entity::{cluster, organisation, registry_event};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, NotSet, QueryFilter,
    QueryOrder, QuerySelect, Set, Statement,
};

/// The PostgreSQL channel events are announced on; the payload is the event's id.
pub const CHANNEL: &str = "klastry_events";

/// The PostgreSQL advisory lock that orders event ids by commit ("klastry" in ASCII).
const COMMIT_ORDER_LOCK: i64 = 0x006b_6c61_7374_7279;

tokio::task_local! {
    /// Set while work runs whose transaction will be rolled back whatever happens (a dry run).
    static WITHOUT_EVENTS: ();
}

/// Runs `work` without writing events: for work whose transaction is rolled back whatever
/// happens (an import's dry run), which would otherwise take the commit-order lock for nothing
/// and hold up every writer of events until it ends.
pub async fn without_events<F: std::future::Future>(work: F) -> F::Output {
    WITHOUT_EVENTS.scope((), work).await
}

/// The event `change` makes, as [`append`] writes it: none for a change the feed does not
/// carry, nor inside `without_events`. Pure, so the journal does everything that needs no event
/// id (notifications, the audit entry, the webhooks to look at) before the commit-order lock.
pub(crate) fn event_of(change: &Change) -> Option<events::Classified> {
    if WITHOUT_EVENTS.try_with(|_| ()).is_ok() {
        return None;
    }
    events::classify(
        change.object_type,
        change.action,
        change.before.as_ref(),
        change.after.as_ref(),
    )
}

/// Writes the event `classified` (from [`event_of`]) for `change`. Runs in the caller's
/// transaction, and takes the commit-order lock first; `journal::record` then queues its
/// webhook deliveries and announces it.
pub(crate) async fn append<C: ConnectionTrait>(
    db: &C,
    change: &Change,
    classified: events::Classified,
) -> DomainResult<registry_event::Model> {
    let voivodeship = match events::voivodeship_of(change.before.as_ref(), change.after.as_ref()) {
        Some(teryt) => Some(teryt),
        None => voivodeship_of_parent(db, change).await?,
    };
    take_commit_order_lock(db).await?;
    Ok(new_event(change, classified, voivodeship)
        .insert(db)
        .await?)
}

/// On PostgreSQL, the lock that orders event ids by commit: held until the transaction ends;
/// taken again by the same transaction, it is a no-op.
async fn take_commit_order_lock<C: ConnectionTrait>(db: &C) -> DomainResult<()> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [COMMIT_ORDER_LOCK.into()],
        ))
        .await?;
    }
    Ok(())
}

fn new_event(
    change: &Change,
    classified: events::Classified,
    voivodeship: Option<String>,
) -> registry_event::ActiveModel {
    let now = Utc::now();
    registry_event::ActiveModel {
        id: NotSet,
        kind: Set(classified.kind.as_str().into()),
        action: Set(change.action.into()),
        subject_type: Set(change.object_type.into()),
        subject_id: Set(change.object_id),
        cluster_id: Set(change.cluster_id),
        organisation_id: Set(change.organisation_id.or_else(|| {
            // A membership concerns its organisation too, though its trail is the cluster's.
            change
                .after
                .as_ref()
                .or(change.before.as_ref())
                .and_then(|s| s.get("organisation_id"))
                .and_then(serde_json::Value::as_i64)
                .and_then(|id| i32::try_from(id).ok())
        })),
        voivodeship_teryt: Set(voivodeship),
        is_public: Set(classified.is_public),
        created_at: Set(now),
        updated_at: Set(now),
    }
}

/// [`append`] for many changes at once (a bulk import): the events of `changes`, in their order
/// (None for a change that makes none), written by multi-row INSERTs, with the voivodeships of
/// the clusters and organisations they belong to read in batches.
pub(crate) async fn append_many<C: ConnectionTrait>(
    db: &C,
    changes: &[Change],
) -> DomainResult<Vec<Option<registry_event::Model>>> {
    if WITHOUT_EVENTS.try_with(|_| ()).is_ok() {
        return Ok(changes.iter().map(|_| None).collect());
    }
    let classified: Vec<_> = changes
        .iter()
        .map(|change| {
            event_of(change).map(|c| {
                (
                    c,
                    events::voivodeship_of(change.before.as_ref(), change.after.as_ref()),
                )
            })
        })
        .collect();
    // The parents whose voivodeship an event takes, as `voivodeship_of_parent` reads them.
    let mut cluster_ids = Vec::new();
    let mut organisation_ids = Vec::new();
    for (change, classified) in changes.iter().zip(&classified) {
        if let Some((_, None)) = classified {
            match (change.cluster_id, change.organisation_id) {
                (Some(c), _) => cluster_ids.push(c),
                (None, Some(o)) => organisation_ids.push(o),
                (None, None) => {}
            }
        }
    }
    let clusters = voivodeships::<cluster::Entity, _>(
        db,
        cluster::Column::Id,
        cluster::Column::VoivodeshipTeryt,
        cluster_ids,
    )
    .await?;
    let organisations = voivodeships::<organisation::Entity, _>(
        db,
        organisation::Column::Id,
        organisation::Column::VoivodeshipTeryt,
        organisation_ids,
    )
    .await?;
    let mut rows = Vec::new();
    let mut places = Vec::new();
    for (place, (change, classified)) in changes.iter().zip(classified).enumerate() {
        let Some((classified, voivodeship)) = classified else {
            continue;
        };
        let voivodeship =
            voivodeship.or_else(|| match (change.cluster_id, change.organisation_id) {
                (Some(c), _) => clusters.get(&c).cloned().flatten(),
                (None, Some(o)) => organisations.get(&o).cloned().flatten(),
                (None, None) => None,
            });
        rows.push(new_event(change, classified, voivodeship));
        places.push(place);
    }
    let mut out: Vec<Option<registry_event::Model>> = changes.iter().map(|_| None).collect();
    if rows.is_empty() {
        return Ok(out);
    }
    take_commit_order_lock(db).await?;
    let written = crate::db::bulk::insert_returning(db, rows, |e| e.id).await?;
    for (place, event) in places.into_iter().zip(written) {
        out[place] = Some(event);
    }
    Ok(out)
}

/// The voivodeship of each of `ids` of `E`, read in batches.
async fn voivodeships<E, C>(
    db: &C,
    id: E::Column,
    teryt: E::Column,
    mut ids: Vec<i32>,
) -> DomainResult<std::collections::HashMap<i32, Option<String>>>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    ids.sort_unstable();
    ids.dedup();
    let mut found = std::collections::HashMap::new();
    for chunk in ids.chunks(crate::db::bulk::KEYS_PER_STATEMENT) {
        let rows: Vec<(i32, Option<String>)> = E::find()
            .select_only()
            .column(id)
            .column(teryt)
            .filter(id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        found.extend(rows);
    }
    Ok(found)
}

/// [`announce`] for many events, in one statement on PostgreSQL.
pub(crate) async fn announce_many<C: ConnectionTrait>(
    db: &C,
    events: &[&registry_event::Model],
) -> DomainResult<()> {
    if db.get_database_backend() != DbBackend::Postgres || events.is_empty() {
        return Ok(());
    }
    for chunk in events.chunks(crate::db::bulk::KEYS_PER_STATEMENT) {
        // The ids are integers of our own, written into the statement as such.
        let ids: Vec<String> = chunk.iter().map(|e| e.id.to_string()).collect();
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!(
                "SELECT pg_notify($1, id::text) FROM unnest(ARRAY[{}]::int[]) WITH ORDINALITY AS t(id, n) ORDER BY n",
                ids.join(",")
            ),
            [CHANNEL.into()],
        ))
        .await?;
    }
    Ok(())
}

/// Announces `event` on PostgreSQL (`NOTIFY` on [`CHANNEL`], delivered if the transaction
/// commits); nothing on SQLite, whose servers poll.
pub(crate) async fn announce<C: ConnectionTrait>(
    db: &C,
    event: &registry_event::Model,
) -> DomainResult<()> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [CHANNEL.into(), event.id.to_string().into()],
        ))
        .await?;
    }
    Ok(())
}

/// The voivodeship of the cluster or organisation a change belongs to.
async fn voivodeship_of_parent<C: ConnectionTrait>(
    db: &C,
    change: &Change,
) -> DomainResult<Option<String>> {
    if let Some(cluster_id) = change.cluster_id {
        let teryt: Option<Option<String>> = cluster::Entity::find_by_id(cluster_id)
            .select_only()
            .column(cluster::Column::VoivodeshipTeryt)
            .into_tuple()
            .one(db)
            .await?;
        return Ok(teryt.flatten());
    }
    if let Some(organisation_id) = change.organisation_id {
        let teryt: Option<Option<String>> = organisation::Entity::find_by_id(organisation_id)
            .select_only()
            .column(organisation::Column::VoivodeshipTeryt)
            .into_tuple()
            .one(db)
            .await?;
        return Ok(teryt.flatten());
    }
    Ok(None)
}

/// Events with ids above `after_id`, oldest first, at most `limit`.
pub async fn after<C: ConnectionTrait>(
    db: &C,
    after_id: i32,
    limit: u64,
) -> DomainResult<Vec<registry_event::Model>> {
    Ok(registry_event::Entity::find()
        .filter(registry_event::Column::Id.gt(after_id))
        .order_by_asc(registry_event::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// The events with these ids, oldest first.
pub async fn by_ids<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
) -> DomainResult<Vec<registry_event::Model>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(registry_event::Entity::find()
        .filter(registry_event::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(registry_event::Column::Id)
        .all(db)
        .await?)
}

/// The newest event's id (0 when there is none): where a server starts listening.
pub async fn latest_id<C: ConnectionTrait>(db: &C) -> DomainResult<i32> {
    let id: Option<Option<i32>> = registry_event::Entity::find()
        .select_only()
        .column_as(registry_event::Column::Id.max(), "max_id")
        .into_tuple()
        .one(db)
        .await?;
    Ok(id.flatten().unwrap_or(0))
}

/// Deletes events written before `cutoff`, with their webhook deliveries and tries (which
/// stop being retried after a day). Returns how many events went.
pub async fn forget_before<C: ConnectionTrait>(
    db: &C,
    cutoff: chrono::DateTime<Utc>,
) -> DomainResult<u64> {
    Ok(registry_event::Entity::delete_many()
        .filter(registry_event::Column::CreatedAt.lt(cutoff))
        .exec(db)
        .await?
        .rows_affected)
}
