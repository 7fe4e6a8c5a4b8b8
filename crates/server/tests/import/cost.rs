//! What an import costs others and the database: a dry run holds up no other writer, and an
//! import of many rows runs no more statements than one of a few.

use crate::common::{Backend, OPERATOR, TestApp};
use crate::{IMPORT, RECYCLING, count, new_members};
use serde_json::json;

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
