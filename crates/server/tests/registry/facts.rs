//! KKK certifications and ESCA labels as of a day, one cluster named in two languages, and
//! the statistics.

use crate::common::{Backend, TestApp};
use crate::nodes;
use crate::on_both_backends;
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

async fn figures_a_source_states_are_kept_as_stated_apart_from_the_registrys_count(app: TestApp) {
    let query = r#"query ($slug: String!) { cluster(slug: $slug) {
        members(first: 100) { totalCount }
        statedFigures { kind qualifier value statedOn quote source { code } }
    } }"#;
    let recycling = app
        .query(
            query,
            json!({ "slug": "klaster-gospodarki-odpadowej-i-recyklingu" }),
        )
        .await;
    let cluster = &recycling["cluster"];
    assert_eq!(
        cluster["statedFigures"],
        json!([{ "kind": "MEMBERS", "qualifier": "NEARLY", "value": 150, "statedOn": null,
                 "quote": "The cluster gather nearly 150 members from all over the country.",
                 "source": { "code": "001" } }]),
        "stated as the website words it, undated as it is"
    );
    // The registry counts the members it has recorded, and never the stated figure.
    let counted = cluster["members"]["totalCount"].as_u64().unwrap_or(0);
    assert!(counted < 150, "{cluster}");

    let metal = app
        .query(query, json!({ "slug": "klaster-obrobki-metali" }))
        .await;
    let stated: Vec<(String, String, i64)> = metal["cluster"]["statedFigures"]
        .as_array()
        .expect("figures")
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap_or_default().to_owned(),
                f["qualifier"].as_str().unwrap_or_default().to_owned(),
                f["value"].as_i64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        stated,
        [
            ("COMPANIES".to_owned(), "MORE_THAN".to_owned(), 80),
            ("STRATEGIC_PARTNERS".to_owned(), "EXACTLY".to_owned(), 20)
        ]
    );
}

on_both_backends! {
    stated_figures => figures_a_source_states_are_kept_as_stated_apart_from_the_registrys_count;
    twenty_key_national_clusters => the_twenty_key_national_clusters_have_their_rounds_and_dates;
    kkk_status_by_date => kkk_status_follows_the_dates_asked_for;
    esca_bronze_2017 => esca_bronze_holders_of_2017_are_active_that_day_and_expired_now;
    one_cluster_two_languages => one_cluster_named_in_two_languages_is_one_record;
    statistics => statistics_count_statuses_as_of_a_day;
}
