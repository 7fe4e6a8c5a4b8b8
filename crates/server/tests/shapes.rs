//! The benchmark's query shapes (bench/queries/) cost a fixed number of SQL statements, whatever
//! the page size, on a synthetic registry where every level has rows.

mod common;

use common::{Backend, TestApp};
use klastry_domain::bulk::synthetic::{Scale, generate};
use serde_json::json;

const SCALE: Scale = Scale {
    clusters: 120,
    organisations: 600,
    memberships: 3_600,
    certifications: 480,
    seed: 7,
};

fn bench_query(name: &str) -> String {
    let path = format!(
        "{}/../../bench/queries/{name}.graphql",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

/// The query with its first page size replaced.
fn with_page(query: &str, from: &str, to: &str) -> String {
    assert!(query.contains(from), "{from} not in the query");
    query.replacen(from, to, 1)
}

async fn every_benchmark_shape_costs_the_same_statements_at_any_page_size(app: TestApp) {
    let made = generate(&app.db, SCALE).await.expect("generated");
    assert_eq!(made.clusters, 120);

    let nested = bench_query("nested_list");
    let small = app
        .statements(
            &with_page(&nested, "clusters(first: 50)", "clusters(first: 3)"),
            json!({}),
        )
        .await;
    let large = app.statements(&nested, json!({})).await;
    let all = app
        .statements(
            &with_page(&nested, "clusters(first: 50)", "clusters(first: 100)"),
            json!({}),
        )
        .await;
    assert_eq!((small, large, all), (large, large, large), "nested list");
    // page, member pages (with their organisations and member counts), and the clusters'
    // certifications (with their rounds) and labels together.
    assert_eq!(large, 3, "nested list");

    let reverse = bench_query("reverse_nesting");
    let small = app
        .statements(
            &with_page(
                &reverse,
                "organisations(first: 50)",
                "organisations(first: 4)",
            ),
            json!({}),
        )
        .await;
    let large = app.statements(&reverse, json!({})).await;
    assert_eq!(small, large, "reverse nesting");
    assert_eq!(
        large, 4,
        "reverse nesting: organisations, memberships, clusters, the clusters' certifications with their rounds"
    );

    let slug = app
        .query(
            "{ clusters(first: 1) { edges { node { slug } } } }",
            json!({}),
        )
        .await["clusters"]["edges"][0]["node"]["slug"]
        .clone();
    let profile = app
        .statements(&bench_query("profile"), json!({ "slug": slug }))
        .await;
    // The cluster with its coordinator; then its member page with its member count, and its
    // lists together: sectors (with the sectors), certifications (with their rounds), labels,
    // people (with the people), projects and events.
    assert_eq!(profile, 3, "profile");

    let search = app
        .statements(
            &bench_query("organisation_search"),
            json!({ "text": "zuraw" }),
        )
        .await;
    assert_eq!(search, 1, "search is one statement");

    // The registry's revision, then the two counts, the member organisations of the day,
    // clusters by voivodeship, organisations by kind, KKK and ESCA records: one statement each.
    let statistics = app
        .first_statements(
            &bench_query("statistics"),
            &[json!({ "on": "2020-01-01" }), json!({ "on": "2021-01-01" })],
        )
        .await;
    assert_eq!(statistics, 8, "statistics computed");
    // Asked again before anything changed: the revision only.
    let kept = app
        .statements(&bench_query("statistics"), json!({ "on": "2020-01-01" }))
        .await;
    assert_eq!(kept, 1, "statistics kept");
}

async fn the_generator_writes_valid_identifiers_and_polish_names(app: TestApp) {
    generate(&app.db, SCALE).await.expect("generated");
    let data = app
        .query(
            r#"{ organisations(first: 100) { totalCount edges { node { nip regon name voivodeship { name } } } }
                 clusters(filter: { text: "slaski" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["organisations"]["totalCount"], 600);
    for edge in data["organisations"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let node = &edge["node"];
        let nip = node["nip"].as_str().unwrap_or_default();
        assert!(
            klastry_domain::rules::identifiers::normalise_nip(nip).is_ok(),
            "{node}"
        );
        let regon = node["regon"].as_str().unwrap_or_default();
        assert!(
            klastry_domain::rules::identifiers::normalise_regon(regon).is_ok(),
            "{node}"
        );
    }
    assert!(
        data["clusters"]["totalCount"].as_u64().unwrap_or(0) > 0,
        "diacritic names were generated"
    );
    // A second run refuses to write into a filled registry, and writes nothing.
    assert!(generate(&app.db, SCALE).await.is_err());
    let again = app
        .query("{ statistics { clusterCount } }", json!({}))
        .await;
    assert_eq!(again["statistics"]["clusterCount"], 120);
}

on_both_backends! {
    empty =>
    shape_statement_counts => every_benchmark_shape_costs_the_same_statements_at_any_page_size;
    generator => the_generator_writes_valid_identifiers_and_polish_names;
}
