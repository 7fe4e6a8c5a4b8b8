//! Every row checked by the mutations' rules: one bad row changes nothing and is named by its
//! line and field; a coordinator imports only members of their own clusters; CSV memberships
//! refer to organisations already registered.

use crate::common::{Backend, COORDINATOR, MEMBER, OPERATOR, TestApp};
use crate::on_both_backends;
use crate::{IMPORT, RECYCLING, count, export};
use serde_json::{Value, json};

/// Two new organisations joining the recycling cluster, as JSON Lines; `bad_nip` spoils the
/// second organisation's NIP.
fn members_file(bad_nip: bool) -> String {
    let nip = if bad_nip { "1234567890" } else { "5261040828" };
    [
        json!({ "type": "organisation", "registryId": 9001, "name": "Recykling Pomorze sp. z o.o.", "kind": "SMALL_ENTERPRISE", "nip": "8567346215", "voivodeshipTeryt": "22" }),
        json!({ "type": "organisation", "registryId": 9002, "name": "Odzysk Śląsk S.A.", "kind": "LARGE_ENTERPRISE", "nip": nip }),
        json!({ "type": "membership", "clusterSlug": RECYCLING, "organisationRegistryId": 9001, "role": "MEMBER", "joinedOn": "2026-11" }),
        json!({ "type": "membership", "clusterSlug": RECYCLING, "organisationRegistryId": 9002 }),
    ]
    .iter()
    .map(Value::to_string)
    .collect::<Vec<_>>()
    .join("\n")
}

async fn an_import_with_one_bad_row_changes_nothing_and_names_the_row(app: TestApp) {
    let coordinator = app.sign_in(COORDINATOR).await;
    let before = (
        count(&app, "organisation").await,
        count(&app, "membership").await,
        count(&app, "registry_event").await,
        count(&app, "audit_entry").await,
    );
    let refused = app
        .query_as(
            &coordinator,
            IMPORT,
            json!({ "i": { "format": "JSON_LINES", "data": members_file(true) } }),
        )
        .await["importRecords"]
        .clone();
    assert_eq!(refused["applied"], false, "{refused}");
    assert_eq!(refused["rows"], 4);
    let errors = refused["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 2, "{refused}");
    assert_eq!(errors[0]["line"], 2);
    assert_eq!(errors[0]["kind"], "organisation");
    assert_eq!(errors[0]["key"], "Odzysk Śląsk S.A.");
    assert_eq!(errors[0]["field"], "nip");
    // The membership of the refused organisation says why it cannot apply either.
    assert_eq!(errors[1]["line"], 4);
    assert_eq!(errors[1]["field"], "organisationRegistryId");
    assert!(
        errors[1]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("refused at line 2"),
        "{refused}"
    );
    let after = (
        count(&app, "organisation").await,
        count(&app, "membership").await,
        count(&app, "registry_event").await,
        count(&app, "audit_entry").await,
    );
    assert_eq!(after, before, "nothing was written, not even the good rows");

    // A dry run of the fixed file reports what it would do and still writes nothing.
    let dry = app
        .query_as(
            &coordinator,
            IMPORT,
            json!({ "i": { "format": "JSON_LINES", "data": members_file(false), "dryRun": true } }),
        )
        .await["importRecords"]
        .clone();
    assert_eq!(dry["applied"], false);
    assert_eq!(dry["errors"], json!([]));
    assert_eq!(
        dry["created"],
        json!({ "organisations": 2, "clusters": 0, "memberships": 2 })
    );
    assert_eq!(count(&app, "organisation").await, before.0);

    let applied = app
        .query_as(
            &coordinator,
            IMPORT,
            json!({ "i": { "format": "JSON_LINES", "data": members_file(false) } }),
        )
        .await["importRecords"]
        .clone();
    assert_eq!(applied["applied"], true, "{applied}");
    assert_eq!(count(&app, "organisation").await, before.0 + 2);
    assert_eq!(count(&app, "membership").await, before.1 + 2);
    let members = app
        .query(
            "query ($s: String!) { cluster(slug: $s) { members(first: 100) { nodes { organisation { name } role joinedOn } } } }",
            json!({ "s": RECYCLING }),
        )
        .await;
    let text = members.to_string();
    assert!(
        text.contains("Recykling Pomorze sp. z o.o.") && text.contains("Odzysk Śląsk S.A."),
        "{text}"
    );
}

async fn a_coordinator_imports_only_members_of_their_own_clusters(app: TestApp) {
    let coordinator = app.sign_in(COORDINATOR).await;
    let other = app
        .query("{ clusters(first: 2) { nodes { slug } } }", json!({}))
        .await["clusters"]["nodes"]
        .as_array()
        .expect("clusters")
        .iter()
        .filter_map(|n| n["slug"].as_str().map(str::to_owned))
        .find(|s| s != RECYCLING)
        .expect("another cluster");
    let data = [
        json!({ "type": "organisation", "registryId": 1, "name": "Nowa Firma", "nip": "8567346215" }),
        json!({ "type": "organisation", "registryId": 2, "name": "Bez Klastra", "nip": "5261040828" }),
        json!({ "type": "membership", "clusterSlug": other, "organisationRegistryId": 1 }),
        json!({ "type": "cluster", "slug": "nowy-klaster", "namePl": "Nowy Klaster" }),
        json!({ "type": "membership", "clusterSlug": RECYCLING, "organisationRegistryId": 77777 }),
    ]
    .iter()
    .map(Value::to_string)
    .collect::<Vec<_>>()
    .join("\n");
    let report = app
        .query_as(
            &coordinator,
            IMPORT,
            json!({ "i": { "format": "JSON_LINES", "data": data } }),
        )
        .await["importRecords"]
        .clone();
    assert_eq!(report["applied"], false);
    let lines: Vec<i64> = report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["line"].as_i64())
        .collect();
    // Both new organisations join no cluster of theirs; another cluster's members, a cluster,
    // and an unknown organisation are refused.
    assert_eq!(lines, vec![1, 2, 3, 4, 5], "{report}");
    assert_eq!(report["errors"][4]["field"], "organisationRegistryId");

    // Someone who coordinates nothing may not import at all.
    let member = app.sign_in(MEMBER).await;
    let (_, body) = app
        .post_as(
            &member,
            IMPORT,
            json!({ "i": { "format": "CSV", "data": "" } }),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{body}"
    );
}

async fn csv_memberships_refer_to_organisations_already_registered(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    // An organisation of the demo that is not yet a member of the recycling cluster.
    let members = app
        .query(
            "query ($s: String!) { cluster(slug: $s) { members(first: 100) { nodes { organisation { id } } } } }",
            json!({ "s": RECYCLING }),
        )
        .await
        .to_string();
    let export = export(&app).await;
    let outsiders: Vec<i64> = export
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|r| r["type"] == "organisation")
        .filter_map(|r| r["registryId"].as_i64())
        .filter(|id| {
            let global = base64_id("Organisation", *id);
            !members.contains(&global)
        })
        .take(2)
        .collect();
    let [outsider, former] = outsiders[..] else {
        panic!("two organisations outside the cluster");
    };
    let csv = format!(
        "clusterSlug,organisationRegistryId,role,status,joinedOn,leftOn\r\n\
         {RECYCLING},{outsider},STRATEGIC_PARTNER,ACTIVE,2025-03,\r\n\
         {RECYCLING},{former},MEMBER,LEFT,2019-03,2023\r\n"
    );
    let report = app
        .query_as(
            &operator,
            IMPORT,
            json!({ "i": { "format": "CSV", "data": csv } }),
        )
        .await["importRecords"]
        .clone();
    assert_eq!(report["applied"], true, "{report}");
    assert_eq!(report["created"]["memberships"], 2);
    // Each imported membership has its period: open when ACTIVE, over when LEFT.
    let periods = "query($id: ID!) { node(id: $id) { ... on Organisation { memberships { \
                   cluster { slug } status periods { joinedOn leftOn } } } } }";
    for (organisation, status, period) in [
        (
            outsider,
            "ACTIVE",
            json!([{ "joinedOn": "2025-03", "leftOn": null }]),
        ),
        (
            former,
            "LEFT",
            json!([{ "joinedOn": "2019-03", "leftOn": "2023" }]),
        ),
    ] {
        let data = app
            .query(
                periods,
                json!({ "id": base64_id("Organisation", organisation) }),
            )
            .await;
        let membership = data["node"]["memberships"]
            .as_array()
            .and_then(|all| {
                all.iter()
                    .find(|m| m["cluster"]["slug"] == RECYCLING)
                    .cloned()
            })
            .unwrap_or(Value::Null);
        assert_eq!(membership["status"], status, "{data}");
        assert_eq!(membership["periods"], period, "{data}");
    }
    // The member that left is a member as of a day in its period, not today.
    let as_of = "query ($s: String!, $d: Date) { cluster(slug: $s) { members(first: 100, asOf: $d) { \
                 nodes { organisation { id } } } } }";
    let on_day = app
        .query(as_of, json!({ "s": RECYCLING, "d": "2021-06-01" }))
        .await
        .to_string();
    assert!(
        on_day.contains(&base64_id("Organisation", former)),
        "{on_day}"
    );
    assert!(
        !on_day.contains(&base64_id("Organisation", outsider)),
        "{on_day}"
    );
    let today = app
        .query(as_of, json!({ "s": RECYCLING, "d": null }))
        .await
        .to_string();
    assert!(
        !today.contains(&base64_id("Organisation", former)),
        "{today}"
    );
    let bad = "clusterSlug,organisationRegistryId,role,status,joinedOn,leftOn\r\nno-such-cluster,1,CHAIR,PENDING,2025-13,\r\n";
    let report = app
        .query_as(
            &operator,
            IMPORT,
            json!({ "i": { "format": "CSV", "data": bad } }),
        )
        .await["importRecords"]
        .clone();
    assert_eq!(report["applied"], false);
    assert_eq!(report["errors"][0]["line"], 2);
    assert_eq!(report["errors"][0]["field"], "clusterSlug", "{report}");
}

fn base64_id(kind: &str, id: i64) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{kind}:{id}"))
}

on_both_backends! {
    one_bad_row => an_import_with_one_bad_row_changes_nothing_and_names_the_row;
    coordinators => a_coordinator_imports_only_members_of_their_own_clusters;
    csv => csv_memberships_refer_to_organisations_already_registered;
}
