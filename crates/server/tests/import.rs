//! Bulk import: every row checked by the mutations' rules, all applied or none, a report of
//! each bad row by line and field, and export → import giving back the same registry.

mod common;

use common::{Backend, COORDINATOR, MEMBER, OPERATOR, TestApp};
use serde_json::{Value, json};
use std::collections::HashMap;

const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";

const IMPORT: &str = "mutation ($i: ImportRecordsInput!) { importRecords(input: $i) { applied rows created { organisations clusters memberships } matched { organisations clusters memberships } errors { line kind key field message } } }";

async fn export(app: &TestApp) -> String {
    let response = app
        .client
        .get(format!("{}/export/registry.jsonl", app.url))
        .send()
        .await
        .expect("export answers");
    assert_eq!(response.status(), 200);
    response.text().await.expect("body")
}

/// An export with organisations numbered by their order instead of their ids, so that two
/// registries holding the same data export the same text.
fn renumbered(export: &str) -> Vec<Value> {
    let mut records: Vec<Value> = export
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let ids: HashMap<i64, usize> = records
        .iter()
        .filter(|r| r["type"] == "organisation")
        .enumerate()
        .filter_map(|(n, r)| r["registryId"].as_i64().map(|id| (id, n)))
        .collect();
    for record in &mut records {
        for key in [
            "registryId",
            "organisationRegistryId",
            "coordinatorRegistryId",
        ] {
            if let Some(id) = record[key].as_i64() {
                record[key] = json!(ids.get(&id).copied());
            }
        }
    }
    records
}

async fn count(app: &TestApp, table: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    app.db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await
        .expect("count")
        .expect("a row")
        .try_get::<i64>("", "n")
        .expect("n")
}

async fn export_then_import_into_an_empty_registry_gives_the_same_registry(backend: Backend) {
    let Some(source) = TestApp::spawn(backend).await else {
        return;
    };
    let Some(target) = TestApp::spawn_empty(backend).await else {
        return;
    };
    let exported = export(&source).await;
    let file = std::env::temp_dir().join(format!("{}.jsonl", common::unique_name()));
    std::fs::write(&file, &exported).expect("write the export");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_klastry"))
            .args(args)
            .env("DATABASE_URL", &target.database_url)
            .output()
            .expect("klastry import runs")
    };
    let path = file.display().to_string();
    let first = run(&["import", &path]);
    let said = String::from_utf8_lossy(&first.stdout).to_string();
    assert!(
        first.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(said.contains("imported"), "{said}");
    assert_eq!(renumbered(&export(&target).await), renumbered(&exported));

    // Importing the same file again finds everything already there and changes nothing.
    let again = run(&["import", &path]);
    let said = String::from_utf8_lossy(&again.stdout).to_string();
    assert!(
        said.contains("created 0 organisations, 0 clusters, 0 memberships"),
        "{said}"
    );
    assert_eq!(renumbered(&export(&target).await), renumbered(&exported));
    let _ = std::fs::remove_file(&file);
}

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

/// JSON Lines of `n` new organisations, each with its membership of the recycling cluster.
fn new_members(first: usize, n: usize) -> String {
    (first..first + n)
        .flat_map(|i| {
            [
                json!({ "type": "organisation", "registryId": i, "name": format!("Firma Kwotowa {i}") }),
                json!({ "type": "membership", "clusterSlug": RECYCLING, "organisationRegistryId": i }),
            ]
        })
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

async fn coordinators_import_within_their_quotas(backend: Backend) {
    let Some(app) = TestApp::spawn_configured(backend, |config| {
        config.import_max_rows = 4;
        config.import_organisations_per_day = 3;
    })
    .await
    else {
        return;
    };
    let coordinator = app.sign_in(COORDINATOR).await;
    let import = |data: String| json!({ "i": { "format": "JSON_LINES", "data": data } });
    let (_, body) = app
        .post_as(&coordinator, IMPORT, import(new_members(1, 3)))
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{body}"
    );
    assert_eq!(body["errors"][0]["extensions"]["field"], "data");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("at most 4 rows"),
        "{body}"
    );
    let before = count(&app, "organisation").await;
    let report = app
        .query_as(&coordinator, IMPORT, import(new_members(1, 2)))
        .await["importRecords"]
        .clone();
    assert_eq!(report["applied"], true, "{report}");
    // Two more would make four in a day, over the quota of three: nothing is applied.
    let (_, body) = app
        .post_as(&coordinator, IMPORT, import(new_members(3, 2)))
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "data", "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("quota of 3"),
        "{body}"
    );
    assert_eq!(count(&app, "organisation").await, before + 2);
    // Operators are not bound.
    let operator = app.sign_in(OPERATOR).await;
    let report = app
        .query_as(&operator, IMPORT, import(new_members(10, 3)))
        .await["importRecords"]
        .clone();
    assert_eq!(report["applied"], true, "{report}");
}

/// A dry run holds up nobody's writes: on SQLite it checks against a private copy, and no dry
/// run takes the lock that orders events on PostgreSQL.
async fn a_dry_run_does_not_wait_for_other_writers(backend: Backend) {
    let Some(app) =
        TestApp::spawn_configured(backend, |config| config.request_timeout_secs = 3).await
    else {
        return;
    };
    let operator = app.sign_in(OPERATOR).await;
    let before = count(&app, "organisation").await;
    // Another writer holds SQLite's write lock, or PostgreSQL's event lock, and does not end.
    let other = app.uncommitted_event(RECYCLING).await;
    let (status, body) = app
        .post_as(
            &operator,
            IMPORT,
            json!({ "i": { "format": "JSON_LINES", "data": new_members(100, 3), "dryRun": true } }),
        )
        .await;
    other.rollback().await.expect("released");
    assert_eq!(status, 200, "{body}");
    let report = &body["data"]["importRecords"];
    assert_eq!(report["applied"], false, "{body}");
    assert_eq!(report["created"]["organisations"], 3, "{body}");
    assert_eq!(report["errors"], json!([]), "{body}");
    assert_eq!(count(&app, "organisation").await, before, "nothing applied");
}

/// The i-th of a run of checksum-valid NIPs (the synthetic registry's numbering).
fn nip(i: usize) -> String {
    (0..3)
        .map(|k| format!("{:09}", 100_000_000 + i * 3 + k))
        .find_map(|base| {
            let sum: u32 = base
                .chars()
                .filter_map(|c| c.to_digit(10))
                .zip([6, 5, 7, 2, 3, 4, 5, 6, 7])
                .map(|(d, w)| d * w)
                .sum();
            (sum % 11 != 10).then(|| format!("{base}{}", sum % 11))
        })
        .expect("one of three candidates is valid")
}

/// JSON Lines of `n` new organisations with NIPs, each with its membership of the recycling
/// cluster.
fn identified_members(first: usize, n: usize) -> String {
    (first..first + n)
        .flat_map(|i| {
            [
                json!({ "type": "organisation", "registryId": i, "name": format!("Firma Wsadowa {i}"), "nip": nip(i), "voivodeshipTeryt": "22" }),
                json!({ "type": "membership", "clusterSlug": RECYCLING, "organisationRegistryId": i, "joinedOn": "2026-01" }),
            ]
        })
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The statements an import of `n` new members costs: the fewer of two imports of different
/// rows (a statement of the server's own can land in a request's count).
async fn import_statements(app: &TestApp, token: &str, first: usize, n: usize) -> u64 {
    let mut counts = Vec::new();
    for run in 0..2 {
        let data = identified_members(first + run * n, n);
        let (status, body) = app
            .post_as(
                token,
                IMPORT,
                json!({ "i": { "format": "JSON_LINES", "data": data } }),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let report = &body["data"]["importRecords"];
        assert_eq!(report["applied"], true, "{body}");
        assert_eq!(report["created"]["memberships"], n, "{body}");
        counts.push(
            body["extensions"]["sqlStatements"]
                .as_u64()
                .expect("statement count exposed"),
        );
    }
    counts.into_iter().min().unwrap_or_default()
}

/// Identifiers are looked up and records written in batches: an import of 200 rows runs no more
/// statements than one of 10 (a dozen a row, as it once ran, would be some 2,400).
async fn an_import_runs_as_many_statements_for_200_rows_as_for_10(backend: Backend) {
    let Some(app) =
        TestApp::spawn_configured(backend, |config| config.expose_statement_count = true).await
    else {
        return;
    };
    let operator = app.sign_in(OPERATOR).await;
    let tables = [
        "membership",
        "membership_period",
        "registry_event",
        "audit_entry",
    ];
    let mut before = Vec::new();
    for table in tables {
        before.push(count(&app, table).await);
    }
    let small = import_statements(&app, &operator, 10_000, 5).await;
    let large = import_statements(&app, &operator, 20_000, 100).await;
    assert!(
        large <= small,
        "200 rows ran {large} statements, 10 rows {small}: a cost per row"
    );
    assert!(small <= 40, "10 rows ran {small} statements");
    // Written in batches, the rows leave what they left one at a time: 210 memberships, each
    // with its period, and an event and an audit entry for each of them and their 210
    // organisations.
    for ((table, before), added) in tables.into_iter().zip(before).zip([210, 210, 420, 420]) {
        assert_eq!(count(&app, table).await - before, added, "{table}");
    }
}

mod dry_run_without_the_lock {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        a_dry_run_does_not_wait_for_other_writers(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        a_dry_run_does_not_wait_for_other_writers(Backend::Postgres).await;
    }
}

mod quotas {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        coordinators_import_within_their_quotas(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        coordinators_import_within_their_quotas(Backend::Postgres).await;
    }
}

mod statements_per_import {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        an_import_runs_as_many_statements_for_200_rows_as_for_10(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        an_import_runs_as_many_statements_for_200_rows_as_for_10(Backend::Postgres).await;
    }
}

on_both_backends! {
    one_bad_row => an_import_with_one_bad_row_changes_nothing_and_names_the_row;
    coordinators => a_coordinator_imports_only_members_of_their_own_clusters;
    csv => csv_memberships_refer_to_organisations_already_registered;
}

mod round_trip {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        export_then_import_into_an_empty_registry_gives_the_same_registry(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        export_then_import_into_an_empty_registry_gives_the_same_registry(Backend::Postgres).await;
    }
}
