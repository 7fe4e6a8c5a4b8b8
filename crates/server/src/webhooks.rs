//! The webhook sender: sends due deliveries, signed, and records every try.
//!
//! It wakes when this process hears of an event and otherwise every poll interval, so
//! deliveries owed by events written through another server, and retries, are sent too.

use klastry_domain::rules::webhooks::{
    self as rules, EVENT_ID_HEADER, EVENT_KIND_HEADER, SIGNATURE_HEADER,
};
use klastry_domain::services::webhooks::{self, AttemptOutcome, ClaimedDelivery};
use klastry_entity::registry_event;
use klastry_graphql::EventBus;
use klastry_graphql::ids::{NodeKind, global_id};
use klastry_graphql::types::reference::Voivodeship;
use sea_orm::DatabaseConnection;
use serde_json::json;
use std::time::{Duration, Instant};

/// How long a sender holds a claimed delivery; longer than a try can take.
const LEASE: Duration = Duration::from_secs(60);
/// Most deliveries sent at once.
const BATCH: u64 = 20;
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

/// Starts the sender; it runs until the runtime stops or the handle is aborted.
pub fn spawn(
    db: DatabaseConnection,
    bus: EventBus,
    poll: Duration,
    retry_base: Duration,
    allow_private_networks: bool,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut builder = reqwest::Client::builder()
            .timeout(SEND_TIMEOUT)
            .connect_timeout(Duration::from_secs(5))
            // A partner's redirect is not followed: the signature was made for its URL.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("klastry-webhooks/", env!("CARGO_PKG_VERSION")));
        if !allow_private_networks {
            builder = builder.dns_resolver(std::sync::Arc::new(PublicAddressesOnly));
        }
        let client = match builder.build() {
            Ok(client) => client,
            Err(error) => {
                tracing::error!(%error, "webhooks: no HTTP client; deliveries are not sent");
                return;
            }
        };
        let mut events = bus.subscribe();
        loop {
            match webhooks::claim_due(&db, LEASE, BATCH).await {
                Ok(claimed) if !claimed.is_empty() => {
                    let sends = claimed.into_iter().map(|claimed| {
                        send(&db, &client, claimed, retry_base, allow_private_networks)
                    });
                    futures_util::future::join_all(sends).await;
                    // More may be due already.
                    continue;
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "webhooks: claiming deliveries failed"),
            }
            tokio::select! {
                _ = tokio::time::sleep(poll) => {}
                _ = events.recv() => {}
            }
        }
    })
}

/// Sends one delivery and records how it went.
async fn send(
    db: &DatabaseConnection,
    client: &reqwest::Client,
    claimed: ClaimedDelivery,
    retry_base: Duration,
    allow_private_networks: bool,
) {
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
            webhooks::record_attempt(db, &claimed.delivery, outcome, retry_base, jitter()).await
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
        webhooks::record_attempt(db, &claimed.delivery, outcome, retry_base, jitter).await
    {
        // The lease runs out and the delivery is tried again: sent twice rather than lost.
        tracing::warn!(%error, delivery = claimed.delivery.id, "webhooks: recording a try failed");
    }
}

/// A sending error in a partner's terms.
fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        format!("no answer within {} s", SEND_TIMEOUT.as_secs())
    } else if error.is_connect() {
        // The innermost cause says why (refused, no such host, a private address).
        let mut cause: &dyn std::error::Error = error;
        while let Some(source) = cause.source() {
            cause = source;
        }
        format!("could not connect to the endpoint: {cause}")
    } else {
        format!("sending failed: {error}")
    }
}

/// A number in 0..1 to spread retries by.
fn jitter() -> f64 {
    let mut bytes = [0u8; 2];
    if getrandom::fill(&mut bytes).is_err() {
        return 0.5;
    }
    f64::from(u16::from_le_bytes(bytes)) / f64::from(u16::MAX)
}
