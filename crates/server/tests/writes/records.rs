//! The operator records a KKK renewal, refused where it overlaps the certification in force.

use crate::cluster;
use crate::common::{Backend, OPERATOR, TestApp};
use crate::on_both_backends;
use serde_json::json;

async fn the_operator_records_a_kkk_renewal_without_overlaps(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let slug = "klaster-obrobki-metali";
    let before = cluster(&app, slug).await;
    let id = before["id"].as_str().expect("id");
    let count = before["kkkCertifications"].as_array().expect("list").len();
    let source = app.source_id("004").await;
    let record = "mutation($input: RecordKkkCertificationInput!) { recordKkkCertification(input: $input) { \
                  certification { id awardedOn validUntil statusOn: status } userErrors { field message } } }";
    let latest_end = before["kkkCertifications"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|c| c["validUntil"].as_str())
        .max()
        .expect("the cluster holds a KKK certification")
        .to_string();
    // Starting on the last day of the current certification overlaps it.
    let overlapping = app
        .query_as(
            &operator,
            record,
            json!({ "input": { "clusterId": id, "awardedOn": latest_end, "roundNumber": 6, "sourceId": source } }),
        )
        .await;
    assert_eq!(
        overlapping["recordKkkCertification"]["userErrors"][0]["field"], "awardedOn",
        "{overlapping}"
    );
    let reversed = app
        .query_as(&operator, record, json!({ "input": { "clusterId": id, "awardedOn": "2031-01-01", "validUntil": "2030-12-31", "sourceId": source } }))
        .await;
    assert_eq!(
        reversed["recordKkkCertification"]["userErrors"][0]["field"],
        "validUntil"
    );
    let renewal = app
        .query_as(&operator, record, json!({ "input": { "clusterId": id, "awardedOn": "2031-01-01", "validUntil": "2033-12-31", "renewal": 2, "sourceId": source } }))
        .await;
    assert_eq!(
        renewal["recordKkkCertification"]["userErrors"],
        json!([]),
        "{renewal}"
    );
    assert_eq!(
        renewal["recordKkkCertification"]["certification"]["statusOn"],
        "NOT_YET_VALID"
    );
    let after = cluster(&app, slug).await;
    assert_eq!(
        after["kkkCertifications"].as_array().expect("list").len(),
        count + 1
    );
    let trail = app
        .query_as(&operator, "query($c: ID!) { auditTrail(clusterId: $c) { edges { node { action objectType actorEmail } } } }", json!({ "c": id }))
        .await;
    assert_eq!(
        trail["auditTrail"]["edges"][0]["node"]["objectType"],
        "KkkCertification"
    );
    assert_eq!(
        trail["auditTrail"]["edges"][0]["node"]["actorEmail"],
        OPERATOR.0
    );
}

on_both_backends! {
    kkk_renewal => the_operator_records_a_kkk_renewal_without_overlaps;
}
