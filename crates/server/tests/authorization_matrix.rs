//! The authorization matrix, generated from the schema. Every mutation the server serves, sent
//! by every kind of caller (nobody, a member organisation's account, another cluster's
//! coordinator, the cluster's coordinator, three API tokens of different scopes, the operator)
//! over HTTP and over a WebSocket alike, is refused (FORBIDDEN or UNAUTHENTICATED, or a socket
//! closed with one of them) exactly when the caller may not run it, and is let through to its
//! own checks when it may. A mutation in the schema without a rule here fails the test, by name.
//!
//! Callers let through change nothing: updates and deletions name a stale version (CONFLICT,
//! checked after the rights), creations lack a required field (refused by validation, checked
//! after the rights), and the test ends by checking that no target's version moved. Where a
//! mutation checks its input before the caller's rights, or has no version, its rule says so.
//!
//! A second test does the same for private fields: who sees them, and who gets null, an empty
//! list or a refusal instead.

mod common;

use common::{Backend, COORDINATOR, MEMBER, OPERATOR, Over, TestApp, code_of};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";
const OTHER_CLUSTER: &str = "pomorski-klaster-ict-interizon";
/// No object is ever at version 0 (versions start at 1): a change based on it is stale, so a
/// caller who may make it gets CONFLICT, after the rights check, and changes nothing.
const STALE: i64 = 0;
/// Where the test's webhooks point: nothing listens there, so their deliveries only wait.
const HOOK_URL: &str = "http://127.0.0.1:9/klastry-matrix";

/// Every kind of caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    /// Nobody signed in.
    Anonymous,
    /// The demo member, acting for an organisation that has only applied to the cluster.
    Member,
    /// The coordinator of another cluster.
    OtherCoordinator,
    /// The demo coordinator, of the recycling cluster.
    Coordinator,
    /// An API token with no scope beyond READ_PUBLIC and no cluster.
    TokenPublic,
    /// An API token reading the recycling cluster's private data.
    TokenPrivate,
    /// An API token running the recycling cluster's membership workflow.
    TokenWrite,
    /// The demo operator.
    Operator,
}

const CALLERS: [Caller; 8] = [
    Caller::Anonymous,
    Caller::Member,
    Caller::OtherCoordinator,
    Caller::Coordinator,
    Caller::TokenPublic,
    Caller::TokenPrivate,
    Caller::TokenWrite,
    Caller::Operator,
];

/// Operators alone.
const OPERATORS: &[Caller] = &[Caller::Operator];
/// The recycling cluster's coordinators, and operators.
const CLUSTER_COORDINATORS: &[Caller] = &[Caller::Coordinator, Caller::Operator];
/// Who runs the recycling cluster's membership workflow: its coordinators, its token with
/// WRITE_CLUSTER_MEMBERS, and operators.
const MEMBERSHIP_DECIDERS: &[Caller] = &[Caller::Coordinator, Caller::TokenWrite, Caller::Operator];
/// Who reads the recycling cluster's private data: its coordinators, its token with
/// READ_CLUSTER_PRIVATE, and operators.
const PRIVATE_READERS: &[Caller] = &[Caller::Coordinator, Caller::TokenPrivate, Caller::Operator];
/// The member organisation's accounts, and operators.
const ORGANISATION_MEMBERS: &[Caller] = &[Caller::Member, Caller::Operator];
/// Either side of the member organisation's application, and operators.
const EITHER_SIDE: &[Caller] = &[Caller::Member, Caller::Coordinator, Caller::Operator];
/// Who sees the application's message: its organisation's accounts and everyone with a say in
/// the recycling cluster's membership (both its tokens have a cluster scope).
const APPLICATION_READERS: &[Caller] = &[
    Caller::Member,
    Caller::Coordinator,
    Caller::TokenPrivate,
    Caller::TokenWrite,
    Caller::Operator,
];
/// Who sees the recycling cluster's applications: everyone with a say in its membership.
const APPLICATION_DECIDERS: &[Caller] = &[
    Caller::Coordinator,
    Caller::TokenPrivate,
    Caller::TokenWrite,
    Caller::Operator,
];
/// Every signed-in person; no token.
const PEOPLE: &[Caller] = &[
    Caller::Member,
    Caller::OtherCoordinator,
    Caller::Coordinator,
    Caller::Operator,
];
/// Anyone but an API token.
const ANYONE_BUT_TOKENS: &[Caller] = &[
    Caller::Anonymous,
    Caller::Member,
    Caller::OtherCoordinator,
    Caller::Coordinator,
    Caller::Operator,
];
/// Who coordinates some cluster (any cluster), the member workflow's token, and operators.
const IMPORTERS: &[Caller] = &[
    Caller::OtherCoordinator,
    Caller::Coordinator,
    Caller::TokenWrite,
    Caller::Operator,
];

/// What the matrix acts on, all of it the recycling cluster's or the member organisation's,
/// and the credentials of every caller.
#[derive(Default)]
struct Fixture {
    operator: String,
    coordinator: String,
    member: String,
    other_coordinator: String,
    token_public: String,
    token_private: String,
    token_write: String,
    cluster: String,
    member_organisation: String,
    service: String,
    working_group: String,
    event: String,
    project: String,
    indicator: String,
    cluster_person: String,
    /// The cluster person's person, with an e-mail and a telephone.
    person: String,
    kkk: String,
    esca: String,
    /// An ACTIVE membership of another organisation, approved with a reason.
    membership: String,
    /// The member organisation's PENDING application, with a message.
    application: String,
    /// A notice the member organisation posted.
    offer: String,
    webhook: String,
    delivery: String,
    /// A token the coordinator made for the cluster, to be revoked.
    revocable_token: String,
    /// An account that coordinates the recycling cluster and is none of the callers.
    deputy: String,
    /// The deputy's role.
    deputy_role: String,
    /// What, which and at what version: every object the matrix names with a stale version.
    versions: Vec<(&'static str, String, i64)>,
}

impl Fixture {
    /// The bearer token `caller` sends; None for the anonymous caller.
    fn credential(&self, caller: Caller) -> Option<&str> {
        let credential = match caller {
            Caller::Anonymous => return None,
            Caller::Member => &self.member,
            Caller::OtherCoordinator => &self.other_coordinator,
            Caller::Coordinator => &self.coordinator,
            Caller::TokenPublic => &self.token_public,
            Caller::TokenPrivate => &self.token_private,
            Caller::TokenWrite => &self.token_write,
            Caller::Operator => &self.operator,
        };
        Some(credential.as_str())
    }

    /// The objects whose versions must not move.
    fn versioned(&self) -> Vec<(&'static str, String)> {
        vec![
            ("the cluster", self.cluster.clone()),
            ("the member organisation", self.member_organisation.clone()),
            ("the service", self.service.clone()),
            ("the working group", self.working_group.clone()),
            ("the event", self.event.clone()),
            ("the project", self.project.clone()),
            ("the indicator", self.indicator.clone()),
            ("the cluster person", self.cluster_person.clone()),
            ("the KKK certification", self.kkk.clone()),
            ("the ESCA label", self.esca.clone()),
            ("the membership", self.membership.clone()),
            ("the application", self.application.clone()),
            ("the cooperation offer", self.offer.clone()),
        ]
    }
}

/// The string at `pointer` in `value`.
fn text_at(value: &Value, pointer: &str) -> String {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("nothing at {pointer} in {value}"))
        .to_owned()
}

/// Runs a mutation (name, input type) as the holder of `token`, requires that it wrote, and
/// returns its payload with `selection`.
async fn write(
    app: &TestApp,
    token: &str,
    (mutation, input_type): (&str, &str),
    input: Value,
    selection: &str,
) -> Value {
    let document = format!(
        "mutation ($i: {input_type}!) {{ {mutation}(input: $i) {{ {selection} \
         userErrors {{ field message }} }} }}"
    );
    let payload = app.query_as(token, &document, json!({ "i": input })).await[mutation].clone();
    assert_eq!(
        payload["userErrors"],
        json!([]),
        "{mutation} in the fixture: {payload}"
    );
    payload
}

/// Creates an object with a mutation and returns the ID of the payload's `field`.
async fn create(
    app: &TestApp,
    token: &str,
    call: (&str, &str),
    input: Value,
    field: &str,
) -> String {
    let payload = write(app, token, call, input, &format!("{field} {{ id }}")).await;
    text_at(&payload, &format!("/{field}/id"))
}

fn hook_input(cluster: &str) -> Value {
    json!({ "url": HOOK_URL, "events": ["CLUSTER_CHANGED"], "clusterId": cluster })
}

/// A webhook of `cluster` registered by the holder of `token`.
async fn new_webhook(app: &TestApp, token: &str, cluster: &str) -> String {
    let call = ("createWebhook", "CreateWebhookInput");
    create(app, token, call, hook_input(cluster), "webhook").await
}

/// Makes `user` a coordinator of `cluster`, or finds that it is one, and returns the grant.
async fn grant_coordinator(app: &TestApp, token: &str, user: &str, cluster: &str) -> String {
    let input = json!({ "userId": user, "role": "COORDINATOR", "clusterId": cluster });
    create(app, token, ("grantRole", "GrantRoleInput"), input, "role").await
}

/// A new account, made by the operator.
async fn new_account(app: &TestApp, operator: &str, email: &str, password: &str) -> String {
    let input = json!({ "email": email, "password": password, "displayName": email });
    create(
        app,
        operator,
        ("createUser", "CreateUserInput"),
        input,
        "user",
    )
    .await
}

/// The secret of an API token the holder of `token` makes.
async fn token_secret(app: &TestApp, token: &str, input: Value) -> String {
    let call = ("createApiToken", "CreateApiTokenInput");
    text_at(&write(app, token, call, input, "token").await, "/token")
}

async fn fixture(app: &TestApp) -> Fixture {
    let mut f = Fixture {
        operator: app.sign_in(OPERATOR).await,
        coordinator: app.sign_in(COORDINATOR).await,
        member: app.sign_in(MEMBER).await,
        cluster: app.cluster_id(RECYCLING).await,
        ..Fixture::default()
    };
    f.member_organisation = app
        .acting_organisation(&f.member)
        .await
        .as_str()
        .expect("the member acts for an organisation")
        .to_owned();
    // The webhook comes first, so that the changes below owe it deliveries.
    f.webhook = new_webhook(app, &f.coordinator, &f.cluster).await;
    add_cluster_facts(app, &mut f).await;
    add_records(app, &mut f).await;
    add_memberships(app, &mut f).await;
    add_tokens(app, &mut f).await;
    add_accounts(app, &mut f).await;
    f.delivery = a_delivery(app, &f).await;
    let found = versions_of(app, &f).await;
    f.versions = f
        .versioned()
        .into_iter()
        .map(|(what, id)| {
            let version = found
                .get(&id)
                .copied()
                .unwrap_or_else(|| panic!("the fixture cannot read the version of {what}"));
            (what, id, version)
        })
        .collect();
    f
}

/// A service, a working group, an event, a project and a person with contacts, added by the
/// coordinator.
async fn add_cluster_facts(app: &TestApp, f: &mut Fixture) {
    let (token, cluster) = (f.coordinator.clone(), f.cluster.clone());
    let named = |name: &str| json!({ "clusterId": cluster, "name": name });
    let call = ("createService", "CreateNamedInput");
    f.service = create(app, &token, call, named("Matryca: usługa"), "service").await;
    let call = ("createWorkingGroup", "CreateNamedInput");
    f.working_group = create(app, &token, call, named("Matryca: grupa"), "workingGroup").await;
    let call = ("createEvent", "CreateEventInput");
    f.event = create(app, &token, call, named("Matryca: wydarzenie"), "event").await;
    let call = ("createProject", "CreateProjectInput");
    f.project = create(app, &token, call, named("Matryca: projekt"), "project").await;
    let person = write(
        app,
        &token,
        ("addClusterPerson", "AddClusterPersonInput"),
        json!({
            "clusterId": cluster,
            "fullName": "Anna Matrycowa",
            "role": "OFFICE",
            "email": "anna.matrycowa@example.pl",
            "phone": "+48 600 100 200"
        }),
        "clusterPerson { id person { id } }",
    )
    .await;
    f.cluster_person = text_at(&person, "/clusterPerson/id");
    f.person = text_at(&person, "/clusterPerson/person/id");
}

const LISTS: &str = "query ($s: String!) { cluster(slug: $s) { \
                     indicators { id } kkkCertifications { id } escaLabels { id } } }";

/// The cluster's figures of a year, a KKK certification and an ESCA label: the first it has,
/// or one recorded now.
async fn add_records(app: &TestApp, f: &mut Fixture) {
    let lists = app.query(LISTS, json!({ "s": RECYCLING })).await;
    let first = |list: &str| lists["cluster"][list][0]["id"].as_str().map(str::to_owned);
    f.indicator = match first("indicators") {
        Some(id) => id,
        None => {
            let input = json!({ "clusterId": f.cluster, "year": 2001, "memberCount": 12 });
            let call = ("createIndicator", "CreateIndicatorInput");
            create(app, &f.coordinator, call, input, "indicator").await
        }
    };
    f.kkk = match first("kkkCertifications") {
        Some(id) => id,
        None => {
            let input = json!({ "clusterId": f.cluster, "awardedOn": "2019" });
            let call = ("recordKkkCertification", "RecordKkkCertificationInput");
            create(app, &f.operator, call, input, "certification").await
        }
    };
    f.esca = match first("escaLabels") {
        Some(id) => id,
        None => {
            let input = json!({ "clusterId": f.cluster, "level": "BRONZE", "awardedOn": "2021" });
            let call = ("recordEscaLabel", "RecordEscaLabelInput");
            create(app, &f.operator, call, input, "label").await
        }
    };
}

const APPLY: (&str, &str) = ("applyForMembership", "ApplyForMembershipInput");

/// Another organisation's membership, approved with a reason; the member organisation's
/// pending application, with a message; and a notice the member organisation posts. The
/// member organisation stays outside the cluster, so its accounts are not shown contacts.
async fn add_memberships(app: &TestApp, f: &mut Fixture) {
    let organisation = create(
        app,
        &f.operator,
        ("createOrganisation", "CreateOrganisationInput"),
        json!({ "name": "Matryca Recykling sp. z o.o." }),
        "organisation",
    )
    .await;
    let applied = write(
        app,
        &f.operator,
        APPLY,
        json!({
            "clusterId": f.cluster,
            "organisationId": organisation,
            "message": "Prosimy o przyjęcie do klastra."
        }),
        "membership { id version }",
    )
    .await;
    f.membership = create(
        app,
        &f.coordinator,
        ("approveMembership", "DecideMembershipInput"),
        json!({
            "id": applied["membership"]["id"],
            "version": applied["membership"]["version"],
            "reason": "Spełnia kryteria klastra."
        }),
        "membership",
    )
    .await;
    f.application = create(
        app,
        &f.member,
        APPLY,
        json!({
            "clusterId": f.cluster,
            "organisationId": f.member_organisation,
            "message": "Chcemy dołączyć, tel. 600 100 200."
        }),
        "membership",
    )
    .await;
    f.offer = create(
        app,
        &f.member,
        ("postCooperationOffer", "PostCooperationOfferInput"),
        json!({
            "organisationId": f.member_organisation,
            "kind": "OFFER",
            "category": "RECYCLATES",
            "title": "Matryca: regranulat",
            "description": "Ogłoszenie do testu uprawnień."
        }),
        "offer",
    )
    .await;
}

/// The coordinator's three API tokens, and a fourth to revoke.
async fn add_tokens(app: &TestApp, f: &mut Fixture) {
    let (token, cluster) = (f.coordinator.clone(), f.cluster.clone());
    let scoped =
        |name: &str, scope: &str| json!({ "name": name, "clusterId": cluster, "scopes": [scope] });
    let public = json!({ "name": "matryca: publiczny", "scopes": [] });
    f.token_public = token_secret(app, &token, public).await;
    let private = scoped("matryca: prywatny", "READ_CLUSTER_PRIVATE");
    f.token_private = token_secret(app, &token, private).await;
    let writer = scoped("matryca: członkowski", "WRITE_CLUSTER_MEMBERS");
    f.token_write = token_secret(app, &token, writer).await;
    let revocable = write(
        app,
        &token,
        ("createApiToken", "CreateApiTokenInput"),
        json!({ "name": "matryca: do odwołania", "clusterId": cluster, "scopes": [] }),
        "apiToken { id }",
    )
    .await;
    f.revocable_token = text_at(&revocable, "/apiToken/id");
}

/// Another cluster's coordinator, signed in, and the deputy with its role.
async fn add_accounts(app: &TestApp, f: &mut Fixture) {
    let (email, password) = ("inny@example.pl", "zupełnie-obce-hasło-77");
    let other = new_account(app, &f.operator, email, password).await;
    let other_cluster = app.cluster_id(OTHER_CLUSTER).await;
    grant_coordinator(app, &f.operator, &other, &other_cluster).await;
    f.other_coordinator = app.sign_in((email, password)).await;
    let (email, password) = ("zastepca@example.pl", "wiatr-nad-jeziorem-31");
    f.deputy = new_account(app, &f.operator, email, password).await;
    f.deputy_role = grant_coordinator(app, &f.operator, &f.deputy, &f.cluster).await;
}

const DELIVERIES: &str =
    "query ($c: ID) { webhooks(clusterId: $c) { id deliveries(first: 1) { nodes { id } } } }";

/// A delivery the fixture's changes owe its webhook.
async fn a_delivery(app: &TestApp, f: &Fixture) -> String {
    let data = app
        .query_as(&f.coordinator, DELIVERIES, json!({ "c": f.cluster }))
        .await;
    let webhook = data["webhooks"]
        .as_array()
        .and_then(|all| all.iter().find(|w| w["id"] == f.webhook.as_str()))
        .unwrap_or_else(|| panic!("the fixture's webhook is listed: {data}"));
    text_at(webhook, "/deliveries/nodes/0/id")
}

const VERSIONS: &str = "query ($s: String!, $ids: [ID!]!, $o: ID!) { \
    cluster(slug: $s) { id version services { id version } workingGroups { id version } \
    events { id version } projects { id version } indicators { id version } \
    people { id version } kkkCertifications { id version } escaLabels { id version } } \
    nodes(ids: $ids) { id ... on Organisation { version } ... on Membership { version } } \
    cooperationOffers(filter: { organisationId: $o }) { nodes { id version } } }";

/// The version of every object with an ID and a version in `value`.
fn collect_versions(value: &Value, into: &mut BTreeMap<String, i64>) {
    match value {
        Value::Object(fields) => {
            let id = fields.get("id").and_then(Value::as_str);
            let version = fields.get("version").and_then(Value::as_i64);
            if let (Some(id), Some(version)) = (id, version) {
                into.insert(id.to_owned(), version);
            }
            fields.values().for_each(|v| collect_versions(v, into));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_versions(v, into)),
        _ => {}
    }
}

/// The versions of the fixture's objects (and of the rest of the cluster's), as they are now.
async fn versions_of(app: &TestApp, f: &Fixture) -> BTreeMap<String, i64> {
    let ids = [&f.member_organisation, &f.membership, &f.application];
    let variables = json!({ "s": RECYCLING, "ids": ids, "o": f.member_organisation });
    let data = app.query_as(&f.operator, VERSIONS, variables).await;
    let mut found = BTreeMap::new();
    collect_versions(&data, &mut found);
    found
}

/// What moved, or went, since the fixture was made.
async fn moved_since_the_fixture(app: &TestApp, f: &Fixture) -> Vec<String> {
    let now = versions_of(app, f).await;
    f.versions
        .iter()
        .filter_map(|(what, id, version)| match now.get(id) {
            Some(current) if current == version => None,
            Some(current) => Some(format!(
                "{what} moved from version {version} to {current}: a caller let through wrote"
            )),
            None => Some(format!("{what} is gone: a caller deleted it")),
        })
        .collect()
}

/// What a rule's variables need before each call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prepare {
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
}

/// Who may run one mutation, and how to ask.
struct Rule {
    mutation: &'static str,
    document: String,
    variables: Value,
    allowed: &'static [Caller],
    /// Anyone but a token may run it, and UNAUTHENTICATED about the credential it carries is
    /// its normal answer: only FORBIDDEN is a refusal.
    public_credential: bool,
    /// Callers the mutation is not sent by (see `signIn`).
    not_sent_by: &'static [Caller],
    prepare: Prepare,
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
fn stale(
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
fn stale_deletion(
    mutation: &'static str,
    input_type: &str,
    id: &str,
    allowed: &'static [Caller],
) -> Rule {
    stale(mutation, input_type, id, json!({}), allowed)
}

/// One rule per mutation of the API; deletions last.
fn rules(f: &Fixture) -> Vec<Rule> {
    [
        account_rules(f),
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

fn account_rules(f: &Fixture) -> Vec<Rule> {
    let unknown_refresh = json!({ "refreshToken": "nie-ma-takiego-tokenu" });
    vec![
        // Wrong credentials are signIn's normal answer, to anyone but a token. Each wrong
        // password counts against the client address (ten are free a quarter hour), so the
        // signed-in people are not sent it: anonymous and the operator over each transport make
        // four, and tokens are refused before anything runs.
        Rule::new(
            "signIn",
            "SignInInput",
            json!({ "email": "", "password": "nie-to-hasło-0" }),
            ANYONE_BUT_TOKENS,
        )
        .public_credential()
        .not_sent_by(&[
            Caller::Member,
            Caller::OtherCoordinator,
            Caller::Coordinator,
        ])
        .prepared(Prepare::UnknownEmail),
        Rule::new(
            "refreshSession",
            "RefreshTokenInput",
            unknown_refresh.clone(),
            ANYONE_BUT_TOKENS,
        )
        .public_credential(),
        // Signing out with an unknown refresh token is not an error.
        Rule::new(
            "signOut",
            "RefreshTokenInput",
            unknown_refresh,
            ANYONE_BUT_TOKENS,
        )
        .public_credential(),
        // The new password breaks the policy, checked before the current password, so nothing
        // changes and no failed sign-in is counted.
        Rule::new(
            "changePassword",
            "ChangePasswordInput",
            json!({ "currentPassword": "nie-to-hasło-0", "newPassword": "x" }),
            PEOPLE,
        ),
        Rule::new(
            "createUser",
            "CreateUserInput",
            json!({ "email": "", "password": "", "displayName": "" }),
            OPERATORS,
        ),
        // The deputy holds this role already: granting it again writes nothing.
        Rule::new(
            "grantRole",
            "GrantRoleInput",
            json!({ "userId": f.deputy, "role": "COORDINATOR", "clusterId": f.cluster }),
            CLUSTER_COORDINATORS,
        ),
        // createApiToken checks the name before the caller's rights, so the input is valid and
        // the callers let through do make a token (of no scope).
        Rule::new(
            "createApiToken",
            "CreateApiTokenInput",
            json!({ "name": "matryca", "clusterId": f.cluster, "scopes": [] }),
            CLUSTER_COORDINATORS,
        ),
    ]
}

fn registry_rules(f: &Fixture) -> Vec<Rule> {
    let (cluster, organisation) = (&f.cluster, &f.member_organisation);
    vec![
        // Without a slug and a name: let through, then refused by validation.
        Rule::new("createCluster", "CreateClusterInput", json!({}), OPERATORS),
        stale(
            "updateCluster",
            "UpdateClusterInput",
            cluster,
            json!({ "acronym": "X" }),
            CLUSTER_COORDINATORS,
        ),
        // Without a name.
        Rule::new(
            "createOrganisation",
            "CreateOrganisationInput",
            json!({}),
            OPERATORS,
        ),
        stale(
            "updateOrganisation",
            "UpdateOrganisationInput",
            organisation,
            json!({ "city": "X" }),
            ORGANISATION_MEMBERS,
        ),
        // A message over 2,000 characters fails validation, which follows the rights check (and
        // the organisation has applied already).
        Rule::new(
            "applyForMembership",
            "ApplyForMembershipInput",
            json!({
                "clusterId": cluster,
                "organisationId": organisation,
                "message": "x".repeat(2_500)
            }),
            ORGANISATION_MEMBERS,
        ),
        stale(
            "approveMembership",
            "DecideMembershipInput",
            &f.application,
            json!({}),
            MEMBERSHIP_DECIDERS,
        ),
        stale(
            "rejectMembership",
            "DecideMembershipInput",
            &f.application,
            json!({ "reason": "X" }),
            MEMBERSHIP_DECIDERS,
        ),
        // The organisation has a membership (its application) already: refused as input.
        Rule::new(
            "addMember",
            "AddMemberInput",
            json!({ "clusterId": cluster, "organisationId": organisation }),
            MEMBERSHIP_DECIDERS,
        ),
        stale(
            "updateMembership",
            "UpdateMembershipInput",
            &f.membership,
            json!({ "role": "STRATEGIC_PARTNER" }),
            MEMBERSHIP_DECIDERS,
        ),
        // An import is refused as a whole only to a person who coordinates no cluster; whether
        // each row is the caller's to import is answered row by row in the payload's `errors`.
        // So another cluster's coordinator is let through; an empty dry run writes nothing.
        Rule::new(
            "importRecords",
            "ImportRecordsInput",
            json!({ "format": "JSON_LINES", "data": "", "dryRun": true }),
            IMPORTERS,
        ),
    ]
}

/// What a coordinator keeps about their cluster. Creations lack what they require (a name; a
/// year; a full name and a role): the rights come first, then validation refuses.
fn fact_rules(f: &Fixture) -> Vec<Rule> {
    let new = json!({ "clusterId": f.cluster });
    let renamed = json!({ "name": "X" });
    let allowed = CLUSTER_COORDINATORS;
    vec![
        Rule::new("createService", "CreateNamedInput", new.clone(), allowed),
        stale(
            "updateService",
            "UpdateNamedInput",
            &f.service,
            renamed.clone(),
            allowed,
        ),
        Rule::new(
            "createWorkingGroup",
            "CreateNamedInput",
            new.clone(),
            allowed,
        ),
        stale(
            "updateWorkingGroup",
            "UpdateNamedInput",
            &f.working_group,
            renamed.clone(),
            allowed,
        ),
        Rule::new("createEvent", "CreateEventInput", new.clone(), allowed),
        stale(
            "updateEvent",
            "UpdateEventInput",
            &f.event,
            renamed.clone(),
            allowed,
        ),
        Rule::new("createProject", "CreateProjectInput", new.clone(), allowed),
        stale(
            "updateProject",
            "UpdateProjectInput",
            &f.project,
            renamed,
            allowed,
        ),
        Rule::new(
            "createIndicator",
            "CreateIndicatorInput",
            new.clone(),
            allowed,
        ),
        stale(
            "updateIndicator",
            "UpdateIndicatorInput",
            &f.indicator,
            json!({ "memberCount": 1 }),
            allowed,
        ),
        Rule::new("addClusterPerson", "AddClusterPersonInput", new, allowed),
        stale(
            "updateClusterPerson",
            "UpdateClusterPersonInput",
            &f.cluster_person,
            json!({ "fullName": "X" }),
            allowed,
        ),
    ]
}

/// KKK certifications and ESCA labels; new ones lack their award date.
fn record_rules(f: &Fixture) -> Vec<Rule> {
    vec![
        Rule::new(
            "recordKkkCertification",
            "RecordKkkCertificationInput",
            json!({ "clusterId": f.cluster }),
            OPERATORS,
        ),
        stale(
            "updateKkkCertification",
            "UpdateKkkCertificationInput",
            &f.kkk,
            json!({ "note": "X" }),
            OPERATORS,
        ),
        Rule::new(
            "recordEscaLabel",
            "RecordEscaLabelInput",
            json!({ "clusterId": f.cluster, "level": "BRONZE" }),
            OPERATORS,
        ),
        stale(
            "updateEscaLabel",
            "UpdateEscaLabelInput",
            &f.esca,
            json!({ "note": "X" }),
            OPERATORS,
        ),
    ]
}

fn cooperation_rules(f: &Fixture) -> Vec<Rule> {
    let organisation = &f.member_organisation;
    vec![
        // No kind, category, title or description.
        Rule::new(
            "postCooperationOffer",
            "PostCooperationOfferInput",
            json!({ "organisationId": organisation }),
            ORGANISATION_MEMBERS,
        ),
        stale(
            "updateCooperationOffer",
            "UpdateCooperationOfferInput",
            &f.offer,
            json!({ "title": "X" }),
            ORGANISATION_MEMBERS,
        ),
        // An empty answer.
        Rule::new(
            "respondToCooperationOffer",
            "RespondToCooperationOfferInput",
            json!({ "offerId": f.offer, "organisationId": organisation, "message": "" }),
            ORGANISATION_MEMBERS,
        ),
    ]
}

fn webhook_rules(f: &Fixture) -> Vec<Rule> {
    vec![
        // createWebhook checks the URL and the kinds before the caller's rights, so the input
        // is valid and the callers let through do register a webhook (of the cluster, whose
        // limit of 20 this stays well within).
        Rule::new(
            "createWebhook",
            "CreateWebhookInput",
            hook_input(&f.cluster),
            PRIVATE_READERS,
        ),
        // Puts the delivery back in the queue: no harm done.
        Rule::new(
            "redeliverWebhookDelivery",
            "RedeliverWebhookDeliveryInput",
            json!({ "id": f.delivery }),
            PRIVATE_READERS,
        ),
    ]
}

/// Deletions last, though callers let through name stale versions or targets of their own.
fn deletion_rules(f: &Fixture) -> Vec<Rule> {
    let allowed = CLUSTER_COORDINATORS;
    vec![
        // Revoking has no version: the callers let through do revoke this token, which the
        // fixture made for nothing else; revoking it again is not an error.
        Rule::new(
            "revokeApiToken",
            "RevokeApiTokenInput",
            json!({ "id": f.revocable_token }),
            allowed,
        ),
        Rule::new(
            "revokeRole",
            "RevokeRoleInput",
            json!({ "roleId": f.deputy_role }),
            allowed,
        )
        .prepared(Prepare::OwnRole),
        Rule::new(
            "deleteWebhook",
            "DeleteWebhookInput",
            json!({ "id": f.webhook }),
            PRIVATE_READERS,
        )
        .prepared(Prepare::OwnWebhook),
        // Would withdraw the application, were the version current.
        stale_deletion(
            "leaveCluster",
            "LeaveClusterInput",
            &f.application,
            EITHER_SIDE,
        ),
        stale_deletion(
            "withdrawCooperationOffer",
            "WithdrawCooperationOfferInput",
            &f.offer,
            ORGANISATION_MEMBERS,
        ),
        stale_deletion("deleteService", "DeleteInput", &f.service, allowed),
        stale_deletion(
            "deleteWorkingGroup",
            "DeleteInput",
            &f.working_group,
            allowed,
        ),
        stale_deletion("deleteEvent", "DeleteInput", &f.event, allowed),
        stale_deletion("deleteProject", "DeleteInput", &f.project, allowed),
        stale_deletion("deleteIndicator", "DeleteInput", &f.indicator, allowed),
        stale_deletion(
            "removeClusterPerson",
            "DeleteInput",
            &f.cluster_person,
            allowed,
        ),
        stale_deletion(
            "deleteKkkCertification",
            "DeleteStatusInput",
            &f.kkk,
            OPERATORS,
        ),
        stale_deletion("deleteEscaLabel", "DeleteStatusInput", &f.esca, OPERATORS),
        stale_deletion(
            "deleteOrganisation",
            "DeleteInput",
            &f.member_organisation,
            OPERATORS,
        ),
        stale_deletion("deleteCluster", "DeleteInput", &f.cluster, OPERATORS),
    ]
}

/// The mutations the server serves, read from its schema.
async fn served_mutations(app: &TestApp) -> BTreeSet<String> {
    let data = app
        .query(
            "{ __type(name: \"MutationRoot\") { fields { name } } }",
            json!({}),
        )
        .await;
    data["__type"]["fields"]
        .as_array()
        .unwrap_or_else(|| panic!("the mutation root's fields: {data}"))
        .iter()
        .filter_map(|field| field["name"].as_str())
        .map(str::to_owned)
        .collect()
}

/// Where the rule table and the schema part ways.
fn coverage_gaps(served: &BTreeSet<String>, rules: &[Rule]) -> Vec<String> {
    let mut gaps = Vec::new();
    let mut ruled = BTreeSet::new();
    for rule in rules {
        if !ruled.insert(rule.mutation) {
            gaps.push(format!("{} has more than one rule", rule.mutation));
        }
        if !served.contains(rule.mutation) {
            gaps.push(format!(
                "{} has a rule but is not in the schema",
                rule.mutation
            ));
        }
    }
    for mutation in served {
        if !ruled.contains(mutation.as_str()) {
            gaps.push(format!(
                "{mutation} is in the schema but has no rule: add one saying who may run it"
            ));
        }
    }
    gaps
}

/// The callers a rule is sent by: those it must refuse first, then those it must let through.
fn callers_of(rule: &Rule) -> Vec<Caller> {
    let (allowed, refused): (Vec<Caller>, Vec<Caller>) = CALLERS
        .into_iter()
        .filter(|caller| !rule.not_sent_by.contains(caller))
        .partition(|caller| rule.allowed.contains(caller));
    refused.into_iter().chain(allowed).collect()
}

/// The rule's variables for one call, with a target of the caller's own where it needs one.
async fn variables_for(
    app: &TestApp,
    f: &Fixture,
    rule: &Rule,
    caller: Caller,
    over: Over,
) -> Value {
    let mut variables = rule.variables.clone();
    let let_through = rule.allowed.contains(&caller);
    match rule.prepare {
        Prepare::UnknownEmail => {
            let email = format!("nikt-{caller:?}-{over:?}@example.pl").to_lowercase();
            variables["i"]["email"] = json!(email);
        }
        Prepare::OwnWebhook if let_through => {
            variables["i"]["id"] = json!(new_webhook(app, &f.operator, &f.cluster).await);
        }
        Prepare::OwnRole if let_through => {
            let role = grant_coordinator(app, &f.operator, &f.deputy, &f.cluster).await;
            variables["i"]["roleId"] = json!(role);
        }
        Prepare::Same | Prepare::OwnWebhook | Prepare::OwnRole => {}
    }
    variables
}

/// What is wrong with `answer` to `rule` from `caller`, if anything.
fn judge(rule: &Rule, caller: Caller, answer: &Value) -> Option<String> {
    let code = code_of(answer);
    if rule.allowed.contains(&caller) {
        let let_through = match code.as_str() {
            "" => answer["data"][rule.mutation].is_object(),
            "CONFLICT" | "BAD_USER_INPUT" => true,
            "UNAUTHENTICATED" => rule.public_credential,
            _ => false,
        };
        (!let_through).then(|| format!("may run it, but got {answer}"))
    } else {
        let refused = match code.as_str() {
            "FORBIDDEN" => true,
            "UNAUTHENTICATED" => !rule.public_credential,
            _ => false,
        };
        (!refused).then(|| format!("may not run it, but got {answer}"))
    }
}

async fn every_mutation_is_refused_exactly_to_those_who_may_not_run_it(app: TestApp) {
    let f = fixture(&app).await;
    let rules = rules(&f);
    let gaps = coverage_gaps(&served_mutations(&app).await, &rules);
    assert!(
        gaps.is_empty(),
        "the rule table does not match the schema:\n{}",
        gaps.join("\n")
    );
    let mut mismatches = Vec::new();
    for rule in &rules {
        for caller in callers_of(rule) {
            for over in Over::BOTH {
                let variables = variables_for(&app, &f, rule, caller, over).await;
                let answer = app
                    .ask(over, f.credential(caller), &rule.document, variables)
                    .await;
                if let Some(wrong) = judge(rule, caller, &answer) {
                    let mutation = rule.mutation;
                    mismatches.push(format!("{mutation} as {caller:?} over {over:?}: {wrong}"));
                }
            }
        }
    }
    mismatches.extend(moved_since_the_fixture(&app, &f).await);
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// How a private field shows in an answer.
#[derive(Debug, Clone, Copy)]
enum Shows {
    /// A string at this JSON pointer when seen; null or nothing when hidden.
    Text(&'static str),
    /// A list at this JSON pointer, not empty when seen; empty when hidden.
    List(&'static str),
    /// The answer itself: any answer but a refusal is seeing it.
    Answer,
}

/// A private field, how to reach the recycling cluster's instance of it, and who sees it.
struct PrivateField {
    field: &'static str,
    query: &'static str,
    variables: Value,
    shows: Shows,
    seen_by: &'static [Caller],
}

const PERSON_EMAIL: &str = "query ($id: ID!) { node(id: $id) { ... on Person { email } } }";
const PERSON_PHONE: &str = "query ($id: ID!) { node(id: $id) { ... on Person { phone } } }";
const APPLICATION_MESSAGE: &str =
    "query ($id: ID!) { node(id: $id) { ... on Membership { applicationMessage } } }";
const DECISION_REASON: &str =
    "query ($id: ID!) { node(id: $id) { ... on Membership { decisionReason } } }";
const APPLICATIONS: &str =
    "query ($s: String!) { cluster(slug: $s) { membershipApplications { id } } }";
const AUDIT_TRAIL: &str =
    "query ($c: ID) { auditTrail(clusterId: $c, first: 5) { nodes { action } } }";
const WEBHOOKS: &str = "query ($c: ID) { webhooks(clusterId: $c) { id } }";

fn private_fields(f: &Fixture) -> Vec<PrivateField> {
    let person = json!({ "id": f.person });
    let cluster = json!({ "c": f.cluster });
    vec![
        // Contacts: the cluster's private readers, and accounts of its current members (the
        // member organisation has only applied).
        PrivateField {
            field: "Person.email",
            query: PERSON_EMAIL,
            variables: person.clone(),
            shows: Shows::Text("/data/node/email"),
            seen_by: PRIVATE_READERS,
        },
        PrivateField {
            field: "Person.phone",
            query: PERSON_PHONE,
            variables: person,
            shows: Shows::Text("/data/node/phone"),
            seen_by: PRIVATE_READERS,
        },
        PrivateField {
            field: "Membership.applicationMessage",
            query: APPLICATION_MESSAGE,
            variables: json!({ "id": f.application }),
            shows: Shows::Text("/data/node/applicationMessage"),
            seen_by: APPLICATION_READERS,
        },
        // Of an organisation none of the callers acts for.
        PrivateField {
            field: "Membership.decisionReason",
            query: DECISION_REASON,
            variables: json!({ "id": f.membership }),
            shows: Shows::Text("/data/node/decisionReason"),
            seen_by: APPLICATION_DECIDERS,
        },
        PrivateField {
            field: "Cluster.membershipApplications",
            query: APPLICATIONS,
            variables: json!({ "s": RECYCLING }),
            shows: Shows::List("/data/cluster/membershipApplications"),
            seen_by: APPLICATION_DECIDERS,
        },
        PrivateField {
            field: "QueryRoot.auditTrail",
            query: AUDIT_TRAIL,
            variables: cluster.clone(),
            shows: Shows::List("/data/auditTrail/nodes"),
            seen_by: PRIVATE_READERS,
        },
        // Every person gets a list (their own tokens, perhaps none); no token does.
        PrivateField {
            field: "QueryRoot.apiTokens",
            query: "{ apiTokens { id } }",
            variables: json!({}),
            shows: Shows::Answer,
            seen_by: PEOPLE,
        },
        PrivateField {
            field: "QueryRoot.webhooks",
            query: WEBHOOKS,
            variables: cluster,
            shows: Shows::List("/data/webhooks"),
            seen_by: PRIVATE_READERS,
        },
    ]
}

/// Whether `answer` shows the field, or why it neither shows nor hides it.
fn shown(answer: &Value, shows: Shows) -> Result<bool, String> {
    match code_of(answer).as_str() {
        "FORBIDDEN" | "UNAUTHENTICATED" => Ok(false),
        "" => Ok(match shows {
            Shows::Text(pointer) => answer.pointer(pointer).is_some_and(Value::is_string),
            Shows::List(pointer) => answer
                .pointer(pointer)
                .and_then(Value::as_array)
                .is_some_and(|list| !list.is_empty()),
            Shows::Answer => true,
        }),
        _ => Err(format!("neither shown nor refused: {answer}")),
    }
}

async fn private_fields_show_exactly_to_those_who_may_read_them(app: TestApp) {
    let f = fixture(&app).await;
    let mut mismatches = Vec::new();
    for field in private_fields(&f) {
        for caller in CALLERS {
            let expected = field.seen_by.contains(&caller);
            for over in Over::BOTH {
                let variables = field.variables.clone();
                let answer = app
                    .ask(over, f.credential(caller), field.query, variables)
                    .await;
                let wrong = match shown(&answer, field.shows) {
                    Ok(seen) if seen == expected => continue,
                    Ok(_) if expected => format!("should be seen, but got {answer}"),
                    Ok(_) => format!("should be hidden, but got {answer}"),
                    Err(why) => why,
                };
                let name = field.field;
                mismatches.push(format!("{name} as {caller:?} over {over:?}: {wrong}"));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

on_both_backends! {
    matrix => every_mutation_is_refused_exactly_to_those_who_may_not_run_it;
    field_visibility => private_fields_show_exactly_to_those_who_may_read_them;
}
