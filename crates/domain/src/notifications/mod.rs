//! Notifications: what the registry tells each account, in its inbox and by e-mail.
//!
//! Every recorded change passes through `platform::notify` (called by the journal, in the
//! change's transaction); the rules in `rules::notifications` say whom it concerns, and
//! `platform::notices::deliver` writes their notifications and queues the mail each account
//! wants at once. This room holds the rest: what waits for a digest is mailed by [`digests`];
//! warnings before a status, a label or a notice ends are given by [`lapses`]. An account reads and marks its inbox (`inbox`), chooses how
//! each kind is mailed and unsubscribes in one click (`preferences`), follows clusters,
//! organisations and the board and saves searches (`follows`); operators watch the whole
//! pipeline (`pipeline`).

pub mod digests;
pub mod follows;
pub mod inbox;
pub mod lapses;
pub mod pipeline;
pub mod preferences;
