//! Every period kept (issue 21): an organisation that leaves a cluster and joins it again has
//! two periods, both kept; `Cluster.members(asOf:)` and `Organisation.memberships(asOf:)` answer
//! who was a member on a day from them; the demo registry's members have periods.

use crate::common::{Backend, COORDINATOR, MEMBER, TestApp};
use crate::on_both_backends;
use crate::{RECYCLING, my_organisation};
use serde_json::{Value, json};

const APPLY: &str = "mutation($input: ApplyForMembershipInput!) { applyForMembership(input: $input) { \
                     membership { id version status } userErrors { field message } } }";
const APPROVE: &str = "mutation($input: DecideMembershipInput!) { approveMembership(input: $input) { \
                       membership { id version status joinedOn leftOn } userErrors { field message } } }";
const LEAVE: &str = "mutation($input: LeaveClusterInput!) { leaveCluster(input: $input) { \
                     membership { id version status joinedOn leftOn } userErrors { field message } } }";
const UPDATE: &str = "mutation($input: UpdateMembershipInput!) { updateMembership(input: $input) { \
                      membership { id version status joinedOn leftOn } userErrors { field code message } } }";
const PERIODS: &str = "query($id: ID!) { node(id: $id) { ... on Membership { status joinedOn leftOn \
                       periods { joinedOn leftOn source { code } } } } }";

/// Runs a membership mutation and returns its membership, failing on any userError.
async fn step(app: &TestApp, token: &str, mutation: &str, input: Value) -> Value {
    let answer = app
        .query_as(token, mutation, json!({ "input": input }))
        .await;
    let payload = answer
        .as_object()
        .and_then(|o| o.values().next())
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(payload["userErrors"], json!([]), "{answer}");
    payload["membership"].clone()
}

fn version_of(membership: &Value) -> Value {
    json!({ "id": membership["id"], "version": membership["version"] })
}

/// The demo member organisation applies to the recycling cluster and is approved.
async fn join(app: &TestApp, member: &str, coordinator: &str, organisation: &str) -> Value {
    let cluster_id = app.cluster_id(RECYCLING).await;
    let applied = step(
        app,
        member,
        APPLY,
        json!({ "clusterId": cluster_id, "organisationId": organisation }),
    )
    .await;
    assert_eq!(applied["status"], "PENDING");
    let approved = step(app, coordinator, APPROVE, version_of(&applied)).await;
    assert_eq!(approved["status"], "ACTIVE");
    approved
}

async fn periods(app: &TestApp, token: &str, membership: &Value) -> Value {
    app.query_as(token, PERIODS, json!({ "id": membership["id"] }))
        .await["node"]
        .clone()
}

async fn rejoining_keeps_the_earlier_period(app: TestApp) {
    let member = app.sign_in(MEMBER).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    let (organisation, _) = my_organisation(&app, &member).await;

    let first = join(&app, &member, &coordinator, &organisation).await;
    let today = first["joinedOn"].clone();
    assert!(today.is_string(), "{first}");
    let seen = periods(&app, &member, &first).await;
    assert_eq!(
        seen["periods"],
        json!([{ "joinedOn": today, "leftOn": null, "source": null }]),
        "approval opens a period: {seen}"
    );

    let left = step(&app, &member, LEAVE, version_of(&first)).await;
    assert_eq!(left["status"], "LEFT");
    assert_eq!(
        periods(&app, &member, &left).await["periods"],
        json!([{ "joinedOn": today, "leftOn": today, "source": null }]),
        "leaving ends the period"
    );

    let again = join(&app, &member, &coordinator, &organisation).await;
    assert_eq!(
        again["id"], first["id"],
        "one membership per cluster and organisation"
    );
    let seen = periods(&app, &member, &again).await;
    assert_eq!(seen["status"], "ACTIVE");
    assert_eq!(
        seen["periods"],
        json!([
            { "joinedOn": today, "leftOn": today, "source": null },
            { "joinedOn": today, "leftOn": null, "source": null },
        ]),
        "a rejoin opens a new period and the earlier one stays: {seen}"
    );
    // Anyone may read a member's periods.
    assert_eq!(
        app.query(PERIODS, json!({ "id": again["id"] })).await["node"]["periods"],
        seen["periods"]
    );

    // Leaving again ends only the latest period.
    let left = step(&app, &member, LEAVE, version_of(&again)).await;
    let seen = periods(&app, &member, &left).await;
    assert_eq!(
        seen["periods"],
        json!([
            { "joinedOn": today, "leftOn": today, "source": null },
            { "joinedOn": today, "leftOn": today, "source": null },
        ]),
        "{seen}"
    );

    // Applying a third time and withdrawing keeps the membership, LEFT, with its periods.
    let cluster_id = app.cluster_id(RECYCLING).await;
    let applied = step(
        &app,
        &member,
        APPLY,
        json!({ "clusterId": cluster_id, "organisationId": organisation }),
    )
    .await;
    // As of today it was a member; while it is an application again, only the cluster's
    // coordinators see it listed.
    let as_of = "query($slug: String!, $asOf: Date) { cluster(slug: $slug) { \
                 members(asOf: $asOf) { totalCount edges { node { status organisation { id } } } } } }";
    let variables = json!({ "slug": RECYCLING, "asOf": today });
    let public = app.query(as_of, variables.clone()).await;
    assert!(!public.to_string().contains(&organisation), "{public}");
    let seen = app.query_as(&coordinator, as_of, variables).await;
    assert!(seen.to_string().contains("PENDING"), "{seen}");
    assert!(seen.to_string().contains(&organisation), "{seen}");
    let withdrawn = step(&app, &member, LEAVE, version_of(&applied)).await;
    assert_eq!(withdrawn["status"], "LEFT", "{withdrawn}");
    assert_eq!(withdrawn["leftOn"], today);
    assert_eq!(
        periods(&app, &member, &withdrawn).await["periods"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
}

/// Who was a member on a day: the organisation was a member in 2015-03-01..2017-06-30 and is
/// again since 2020-01-15.
async fn members_as_of_a_day_come_from_the_periods(app: TestApp) {
    let member = app.sign_in(MEMBER).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    let (organisation, _) = my_organisation(&app, &member).await;

    let first = join(&app, &member, &coordinator, &organisation).await;
    let left = step(&app, &member, LEAVE, version_of(&first)).await;
    // The coordinator records when the first period really was.
    let dated = step(
        &app,
        &coordinator,
        UPDATE,
        json!({ "id": left["id"], "version": left["version"], "joinedOn": "2015-03-01", "leftOn": "2017-06-30" }),
    )
    .await;
    assert_eq!(dated["joinedOn"], "2015-03-01");
    let again = join(&app, &member, &coordinator, &organisation).await;
    // The second period may not start before the first ended.
    let refused = app
        .query_as(
            &coordinator,
            UPDATE,
            json!({ "input": { "id": again["id"], "version": again["version"], "joinedOn": "2016" } }),
        )
        .await;
    assert_eq!(
        refused["updateMembership"]["userErrors"][0]["field"], "joinedOn",
        "{refused}"
    );
    let again = step(
        &app,
        &coordinator,
        UPDATE,
        json!({ "id": again["id"], "version": again["version"], "joinedOn": "2020-01-15" }),
    )
    .await;
    assert_eq!(
        periods(&app, &member, &again).await["periods"],
        json!([
            { "joinedOn": "2015-03-01", "leftOn": "2017-06-30", "source": null },
            { "joinedOn": "2020-01-15", "leftOn": null, "source": null },
        ]),
        "an update edits the latest period only"
    );

    let members = "query($slug: String!, $asOf: Date) { cluster(slug: $slug) { \
                   members(asOf: $asOf) { totalCount edges { node { status organisation { id } } } } } }";
    let listed = |answer: &Value| -> Vec<String> {
        answer["cluster"]["members"]["edges"]
            .as_array()
            .map(|edges| {
                edges
                    .iter()
                    .filter_map(|e| e["node"]["organisation"]["id"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let on = |day: Option<&'static str>| {
        let app = &app;
        async move {
            app.query(members, json!({ "slug": RECYCLING, "asOf": day }))
                .await
        }
    };
    for (day, member_then) in [
        (Some("2015-02-28"), false),
        (Some("2015-03-01"), true),
        (Some("2016-05-01"), true),
        (Some("2017-06-30"), true),
        (Some("2018-05-01"), false),
        (Some("2020-01-14"), false),
        (Some("2020-01-15"), true),
        (None, true),
    ] {
        let answer = on(day).await;
        let ids = listed(&answer);
        assert_eq!(
            ids.contains(&organisation),
            member_then,
            "members on {day:?}: {answer}"
        );
        let total = answer["cluster"]["members"]["totalCount"].as_u64();
        assert_eq!(total, Some(ids.len() as u64), "totalCount on {day:?}");
    }
    // A day in the first period, while the organisation is a member again: its status is now.
    let answer = on(Some("2016-05-01")).await;
    let edges = answer["cluster"]["members"]["edges"].as_array().cloned();
    let node = edges
        .unwrap_or_default()
        .into_iter()
        .find(|e| e["node"]["organisation"]["id"] == organisation)
        .map(|e| e["node"].clone());
    assert_eq!(node.map(|n| n["status"].clone()), Some(json!("ACTIVE")));

    // The statistics of a day count the organisations every cluster lists as members that day.
    let everyone = "query($day: Date!) { statistics(asOf: $day) { memberOrganisationCount } \
                    clusters(first: 70) { nodes { members(asOf: $day, first: 40) { \
                    edges { node { organisation { id } } } } } } }";
    for day in ["2016-05-01", "2018-05-01"] {
        let answer = app.query(everyone, json!({ "day": day })).await;
        let mut listed: Vec<&str> = answer["clusters"]["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|c| c["members"]["edges"].as_array().into_iter().flatten())
            .filter_map(|e| e["node"]["organisation"]["id"].as_str())
            .collect();
        listed.sort_unstable();
        listed.dedup();
        assert_eq!(
            answer["statistics"]["memberOrganisationCount"],
            listed.len(),
            "{day}: {answer}"
        );
    }

    // The organisation's own memberships agree.
    let memberships = "query($id: ID!, $asOf: Date) { node(id: $id) { ... on Organisation { \
                       memberships(asOf: $asOf) { status cluster { slug } } } } }";
    for (day, member_then) in [
        ("2016-05-01", true),
        ("2018-05-01", false),
        ("2021-01-01", true),
    ] {
        let answer = app
            .query(memberships, json!({ "id": organisation, "asOf": day }))
            .await;
        let in_recycling = answer["node"]["memberships"]
            .as_array()
            .is_some_and(|all| all.iter().any(|m| m["cluster"]["slug"] == RECYCLING));
        assert_eq!(in_recycling, member_then, "memberships on {day}: {answer}");
    }
}

/// Every member of the demo registry has its one open period, as the membership's dates say;
/// members as of a day with their periods, and their organisations' memberships as of a day,
/// cost the same statements whatever the page size.
async fn the_demo_registry_has_periods_and_as_of_reads_in_fixed_statements(app: TestApp) {
    let query = "query($n: Int!) { clusters(first: $n) { edges { node { slug \
                 members(first: 20, asOf: \"2024-06-01\") { totalCount edges { node { joinedOn \
                 periods { joinedOn leftOn } } } } \
                 membersNow: members(first: 20) { edges { node { joinedOn periods { joinedOn leftOn } } } } } } } }";
    let answer = app.query(query, json!({ "n": 30 })).await;
    let clusters = answer["clusters"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!clusters.is_empty(), "{answer}");
    let mut members = 0;
    for cluster in &clusters {
        let now = cluster["node"]["membersNow"]["edges"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for edge in now {
            members += 1;
            let periods = edge["node"]["periods"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            assert_eq!(periods.len(), 1, "every demo member has one period: {edge}");
            assert_eq!(periods[0]["joinedOn"], edge["node"]["joinedOn"], "{edge}");
            assert_eq!(periods[0]["leftOn"], Value::Null, "{edge}");
        }
    }
    assert!(members > 10, "demo members: {members}");

    let few = app.statements(query, json!({ "n": 10 })).await;
    let many = app.statements(query, json!({ "n": 30 })).await;
    assert_eq!(
        few, many,
        "members(asOf:) and periods read per level, not per row"
    );
    // The clusters, the two kinds of member page (with their totals), and every member's
    // periods.
    assert_eq!(many, 4, "members(asOf:) with periods");

    let organisations = "query($n: Int!) { organisations(first: $n) { edges { node { \
                         memberships(asOf: \"2024-06-01\") { id periods { joinedOn } } } } } }";
    let few = app.statements(organisations, json!({ "n": 5 })).await;
    let many = app.statements(organisations, json!({ "n": 50 })).await;
    assert_eq!(few, many, "memberships(asOf:) reads per level, not per row");
    // The organisations, their memberships, and the memberships' periods.
    assert_eq!(many, 3, "memberships(asOf:) with periods");
}

on_both_backends! {
    rejoin_keeps_periods => rejoining_keeps_the_earlier_period;
    members_as_of => members_as_of_a_day_come_from_the_periods;
    demo_periods => the_demo_registry_has_periods_and_as_of_reads_in_fixed_statements;
}
