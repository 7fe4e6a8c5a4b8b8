//! The event pump: hands every committed event, and every change to an account's inbox, to
//! this process's subscriptions.
//!
//! On PostgreSQL it LISTENs on the channel each event is announced on at commit, so an event
//! written through any server reaches the subscribers of every server; inbox changes come on a
//! channel of their own. SQLite has one writer at a time and no notifications; there the pump
//! polls for event and notification ids above the last ones it saw.

use klastry_domain::notifications::inbox;
use klastry_domain::platform::events;
use klastry_domain::platform::notices;
use klastry_graphql::EventBus;
use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{DatabaseConnection, DbBackend};
use std::time::Duration;

/// Most events read in one poll.
const BATCH: u64 = 500;

/// Starts the pump; it runs until the runtime stops or the handle is aborted. The receiver
/// fires once the pump hears every event committed from then on, so a server that waits for it
/// before serving never misses a change made right after it starts.
pub fn spawn(
    db: DatabaseConnection,
    bus: EventBus,
    poll: Duration,
) -> (
    tokio::task::JoinHandle<()>,
    tokio::sync::oneshot::Receiver<()>,
) {
    let (ready, is_ready) = tokio::sync::oneshot::channel();
    let task = tokio::spawn(async move {
        let mut last_seen = loop {
            match events::latest_id(&db).await {
                Ok(id) => break id,
                Err(error) => {
                    tracing::warn!(%error, "event pump: reading the newest event failed; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        };
        if db.get_database_backend() == DbBackend::Postgres {
            listen(&db, &bus, &mut last_seen, Some(ready)).await;
        } else {
            let mut last_notification = inbox::latest_id(&db).await.unwrap_or(0);
            let _ = ready.send(());
            loop {
                // Changes made through this server are heard at once; others' at the interval.
                tokio::select! {
                    () = tokio::time::sleep(poll) => {}
                    () = bus.nudged() => {}
                }
                catch_up(&db, &bus, &mut last_seen).await;
                catch_up_inboxes(&db, &bus, &mut last_notification).await;
            }
        }
    });
    (task, is_ready)
}

/// Publishes the events written since `last_seen`.
async fn catch_up(db: &DatabaseConnection, bus: &EventBus, last_seen: &mut i32) {
    loop {
        match events::after(db, *last_seen, BATCH).await {
            Ok(batch) => {
                let full = batch.len() as u64 == BATCH;
                for event in batch {
                    *last_seen = (*last_seen).max(event.id);
                    bus.publish(event);
                }
                if !full {
                    return;
                }
            }
            Err(error) => {
                tracing::warn!(%error, "event pump: reading new events failed");
                return;
            }
        }
    }
}

/// Tells the inbox subscriptions of the accounts with notifications written since
/// `last_seen` (SQLite).
async fn catch_up_inboxes(db: &DatabaseConnection, bus: &EventBus, last_seen: &mut i32) {
    match inbox::written_after(db, *last_seen, BATCH).await {
        Ok(written) if !written.is_empty() => {
            let mut accounts: Vec<i32> = written.iter().map(|&(_, user)| user).collect();
            accounts.sort_unstable();
            accounts.dedup();
            *last_seen = written
                .iter()
                .map(|&(id, _)| id)
                .max()
                .unwrap_or(*last_seen);
            bus.publish_inbox(accounts);
        }
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "event pump: reading new notifications failed"),
    }
}

/// Follows PostgreSQL's notifications; after a lost connection, catches up on what was written
/// while it was gone, then listens again.
async fn listen(
    db: &DatabaseConnection,
    bus: &EventBus,
    last_seen: &mut i32,
    mut ready: Option<tokio::sync::oneshot::Sender<()>>,
) {
    let pool = db.get_postgres_connection_pool();
    loop {
        let mut listener = match PgListener::connect_with(pool).await {
            Ok(listener) => listener,
            Err(error) => {
                tracing::warn!(%error, "event pump: connecting to listen failed; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if let Err(error) = listener
            .listen_all([events::CHANNEL, notices::CHANNEL])
            .await
        {
            tracing::warn!(%error, "event pump: LISTEN failed; retrying");
            tokio::time::sleep(Duration::from_secs(1)).await;
            continue;
        }
        catch_up(db, bus, last_seen).await;
        if let Some(ready) = ready.take() {
            let _ = ready.send(());
        }
        loop {
            match listener.try_recv().await {
                Ok(Some(notification)) if notification.channel() == notices::CHANNEL => {
                    let accounts: Vec<i32> = notification
                        .payload()
                        .split(',')
                        .filter_map(|id| id.parse().ok())
                        .collect();
                    bus.publish_inbox(accounts);
                }
                Ok(Some(notification)) => {
                    let Ok(id) = notification.payload().parse::<i32>() else {
                        continue;
                    };
                    match events::by_ids(db, &[id]).await {
                        Ok(found) => {
                            for event in found {
                                *last_seen = (*last_seen).max(event.id);
                                bus.publish(event);
                            }
                        }
                        Err(error) => {
                            tracing::warn!(%error, id, "event pump: reading an event failed")
                        }
                    }
                }
                Ok(None) => {
                    tracing::warn!("event pump: the listening connection was lost; reconnecting");
                    break;
                }
                Err(error) => {
                    tracing::warn!(%error, "event pump: listening failed; reconnecting");
                    break;
                }
            }
        }
    }
}
