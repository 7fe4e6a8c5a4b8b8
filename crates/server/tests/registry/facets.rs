//! The directory's facet counts: they add up, keep a dimension's own options, count KKK
//! activity by day, refuse unknown sectors, and cost a fixed number of statements.

use crate::common::{Backend, TestApp};
use crate::nodes;
use crate::on_both_backends;
use serde_json::{Value, json};

/// Every facet of the directory, with counts.
const FACETS: &str = r#"query ($filter: ClusterFilter, $on: Date) {
  clusterFacets(filter: $filter, kkkActiveOn: $on) {
    voivodeships { voivodeship { code teryt } count }
    sectors { sector { code namePl } count }
    kkkRounds { round count }
    kkkActive
    escaLevels { level count }
  } }"#;

async fn facets(app: &TestApp, filter: Value, on: &str) -> Value {
    app.query(FACETS, json!({ "filter": filter, "on": on }))
        .await["clusterFacets"]
        .clone()
}

async fn total(app: &TestApp, filter: Value) -> u64 {
    app.query(
        "query ($filter: ClusterFilter) { clusters(filter: $filter) { totalCount } }",
        json!({ "filter": filter }),
    )
    .await["clusters"]["totalCount"]
        .as_u64()
        .expect("a total count")
}

/// A facet's options as (option, count), the option read at `key` (e.g. `/voivodeship/code`).
fn options(facet: &Value, key: &str) -> Vec<(String, u64)> {
    facet
        .as_array()
        .expect("a facet list")
        .iter()
        .map(|row| {
            let option = row.pointer(key).expect("an option");
            let option = option
                .as_str()
                .map_or_else(|| option.to_string(), String::from);
            (option, row["count"].as_u64().expect("a count"))
        })
        .collect()
}

fn sum(options: &[(String, u64)]) -> u64 {
    options.iter().map(|(_, n)| n).sum()
}

/// The demo registry knows the seat of only two clusters; the facet tests give every other
/// cluster one of three voivodeships (half, a third and a sixth of them), so that the
/// voivodeship facet has options of different sizes that overlap with the sectors.
async fn seat_every_cluster(app: &TestApp) {
    use klastry_entity::cluster;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    let seatless: Vec<i32> = cluster::Entity::find()
        .select_only()
        .column(cluster::Column::Id)
        .filter(cluster::Column::VoivodeshipTeryt.is_null())
        .order_by_asc(cluster::Column::Id)
        .into_tuple()
        .all(&app.db)
        .await
        .expect("seatless clusters");
    for (teryt, share) in [("12", [0, 1, 2]), ("24", [3, 4, 4]), ("30", [5, 5, 5])] {
        let ids: Vec<i32> = seatless
            .iter()
            .enumerate()
            .filter(|(i, _)| share.contains(&(i % 6)))
            .map(|(_, id)| *id)
            .collect();
        cluster::Entity::update_many()
            .col_expr(cluster::Column::VoivodeshipTeryt, Expr::value(teryt))
            .filter(cluster::Column::Id.is_in(ids))
            .exec(&app.db)
            .await
            .expect("seats given");
    }
}

async fn voivodeship_facets_add_up_to_the_clusters_and_match_their_filters(app: TestApp) {
    // As loaded, clusters whose seat is not known are in no voivodeship.
    let as_loaded = facets(&app, json!({}), "2024-06-01").await;
    let seated = options(&as_loaded["voivodeships"], "/voivodeship/teryt");
    let statistics = app
        .query(
            "{ statistics { clusterCount clustersByVoivodeship { voivodeship { teryt } count } } }",
            json!({}),
        )
        .await;
    let mut known: Vec<(String, u64)> = statistics["statistics"]["clustersByVoivodeship"]
        .as_array()
        .expect("statistics rows")
        .iter()
        .filter_map(|row| {
            Some((
                row["voivodeship"]["teryt"].as_str()?.to_string(),
                row["count"].as_u64()?,
            ))
        })
        .collect();
    known.sort();
    let mut sorted = seated.clone();
    sorted.sort();
    assert_eq!(sorted, known, "the same as the statistics' known seats");
    assert!(sum(&seated) < total(&app, json!({})).await);

    seat_every_cluster(&app).await;
    let all = facets(&app, json!({}), "2024-06-01").await;
    let by_voivodeship = options(&all["voivodeships"], "/voivodeship/code");
    assert!(by_voivodeship.len() >= 4, "{by_voivodeship:?}");
    assert_eq!(
        sum(&by_voivodeship),
        total(&app, json!({})).await,
        "every cluster is counted once"
    );
    assert!(
        by_voivodeship.windows(2).all(|w| w[0].1 >= w[1].1),
        "most first: {by_voivodeship:?}"
    );
    for (code, count) in &by_voivodeship {
        assert_eq!(
            *count,
            total(&app, json!({ "voivodeships": [code] })).await,
            "{code}"
        );
    }
    // The other dimensions, without a filter, count what their own filters find.
    for (code, count) in options(&all["sectors"], "/sector/code") {
        assert_eq!(
            count,
            total(&app, json!({ "sectors": [code] })).await,
            "{code}"
        );
    }
    let rounds = options(&all["kkkRounds"], "/round");
    assert!(rounds.contains(&("5".into(), 8)), "{rounds:?}");
    assert!(rounds.contains(&("6".into(), 12)), "{rounds:?}");
    assert!(rounds.windows(2).all(|w| w[0].0 < w[1].0), "{rounds:?}");
    for (round, count) in &rounds {
        let round: i64 = round.parse().expect("a round number");
        assert_eq!(*count, total(&app, json!({ "kkkRounds": [round] })).await);
    }
    let levels = options(&all["escaLevels"], "/level");
    assert_eq!(levels.first().map(|l| l.0.as_str()), Some("BRONZE"));
    for (level, count) in &levels {
        assert_eq!(*count, total(&app, json!({ "escaLevels": [level] })).await);
    }
    // A label level counts only labels held on the filter's `escaHeldOn`.
    let held = facets(&app, json!({ "escaHeldOn": "2017-02-24" }), "2024-06-01").await;
    for (level, count) in options(&held["escaLevels"], "/level") {
        assert_eq!(
            count,
            total(
                &app,
                json!({ "escaLevels": [level], "escaHeldOn": "2017-02-24" })
            )
            .await
        );
    }
}

async fn choosing_a_voivodeship_keeps_the_others_and_narrows_the_sectors(app: TestApp) {
    seat_every_cluster(&app).await;
    let all = facets(&app, json!({}), "2024-06-01").await;
    let (chosen, _) = options(&all["voivodeships"], "/voivodeship/code")[0].clone();
    let filter = json!({ "voivodeships": [chosen] });
    let narrowed = facets(&app, filter.clone(), "2024-06-01").await;

    // The voivodeship facet ignores its own condition: every option stays, with its count.
    assert_eq!(narrowed["voivodeships"], all["voivodeships"]);
    assert!(
        narrowed["voivodeships"]
            .as_array()
            .is_some_and(|v| v.len() > 1)
    );

    // The sectors are those of the chosen voivodeship's clusters, and fewer than in all.
    let page = app
        .query(
            "query ($filter: ClusterFilter) { clusters(filter: $filter, first: 100) { edges { node { sectors { code } } } } }",
            json!({ "filter": filter }),
        )
        .await;
    let mut expected: std::collections::BTreeMap<String, u64> = Default::default();
    for node in nodes(&page["clusters"]) {
        for sector in node["sectors"].as_array().into_iter().flatten() {
            let code = sector["code"].as_str().expect("a sector code");
            *expected.entry(code.to_string()).or_default() += 1;
        }
    }
    let sectors = options(&narrowed["sectors"], "/sector/code");
    let got: std::collections::BTreeMap<String, u64> = sectors.iter().cloned().collect();
    assert_eq!(got, expected);
    assert!(!sectors.is_empty());
    assert!(
        sum(&sectors) < sum(&options(&all["sectors"], "/sector/code")),
        "the sector facet narrows to the chosen voivodeship"
    );
    assert!(
        sectors
            .windows(2)
            .all(|w| w[0].1 > w[1].1 || (w[0].1 == w[1].1 && w[0].0 < w[1].0)),
        "most first, then by code: {sectors:?}"
    );
    let (sector, count) = sectors[0].clone();
    assert_eq!(
        count,
        total(
            &app,
            json!({ "voivodeships": [chosen], "sectors": [sector] })
        )
        .await
    );

    // Choosing a sector too keeps every sector of the voivodeship, and narrows the
    // voivodeships to that sector's.
    let both = facets(
        &app,
        json!({ "voivodeships": [chosen], "sectors": [sector] }),
        "2024-06-01",
    )
    .await;
    assert_eq!(both["sectors"], narrowed["sectors"]);
    for (code, count) in options(&both["voivodeships"], "/voivodeship/code") {
        assert_eq!(
            count,
            total(&app, json!({ "voivodeships": [code], "sectors": [sector] })).await
        );
    }
}

async fn kkk_active_counts_the_clusters_active_on_the_day(app: TestApp) {
    seat_every_cluster(&app).await;
    for day in ["2016-06-01", "2024-06-01", "2025-06-01", "2026-11-23"] {
        let all = facets(&app, json!({}), day).await;
        assert_eq!(
            all["kkkActive"].as_u64(),
            Some(total(&app, json!({ "kkkActiveOn": day })).await),
            "{day}"
        );
    }
    assert_eq!(facets(&app, json!({}), "2024-06-01").await["kkkActive"], 20);
    // The facet's day replaces the filter's own `kkkActiveOn`, which still narrows the rest.
    let nobody_active = json!({ "kkkActiveOn": "2026-11-23" });
    let replaced = facets(&app, nobody_active, "2024-06-01").await;
    assert_eq!(replaced["kkkActive"], 20);
    assert_eq!(replaced["voivodeships"], json!([]));
    assert_eq!(replaced["kkkRounds"], json!([]));
    // Rounds are counted among the clusters active on the filter's day, by any certification.
    let active_2025 = json!({ "kkkActiveOn": "2025-06-01" });
    let rounds = options(
        &facets(&app, active_2025, "2024-06-01").await["kkkRounds"],
        "/round",
    );
    assert!(rounds.contains(&("6".into(), 12)), "{rounds:?}");
    for (round, count) in rounds {
        let round: i64 = round.parse().expect("a round number");
        assert_eq!(
            count,
            total(
                &app,
                json!({ "kkkRounds": [round], "kkkActiveOn": "2025-06-01" })
            )
            .await,
            "round {round}"
        );
    }
    // Other conditions apply.
    let all = facets(&app, json!({}), "2024-06-01").await;
    for (code, _) in options(&all["voivodeships"], "/voivodeship/code") {
        let filtered = facets(&app, json!({ "voivodeships": [code] }), "2024-06-01").await;
        assert_eq!(
            filtered["kkkActive"].as_u64(),
            Some(
                total(
                    &app,
                    json!({ "voivodeships": [code], "kkkActiveOn": "2024-06-01" })
                )
                .await
            ),
            "{code}"
        );
    }
    // Without a day, today's statuses are counted.
    let today = app
        .query("{ clusterFacets { kkkActive } }", json!({}))
        .await;
    let day = klastry_domain::rules::calendar::polish_today().to_string();
    assert_eq!(
        today["clusterFacets"]["kkkActive"].as_u64(),
        Some(total(&app, json!({ "kkkActiveOn": day })).await)
    );
}

async fn an_unknown_sector_in_the_facets_filter_is_refused_like_in_clusters(app: TestApp) {
    let (_, facets) = app
        .post(
            r#"{ clusterFacets(filter: { sectors: ["digital", "no-such-sector"] }) { kkkActive } }"#,
            json!({}),
        )
        .await;
    let (_, clusters) = app
        .post(
            r#"{ clusters(filter: { sectors: ["digital", "no-such-sector"] }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(facets["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(
        facets["errors"][0]["extensions"],
        clusters["errors"][0]["extensions"]
    );
    assert_eq!(
        facets["errors"][0]["message"],
        clusters["errors"][0]["message"]
    );
    let message = facets["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("no-such-sector"), "{message}");
    assert_eq!(facets["data"], Value::Null, "{facets}");
}

async fn cluster_facets_cost_a_fixed_number_of_statements(app: TestApp) {
    seat_every_cluster(&app).await;
    // One statement reading the registry's revision, by which the server keeps the counts and
    // the sectors' names; then one per dimension (voivodeships, sectors, rounds, KKK active,
    // ESCA levels), and one resolving the filter's sector codes when it names any.
    let narrowed = json!({
        "voivodeships": ["MALOPOLSKIE", "SLASKIE", "WIELKOPOLSKIE"],
        "kkkRounds": [5, 6],
        "kkkActiveOn": "2024-06-01",
        "escaLevels": ["BRONZE", "SILVER"],
        "text": "klaster"
    });
    let narrowed_sectors = facets(&app, narrowed.clone(), "2024-06-01").await["sectors"].clone();
    assert!(
        narrowed_sectors.as_array().is_some_and(|s| !s.is_empty()),
        "{narrowed_sectors}"
    );
    // Computed, at days not asked for yet: the registry's revision, then the counts.
    let first = |filter: Value| {
        let app = &app;
        async move {
            let days = ["2019-01-01", "2019-01-02"].map(|on| json!({ "filter": filter, "on": on }));
            app.first_statements(FACETS, &days).await
        }
    };
    let plain = first(json!({})).await;
    let narrowed_cost = first(narrowed.clone()).await;
    let sectors = json!({ "sectors": ["digital", "health", "agri-food"] });
    let with_sectors = first(sectors.clone()).await;
    let nothing = first(json!({ "text": "no such cluster" })).await;
    assert_eq!((plain, narrowed_cost, with_sectors, nothing), (6, 6, 7, 6));
    // Kept until something changes: the revision only.
    let kept = |filter: Value| {
        let app = &app;
        async move {
            app.statements(FACETS, json!({ "filter": filter, "on": "2019-01-01" }))
                .await
        }
    };
    assert_eq!(
        (
            kept(json!({})).await,
            kept(narrowed).await,
            kept(sectors).await,
            kept(json!({ "text": "no such cluster" })).await
        ),
        (1, 1, 1, 1)
    );
}

const ORGANISATION_FACETS: &str = r#"query ($filter: OrganisationFilter) {
  organisationFacets(filter: $filter) {
    kinds { kind count }
    voivodeships { voivodeship { code } count }
    sectors { sector { code } count }
    clusters { cluster { slug } count }
  }
  organisations(filter: $filter) { totalCount } }"#;

async fn organisation_facets_add_up_keep_their_own_options_and_filter_by_cluster(app: TestApp) {
    let all = app
        .query(ORGANISATION_FACETS, json!({ "filter": {} }))
        .await;
    let total = all["organisations"]["totalCount"]
        .as_u64()
        .expect("a total");
    let kinds = options(&all["organisationFacets"]["kinds"], "/kind");
    // An organisation has at most one kind; some have none known.
    assert!(sum(&kinds) <= total && !kinds.is_empty(), "{all}");
    let (kind, count) = kinds.first().cloned().expect("a kind");
    let chosen = app
        .query(
            ORGANISATION_FACETS,
            json!({ "filter": { "kinds": [kind] } }),
        )
        .await;
    assert_eq!(chosen["organisations"]["totalCount"], count);
    assert_eq!(
        options(&chosen["organisationFacets"]["kinds"], "/kind"),
        kinds,
        "choosing a kind keeps the other kinds' counts"
    );
    let clusters = options(&all["organisationFacets"]["clusters"], "/cluster/slug");
    let (slug, members) = clusters.first().cloned().expect("a cluster with members");
    let id = app.cluster_id(&slug).await;
    let of_cluster = app
        .query(
            ORGANISATION_FACETS,
            json!({ "filter": { "clusters": [id] } }),
        )
        .await;
    assert_eq!(
        of_cluster["organisations"]["totalCount"], members,
        "the cluster filter holds its current members: {of_cluster}"
    );
    assert!(
        sum(&options(
            &of_cluster["organisationFacets"]["kinds"],
            "/kind"
        )) <= members
    );
    let plain = app
        .statements(ORGANISATION_FACETS, json!({ "filter": {} }))
        .await;
    let narrowed = app
        .statements(
            ORGANISATION_FACETS,
            json!({ "filter": { "clusters": [id], "text": "a", "kinds": [kind] } }),
        )
        .await;
    assert_eq!(
        plain, narrowed,
        "a fixed number of statements, whatever the filter"
    );
}

on_both_backends! {
    facets_add_up => voivodeship_facets_add_up_to_the_clusters_and_match_their_filters;
    facets_keep_own_options => choosing_a_voivodeship_keeps_the_others_and_narrows_the_sectors;
    facets_kkk_active => kkk_active_counts_the_clusters_active_on_the_day;
    facets_unknown_sector => an_unknown_sector_in_the_facets_filter_is_refused_like_in_clusters;
    facets_statement_count => cluster_facets_cost_a_fixed_number_of_statements;
    organisation_facets => organisation_facets_add_up_keep_their_own_options_and_filter_by_cluster;
}
