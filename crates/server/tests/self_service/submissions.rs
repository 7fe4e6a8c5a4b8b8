//! Clusters submitted for listing: seen only by the submitter and the operators; published (in
//! the directory, coordinated by the submitter, who is mailed) or rejected with a reason (which
//! is mailed); withdrawn by the submitter alone.

use crate::common::{Backend, COORDINATOR, MEMBER, OPERATOR, TestApp};
use crate::helpers::{
    data, mailing_app, me, mutate, nip, operator, refused, roles, signed_up, text, user_error,
    user_errors, write,
};
use crate::on_both_backends;
use serde_json::{Value, json};

const SUBMIT: (&str, &str) = ("submitCluster", "SubmitClusterInput");
const DECIDE: (&str, &str) = ("decideClusterSubmission", "DecideClusterSubmissionInput");
const WITHDRAW: (&str, &str) = ("withdrawClusterSubmission", "ClusterSubmissionIdInput");
const SUBMISSION: &str = "submission { id status name reason submitter { email } \
                          listingCheck { members kinds enoughMembers enoughKinds englishWebsite } \
                          cluster { id slug name } }";
const NODE: &str =
    "query ($id: ID!) { node(id: $id) { ... on ClusterSubmission { name status } } }";

/// What a submitter tells about a cluster named `name`.
fn cluster_named(name: &str, seed: u32) -> Value {
    json!({
        "name": name,
        "nameEn": format!("{name} (EN)"),
        "acronym": "TEST",
        "voivodeship": "MAZOWIECKIE",
        "website": "https://klaster.example.org",
        "websiteEn": "https://klaster.example.org/en",
        "description": "Firmy, uczelnie i samorządy, które razem rozwijają technologie wodorowe.",
        "declaredMembers": [
            { "kind": "SMALL_ENTERPRISE", "count": 12 },
            { "kind": "UNIVERSITY", "count": 3 }
        ],
        "coordinatorName": format!("Fundacja {name}"),
        "coordinatorNip": nip(seed)
    })
}

/// The holder of `token` submits `input`; the submission.
async fn submit(app: &TestApp, token: &str, input: Value) -> Value {
    write(app, Some(token), SUBMIT, input, SUBMISSION).await["submission"].clone()
}

/// The IDs of the submissions the holder of `token` lists.
async fn listed(app: &TestApp, token: &str) -> Vec<Value> {
    let found = data(
        app,
        Some(token),
        "{ clusterSubmissions(first: 100) { nodes { id } } }",
        json!({}),
    )
    .await;
    found["clusterSubmissions"]["nodes"]
        .as_array()
        .map(|nodes| nodes.iter().map(|n| n["id"].clone()).collect())
        .unwrap_or_default()
}

/// The slugs of the clusters the directory finds by `text`.
async fn directory(app: &TestApp, text: &str) -> Vec<Value> {
    let found = data(
        app,
        None,
        "query ($t: String) { clusters(filter: { text: $t }, first: 20) { nodes { slug } } }",
        json!({ "t": text }),
    )
    .await;
    found["clusters"]["nodes"]
        .as_array()
        .map(|nodes| nodes.iter().map(|n| n["slug"].clone()).collect())
        .unwrap_or_default()
}

async fn a_submission_is_private_until_published_then_listed_and_coordinated_by_its_submitter(
    backend: Backend,
) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let submitter = signed_up(&app, &sink, "zglaszajacy@example.org", "Zgłaszający", "EN").await;
    let name = "Mazowiecki Klaster Wodorowy";
    let submission = submit(&app, &submitter.token, cluster_named(name, 3)).await;
    assert_eq!(submission["status"], "PENDING");
    assert_eq!(submission["submitter"]["email"], submitter.email.as_str());
    assert_eq!(
        submission["listingCheck"],
        json!({ "members": 15, "kinds": 2, "enoughMembers": true, "enoughKinds": true, "englishWebsite": true })
    );
    sink.wait_for(
        OPERATOR.0,
        Some(&format!("Nowy klaster do przejrzenia: {name}")),
    )
    .await;

    // Seen by the submitter and the operators alone.
    let operator = operator(&app).await;
    let member = app.sign_in(MEMBER).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    let id = json!({ "id": submission["id"] });
    for (token, seen) in [
        (Some(submitter.token.as_str()), true),
        (Some(operator.as_str()), true),
        (Some(member.as_str()), false),
        (Some(coordinator.as_str()), false),
        (None, false),
    ] {
        let node = data(&app, token, NODE, id.clone()).await["node"].clone();
        assert_eq!(node != Value::Null, seen, "{token:?}: {node}");
    }
    // Each lists its own; operators list every one.
    let own = submit(&app, &member, cluster_named("Klaster Członka", 4)).await;
    assert_eq!(
        listed(&app, &submitter.token).await,
        [submission["id"].clone()]
    );
    assert_eq!(listed(&app, &member).await, [own["id"].clone()]);
    assert_eq!(
        listed(&app, &operator).await,
        [own["id"].clone(), submission["id"].clone()]
    );
    assert!(
        directory(&app, "Wodorowy").await.is_empty(),
        "not listed before it is published"
    );

    // Published: a cluster in the directory, coordinated by the submitter, who is mailed.
    let decision = json!({ "submissionId": submission["id"], "publish": true });
    let published = write(&app, Some(&operator), DECIDE, decision.clone(), SUBMISSION).await;
    assert_eq!(published["submission"]["status"], "APPROVED");
    let cluster = published["submission"]["cluster"].clone();
    assert_eq!(cluster["name"], name);
    let slug = text(&cluster, "/slug");
    assert_eq!(directory(&app, "Wodorowy").await, [json!(slug)]);
    let shown = data(
        &app,
        None,
        "query ($s: String!) { cluster(slug: $s) { coordinator { name } members(first: 10) { nodes { role organisation { name } } } } }",
        json!({ "s": slug }),
    )
    .await;
    let coordinating = format!("Fundacja {name}");
    assert_eq!(
        shown["cluster"]["coordinator"]["name"],
        coordinating.as_str()
    );
    assert_eq!(
        shown["cluster"]["members"]["nodes"],
        json!([{ "role": "COORDINATOR", "organisation": { "name": coordinating } }])
    );
    assert_eq!(
        roles(&me(&app, &submitter.token).await),
        [("COORDINATOR".to_owned(), text(&cluster, "/id"), false)]
    );
    let mail = sink
        .wait_for(
            &submitter.email,
            Some(&format!("{name} is in the registry")),
        )
        .await;
    assert!(
        mail.link("/clusters/")
            .ends_with(&format!("/clusters/{slug}"))
    );
    // Once decided, it is not decided again.
    let twice = mutate(&app, Some(&operator), DECIDE, decision, SUBMISSION).await;
    assert_eq!(
        user_errors(&twice),
        user_error("submissionId", "NOT_ALLOWED")
    );
}

async fn a_rejected_submission_is_mailed_with_its_reason(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let submitter = signed_up(&app, &sink, "odrzucony@example.org", "Odrzucony", "PL").await;
    let name = "Klaster Bez Strony";
    let submission = submit(&app, &submitter.token, cluster_named(name, 5)).await;
    let operator = operator(&app).await;
    let member = app.sign_in(MEMBER).await;

    // Operators alone decide.
    let reason = "Brakuje listy członków z ich zgodą na publikację.";
    let decision = json!({ "submissionId": submission["id"], "publish": false, "reason": reason });
    for token in [&member, &submitter.token] {
        assert_eq!(
            refused(&app, Some(token), DECIDE, decision.clone()).await,
            "FORBIDDEN"
        );
    }
    // A rejection needs a reason.
    let bare = json!({ "submissionId": submission["id"], "publish": false });
    let without = mutate(&app, Some(&operator), DECIDE, bare, SUBMISSION).await;
    assert_eq!(user_errors(&without), user_error("reason", "REQUIRED"));
    let still = data(
        &app,
        Some(&operator),
        NODE,
        json!({ "id": submission["id"] }),
    )
    .await;
    assert_eq!(still["node"]["status"], "PENDING");

    let rejected = write(&app, Some(&operator), DECIDE, decision, SUBMISSION).await;
    assert_eq!(rejected["submission"]["status"], "REJECTED");
    assert_eq!(rejected["submission"]["reason"], reason);
    assert_eq!(rejected["submission"]["cluster"], Value::Null);
    let mail = sink
        .wait_for(
            &submitter.email,
            Some(&format!("Zgłoszenie klastra {name} zostało odrzucone")),
        )
        .await;
    assert!(mail.text.contains(reason), "{}", mail.text);
    assert!(directory(&app, "Bez Strony").await.is_empty());
    assert!(roles(&me(&app, &submitter.token).await).is_empty());
}

async fn a_waiting_submission_is_withdrawn_by_its_submitter_alone(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let submitter = signed_up(&app, &sink, "wycofujacy@example.org", "Wycofujący", "PL").await;
    let submission = submit(
        &app,
        &submitter.token,
        cluster_named("Klaster Na Chwilę", 6),
    )
    .await;
    let by_id = json!({ "submissionId": submission["id"] });
    let operator = operator(&app).await;
    let member = app.sign_in(MEMBER).await;
    for token in [&member, &operator] {
        assert_eq!(
            refused(&app, Some(token), WITHDRAW, by_id.clone()).await,
            "FORBIDDEN"
        );
    }
    let withdrawn = write(&app, Some(&submitter.token), WITHDRAW, by_id, SUBMISSION).await;
    assert_eq!(withdrawn["submission"]["status"], "WITHDRAWN");
    let publish = json!({ "submissionId": submission["id"], "publish": true });
    let late = mutate(&app, Some(&operator), DECIDE, publish, SUBMISSION).await;
    assert_eq!(
        user_errors(&late),
        user_error("submissionId", "NOT_ALLOWED")
    );
    assert!(directory(&app, "Na Chwilę").await.is_empty());
}

on_both_backends! {
    backend =>
    private_until_published_then_listed => a_submission_is_private_until_published_then_listed_and_coordinated_by_its_submitter;
    rejected_with_its_reason_mailed => a_rejected_submission_is_mailed_with_its_reason;
    withdrawn_by_its_submitter_alone => a_waiting_submission_is_withdrawn_by_its_submitter_alone;
}
