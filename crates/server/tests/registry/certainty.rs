//! No status more certain than its source: a cluster is NOT_YET_VALID only before a first
//! award its source names as such; before a renewal, or a record that does not say, its status
//! is UNKNOWN; ESCA statuses are never NOT_YET_VALID, as no ESCA source says a label is a
//! cluster's first. The statistics count the same way. A cluster operates only where a source
//! says so: known only from the 2017 lists, its operating status is UNKNOWN. A status its source
//! says has been held since its award runs until the cluster's next record begins, and without
//! one is UNKNOWN, not EXPIRED, after its own period. A sector or an organisation's kind the
//! registry inferred says by which rule, until someone sets it through the API.

use crate::common::{Backend, COORDINATOR, MEMBER, OPERATOR, TestApp};
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

/// The Waste Management and Recycling Cluster: "From 2016 is one of the 20 Polish National Key
/// Clusters" (seed 001), and listed in round VI, valid until 17 Dec 2025 (seed 004).
const WASTE_MANAGEMENT: &str = "klaster-gospodarki-odpadowej-i-recyklingu";

/// A cluster's KKK status on a day, and whether the `kkkActiveOn` filter (SQL, on the stored
/// bounds) finds it that day.
async fn kkk_on(app: &TestApp, cluster_id: &Value, day: &str) -> (String, bool) {
    let (clusters, _) = statuses(app, day).await;
    let status = clusters
        .iter()
        .find(|c| c["id"] == *cluster_id)
        .and_then(|c| c["kkkStatus"].as_str())
        .unwrap_or_default()
        .to_owned();
    let filtered = app
        .query(
            "query($on: Date!) { clusters(first: 100, filter: { kkkActiveOn: $on }) { nodes { id } } }",
            json!({ "on": day }),
        )
        .await;
    let found = filtered["clusters"]["nodes"]
        .as_array()
        .is_some_and(|nodes| nodes.iter().any(|n| n["id"] == *cluster_id));
    (status, found)
}

async fn a_status_held_since_its_award_in_the_demo_is_active_until_its_next_record(app: TestApp) {
    let id = Value::String(app.cluster_id(WASTE_MANAGEMENT).await);
    let data = app
        .query(
            "query($id: ID!) { node(id: $id) { ... on Cluster { kkkCertifications { awardedOn heldSince } } } }",
            json!({ "id": id }),
        )
        .await;
    let records = data["node"]["kkkCertifications"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        records
            .iter()
            .any(|r| r["awardedOn"] == "2016" && r["heldSince"] == true),
        "{data}"
    );
    for day in [
        "2017-06-01",
        "2019-06-01",
        "2020-06-01",
        "2022-06-01",
        "2024-06-01",
    ] {
        assert_eq!(
            kkk_on(&app, &id, day).await,
            ("ACTIVE".into(), true),
            "{day}"
        );
    }
    // Round VI ended on 17 Dec 2025, and the held-since record ended when round VI began.
    assert_eq!(
        kkk_on(&app, &id, "2026-06-01").await,
        ("EXPIRED".into(), false)
    );
}

async fn a_status_recorded_as_held_since_runs_to_the_next_record_or_stays_unknown(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let (clusters, _) = statuses(&app, "2020-06-01").await;
    let never_certified: Vec<Value> = clusters
        .iter()
        .filter(|c| certifications(c).is_empty())
        .take(2)
        .map(|c| c["id"].clone())
        .collect();
    assert_eq!(
        never_certified.len(),
        2,
        "two clusters without a KKK status"
    );
    let (followed, alone) = (&never_certified[0], &never_certified[1]);
    let record = "mutation($input: RecordKkkCertificationInput!) { recordKkkCertification(input: $input) { \
                  certification { id version heldSince validity { heldUntil latestEnd } } userErrors { field message } } }";
    // Every record and correction names its document; a deletion names none.
    let source = app.source_id("001").await;
    let write = |query: &'static str, name: &'static str, mut input: Value| {
        let app = &app;
        let operator = &operator;
        if name != "deleteKkkCertification" {
            input["sourceId"] = json!(source);
        }
        async move {
            let written = app
                .query_as(operator, query, json!({ "input": input }))
                .await;
            assert_eq!(written[name]["userErrors"], json!([]), "{written}");
            written[name].clone()
        }
    };
    let since = json!({ "awardedOn": "2016", "renewal": 0, "heldSince": true });
    let mut input = since.clone();
    input["clusterId"] = followed.clone();
    let first = write(record, "recordKkkCertification", input).await;
    assert_eq!(first["certification"]["heldSince"], true, "{first}");
    let mut input = since;
    input["clusterId"] = alone.clone();
    let only = write(record, "recordKkkCertification", input).await;
    // Alone, it is certain only for its award period, and after that not over but unknown.
    assert_eq!(
        only["certification"]["validity"]["latestEnd"],
        Value::Null,
        "{only}"
    );
    assert_eq!(
        kkk_on(&app, alone, "2018-06-01").await,
        ("ACTIVE".into(), true)
    );
    assert_eq!(
        kkk_on(&app, alone, "2020-06-01").await,
        ("UNKNOWN".into(), false)
    );
    assert_eq!(
        kkk_on(&app, alone, "2030-06-01").await,
        ("UNKNOWN".into(), false)
    );

    // A later record: the held-since one runs until it begins.
    let later = write(
        record,
        "recordKkkCertification",
        json!({ "clusterId": followed, "awardedOn": "2022-03-01", "renewal": 1 }),
    )
    .await;
    for day in [
        "2018-06-01",
        "2020-06-01",
        "2022-02-28",
        "2022-03-01",
        "2024-06-01",
    ] {
        assert_eq!(
            kkk_on(&app, followed, day).await,
            ("ACTIVE".into(), true),
            "{day}"
        );
    }
    assert_eq!(
        kkk_on(&app, followed, "2025-06-01").await,
        ("EXPIRED".into(), false)
    );

    // Deleting the later record leaves the held-since one alone again.
    write(
        "mutation($input: DeleteStatusInput!) { deleteKkkCertification(input: $input) { userErrors { field message } } }",
        "deleteKkkCertification",
        json!({ "id": later["certification"]["id"], "version": later["certification"]["version"] }),
    )
    .await;
    assert_eq!(
        kkk_on(&app, followed, "2020-06-01").await,
        ("UNKNOWN".into(), false)
    );

    // Corrected to say nothing of continuity, the term rule ends it.
    let corrected = write(
        "mutation($input: UpdateKkkCertificationInput!) { updateKkkCertification(input: $input) { \
         certification { heldSince } userErrors { field message } } }",
        "updateKkkCertification",
        json!({ "id": only["certification"]["id"], "version": only["certification"]["version"], "heldSince": false }),
    )
    .await;
    assert_eq!(
        corrected["certification"]["heldSince"], false,
        "{corrected}"
    );
    assert_eq!(
        kkk_on(&app, alone, "2020-06-01").await,
        ("EXPIRED".into(), false)
    );
}

const SECTORS: &str = r#"query($slug: String!) { cluster(slug: $slug) {
  id version
  sectors { code }
  sectorAssignments { sector { code } inferredBy source { code } }
} }"#;

async fn sectors_of(app: &TestApp, slug: &str) -> Value {
    app.query(SECTORS, json!({ "slug": slug })).await["cluster"].clone()
}

async fn a_guessed_sector_says_so_until_someone_sets_the_sectors(app: TestApp) {
    // Klaster Dolina Lotnicza: no source names its sector; the demo read it from its name.
    let slug = "klaster-dolina-lotnicza";
    let before = sectors_of(&app, slug).await;
    assert_eq!(
        before["sectors"],
        json!([{ "code": "aerospace-defence" }]),
        "{before}"
    );
    let assignments = before["sectorAssignments"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(assignments.len(), 1, "{before}");
    assert_eq!(assignments[0]["sector"]["code"], "aerospace-defence");
    assert_eq!(assignments[0]["source"], Value::Null);
    let rule = assignments[0]["inferredBy"].as_str().unwrap_or_default();
    assert!(
        rule.contains("from the name") && rule.contains("Lotnicza"),
        "{rule}"
    );

    // An operator sets the sectors: they are stated now, the inference gone.
    let operator = app.sign_in(OPERATOR).await;
    let update = "mutation($input: UpdateClusterInput!) { updateCluster(input: $input) { \
                  cluster { version } userErrors { field message } } }";
    let set = app
        .query_as(
            &operator,
            update,
            json!({ "input": { "id": before["id"], "version": before["version"], "sectors": ["aerospace-defence", "digital"] } }),
        )
        .await;
    assert_eq!(set["updateCluster"]["userErrors"], json!([]), "{set}");
    let after = sectors_of(&app, slug).await;
    assert_eq!(
        after["sectorAssignments"],
        json!([
            { "sector": { "code": "aerospace-defence" }, "inferredBy": null, "source": null },
            { "sector": { "code": "digital" }, "inferredBy": null, "source": null },
        ]),
        "{after}"
    );

    // So does the coordinator of a cluster, for their own cluster.
    let coordinator = app.sign_in(COORDINATOR).await;
    let own = sectors_of(&app, WASTE_MANAGEMENT).await;
    let set = app
        .query_as(
            &coordinator,
            update,
            json!({ "input": { "id": own["id"], "version": own["version"], "sectors": ["energy-intensive-industries"] } }),
        )
        .await;
    assert_eq!(set["updateCluster"]["userErrors"], json!([]), "{set}");
    assert_eq!(
        sectors_of(&app, WASTE_MANAGEMENT).await["sectorAssignments"],
        json!([{ "sector": { "code": "energy-intensive-industries" }, "inferredBy": null, "source": null }])
    );
}

async fn a_guessed_organisation_kind_says_so_until_someone_sets_it(app: TestApp) {
    let data = app
        .query(
            "{ organisations(first: 100) { nodes { id version name kind kindInferredBy } } }",
            json!({}),
        )
        .await;
    let organisations = data["organisations"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let inferred = organisations
        .iter()
        .filter(|o| !o["kindInferredBy"].is_null())
        .count();
    assert!(
        inferred >= 20,
        "the demo's kinds read from legal forms: {data}"
    );
    assert!(
        organisations
            .iter()
            .all(|o| o["kindInferredBy"].is_null() || !o["kind"].is_null()),
        "no rule without a kind: {data}"
    );
    let interizon = organisations
        .iter()
        .find(|o| o["name"] == "Fundacja Interizon")
        .cloned()
        .unwrap_or_default();
    assert_eq!(interizon["kind"], "NGO", "{data}");
    let rule = interizon["kindInferredBy"].as_str().unwrap_or_default();
    assert!(rule.contains("legal form 'Fundacja'"), "{rule}");

    let operator = app.sign_in(OPERATOR).await;
    let update = "mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { \
                  organisation { kind kindInferredBy } userErrors { field message } } }";
    // A change that leaves the kind alone leaves its rule too.
    let renamed = app
        .query_as(
            &operator,
            update,
            json!({ "input": { "id": interizon["id"], "version": interizon["version"], "city": "Gdańsk" } }),
        )
        .await;
    assert_eq!(
        renamed["updateOrganisation"]["organisation"],
        json!({ "kind": "NGO", "kindInferredBy": rule }),
        "{renamed}"
    );
    let version = interizon["version"].as_i64().unwrap_or_default() + 1;
    // Setting the kind, even to the same one, states it.
    let stated = app
        .query_as(
            &operator,
            update,
            json!({ "input": { "id": interizon["id"], "version": version, "kind": "NGO" } }),
        )
        .await;
    assert_eq!(
        stated["updateOrganisation"]["organisation"],
        json!({ "kind": "NGO", "kindInferredBy": null }),
        "{stated}"
    );
}

on_both_backends! {
    guessed_sector_until_set => a_guessed_sector_says_so_until_someone_sets_the_sectors;
    guessed_kind_until_set => a_guessed_organisation_kind_says_so_until_someone_sets_it;
    demo_held_since_active_until_the_next_record => a_status_held_since_its_award_in_the_demo_is_active_until_its_next_record;
    recorded_held_since_runs_to_the_next_record => a_status_recorded_as_held_since_runs_to_the_next_record_or_stays_unknown;
    demo_not_yet_valid_only_before_a_first_award => the_demo_registry_says_not_yet_valid_only_before_a_first_award;
    future_first_award_and_renewal => a_future_first_award_is_not_yet_valid_and_a_future_renewal_leaves_the_status_open;
    operating_only_where_stated => a_cluster_operates_only_where_a_source_says_so;
}
