//! Export → import into an empty registry → export gives the same registry, and importing the
//! same file again changes nothing.

use crate::common::{self, Backend, TestApp};
use crate::export;
use serde_json::{Value, json};
use std::collections::HashMap;

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

mod export_then_import {
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
