//! No status more certain than its source: a cluster is NOT_YET_VALID only before a first
//! award its source names as such; before a renewal, or a record that does not say, its status
//! is UNKNOWN; ESCA statuses are never NOT_YET_VALID, as no ESCA source says a label is a
//! cluster's first. The statistics count the same way. A cluster operates only where a source
//! says so: known only from the 2017 lists, its operating status is UNKNOWN.

use crate::common::{Backend, MEMBER, OPERATOR, TestApp};
use crate::on_both_backends;
use serde_json::{Value, json};

const STATUSES: &str = r#"query ($on: Date!) {
  clusters(first: 100) { nodes {
    id name
    kkkStatus(on: $on)
    escaStatus(on: $on)
    kkkCertifications { renewal status(on: $on) }
  } }
  statistics(asOf: $on) { kkk { active expired unknown notYetValid } }
}"#;

/// The clusters (with their statuses on `day`) and the statistics of that day.
async fn statuses(app: &TestApp, day: &str) -> (Vec<Value>, Value) {
    let data = app.query(STATUSES, json!({ "on": day })).await;
    let clusters = data["clusters"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    (clusters, data["statistics"]["kkk"].clone())
}

fn certifications(cluster: &Value) -> Vec<Value> {
    cluster["kkkCertifications"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

async fn the_demo_registry_says_not_yet_valid_only_before_a_first_award(app: TestApp) {
    let mut open_before_a_renewal = 0;
    for day in ["2014-06-01", "2016-06-01", "2020-06-01", "2024-06-01"] {
        let (clusters, counted) = statuses(&app, day).await;
        let mut not_yet_valid = 0;
        for cluster in &clusters {
            assert_ne!(cluster["escaStatus"], "NOT_YET_VALID", "{day}: {cluster}");
            let records = certifications(cluster);
            let all_later =
                !records.is_empty() && records.iter().all(|c| c["status"] == "NOT_YET_VALID");
            let first_award_later = records
                .iter()
                .any(|c| c["status"] == "NOT_YET_VALID" && c["renewal"] == 0);
            match cluster["kkkStatus"].as_str() {
                Some("NOT_YET_VALID") => {
                    assert!(all_later && first_award_later, "{day}: {cluster}");
                    not_yet_valid += 1;
                }
                Some(status) if all_later => {
                    assert_eq!(status, "UNKNOWN", "{day}: {cluster}");
                    assert!(!first_award_later, "{day}: {cluster}");
                    open_before_a_renewal += 1;
                }
                _ => {}
            }
        }
        assert_eq!(counted["notYetValid"], not_yet_valid, "{day}: {counted}");
    }
    assert!(
        open_before_a_renewal > 0,
        "the demo registry has clusters known only from later records"
    );
}

async fn a_future_first_award_is_not_yet_valid_and_a_future_renewal_leaves_the_status_open(
    app: TestApp,
) {
    let operator = app.sign_in(OPERATOR).await;
    let day = "2030-06-01";
    let (clusters, before) = statuses(&app, day).await;
    let never_certified: Vec<&Value> = clusters
        .iter()
        .filter(|c| certifications(c).is_empty())
        .take(2)
        .collect();
    assert_eq!(
        never_certified.len(),
        2,
        "two clusters without a KKK status"
    );
    let record = "mutation($input: RecordKkkCertificationInput!) { recordKkkCertification(input: $input) { \
                  certification { id } userErrors { field message } } }";
    for (cluster, renewal) in never_certified.iter().zip([0, 2]) {
        let input = json!({ "clusterId": cluster["id"], "awardedOn": "2031-03", "renewal": renewal,
                            "sourceId": app.source_id("004").await });
        let written = app
            .query_as(&operator, record, json!({ "input": input }))
            .await;
        assert_eq!(
            written["recordKkkCertification"]["userErrors"],
            json!([]),
            "{written}"
        );
    }
    let (clusters, after) = statuses(&app, day).await;
    let status_of = |id: &Value| {
        clusters
            .iter()
            .find(|c| c["id"] == *id)
            .map(|c| c["kkkStatus"].clone())
            .unwrap_or_default()
    };
    assert_eq!(status_of(&never_certified[0]["id"]), "NOT_YET_VALID");
    assert_eq!(status_of(&never_certified[1]["id"]), "UNKNOWN");
    let count = |stats: &Value, key: &str| stats[key].as_i64().unwrap_or(-1);
    assert_eq!(
        count(&after, "notYetValid"),
        count(&before, "notYetValid") + 1
    );
    assert_eq!(count(&after, "unknown"), count(&before, "unknown") + 1);
}

/// The code of the source that lists clusters as of 2017 and no later (PARP's guide).
const LISTS_OF_2017: &str = "003";

async fn a_cluster_operates_only_where_a_source_says_so(app: TestApp) {
    let data = app
        .query(
            "{ clusters(first: 100) { nodes { slug status sources { code } } } }",
            json!({}),
        )
        .await;
    let clusters = data["clusters"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut unknown = 0;
    for cluster in &clusters {
        let codes: Vec<&str> = cluster["sources"]
            .as_array()
            .map(|s| s.iter().filter_map(|d| d["code"].as_str()).collect())
            .unwrap_or_default();
        let only_old_lists = codes == [LISTS_OF_2017];
        let expected = if only_old_lists { "UNKNOWN" } else { "ACTIVE" };
        assert_eq!(cluster["status"], expected, "{cluster}");
        unknown += usize::from(only_old_lists);
    }
    assert_eq!(unknown, 47, "the clusters known only from the 2017 lists");

    // Unknown is not stopped: an organisation may still apply to such a cluster.
    let member = app.sign_in(MEMBER).await;
    let organisation = app
        .query_as(
            &member,
            "{ me { roles { organisation { id } } } }",
            json!({}),
        )
        .await["me"]["roles"][0]["organisation"]["id"]
        .clone();
    let old = clusters
        .iter()
        .find(|c| c["status"] == "UNKNOWN")
        .map(|c| c["slug"].as_str().unwrap_or_default().to_owned())
        .unwrap_or_default();
    let applied = app
        .query_as(
            &member,
            "mutation($input: ApplyForMembershipInput!) { applyForMembership(input: $input) { \
             membership { status } userErrors { field message } } }",
            json!({ "input": { "clusterId": app.cluster_id(&old).await, "organisationId": organisation } }),
        )
        .await;
    assert_eq!(
        applied["applyForMembership"]["membership"]["status"], "PENDING",
        "{applied}"
    );

    // A cluster recorded without saying whether it operates is UNKNOWN, not ACTIVE.
    let operator = app.sign_in(OPERATOR).await;
    let created = app
        .query_as(
            &operator,
            "mutation($input: CreateClusterInput!) { createCluster(input: $input) { \
             cluster { status } userErrors { field message } } }",
            json!({ "input": { "slug": "klaster-bez-zrodla", "namePl": "Klaster bez źródła o działalności" } }),
        )
        .await;
    assert_eq!(
        created["createCluster"]["cluster"]["status"], "UNKNOWN",
        "{created}"
    );
}

on_both_backends! {
    demo_not_yet_valid_only_before_a_first_award => the_demo_registry_says_not_yet_valid_only_before_a_first_award;
    future_first_award_and_renewal => a_future_first_award_is_not_yet_valid_and_a_future_renewal_leaves_the_status_open;
    operating_only_where_stated => a_cluster_operates_only_where_a_source_says_so;
}
