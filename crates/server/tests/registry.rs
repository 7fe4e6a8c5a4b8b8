//! The read API over HTTP against the demo registry: KKK and ESCA facts, search, pagination,
//! statistics, and the cost of nested queries.

mod common;

use common::{Backend, TestApp};
use serde_json::{Value, json};

const KKK_QUERY: &str = r#"
query ($rounds: [Int!], $on: Date) {
  clusters(filter: { kkkRounds: $rounds }, first: 100) {
    totalCount
    edges { node {
      slug
      name
      kkkStatus(on: $on)
      kkkCertifications {
        round { number name }
        validUntil
        confirmedOn
        renewal
        status(on: $on)
        representative { name }
      }
    } }
  }
}"#;

fn nodes(connection: &Value) -> Vec<Value> {
    connection["edges"]
        .as_array()
        .map(|edges| edges.iter().map(|e| e["node"].clone()).collect())
        .unwrap_or_default()
}

fn certification_of_round(cluster: &Value, round: i64) -> Option<&Value> {
    cluster["kkkCertifications"]
        .as_array()?
        .iter()
        .find(|c| c["round"]["number"].as_i64() == Some(round))
}

async fn the_twenty_key_national_clusters_have_their_rounds_and_dates(app: TestApp) {
    let data = app
        .query(KKK_QUERY, json!({ "rounds": [5, 6], "on": "2024-06-01" }))
        .await;
    assert_eq!(data["clusters"]["totalCount"], 20);
    let clusters = nodes(&data["clusters"]);
    let round = |n: i64| {
        clusters
            .iter()
            .filter(|c| certification_of_round(c, n).is_some())
            .count()
    };
    assert_eq!(round(5), 8, "round V has 8 clusters");
    assert_eq!(round(6), 12, "round VI has 12 clusters");
    for cluster in &clusters {
        assert_eq!(cluster["kkkStatus"], "ACTIVE", "{cluster}");
        let (cert, until) = match certification_of_round(cluster, 5) {
            Some(c) => (c, "2024-12-31"),
            None => (
                certification_of_round(cluster, 6).expect("round VI"),
                "2025-12-17",
            ),
        };
        assert_eq!(cert["validUntil"], until, "{cluster}");
        assert!(cert["representative"]["name"].is_string(), "{cluster}");
    }
    let ltpp = clusters
        .iter()
        .find(|c| {
            c["slug"]
                .as_str()
                .is_some_and(|s| s.contains("polnoc-poludnie"))
        })
        .expect("LTPP is a Key National Cluster");
    assert_eq!(
        certification_of_round(ltpp, 6).map(|c| &c["renewal"]),
        Some(&json!(3))
    );
    let metal = clusters
        .iter()
        .find(|c| c["name"] == "Klaster Obróbki Metali")
        .expect("the Metal Processing Cluster");
    assert!(certification_of_round(metal, 5).is_some());
}

async fn kkk_status_follows_the_dates_asked_for(app: TestApp) {
    // Round V lapsed on 31 Dec 2024, round VI on 17 Dec 2025.
    for (day, active_v, active_vi) in [
        ("2024-06-01", true, true),
        ("2025-06-01", false, true),
        ("2025-12-17", false, true),
        ("2025-12-18", false, false),
        ("2026-11-23", false, false),
    ] {
        let data = app
            .query(KKK_QUERY, json!({ "rounds": [5, 6], "on": day }))
            .await;
        for cluster in nodes(&data["clusters"]) {
            let in_round_six = certification_of_round(&cluster, 6).is_some();
            let expected = if in_round_six { active_vi } else { active_v };
            let cert = certification_of_round(&cluster, if in_round_six { 6 } else { 5 })
                .expect("certification");
            let status = if expected { "ACTIVE" } else { "EXPIRED" };
            assert_eq!(cert["status"], status, "{day}: {cluster}");
        }
    }
    let active = |day: &'static str| {
        let app = &app;
        async move {
            app.query(
                "query ($on: Date!) { clusters(filter: { kkkActiveOn: $on }) { totalCount } }",
                json!({ "on": day }),
            )
            .await["clusters"]["totalCount"]
                .as_i64()
        }
    };
    assert_eq!(active("2024-06-01").await, Some(20));
    assert_eq!(active("2025-06-01").await, Some(12));
    assert_eq!(active("2026-11-23").await, Some(0));
    // The Metal Processing Cluster's 2015 status was certainly held in 2016.
    assert_eq!(active("2016-06-01").await, Some(1));
}

async fn esca_bronze_holders_of_2017_are_active_that_day_and_expired_now(app: TestApp) {
    let query = r#"query ($on: Date) {
      escaLabels(levels: [BRONZE], first: 100) {
        totalCount
        edges { node { level confirmedOn status(on: $on) cluster { name } } }
      } }"#;
    let then = app.query(query, json!({ "on": "2017-02-24" })).await;
    assert_eq!(then["escaLabels"]["totalCount"], 12);
    for label in nodes(&then["escaLabels"]) {
        assert_eq!(label["status"], "ACTIVE", "{label}");
        assert_eq!(label["confirmedOn"], "2017-02-24");
    }
    let now = app.query(query, json!({ "on": "2026-11-23" })).await;
    for label in nodes(&now["escaLabels"]) {
        assert_eq!(label["status"], "EXPIRED", "{label}");
    }
    let held = app
        .query(
            r#"{ clusters(filter: { escaLevels: [BRONZE], escaHeldOn: "2017-02-24" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(held["clusters"]["totalCount"], 12);
}

async fn one_cluster_named_in_two_languages_is_one_record(app: TestApp) {
    let data = app
        .query(
            r#"{ cluster(slug: "klaster-gospodarki-odpadowej-i-recyklingu") {
                namePl nameEn acronym foundedOn voivodeship { code teryt name isoCode }
                city postalCode strategyPeriod { from to }
                coordinator { name }
                services { name source { code } }
                projects { name programme budget { amount currency } }
                workingGroups { name }
                sources { code }
                kkkCertifications { round { name } awardedOn }
            } }"#,
            json!({}),
        )
        .await;
    let c = &data["cluster"];
    assert_eq!(c["nameEn"], "Waste Management and Recycling Cluster");
    assert_eq!(c["foundedOn"], "2012-05", "month precision is kept");
    assert_eq!(c["voivodeship"]["code"], "MAZOWIECKIE");
    assert_eq!(c["voivodeship"]["isoCode"], "PL-MZ");
    assert_eq!(c["strategyPeriod"], json!({ "from": 2019, "to": 2024 }));
    assert!(c["services"].as_array().is_some_and(|s| s.len() >= 5));
    let sources: Vec<&str> = c["sources"]
        .as_array()
        .map(|s| s.iter().filter_map(|d| d["code"].as_str()).collect())
        .unwrap_or_default();
    for code in ["000", "001", "004"] {
        assert!(sources.contains(&code), "{sources:?}");
    }
    let search = app
        .query(
            r#"{ clusters(filter: { text: "Waste Management" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(search["clusters"]["totalCount"], 1);
}

async fn search_ignores_case_and_polish_diacritics(app: TestApp) {
    let names = |data: &Value| -> Vec<String> {
        nodes(&data["clusters"])
            .iter()
            .filter_map(|n| n["name"].as_str().map(String::from))
            .collect()
    };
    let query = "query ($text: String) { clusters(filter: { text: $text }, first: 100) { edges { node { name } } } }";
    let slaski = names(&app.query(query, json!({ "text": "slaski" })).await);
    assert!(
        slaski.contains(&"Śląski Klaster Lotniczy".to_string()),
        "{slaski:?}"
    );
    let upper = names(&app.query(query, json!({ "text": "ŚLĄSKI KLASTER" })).await);
    assert!(
        upper.contains(&"Śląski Klaster Lotniczy".to_string()),
        "{upper:?}"
    );
    let obrobki = names(&app.query(query, json!({ "text": "obrobki metali" })).await);
    assert!(
        obrobki.contains(&"Klaster Obróbki Metali".to_string()),
        "{obrobki:?}"
    );

    // No seed organisation sits in Łódź, so the test adds one.
    use sea_orm::{ActiveModelTrait, Set};
    let now = chrono::Utc::now();
    klastry_entity::organisation::ActiveModel {
        name: Set("Politechnika Łódzka".into()),
        sort_name: Set("politechnika lodzka".into()),
        search_text: Set(klastry_domain::rules::text::fold(
            "Politechnika Łódzka Łódź",
        )),
        kind: Set(Some(klastry_entity::OrganisationKind::University)),
        country: Set("PL".into()),
        city: Set(Some("Łódź".into())),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("fixture inserted");
    let found = app
        .query(
            r#"{ organisations(filter: { text: "lodz" }) { totalCount edges { node { name city kind } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(found["organisations"]["totalCount"], 1);
    assert_eq!(nodes(&found["organisations"])[0]["city"], "Łódź");
    // A LIKE wildcard in the search text is matched literally.
    let literal = app
        .query(
            r#"{ clusters(filter: { text: "%" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(literal["clusters"]["totalCount"], 0);
}

async fn pages_walk_every_cluster_once_in_both_directions(app: TestApp) {
    let query = r#"query ($first: Int, $after: String, $last: Int, $before: String) {
        clusters(first: $first, after: $after, last: $last, before: $before) {
          totalCount
          edges { cursor node { slug } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        } }"#;
    let mut forward = Vec::new();
    let mut after: Option<String> = None;
    let total = loop {
        let data = app
            .query(query, json!({ "first": 10, "after": after }))
            .await;
        let page = &data["clusters"];
        forward.extend(
            nodes(page)
                .iter()
                .filter_map(|n| n["slug"].as_str().map(String::from)),
        );
        if page["pageInfo"]["hasNextPage"] != true {
            break page["totalCount"].as_u64().unwrap_or_default();
        }
        after = page["pageInfo"]["endCursor"].as_str().map(String::from);
    };
    assert_eq!(forward.len() as u64, total);
    let mut sorted = forward.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), forward.len(), "no cluster twice");

    let mut backward = Vec::new();
    let mut before: Option<String> = None;
    loop {
        let data = app
            .query(query, json!({ "last": 7, "before": before }))
            .await;
        let page = &data["clusters"];
        let mut slugs: Vec<String> = nodes(page)
            .iter()
            .filter_map(|n| n["slug"].as_str().map(String::from))
            .collect();
        slugs.extend(backward);
        backward = slugs;
        if page["pageInfo"]["hasPreviousPage"] != true {
            break;
        }
        before = page["pageInfo"]["startCursor"].as_str().map(String::from);
    }
    assert_eq!(backward, forward, "backwards pages give the same order");

    let descending = app
        .query(
            r#"{ clusters(first: 3, orderBy: { field: NAME, direction: DESC }) { edges { node { slug } } } }"#,
            json!({}),
        )
        .await;
    let last_three: Vec<String> = forward.iter().rev().take(3).cloned().collect();
    let got: Vec<String> = nodes(&descending["clusters"])
        .iter()
        .filter_map(|n| n["slug"].as_str().map(String::from))
        .collect();
    assert_eq!(got, last_three);
}

async fn statistics_count_statuses_as_of_a_day(app: TestApp) {
    let query = r#"query ($day: Date) { statistics(asOf: $day) {
        asOf clusterCount organisationCount
        kkk { active expired unknown notYetValid }
        esca { level clusters { active expired } }
        clustersByVoivodeship { voivodeship { code } count }
        organisationsByKind { kind count }
    } }"#;
    let mid_2024 = app.query(query, json!({ "day": "2024-06-01" })).await;
    let stats = &mid_2024["statistics"];
    assert_eq!(stats["asOf"], "2024-06-01");
    assert_eq!(stats["kkk"]["active"], 20);
    let now = app.query(query, json!({ "day": "2026-11-23" })).await;
    assert_eq!(now["statistics"]["kkk"]["active"], 0);
    assert!(now["statistics"]["kkk"]["expired"].as_u64().unwrap_or(0) >= 20);
    let clusters_counted: u64 = stats["clustersByVoivodeship"]
        .as_array()
        .map(|rows| rows.iter().filter_map(|r| r["count"].as_u64()).sum())
        .unwrap_or(0);
    assert_eq!(Some(clusters_counted), stats["clusterCount"].as_u64());
}

async fn nodes_are_found_by_their_global_ids(app: TestApp) {
    let data = app
        .query(
            r#"{ cluster(slug: "klaster-obrobki-metali") { id name
                 kkkCertifications { id } escaLabels { id level awardedOn }
                 coordinator { id } people { role person { id fullName } } } }"#,
            json!({}),
        )
        .await;
    let cluster = &data["cluster"];
    assert_eq!(cluster["escaLabels"][0]["level"], "SILVER");
    assert_eq!(cluster["escaLabels"][0]["awardedOn"], "2017");
    assert!(cluster["people"].as_array().is_some_and(|p| p.len() >= 9));
    let ids: Vec<Value> = [
        &cluster["id"],
        &cluster["kkkCertifications"][0]["id"],
        &cluster["coordinator"]["id"],
        &cluster["people"][0]["person"]["id"],
    ]
    .into_iter()
    .cloned()
    .collect();
    let found = app
        .query(
            "query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }",
            json!({ "ids": ids }),
        )
        .await;
    let typenames: Vec<&str> = found["nodes"]
        .as_array()
        .map(|n| n.iter().filter_map(|n| n["__typename"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        typenames,
        ["Cluster", "KkkCertification", "Organisation", "Person"]
    );
    let by_id = app
        .query(
            "query ($id: ID!) { cluster(id: $id) { name } node(id: $id) { id } }",
            json!({ "id": cluster["id"] }),
        )
        .await;
    assert_eq!(by_id["cluster"]["name"], "Klaster Obróbki Metali");
    assert_eq!(by_id["node"]["id"], cluster["id"]);
}

/// A page of clusters with every relation the page can nest. Each loader appears at one depth
/// only, so the statement count is exact: one per nesting level that has rows, whatever the
/// page size.
const NESTED_PAGE: &str = r#"query ($first: Int!) {
  clusters(first: $first, orderBy: { field: CREATED_AT }) {
    totalCount
    edges { node {
      name
      sectors { code }
      members(first: 20) { totalCount edges { node { role organisation { name kind } } } }
      kkkCertifications { round { name } validUntil status }
      escaLabels { level status }
      people { role person { fullName } }
    } }
  } }"#;

async fn a_page_of_clusters_with_nested_relations_costs_a_fixed_number_of_statements(app: TestApp) {
    // The first four clusters of the demo registry already have sectors, members,
    // certifications with rounds, labels and people, so every level runs for them too.
    let four = app.statements(NESTED_PAGE, json!({ "first": 4 })).await;
    let fifty = app.statements(NESTED_PAGE, json!({ "first": 50 })).await;
    let hundred = app.statements(NESTED_PAGE, json!({ "first": 100 })).await;
    // page + count, sector links + sectors, member pages (with their organisations) + member
    // counts, certifications + rounds, labels, roles + people.
    assert_eq!(four, 11, "one statement per nesting level");
    assert_eq!(
        (four, fifty, hundred),
        (11, 11, 11),
        "statements must not grow with the page size"
    );
}

on_both_backends! {
    twenty_key_national_clusters => the_twenty_key_national_clusters_have_their_rounds_and_dates;
    kkk_status_by_date => kkk_status_follows_the_dates_asked_for;
    esca_bronze_2017 => esca_bronze_holders_of_2017_are_active_that_day_and_expired_now;
    one_cluster_two_languages => one_cluster_named_in_two_languages_is_one_record;
    diacritics => search_ignores_case_and_polish_diacritics;
    keyset_pagination => pages_walk_every_cluster_once_in_both_directions;
    statistics => statistics_count_statuses_as_of_a_day;
    global_ids => nodes_are_found_by_their_global_ids;
    statement_count => a_page_of_clusters_with_nested_relations_costs_a_fixed_number_of_statements;
}
