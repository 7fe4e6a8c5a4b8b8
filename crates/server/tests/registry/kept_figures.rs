//! The statistics and facet counts a server keeps between requests: exact at once after any
//! change, whichever server or tool made it, and one statement each while nothing changed.

use crate::common::{Backend, OPERATOR, TestApp};
use crate::on_both_backends;
use serde_json::{Value, json};

const FIGURES: &str = r#"query ($day: Date) {
  statistics(asOf: $day) {
    clusterCount organisationCount memberOrganisationCount
    clustersByVoivodeship { voivodeship { code } count }
    organisationsByKind { kind count }
    kkk { active expired unknown notYetValid }
  }
  clusterFacets(kkkActiveOn: $day) { voivodeships { voivodeship { code } count } kkkActive }
  organisationFacets { kinds { kind count } voivodeships { voivodeship { code } count } }
}"#;

const DAY: &str = "2024-06-01";

async fn figures(app: &TestApp) -> Value {
    app.query(FIGURES, json!({ "day": DAY })).await
}

/// The count of the entry of `list` whose `key` (a JSON pointer) is `value`; 0 when none.
fn count_of(list: &Value, key: &str, value: &str) -> u64 {
    list.as_array()
        .into_iter()
        .flatten()
        .find(|entry| entry.pointer(key).and_then(Value::as_str) == Some(value))
        .and_then(|entry| entry["count"].as_u64())
        .unwrap_or(0)
}

/// The figures a new university in Opole and a new cluster in Opole move.
fn opole_figures(figures: &Value) -> [u64; 6] {
    let statistics = &figures["statistics"];
    [
        statistics["clusterCount"].as_u64().unwrap_or(0),
        statistics["organisationCount"].as_u64().unwrap_or(0),
        count_of(&statistics["organisationsByKind"], "/kind", "UNIVERSITY"),
        count_of(
            &statistics["clustersByVoivodeship"],
            "/voivodeship/code",
            "OPOLSKIE",
        ),
        count_of(
            &figures["clusterFacets"]["voivodeships"],
            "/voivodeship/code",
            "OPOLSKIE",
        ),
        count_of(
            &figures["organisationFacets"]["kinds"],
            "/kind",
            "UNIVERSITY",
        ),
    ]
}

async fn figures_are_exact_at_once_after_a_change_made_through_another_server(app: TestApp) {
    let other = app.spawn_beside(|_| {}).await;
    // Asked twice, so this server keeps them.
    figures(&app).await;
    let before = opole_figures(&figures(&app).await);

    let operator = other.sign_in(OPERATOR).await;
    let created = other
        .query_as(
            &operator,
            r#"mutation {
              organisation: createOrganisation(input: { name: "Uniwersytet Testowy w Opolu", kind: UNIVERSITY, voivodeship: OPOLSKIE }) {
                organisation { id version } userErrors { field message } }
              cluster: createCluster(input: { slug: "klaster-opolski-testowy", namePl: "Klaster Opolski Testowy", voivodeship: OPOLSKIE }) {
                cluster { id } userErrors { field message } }
            }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        created["organisation"]["userErrors"],
        json!([]),
        "{created}"
    );
    assert_eq!(created["cluster"]["userErrors"], json!([]), "{created}");

    // Read at once from the server that kept the figures, not the one that changed them.
    let after = opole_figures(&figures(&app).await);
    assert_eq!(
        after,
        before.map(|n| n + 1),
        "every figure counts the new university and cluster"
    );

    // And the other way round: deleted through this server, seen at once by both.
    let organisation = &created["organisation"]["organisation"];
    let changed = app
        .query_as(
            &operator,
            "mutation($id: ID!, $version: Int!) { deleteOrganisation(input: { id: $id, version: $version }) { deletedId userErrors { field message } } }",
            json!({ "id": organisation["id"], "version": organisation["version"] }),
        )
        .await;
    assert_eq!(
        changed["deleteOrganisation"]["userErrors"],
        json!([]),
        "{changed}"
    );
    let mut expected = before.map(|n| n + 1);
    expected[1] -= 1;
    expected[2] -= 1;
    expected[5] -= 1;
    assert_eq!(opole_figures(&figures(&other).await), expected);
    assert_eq!(opole_figures(&figures(&app).await), expected);
}

async fn a_tool_writing_sql_is_seen_at_once(app: TestApp) {
    use sea_orm::ConnectionTrait;
    figures(&app).await;
    let before = opole_figures(&figures(&app).await);
    app.db
        .execute_unprepared("UPDATE cluster SET voivodeship_teryt = '16'")
        .await
        .expect("every cluster moved to Opole");
    let after = opole_figures(&figures(&app).await);
    assert_eq!(after[0], before[0]);
    assert_eq!(after[3], after[0], "every cluster is in Opole now");
    assert_eq!(after[4], after[0], "and the facets say so too");
}

async fn kept_figures_cost_one_statement_until_something_changes(app: TestApp) {
    let query = "query ($day: Date) { statistics(asOf: $day) { clusterCount organisationCount memberOrganisationCount kkk { active } } }";
    // A day not asked for yet computes the figures: the revision, then the seven statements
    // of the statistics. Two such days, so that a statement of the server's own landing in the
    // window cannot inflate the count.
    let first = app
        .first_statements(
            query,
            &[
                json!({ "day": "2020-01-01" }),
                json!({ "day": "2021-01-01" }),
            ],
        )
        .await;
    assert_eq!(first, 8, "the revision and the statistics");
    // Asked again: the revision only.
    let again = app.statements(query, json!({ "day": "2020-01-01" })).await;
    assert_eq!(again, 1, "the revision only");
    let facets = app
        .statements("{ organisationFacets { kinds { kind count } } }", json!({}))
        .await;
    assert_eq!(facets, 1, "the revision only");
}

on_both_backends! {
    kept_figures_exact_through_two_servers => figures_are_exact_at_once_after_a_change_made_through_another_server;
    kept_figures_exact_after_sql => a_tool_writing_sql_is_seen_at_once;
    kept_figures_statements => kept_figures_cost_one_statement_until_something_changes;
}
