//! What the matrix acts on: the recycling cluster's objects, the member organisation's, and a
//! credential for every kind of caller; and the versions that must not move.

use crate::common::{COORDINATOR, MEMBER, OPERATOR, TestApp};
use crate::{Caller, HOOK_URL, OPEN_INVITEE, OTHER_CLUSTER, RECYCLING};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// What the matrix acts on, all of it the recycling cluster's or the member organisation's,
/// and the credentials of every caller.
#[derive(Default)]
pub(crate) struct Fixture {
    pub(crate) operator: String,
    coordinator: String,
    member: String,
    other_coordinator: String,
    token_public: String,
    token_private: String,
    token_write: String,
    pub(crate) cluster: String,
    pub(crate) member_organisation: String,
    pub(crate) service: String,
    pub(crate) working_group: String,
    pub(crate) event: String,
    pub(crate) project: String,
    pub(crate) indicator: String,
    pub(crate) cluster_person: String,
    /// The cluster person's person, with an e-mail and a telephone.
    pub(crate) person: String,
    pub(crate) kkk: String,
    pub(crate) esca: String,
    /// An ACTIVE membership of another organisation, approved with a reason.
    pub(crate) membership: String,
    /// The member organisation's PENDING application, with a message.
    pub(crate) application: String,
    /// A notice the member organisation posted.
    pub(crate) offer: String,
    pub(crate) webhook: String,
    pub(crate) delivery: String,
    /// A token the coordinator made for the cluster, to be revoked.
    pub(crate) revocable_token: String,
    /// An account that coordinates the recycling cluster and is none of the callers.
    pub(crate) deputy: String,
    /// The deputy's role.
    pub(crate) deputy_role: String,
    /// The operator's own account.
    pub(crate) operator_user: String,
    /// The member's role acting for the member organisation, which it alone manages.
    pub(crate) member_role: String,
    /// An open invitation of [`OPEN_INVITEE`] to co-coordinate the cluster.
    pub(crate) open_invitation: String,
    /// An invitation to co-coordinate the cluster, revoked.
    pub(crate) revoked_invitation: String,
    /// The other coordinator's request to act for the member organisation, rejected by the
    /// member.
    pub(crate) decided_request: String,
    /// The deputy's request to act for the member organisation, waiting for the member, with
    /// a message.
    pub(crate) pending_request: String,
    /// A cluster the other coordinator submitted, and withdrew.
    pub(crate) submission: String,
    /// What, which and at what version: every object the matrix names with a stale version.
    versions: Vec<(&'static str, String, i64)>,
}

impl Fixture {
    /// The bearer token `caller` sends; None for the anonymous caller.
    pub(crate) fn credential(&self, caller: Caller) -> Option<&str> {
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

    /// Signs `caller` in again after a mutation ended its sessions; a token and nobody have
    /// none.
    pub(crate) async fn sign_in_again(&mut self, app: &TestApp, caller: Caller) {
        let (account, credential) = match caller {
            Caller::Member => (MEMBER, &mut self.member),
            Caller::OtherCoordinator => (OTHER_COORDINATOR, &mut self.other_coordinator),
            Caller::Coordinator => (COORDINATOR, &mut self.coordinator),
            Caller::Operator => (OPERATOR, &mut self.operator),
            Caller::Anonymous | Caller::TokenPublic | Caller::TokenPrivate | Caller::TokenWrite => {
                return;
            }
        };
        *credential = app.sign_in(account).await;
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

pub(crate) fn hook_input(cluster: &str) -> Value {
    json!({ "url": HOOK_URL, "events": ["CLUSTER_CHANGED"], "clusterId": cluster })
}

/// A webhook of `cluster` registered by the holder of `token`.
pub(crate) async fn new_webhook(app: &TestApp, token: &str, cluster: &str) -> String {
    let call = ("createWebhook", "CreateWebhookInput");
    create(app, token, call, hook_input(cluster), "webhook").await
}

/// Makes `user` a coordinator of `cluster`, or finds that it is one, and returns the grant.
pub(crate) async fn grant_coordinator(
    app: &TestApp,
    token: &str,
    user: &str,
    cluster: &str,
) -> String {
    let input = json!({ "userId": user, "role": "COORDINATOR", "clusterId": cluster });
    create(app, token, ("grantRole", "GrantRoleInput"), input, "role").await
}

/// An invitation of `email` to co-coordinate `cluster`, sent by the holder of `token`.
pub(crate) async fn new_invitation(
    app: &TestApp,
    token: &str,
    cluster: &str,
    email: &str,
) -> String {
    let input = json!({ "email": email, "role": "COORDINATOR", "clusterId": cluster });
    create(app, token, ("invite", "InviteInput"), input, "invitation").await
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

pub(crate) async fn fixture(app: &TestApp) -> Fixture {
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
    add_joining(app, &mut f).await;
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
            let input = json!({ "clusterId": f.cluster, "awardedOn": "2019", "sourceId": app.source_id("004").await });
            let call = ("recordKkkCertification", "RecordKkkCertificationInput");
            create(app, &f.operator, call, input, "certification").await
        }
    };
    f.esca = match first("escaLabels") {
        Some(id) => id,
        None => {
            let input = json!({ "clusterId": f.cluster, "level": "BRONZE", "awardedOn": "2021", "sourceId": app.source_id("003").await });
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

/// The other cluster's coordinator.
const OTHER_COORDINATOR: (&str, &str) = ("inny@example.pl", "zupełnie-obce-hasło-77");
/// The deputy.
const DEPUTY: (&str, &str) = ("zastepca@example.pl", "wiatr-nad-jeziorem-31");

/// Another cluster's coordinator, signed in, and the deputy with its role.
async fn add_accounts(app: &TestApp, f: &mut Fixture) {
    let (email, password) = OTHER_COORDINATOR;
    let other = new_account(app, &f.operator, email, password).await;
    let other_cluster = app.cluster_id(OTHER_CLUSTER).await;
    grant_coordinator(app, &f.operator, &other, &other_cluster).await;
    f.other_coordinator = app.sign_in(OTHER_COORDINATOR).await;
    let (email, password) = DEPUTY;
    f.deputy = new_account(app, &f.operator, email, password).await;
    f.deputy_role = grant_coordinator(app, &f.operator, &f.deputy, &f.cluster).await;
}

const REQUEST_TO_ACT: (&str, &str) = ("requestToActForOrganisation", "RequestToActInput");

/// Invitations, requests for access and a cluster submission, each in the state the matrix
/// needs: an open invitation and a revoked one, a request decided and one waiting, a
/// submission withdrawn.
async fn add_joining(app: &TestApp, f: &mut Fixture) {
    let me = app
        .query_as(&f.operator, "{ me { user { id } } }", json!({}))
        .await;
    f.operator_user = text_at(&me, "/me/user/id");
    let roles = app
        .query_as(&f.member, "{ me { roles { id role } } }", json!({}))
        .await;
    f.member_role = roles["me"]["roles"]
        .as_array()
        .and_then(|all| all.iter().find(|r| r["role"] == "MEMBER"))
        .map(|r| text_at(r, "/id"))
        .unwrap_or_else(|| panic!("the member acts for an organisation: {roles}"));

    f.open_invitation = new_invitation(app, &f.coordinator, &f.cluster, OPEN_INVITEE).await;
    let revoked = "matryca-odwolane@example.pl";
    f.revoked_invitation = new_invitation(app, &f.coordinator, &f.cluster, revoked).await;
    let call = ("revokeInvitation", "InvitationIdInput");
    let by_id = json!({ "invitationId": f.revoked_invitation });
    write(app, &f.coordinator, call, by_id, "invitation { id }").await;

    let ask =
        json!({ "organisationId": f.member_organisation, "message": "Matryca: proszę o dostęp." });
    f.decided_request = create(
        app,
        &f.other_coordinator,
        REQUEST_TO_ACT,
        ask.clone(),
        "request",
    )
    .await;
    let call = ("decideAccessRequest", "DecideAccessRequestInput");
    let rejection =
        json!({ "requestId": f.decided_request, "approve": false, "reason": "Matryca." });
    write(app, &f.member, call, rejection, "request { id }").await;
    let deputy = app.sign_in(DEPUTY).await;
    f.pending_request = create(app, &deputy, REQUEST_TO_ACT, ask, "request").await;

    let submission = json!({
        "name": "Matryca: klaster",
        "description": "Zgłoszenie do testu uprawnień.",
        "coordinatorName": "Matryca Koordynator sp. z o.o."
    });
    let call = ("submitCluster", "SubmitClusterInput");
    f.submission = create(app, &f.other_coordinator, call, submission, "submission").await;
    let call = ("withdrawClusterSubmission", "ClusterSubmissionIdInput");
    let by_id = json!({ "submissionId": f.submission });
    write(app, &f.other_coordinator, call, by_id, "submission { id }").await;
}

const DELIVERIES: &str = "query ($c: ID) { webhooks(clusterId: $c) { nodes { id deliveries(first: 1) { nodes { id } } } } }";

/// A delivery the fixture's changes owe its webhook.
async fn a_delivery(app: &TestApp, f: &Fixture) -> String {
    let data = app
        .query_as(&f.coordinator, DELIVERIES, json!({ "c": f.cluster }))
        .await;
    let webhook = data["webhooks"]["nodes"]
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
pub(crate) async fn moved_since_the_fixture(app: &TestApp, f: &Fixture) -> Vec<String> {
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
