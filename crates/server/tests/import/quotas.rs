//! The quotas a coordinator's or an API token's import is held to: rows an import, and
//! organisations created a day; operators are not bound.

use crate::common::{Backend, COORDINATOR, OPERATOR, TestApp};
use crate::{IMPORT, count, new_members};
use serde_json::json;

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

mod coordinators {
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
