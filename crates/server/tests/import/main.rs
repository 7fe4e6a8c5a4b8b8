//! Bulk import: every row checked by the mutations' rules, all applied or none, a report of
//! each bad row by line and field, and export → import giving back the same registry.//!
//! One module per concern: rows checked and refused, and who may import what (`rows`);
//! export → import → export (`round_trip`); the quotas of coordinators and API tokens
//! (`quotas`); what an import costs other writers and the database (`cost`).

#[path = "../common/mod.rs"]
mod common;

mod cost;
mod quotas;
mod round_trip;
mod rows;

use common::TestApp;
use serde_json::json;

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
