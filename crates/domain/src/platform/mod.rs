//! What every write leaves behind, and how partners hear of it.
//!
//! A write builds a `change::Change` and hands it to `journal::record`, which in the write's own
//! transaction writes the change's event (`events`, the change feed servers fan out to
//! subscriptions), queues the webhook deliveries the event owes (`outbox`), announces the event,
//! writes the notifications the change owes the accounts it concerns (`notify` routes it by the
//! rules, `notices` writes them and queues the mail wanted at once), and writes the audit entry
//! (`audit`, also the trail's reads). `webhooks` holds partners'
//! registered URLs and what their managers see of the deliveries. `secrets` makes the random
//! secrets and token hashes that webhooks, sessions and API tokens are made of.
//!
//! Imports run one way: `journal` → `events`, `outbox`, `notify` → `notices`, `audit` → `change`;
//! `webhooks` → `journal`.

pub mod audit;
pub mod change;
pub mod events;
pub mod journal;
pub mod notices;
pub mod notify;
pub mod outbox;
pub mod secrets;
pub mod webhooks;
