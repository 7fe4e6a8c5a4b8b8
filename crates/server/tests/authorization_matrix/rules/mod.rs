//! The rule table: one rule per mutation of the API, saying who may run it and how to ask
//! without changing anything. The rules themselves are by area: accounts and joining
//! (`accounts`), the registry's records (`registry`).

mod accounts;
mod registry;

use accounts::{account_rules, joining_rules, notification_rules, self_service_rules};
use registry::{
    cooperation_rules, deletion_rules, fact_rules, record_rules, registry_rules, webhook_rules,
};

use crate::fixture::Fixture;
use crate::{Caller, STALE};
use serde_json::{Value, json};

/// What a rule's variables need before each call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prepare {
    /// The same variables every time.
    Same,
    /// An e-mail of no account, new for each call, so that no account's count of wrong
    /// passwords grows.
    UnknownEmail,
    /// Deleting a webhook has no version: each caller let through deletes one of its own.
    OwnWebhook,
    /// Taking a role away has no version: each caller let through takes away the deputy's
    /// role granted anew.
    OwnRole,
    /// Revoking an invitation has no version: each caller let through revokes one of its own.
    OwnInvitation,
    /// The mutation ends the caller's sessions: each caller let through signs in again after
    /// it.
    EndsSessions,
}

/// Who may run one mutation, and how to ask.
pub(crate) struct Rule {
    pub(crate) mutation: &'static str,
    pub(crate) document: String,
    pub(crate) variables: Value,
    pub(crate) allowed: &'static [Caller],
    /// Anyone but a token may run it, and UNAUTHENTICATED about the credential it carries is
    /// its normal answer: only FORBIDDEN is a refusal.
    pub(crate) public_credential: bool,
    /// Callers the mutation is not sent by (see `signIn`).
    pub(crate) not_sent_by: &'static [Caller],
    pub(crate) prepare: Prepare,
}

impl Rule {
    /// The rule for `mutation`, sent with `input` as `$i`, asking only for `__typename`.
    fn new(
        mutation: &'static str,
        input_type: &str,
        input: Value,
        allowed: &'static [Caller],
    ) -> Self {
        Self {
            mutation,
            document: format!(
                "mutation ($i: {input_type}!) {{ {mutation}(input: $i) {{ __typename }} }}"
            ),
            variables: json!({ "i": input }),
            allowed,
            public_credential: false,
            not_sent_by: &[],
            prepare: Prepare::Same,
        }
    }

    /// The rule for `mutation`, which takes no input, sent as `document`.
    fn without_input(mutation: &'static str, document: &str, allowed: &'static [Caller]) -> Self {
        Self {
            document: document.to_owned(),
            variables: json!({}),
            ..Self::new(mutation, "", json!({}), allowed)
        }
    }

    fn public_credential(mut self) -> Self {
        self.public_credential = true;
        self
    }

    fn not_sent_by(mut self, callers: &'static [Caller]) -> Self {
        self.not_sent_by = callers;
        self
    }

    fn prepared(mut self, prepare: Prepare) -> Self {
        self.prepare = prepare;
        self
    }
}

/// A change to `id` based on a stale version, with `change` besides.
pub(super) fn stale(
    mutation: &'static str,
    input_type: &str,
    id: &str,
    change: Value,
    allowed: &'static [Caller],
) -> Rule {
    let mut input = change;
    input["id"] = json!(id);
    input["version"] = json!(STALE);
    Rule::new(mutation, input_type, input, allowed)
}

/// A deletion of `id` based on a stale version.
pub(super) fn stale_deletion(
    mutation: &'static str,
    input_type: &str,
    id: &str,
    allowed: &'static [Caller],
) -> Rule {
    stale(mutation, input_type, id, json!({}), allowed)
}

/// One rule per mutation of the API; deletions last.
pub(crate) fn rules(f: &Fixture) -> Vec<Rule> {
    [
        account_rules(f),
        self_service_rules(f),
        notification_rules(),
        joining_rules(f),
        registry_rules(f),
        fact_rules(f),
        record_rules(f),
        cooperation_rules(f),
        webhook_rules(f),
        deletion_rules(f),
    ]
    .into_iter()
    .flatten()
    .collect()
}
