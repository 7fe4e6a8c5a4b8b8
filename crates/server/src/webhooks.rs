//! The webhook sender: sends due deliveries, signed, and records every try.
//!
//! It wakes when this process hears of an event, when a send ends, and otherwise every poll
//! interval, so deliveries owed by events written through another server, and retries, are
//! sent too. Sends run side by side, at most `KLASTRY_WEBHOOK_CONCURRENCY` at once and at most
//! `KLASTRY_WEBHOOK_CONCURRENCY_PER_ENDPOINT` to one webhook, and a new send starts as soon as
//! any ends: a slow endpoint holds only its own places, never another partner's delivery (they
//! used to go out in batches of 20 awaited together, so one slow endpoint held up everyone).
//! A failed try is recorded without the network's details, so that the trail cannot be used to
//! map which ports of a host answer.

use klastry_domain::platform::outbox::{self, AttemptOutcome, ClaimedDelivery};
use klastry_domain::rules::retry::jitter;
use klastry_domain::rules::webhooks::{
    self as rules, EVENT_ID_HEADER, EVENT_KIND_HEADER, SIGNATURE_HEADER,
};
use klastry_entity::registry_event;
use klastry_graphql::EventBus;
use klastry_graphql::ids::{NodeKind, global_id};
use klastry_graphql::types::reference::Voivodeship;
use sea_orm::DatabaseConnection;
use serde_json::json;
use std::time::{Duration, Instant};

/// How long a sender holds a claimed delivery; longer than a try can take.
const LEASE: Duration = Duration::from_secs(60);
/// Longest a partner may take to answer.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// The JSON body of a delivery: what changed and where, with global IDs to read the rest by.
pub fn body_of(event: &registry_event::Model) -> serde_json::Value {
    let voivodeship = event
        .voivodeship_teryt
        .as_deref()
        .and_then(Voivodeship::from_teryt)
        .map(|v| json!({ "teryt": v.teryt, "name": v.name }));
    json!({
        "id": global_id(NodeKind::RegistryEvent, event.id).to_string(),
        "sequence": event.id,
        "kind": event.kind,
        "action": event.action,
        "occurredAt": event.created_at.to_rfc3339(),
        "subject": {
            "type": event.subject_type,
            "id": NodeKind::from_name(&event.subject_type)
                .map(|kind| global_id(kind, event.subject_id).to_string()),
        },
        "clusterId": event.cluster_id.map(|id| global_id(NodeKind::Cluster, id).to_string()),
        "organisationId": event
            .organisation_id
            .map(|id| global_id(NodeKind::Organisation, id).to_string()),
        "voivodeship": voivodeship,
        "isPublic": event.is_public,
    })
}

/// Resolves partners' host names to public internet addresses only, so that a name pointed at
/// a private network (or changed to one after the webhook was registered) is never called.
struct PublicAddressesOnly;

impl reqwest::dns::Resolve for PublicAddressesOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let public: Vec<std::net::SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|address| rules::is_public_address(address.ip()))
                .collect();
            if public.is_empty() {
                return Err(format!(
                    "{host} resolves to no public internet address; private networks are refused"
                )
                .into());
            }
            Ok(Box::new(public.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// Whether a delivery to `url` may be sent: an address written into the URL must be public
/// unless private networks are allowed (names are checked when they are resolved).
fn refused_address(url: &str, allow_private_networks: bool) -> Option<String> {
    if allow_private_networks {
        return None;
    }
    let parsed = reqwest::Url::parse(url).ok()?;
    let host = parsed.host_str()?;
    let ip: std::net::IpAddr = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .ok()?;
    (!rules::is_public_address(ip))
        .then(|| format!("refused: {ip} is not a public internet address"))
}

/// How the sender works.
#[derive(Debug, Clone, Copy)]
pub struct SenderSettings {
    /// How often to look for due deliveries when nothing wakes the sender.
    pub poll: Duration,
    /// The wait before the first retry; it doubles with every try.
    pub retry_base: Duration,
    /// Whether endpoints on this machine and private networks may be called.
    pub allow_private_networks: bool,
    /// Most sends at once.
    pub concurrency: usize,
    /// Most sends at once to one webhook.
    pub per_endpoint: usize,
}

/// Starts the sender; it runs until the runtime stops or the handle is aborted.
pub fn spawn(
    db: DatabaseConnection,
    bus: EventBus,
    settings: SenderSettings,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut builder = reqwest::Client::builder()
            .timeout(SEND_TIMEOUT)
            .connect_timeout(Duration::from_secs(5))
            // A partner's redirect is not followed: the signature was made for its URL.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("klastry-webhooks/", env!("CARGO_PKG_VERSION")));
        if !settings.allow_private_networks {
            builder = builder.dns_resolver(std::sync::Arc::new(PublicAddressesOnly));
        }
        let client = match builder.build() {
            Ok(client) => client,
            Err(error) => {
                tracing::error!(%error, "webhooks: no HTTP client; deliveries are not sent");
                return;
            }
        };
        let concurrency = settings.concurrency.max(1);
        let per_endpoint = settings.per_endpoint.max(1);
        let mut events = bus.subscribe();
        let mut running: tokio::task::JoinSet<()> = tokio::task::JoinSet::new();
        let mut sends = Sends::default();
        loop {
            let free = concurrency.saturating_sub(running.len());
            let mut claimed_all_asked = false;
            if free > 0 {
                let busy = sends.full(per_endpoint);
                let room = |id: i32| per_endpoint.saturating_sub(sends.to(id));
                match outbox::claim_due(&db, LEASE, free as u64, room, &busy).await {
                    Ok(claimed) => {
                        claimed_all_asked = !claimed.is_empty() && claimed.len() == free;
                        for claimed in claimed {
                            let webhook_id = claimed.webhook.id;
                            let (db, client) = (db.clone(), client.clone());
                            let task = running.spawn(async move {
                                send(&db, &client, claimed, settings).await;
                            });
                            sends.started(task.id(), webhook_id);
                        }
                    }
                    Err(error) => tracing::warn!(%error, "webhooks: claiming deliveries failed"),
                }
            }
            if claimed_all_asked {
                // Every place was filled; wait for one to come free.
                if let Some(done) = running.join_next_with_id().await {
                    sends.ended(done);
                }
                continue;
            }
            tokio::select! {
                Some(done) = running.join_next_with_id(), if !running.is_empty() => {
                    sends.ended(done);
                }
                _ = tokio::time::sleep(settings.poll) => {}
                _ = events.recv() => {}
            }
        }
    })
}

/// The sends running, by task and by webhook.
#[derive(Default)]
struct Sends {
    webhook_of: std::collections::HashMap<tokio::task::Id, i32>,
    per_webhook: std::collections::HashMap<i32, usize>,
}

impl Sends {
    fn started(&mut self, task: tokio::task::Id, webhook_id: i32) {
        self.webhook_of.insert(task, webhook_id);
        *self.per_webhook.entry(webhook_id).or_default() += 1;
    }

    /// Gives back the place of a send that ended (a panicking send included).
    fn ended(&mut self, done: Result<(tokio::task::Id, ()), tokio::task::JoinError>) {
        let task = match done {
            Ok((task, ())) => task,
            Err(error) => {
                tracing::error!(%error, "webhooks: a send failed unexpectedly");
                error.id()
            }
        };
        let Some(webhook_id) = self.webhook_of.remove(&task) else {
            return;
        };
        if let Some(sending) = self.per_webhook.get_mut(&webhook_id) {
            *sending = sending.saturating_sub(1);
            if *sending == 0 {
                self.per_webhook.remove(&webhook_id);
            }
        }
    }

    /// Sends running to webhook `id`.
    fn to(&self, id: i32) -> usize {
        self.per_webhook.get(&id).copied().unwrap_or(0)
    }

    /// The webhooks with `most` sends running.
    fn full(&self, most: usize) -> Vec<i32> {
        self.per_webhook
            .iter()
            .filter(|(_, sending)| **sending >= most)
            .map(|(id, _)| *id)
            .collect()
    }
}

/// Sends one delivery and records how it went.
async fn send(
    db: &DatabaseConnection,
    client: &reqwest::Client,
    claimed: ClaimedDelivery,
    settings: SenderSettings,
) {
    let retry_base = settings.retry_base;
    let allow_private_networks = settings.allow_private_networks;
    let body = body_of(&claimed.event).to_string();
    let timestamp = chrono::Utc::now().timestamp();
    let started = Instant::now();
    if let Some(reason) = refused_address(&claimed.webhook.url, allow_private_networks) {
        let outcome = AttemptOutcome {
            status_code: None,
            error: Some(reason),
            duration: started.elapsed(),
        };
        if let Err(error) =
            outbox::record_attempt(db, &claimed.delivery, outcome, retry_base, jitter()).await
        {
            tracing::warn!(%error, delivery = claimed.delivery.id, "webhooks: recording a try failed");
        }
        return;
    }
    let result = client
        .post(&claimed.webhook.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(
            EVENT_ID_HEADER,
            global_id(NodeKind::RegistryEvent, claimed.event.id).to_string(),
        )
        .header(EVENT_KIND_HEADER, &claimed.event.kind)
        .header(
            SIGNATURE_HEADER,
            rules::signature(&claimed.webhook.secret, timestamp, body.as_bytes()),
        )
        .body(body)
        .send()
        .await;
    let outcome = match result {
        Ok(response) if response.status().is_success() => AttemptOutcome {
            status_code: Some(response.status().as_u16()),
            error: None,
            duration: started.elapsed(),
        },
        Ok(response) => AttemptOutcome {
            status_code: Some(response.status().as_u16()),
            error: Some(format!("the endpoint answered HTTP {}", response.status())),
            duration: started.elapsed(),
        },
        Err(error) => AttemptOutcome {
            status_code: None,
            error: Some(describe(&error)),
            duration: started.elapsed(),
        },
    };
    let jitter = jitter();
    if let Err(error) =
        outbox::record_attempt(db, &claimed.delivery, outcome, retry_base, jitter).await
    {
        // The lease runs out and the delivery is tried again: sent twice rather than lost.
        tracing::warn!(%error, delivery = claimed.delivery.id, "webhooks: recording a try failed");
    }
}

/// A sending error as it is recorded: one wording for every failure before an HTTP answer
/// (refused, reset, TLS, no such host, a private address, silence), which tells a partner to
/// look at its endpoint without telling anyone which ports of a host are open. The cause goes
/// to the server's log.
fn describe(error: &reqwest::Error) -> String {
    tracing::debug!(%error, "webhooks: a delivery got no answer");
    format!(
        "the endpoint could not be reached or did not answer within {} s",
        SEND_TIMEOUT.as_secs()
    )
}
