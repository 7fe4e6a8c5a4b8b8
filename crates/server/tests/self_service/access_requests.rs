//! Asking for access, and who decides: a request to act for an organisation goes to its
//! managers, else to the coordinators of the clusters it belongs to, else to the operators;
//! anyone else is FORBIDDEN; an approved requester acts for the organisation and is mailed. A
//! claim on a cluster nobody coordinates goes to the operators. Registering an organisation
//! makes the registrant its manager, who can then join a cluster through the API alone.

use crate::common::{Backend, COORDINATOR, MEMBER, OPERATOR, TestApp};
use crate::helpers::{
    DECIDE_REQUEST, RECYCLING, REGISTER_ORGANISATION, REQUEST_TO_ACT, UNCLAIMED, data, mailing_app,
    me, mutate, nip, operator, refused, roles, signed_up, text, user_error, user_errors, write,
};
use crate::on_both_backends;
use serde_json::{Value, json};

const REQUEST: &str =
    "request { id kind status decider message reason organisation { id } cluster { id } }";
const WITHDRAW: (&str, &str) = ("withdrawAccessRequest", "AccessRequestIdInput");
const CLAIM: (&str, &str) = ("claimCluster", "ClaimClusterInput");

/// Who acts for `organisation`, as its managers and operators see it: whether each manages it,
/// and their e-mail.
async fn organisation_users(app: &TestApp, token: &str, organisation: &str) -> Value {
    data(
        app,
        Some(token),
        "query ($o: ID!) { organisationUsers(organisationId: $o) { manages user { email } } }",
        json!({ "o": organisation }),
    )
    .await["organisationUsers"]
        .clone()
}

/// The IDs of the requests waiting for the decision of the holder of `token`.
async fn to_decide(app: &TestApp, token: &str) -> Vec<Value> {
    let found = data(
        app,
        Some(token),
        "{ accessRequests(scope: TO_DECIDE) { nodes { id } } }",
        json!({}),
    )
    .await;
    found["accessRequests"]["nodes"]
        .as_array()
        .map(|nodes| nodes.iter().map(|n| n["id"].clone()).collect())
        .unwrap_or_default()
}

/// The organisation the holder of `token` acts for first, by its ID.
async fn acting_organisation(app: &TestApp, token: &str) -> String {
    let id = app.acting_organisation(token).await;
    id.as_str()
        .unwrap_or_else(|| panic!("the account acts for no organisation: {id}"))
        .to_owned()
}

/// The holder of `token` asks to act for `organisation`; the request.
async fn ask_to_act(app: &TestApp, token: &str, organisation: &str) -> Value {
    let input = json!({ "organisationId": organisation, "message": "Pracuję tam od lat." });
    write(app, Some(token), REQUEST_TO_ACT, input, REQUEST).await["request"].clone()
}

/// The holder of `token` decides `request`; the payload.
async fn decide(
    app: &TestApp,
    token: &str,
    request: &Value,
    approve: bool,
    reason: Option<&str>,
) -> Value {
    let input = json!({ "requestId": request["id"], "approve": approve, "reason": reason });
    mutate(app, Some(token), DECIDE_REQUEST, input, REQUEST).await
}

/// The code a decision by the holder of `token` is refused with.
async fn decision_refused(app: &TestApp, token: &str, request: &Value) -> String {
    let input = json!({ "requestId": request["id"], "approve": true });
    refused(app, Some(token), DECIDE_REQUEST, input).await
}

async fn a_request_to_an_organisation_with_a_manager_is_decided_by_the_manager(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let member = app.sign_in(MEMBER).await;
    let technology = acting_organisation(&app, &member).await;
    // The demo member manages Technology Applied: the first account to act for an
    // organisation manages it (and the migration made every member before it a manager).
    assert_eq!(
        organisation_users(&app, &member, &technology).await,
        json!([{ "manages": true, "user": { "email": MEMBER.0 } }])
    );

    let requester = signed_up(
        &app,
        &sink,
        "jan.kowalski@example.org",
        "Jan Kowalski",
        "EN",
    )
    .await;
    let request = ask_to_act(&app, &requester.token, &technology).await;
    assert_eq!(request["status"], "PENDING");
    assert_eq!(request["kind"], "ACT_FOR_ORGANISATION");
    assert_eq!(request["decider"], "ORGANISATION_MANAGERS");
    // Asking again while it waits answers with the same request.
    assert_eq!(
        ask_to_act(&app, &requester.token, &technology).await["id"],
        request["id"]
    );

    // The manager is told, in their own language, and finds it among theirs to decide.
    let told = sink
        .wait_for(
            MEMBER.0,
            Some("prosi o dostęp do organizacji Technology Applied"),
        )
        .await;
    told.link("/requests");
    assert!(to_decide(&app, &member).await.contains(&request["id"]));
    let coordinator = app.sign_in(COORDINATOR).await;
    assert!(!to_decide(&app, &coordinator).await.contains(&request["id"]));

    // Nobody else decides it: not a coordinator, not the one asking.
    assert_eq!(
        decision_refused(&app, &coordinator, &request).await,
        "FORBIDDEN"
    );
    assert_eq!(
        decision_refused(&app, &requester.token, &request).await,
        "FORBIDDEN"
    );

    let decided = decide(&app, &member, &request, true, None).await;
    assert_eq!(decided["userErrors"], json!([]), "{decided}");
    assert_eq!(decided["request"]["status"], "APPROVED");
    // The requester acts for the organisation now; it has a manager, so not as one.
    let now = roles(&me(&app, &requester.token).await);
    assert!(
        now.contains(&("MEMBER".into(), technology.clone(), false)),
        "{now:?}"
    );
    let mail = sink
        .wait_for(&requester.email, Some("Your request was approved"))
        .await;
    assert!(
        mail.text.contains("act for Technology Applied"),
        "{}",
        mail.text
    );
    let users = organisation_users(&app, &member, &technology).await;
    let users = users.as_array().cloned().unwrap_or_default();
    assert_eq!(users.len(), 2, "{users:?}");
    for user in [
        json!({ "manages": true, "user": { "email": MEMBER.0 } }),
        json!({ "manages": false, "user": { "email": requester.email } }),
    ] {
        assert!(users.contains(&user), "{user} among {users:?}");
    }
    // A decided request is not decided again.
    let twice = decide(&app, &member, &request, false, None).await;
    assert_eq!(user_errors(&twice), user_error("requestId", "NOT_ALLOWED"));
}

async fn a_request_to_a_member_without_managers_is_decided_by_the_cluster_s_coordinator(
    backend: Backend,
) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let operator = operator(&app).await;
    let members = data(
        &app,
        None,
        "query ($s: String!) { cluster(slug: $s) { members(first: 100) { nodes { organisation { id name } } } } }",
        json!({ "s": RECYCLING }),
    )
    .await;
    let mut without_managers = None;
    for node in members["cluster"]["members"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        let organisation = node["organisation"].clone();
        let id = text(&organisation, "/id");
        if organisation_users(&app, &operator, &id).await == json!([]) {
            without_managers = Some((id, text(&organisation, "/name")));
            break;
        }
    }
    let (organisation, name) =
        without_managers.expect("the recycling cluster has a member nobody acts for");

    let requester = signed_up(&app, &sink, "ala.nowak@example.org", "Ala Nowak", "PL").await;
    let request = ask_to_act(&app, &requester.token, &organisation).await;
    assert_eq!(request["decider"], "CLUSTER_COORDINATORS");
    let coordinator = app.sign_in(COORDINATOR).await;
    sink.wait_for(
        COORDINATOR.0,
        Some(&format!("prosi o dostęp do organizacji {name}")),
    )
    .await;
    assert!(to_decide(&app, &coordinator).await.contains(&request["id"]));

    let member = app.sign_in(MEMBER).await;
    assert_eq!(decision_refused(&app, &member, &request).await, "FORBIDDEN");
    let decided = decide(&app, &coordinator, &request, true, None).await;
    assert_eq!(decided["request"]["status"], "APPROVED", "{decided}");
    // The first account to act for the organisation manages it.
    let now = roles(&me(&app, &requester.token).await);
    assert!(
        now.contains(&("MEMBER".into(), organisation.clone(), true)),
        "{now:?}"
    );
    sink.wait_for(&requester.email, Some("Twoja prośba została przyjęta"))
        .await;
    // With a manager now, its next requests go to that manager.
    let next = signed_up(&app, &sink, "kolejny@example.org", "Kolejny", "PL").await;
    let later = ask_to_act(&app, &next.token, &organisation).await;
    assert_eq!(later["decider"], "ORGANISATION_MANAGERS");
    assert_eq!(
        decision_refused(&app, &coordinator, &later).await,
        "FORBIDDEN"
    );
}

async fn a_request_to_an_organisation_in_no_cluster_is_decided_by_an_operator(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let operator = operator(&app).await;
    let created = write(
        &app,
        Some(&operator),
        ("createOrganisation", "CreateOrganisationInput"),
        json!({ "name": "Samotna Spółka sp. z o.o." }),
        "organisation { id }",
    )
    .await;
    let organisation = text(&created, "/organisation/id");
    let requester = signed_up(&app, &sink, "samotny@example.org", "Samotny", "EN").await;
    let request = ask_to_act(&app, &requester.token, &organisation).await;
    assert_eq!(request["decider"], "OPERATORS");
    sink.wait_for(
        OPERATOR.0,
        Some("prosi o dostęp do organizacji Samotna Spółka sp. z o.o."),
    )
    .await;

    let coordinator = app.sign_in(COORDINATOR).await;
    let member = app.sign_in(MEMBER).await;
    for token in [&coordinator, &member, &requester.token] {
        assert_eq!(decision_refused(&app, token, &request).await, "FORBIDDEN");
    }
    // Rejected with a reason, which the requester is mailed.
    let reason = "Nie znaleźliśmy Pana w tej firmie.";
    let rejected = decide(&app, &operator, &request, false, Some(reason)).await;
    assert_eq!(rejected["request"]["status"], "REJECTED", "{rejected}");
    assert_eq!(rejected["request"]["reason"], reason);
    let no = sink
        .wait_for(&requester.email, Some("Your request was declined"))
        .await;
    assert!(no.text.contains(reason), "{}", no.text);
    assert!(roles(&me(&app, &requester.token).await).is_empty());

    // Asked again, and approved.
    let second = ask_to_act(&app, &requester.token, &organisation).await;
    assert_ne!(second["id"], request["id"]);
    let approved = decide(&app, &operator, &second, true, None).await;
    assert_eq!(approved["request"]["status"], "APPROVED", "{approved}");
    let now = roles(&me(&app, &requester.token).await);
    assert_eq!(now, [("MEMBER".to_owned(), organisation, true)]);
    sink.wait_for(&requester.email, Some("Your request was approved"))
        .await;
}

async fn a_waiting_request_is_withdrawn_by_the_one_who_asked_alone(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let member = app.sign_in(MEMBER).await;
    let technology = acting_organisation(&app, &member).await;
    let requester = signed_up(&app, &sink, "rozmyslil.sie@example.org", "Adam", "PL").await;
    let request = ask_to_act(&app, &requester.token, &technology).await;
    let by_id = json!({ "requestId": request["id"] });
    let operator = operator(&app).await;
    for token in [&member, &operator] {
        assert_eq!(
            refused(&app, Some(token), WITHDRAW, by_id.clone()).await,
            "FORBIDDEN"
        );
    }
    let withdrawn = write(&app, Some(&requester.token), WITHDRAW, by_id, REQUEST).await;
    assert_eq!(withdrawn["request"]["status"], "WITHDRAWN");
    assert!(!to_decide(&app, &member).await.contains(&request["id"]));
    let late = decide(&app, &member, &request, true, None).await;
    assert_eq!(user_errors(&late), user_error("requestId", "NOT_ALLOWED"));
    let mine = data(
        &app,
        Some(&requester.token),
        "{ accessRequests(scope: MINE) { nodes { id status } } }",
        json!({}),
    )
    .await;
    assert_eq!(
        mine["accessRequests"]["nodes"],
        json!([{ "id": request["id"], "status": "WITHDRAWN" }])
    );
    assert!(roles(&me(&app, &requester.token).await).is_empty());
}

async fn a_claim_on_a_cluster_nobody_coordinates_is_decided_by_an_operator(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let claimant = signed_up(&app, &sink, "koordynator.metali@example.org", "Karol", "EN").await;
    // A cluster with a coordinator in the registry is not claimed: its coordinators invite.
    let recycling = app.cluster_id(RECYCLING).await;
    let coordinated = mutate(
        &app,
        Some(&claimant.token),
        CLAIM,
        json!({ "clusterId": recycling }),
        REQUEST,
    )
    .await;
    assert_eq!(
        user_errors(&coordinated),
        user_error("clusterId", "NOT_ALLOWED")
    );

    let cluster = app.cluster_id(UNCLAIMED).await;
    let claim = json!({ "clusterId": cluster, "message": "Jestem prezesem koordynatora." });
    let claimed = write(&app, Some(&claimant.token), CLAIM, claim, REQUEST).await;
    let request = claimed["request"].clone();
    assert_eq!(request["kind"], "CLAIM_CLUSTER");
    assert_eq!(request["decider"], "OPERATORS");
    assert_eq!(request["cluster"]["id"], cluster.as_str());
    sink.wait_for(OPERATOR.0, Some("prosi o koordynowanie klastra"))
        .await;

    let coordinator = app.sign_in(COORDINATOR).await;
    assert_eq!(
        decision_refused(&app, &coordinator, &request).await,
        "FORBIDDEN"
    );
    let operator = operator(&app).await;
    let approved = decide(&app, &operator, &request, true, None).await;
    assert_eq!(approved["request"]["status"], "APPROVED", "{approved}");
    let now = roles(&me(&app, &claimant.token).await);
    assert_eq!(now, [("COORDINATOR".to_owned(), cluster, false)]);
    sink.wait_for(&claimant.email, Some("Your request was approved"))
        .await;
}

const APPLY: (&str, &str) = ("applyForMembership", "ApplyForMembershipInput");
const APPROVE: (&str, &str) = ("approveMembership", "DecideMembershipInput");

async fn a_registered_organisation_is_managed_by_its_registrant_and_joins_a_cluster(
    backend: Backend,
) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let registrant = signed_up(&app, &sink, "zalozyciel@example.org", "Założyciel", "PL").await;
    let fields = json!({
        "name": "Nowa Firma Recyklingowa sp. z o.o.",
        "kind": "SMALL_ENTERPRISE",
        "nip": nip(2),
        "city": "Łódź"
    });
    let registered = write(
        &app,
        Some(&registrant.token),
        REGISTER_ORGANISATION,
        fields.clone(),
        "organisation { id name nip }",
    )
    .await;
    let organisation = text(&registered, "/organisation/id");
    assert_eq!(registered["organisation"]["nip"], nip(2).as_str());
    assert_eq!(
        roles(&me(&app, &registrant.token).await),
        [("MEMBER".to_owned(), organisation.clone(), true)]
    );
    assert_eq!(
        organisation_users(&app, &registrant.token, &organisation).await,
        json!([{ "manages": true, "user": { "email": registrant.email } }])
    );
    // A NIP registered already is not registered again: ask to act for that one instead.
    let twice = mutate(
        &app,
        Some(&registrant.token),
        REGISTER_ORGANISATION,
        json!({ "name": "Ta Sama Firma", "nip": nip(2) }),
        "organisation { id }",
    )
    .await;
    assert_eq!(user_errors(&twice), user_error("nip", "NOT_UNIQUE"));

    // It applies to the demo coordinator's cluster, and the coordinator approves.
    let coordinator = app.sign_in(COORDINATOR).await;
    let cluster = crate::helpers::coordinated_cluster(&app, &coordinator).await;
    let applied = write(
        &app,
        Some(&registrant.token),
        APPLY,
        json!({ "clusterId": cluster, "organisationId": organisation, "message": "Chcemy dołączyć." }),
        "membership { id version status }",
    )
    .await;
    assert_eq!(applied["membership"]["status"], "PENDING");
    let applications = data(
        &app,
        Some(&coordinator),
        "query ($s: String!) { cluster(slug: $s) { membershipApplications { id organisation { id } } } }",
        json!({ "s": RECYCLING }),
    )
    .await;
    assert!(
        applications["cluster"]["membershipApplications"]
            .as_array()
            .is_some_and(|all| all.iter().any(|a| a["id"] == applied["membership"]["id"])),
        "{applications}"
    );
    let approved = write(
        &app,
        Some(&coordinator),
        APPROVE,
        json!({ "id": applied["membership"]["id"], "version": applied["membership"]["version"] }),
        "membership { status organisation { id } }",
    )
    .await;
    assert_eq!(approved["membership"]["status"], "ACTIVE");
    let members = data(
        &app,
        None,
        "query ($s: String!) { cluster(slug: $s) { members(first: 100) { nodes { organisation { id } } } } }",
        json!({ "s": RECYCLING }),
    )
    .await;
    assert!(
        members["cluster"]["members"]["nodes"]
            .as_array()
            .is_some_and(|all| all
                .iter()
                .any(|m| m["organisation"]["id"] == organisation.as_str())),
        "{members}"
    );
}

on_both_backends! {
    backend =>
    decided_by_the_organisation_s_manager => a_request_to_an_organisation_with_a_manager_is_decided_by_the_manager;
    decided_by_the_cluster_s_coordinator => a_request_to_a_member_without_managers_is_decided_by_the_cluster_s_coordinator;
    decided_by_an_operator => a_request_to_an_organisation_in_no_cluster_is_decided_by_an_operator;
    withdrawn_by_the_one_who_asked_alone => a_waiting_request_is_withdrawn_by_the_one_who_asked_alone;
    claim_decided_by_an_operator => a_claim_on_a_cluster_nobody_coordinates_is_decided_by_an_operator;
    registered_organisation_joins_a_cluster => a_registered_organisation_is_managed_by_its_registrant_and_joins_a_cluster;
}
