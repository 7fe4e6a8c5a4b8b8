//! The operator's back office through the API: a duplicate organisation or cluster folded into
//! the one the registry keeps, with its links, its gaps filled and nothing left pointing at it
//! (a stale version changes nothing); KKK certifications held to their round's term; and the
//! audit trail read in words and filtered.

mod common;

use common::{Backend, COORDINATOR, OPERATOR, TestApp};
use serde_json::{Value, json};

const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";
const METALS: &str = "klaster-obrobki-metali";

async fn create_organisation(app: &TestApp, token: &str, fields: Value) -> Value {
    let data = app
        .query_as(
            token,
            "mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { \
             organisation { id version } userErrors { field message } } }",
            json!({ "input": fields }),
        )
        .await;
    assert_eq!(
        data["createOrganisation"]["userErrors"],
        json!([]),
        "{data}"
    );
    data["createOrganisation"]["organisation"].clone()
}

async fn add_member(app: &TestApp, token: &str, slug: &str, organisation: &Value) {
    let cluster = app.cluster_id(slug).await;
    let data = app
        .query_as(
            token,
            "mutation($input: AddMemberInput!) { addMember(input: $input) { userErrors { field message } } }",
            json!({ "input": { "clusterId": cluster, "organisationId": organisation["id"] } }),
        )
        .await;
    assert_eq!(data["addMember"]["userErrors"], json!([]), "{data}");
}

/// How many periods each of an organisation's memberships has, by cluster slug.
async fn periods_by_cluster(
    app: &TestApp,
    token: &str,
    organisation: &Value,
) -> Vec<(String, usize)> {
    let data = app
        .query_as(
            token,
            "query($id: ID!) { node(id: $id) { ... on Organisation { memberships { \
             cluster { slug } periods { joinedOn leftOn } } } } }",
            json!({ "id": organisation["id"] }),
        )
        .await;
    let mut found: Vec<(String, usize)> = data["node"]["memberships"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|m| {
                    (
                        m["cluster"]["slug"]
                            .as_str()
                            .unwrap_or_default()
                            .to_string(),
                        m["periods"].as_array().map_or(0, Vec::len),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// The ids of the organisations among a cluster's members.
async fn member_ids(app: &TestApp, token: &str, slug: &str) -> Vec<Value> {
    let data = app
        .query_as(
            token,
            "query($slug: String!) { cluster(slug: $slug) { members(first: 100) { edges { node { organisation { id } } } } } }",
            json!({ "slug": slug }),
        )
        .await;
    data["cluster"]["members"]["edges"]
        .as_array()
        .map(|edges| {
            edges
                .iter()
                .map(|e| e["node"]["organisation"]["id"].clone())
                .collect()
        })
        .unwrap_or_default()
}

const MERGE: &str = "mutation($input: MergeOrganisationsInput!) { mergeOrganisations(input: $input) { \
    organisation { id version name nip regon website sectors { code } } userErrors { field code } } }";

async fn a_duplicate_organisation_is_folded_into_the_kept_one_with_its_links(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let kept = create_organisation(
        &app,
        &operator,
        json!({ "name": "Politechnika Testowa", "nip": "5260250995", "website": "https://pt.edu.pl" }),
    )
    .await;
    let duplicate = create_organisation(
        &app,
        &operator,
        json!({ "name": "Politechnika Testowa im. Jana", "regon": "123456785",
                "website": "https://stara.pt.pl", "sectors": ["digital"] }),
    )
    .await;
    // Both belong to one cluster; only the duplicate to another.
    add_member(&app, &operator, RECYCLING, &kept).await;
    add_member(&app, &operator, RECYCLING, &duplicate).await;
    add_member(&app, &operator, METALS, &duplicate).await;

    let (_, stale) = app
        .post_as(
            &operator,
            MERGE,
            json!({ "input": { "keptId": kept["id"], "keptVersion": 99,
                    "duplicateId": duplicate["id"], "duplicateVersion": duplicate["version"] } }),
        )
        .await;
    assert_eq!(
        stale["errors"][0]["extensions"]["code"], "CONFLICT",
        "{stale}"
    );
    assert!(
        member_ids(&app, &operator, METALS)
            .await
            .contains(&duplicate["id"]),
        "a refused merge moves nothing"
    );

    let merged = app
        .query_as(
            &operator,
            MERGE,
            json!({ "input": { "keptId": kept["id"], "keptVersion": kept["version"],
                    "duplicateId": duplicate["id"], "duplicateVersion": duplicate["version"] } }),
        )
        .await;
    assert_eq!(
        merged["mergeOrganisations"]["userErrors"],
        json!([]),
        "{merged}"
    );
    let after = &merged["mergeOrganisations"]["organisation"];
    assert_eq!(after["id"], kept["id"]);
    assert_eq!(after["name"], "Politechnika Testowa", "the kept name stays");
    assert_eq!(after["website"], "https://pt.edu.pl", "the kept values win");
    assert_eq!(after["nip"], "5260250995");
    assert_eq!(
        after["regon"], "123456785",
        "a gap is filled from the duplicate"
    );
    assert_eq!(after["sectors"], json!([{ "code": "digital" }]));

    let recycling = member_ids(&app, &operator, RECYCLING).await;
    assert_eq!(
        recycling.iter().filter(|id| **id == kept["id"]).count(),
        1,
        "one membership where both were members"
    );
    assert!(!recycling.contains(&duplicate["id"]));
    let metals = member_ids(&app, &operator, METALS).await;
    assert!(
        metals.contains(&kept["id"]),
        "the duplicate's membership moved"
    );
    assert!(!metals.contains(&duplicate["id"]));
    // The moved membership keeps its period; where both were members, the one period both
    // recorded (each open since today) is kept once.
    assert_eq!(
        periods_by_cluster(&app, &operator, &kept).await,
        vec![(RECYCLING.to_string(), 1), (METALS.to_string(), 1)]
    );
    let (_, gone) = app
        .post(
            "query($id: ID!) { organisation(id: $id) { id } }",
            json!({ "id": duplicate["id"] }),
        )
        .await;
    assert_eq!(
        gone["errors"][0]["extensions"]["code"], "NOT_FOUND",
        "{gone}"
    );
    let trail = app
        .query_as(
            &operator,
            "query($f: AuditFilter) { auditTrail(filter: $f) { edges { node { objectType objectLabel } } } }",
            json!({ "f": { "actions": ["MERGE"] } }),
        )
        .await;
    let merged_types: Vec<&str> = trail["auditTrail"]["edges"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|e| e["node"]["objectType"].as_str())
        .collect();
    assert_eq!(
        merged_types.iter().filter(|t| **t == "Membership").count(),
        2,
        "one membership moved and one dropped: {trail}"
    );
    assert!(merged_types.contains(&"Organisation"));
}

async fn an_organisation_is_not_merged_into_itself(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let kept = create_organisation(&app, &operator, json!({ "name": "Huta Jedna" })).await;
    let refused = app
        .query_as(
            &operator,
            MERGE,
            json!({ "input": { "keptId": kept["id"], "keptVersion": kept["version"],
                    "duplicateId": kept["id"], "duplicateVersion": kept["version"] } }),
        )
        .await;
    assert_eq!(
        refused["mergeOrganisations"]["userErrors"],
        json!([{ "field": "duplicateId", "code": "NOT_ALLOWED" }])
    );
}

async fn cluster_of(app: &TestApp, slug: &str) -> Value {
    app.query(
        "query($slug: String!) { cluster(slug: $slug) { id version nameEn aliases descriptionPl \
         kkkCertifications { id } services { name } events { name } } }",
        json!({ "slug": slug }),
    )
    .await["cluster"]
        .clone()
}

async fn a_duplicate_cluster_is_folded_into_the_kept_one_with_its_members_and_facts(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let created = app
        .query_as(
            &operator,
            "mutation($input: CreateClusterInput!) { createCluster(input: $input) { cluster { id version slug } userErrors { field message } } }",
            json!({ "input": { "slug": "metal-cluster-duplicate", "nameEn": "Metal Processing Cluster",
                    "acronym": "KOM2", "website": "https://metal.example" } }),
        )
        .await;
    assert_eq!(
        created["createCluster"]["userErrors"],
        json!([]),
        "{created}"
    );
    let duplicate = created["createCluster"]["cluster"].clone();
    let member = create_organisation(&app, &operator, json!({ "name": "Odlewnia Dubel" })).await;
    add_member(&app, &operator, "metal-cluster-duplicate", &member).await;
    let service = app
        .query_as(
            &operator,
            "mutation($input: CreateNamedInput!) { createService(input: $input) { userErrors { field } } }",
            json!({ "input": { "clusterId": duplicate["id"], "name": "Badania nieniszczące" } }),
        )
        .await;
    assert_eq!(
        service["createService"]["userErrors"],
        json!([]),
        "{service}"
    );
    let kept = cluster_of(&app, METALS).await;
    let kkk_before = kept["kkkCertifications"].as_array().map_or(0, Vec::len);

    let merged = app
        .query_as(
            &operator,
            "mutation($input: MergeClustersInput!) { mergeClusters(input: $input) { \
             cluster { id slug } userErrors { field code } } }",
            json!({ "input": { "keptId": kept["id"], "keptVersion": kept["version"],
                    "duplicateId": duplicate["id"], "duplicateVersion": duplicate["version"] } }),
        )
        .await;
    assert_eq!(merged["mergeClusters"]["userErrors"], json!([]), "{merged}");
    assert_eq!(merged["mergeClusters"]["cluster"]["slug"], METALS);

    let after = cluster_of(&app, METALS).await;
    let aliases = after["aliases"].to_string();
    assert!(
        aliases.contains("Metal Processing Cluster")
            || after["nameEn"] == "Metal Processing Cluster",
        "the duplicate's name is kept: {after}"
    );
    assert!(aliases.contains("KOM2"), "{after}");
    assert!(
        after["services"]
            .to_string()
            .contains("Badania nieniszczące")
    );
    assert_eq!(
        after["kkkCertifications"].as_array().map_or(0, Vec::len),
        kkk_before
    );
    assert!(
        member_ids(&app, &operator, METALS)
            .await
            .contains(&member["id"])
    );
    assert_eq!(
        periods_by_cluster(&app, &operator, &member).await,
        vec![(METALS.to_string(), 1)],
        "the moved membership keeps its period"
    );
    // A search for the duplicate's name finds the kept cluster.
    let found = app
        .query(
            "{ clusters(filter: { text: \"KOM2\" }) { edges { node { slug } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        found["clusters"]["edges"][0]["node"]["slug"], METALS,
        "{found}"
    );
    let (_, gone) = app
        .post(
            "query($slug: String!) { cluster(slug: $slug) { id } }",
            json!({ "slug": "metal-cluster-duplicate" }),
        )
        .await;
    assert_eq!(
        gone["errors"][0]["extensions"]["code"], "NOT_FOUND",
        "{gone}"
    );
}

async fn a_kkk_status_outside_its_rounds_term_is_refused_and_changes_nothing(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let slug = "klaster-obrobki-metali";
    let before = cluster_of(&app, slug).await;
    let id = before["id"].as_str().expect("id");
    let source = app.source_id("004").await;
    let record = "mutation($input: RecordKkkCertificationInput!) { recordKkkCertification(input: $input) { \
                  certification { id version } userErrors { field code } } }";
    // Round VI's statuses end on 17 Dec 2025: none of them is valid to 2034.
    let beyond = app
        .query_as(&operator, record, json!({ "input": { "clusterId": id, "awardedOn": "2031-01-01", "validUntil": "2034-01-01", "roundNumber": 6, "sourceId": source } }))
        .await;
    assert_eq!(
        beyond["recordKkkCertification"]["userErrors"],
        json!([
            { "field": "awardedOn", "code": "OUT_OF_RANGE" },
            { "field": "validUntil", "code": "OUT_OF_RANGE" }
        ]),
        "{beyond}"
    );
    // Without a round, the same dates are a later renewal the registry has no term for.
    let recorded = app
        .query_as(&operator, record, json!({ "input": { "clusterId": id, "awardedOn": "2031-01-01", "validUntil": "2033-12-31", "sourceId": source } }))
        .await;
    assert_eq!(recorded["recordKkkCertification"]["userErrors"], json!([]));
    let certification = &recorded["recordKkkCertification"]["certification"];
    // Moving it into round IV, which lapsed in August 2022, is refused too.
    let moved = app
        .query_as(
            &operator,
            "mutation($input: UpdateKkkCertificationInput!) { updateKkkCertification(input: $input) { \
             certification { version } userErrors { field code } } }",
            json!({ "input": { "id": certification["id"], "version": certification["version"], "roundNumber": 4, "sourceId": source } }),
        )
        .await;
    assert_eq!(
        moved["updateKkkCertification"]["userErrors"],
        json!([
            { "field": "awardedOn", "code": "OUT_OF_RANGE" },
            { "field": "validUntil", "code": "OUT_OF_RANGE" }
        ]),
        "{moved}"
    );
    let after = cluster_of(&app, slug).await;
    assert_eq!(
        after["kkkCertifications"].as_array().expect("list").len(),
        before["kkkCertifications"].as_array().expect("list").len() + 1,
        "only the certification without a round was recorded"
    );
}

async fn the_audit_trail_says_what_changed_and_filters_by_kind_person_and_object(app: TestApp) {
    let coordinator = app.sign_in(COORDINATOR).await;
    let operator = app.sign_in(OPERATOR).await;
    let me = app
        .query_as(&coordinator, "{ me { user { id } } }", json!({}))
        .await;
    let coordinator_id = me["me"]["user"]["id"].clone();
    let before = cluster_of(&app, RECYCLING).await;
    let updated = app
        .query_as(
            &coordinator,
            "mutation($input: UpdateClusterInput!) { updateCluster(input: $input) { userErrors { field } } }",
            json!({ "input": { "id": before["id"], "version": before["version"], "descriptionPl": "Nowy opis klastra." } }),
        )
        .await;
    assert_eq!(updated["updateCluster"]["userErrors"], json!([]));
    let trail = "query($filter: AuditFilter) { auditTrail(filter: $filter, first: 5) { edges { node { \
                 action objectType objectId objectLabel actorId actorEmail \
                 changes { field before after } } } } }";
    let mine = app
        .query_as(
            &operator,
            trail,
            json!({ "filter": { "objectTypes": ["Cluster"], "actions": ["UPDATE"], "actorId": coordinator_id } }),
        )
        .await;
    let entry = &mine["auditTrail"]["edges"][0]["node"];
    assert_eq!(entry["actorEmail"], COORDINATOR.0);
    assert_eq!(entry["actorId"], coordinator_id);
    assert_eq!(
        entry["objectLabel"],
        "Klaster Gospodarki Odpadowej i Recyklingu"
    );
    assert_eq!(
        entry["changes"],
        json!([{ "field": "description_pl", "before": before["descriptionPl"], "after": "Nowy opis klastra." }]),
        "only the field that changed, without versions or timestamps"
    );
    // The object filter holds only that cluster's own entries; an action nobody took, none.
    let of_object = app
        .query_as(
            &operator,
            trail,
            json!({ "filter": { "objectId": before["id"] } }),
        )
        .await;
    let entries = of_object["auditTrail"]["edges"].as_array().expect("a list");
    assert!(!entries.is_empty());
    assert!(
        entries
            .iter()
            .all(|e| e["node"]["objectId"] == before["id"])
    );
    let none = app
        .query_as(
            &operator,
            trail,
            json!({ "filter": { "objectTypes": ["Cluster"], "actions": ["MERGE"] } }),
        )
        .await;
    assert_eq!(none["auditTrail"]["edges"], json!([]));
    // A coordinator filters their own cluster's trail the same way, and no one else's.
    let (_, refused) = app
        .post_as(
            &coordinator,
            trail,
            json!({ "filter": { "actions": ["UPDATE"] } }),
        )
        .await;
    assert_eq!(
        refused["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{refused}"
    );
    let (_, malformed) = app
        .post_as(
            &operator,
            trail,
            json!({ "filter": { "actorId": "not-an-id" } }),
        )
        .await;
    assert_eq!(
        malformed["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{malformed}"
    );
}

on_both_backends! {
    merge_organisations => a_duplicate_organisation_is_folded_into_the_kept_one_with_its_links;
    merge_into_itself => an_organisation_is_not_merged_into_itself;
    merge_clusters => a_duplicate_cluster_is_folded_into_the_kept_one_with_its_members_and_facts;
    kkk_round_term => a_kkk_status_outside_its_rounds_term_is_refused_and_changes_nothing;
    audit_in_words => the_audit_trail_says_what_changed_and_filters_by_kind_person_and_object;
}
