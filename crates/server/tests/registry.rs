//! The read API over HTTP against the demo registry: KKK and ESCA facts, search, pagination,
//! statistics, the directory's facet counts, and the cost of nested queries.

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

const ORGANISATION_PAGE: &str = r#"query ($filter: OrganisationFilter, $first: Int, $after: String, $last: Int, $before: String) {
    organisations(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { node { id name city kind } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    } }"#;

/// Every organisation `filter` holds, read page by page: forwards with `first: size`, or
/// backwards with `last: size`, then put back in list order.
async fn walk_organisations(
    app: &TestApp,
    filter: Value,
    size: i64,
    backwards: bool,
) -> Vec<Value> {
    let mut walked: Vec<Value> = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let variables = if backwards {
            json!({ "filter": filter, "last": size, "before": cursor })
        } else {
            json!({ "filter": filter, "first": size, "after": cursor })
        };
        let page = &app.query(ORGANISATION_PAGE, variables).await["organisations"];
        let mut items = nodes(page);
        assert!(items.len() as i64 <= size, "{page}");
        let (more, next) = if backwards {
            items.extend(walked);
            walked = items;
            ("hasPreviousPage", "startCursor")
        } else {
            walked.extend(items);
            ("hasNextPage", "endCursor")
        };
        if page["pageInfo"][more] != true {
            assert_eq!(page["totalCount"].as_u64(), Some(walked.len() as u64));
            return walked;
        }
        cursor = page["pageInfo"][next].as_str().map(String::from);
    }
}

async fn an_organisation_search_pages_through_every_match_once_in_name_order_both_ways(
    app: TestApp,
) {
    use klastry_domain::rules::text::fold;
    let everyone = walk_organisations(&app, json!({}), 100, false).await;
    let term = "ow";
    let matches = |o: &&Value| {
        let text = format!(
            "{} {}",
            o["name"].as_str().unwrap_or_default(),
            o["city"].as_str().unwrap_or_default()
        );
        fold(&text).contains(term)
    };
    let expected: Vec<Value> = everyone.iter().filter(matches).cloned().collect();
    assert!(
        expected.len() > 10,
        "the term should match many: {}",
        expected.len()
    );
    assert!(expected.len() < everyone.len(), "and not every one");
    // The upper-case, accented spelling finds what the folded one does.
    for filter in [json!({ "text": term }), json!({ "text": "ÓW" })] {
        for backwards in [false, true] {
            let walked = walk_organisations(&app, filter.clone(), 4, backwards).await;
            assert_eq!(walked, expected, "{filter} backwards: {backwards}");
        }
    }
    // With a second filter the search walks the same order.
    let kind = expected
        .iter()
        .find(|o| o["kind"].is_string())
        .map(|o| o["kind"].clone())
        .expect("a match with a kind");
    let of_kind: Vec<Value> = expected
        .iter()
        .filter(|o| o["kind"] == kind)
        .cloned()
        .collect();
    let walked = walk_organisations(&app, json!({ "text": term, "kinds": [kind] }), 3, false).await;
    assert_eq!(walked, of_kind);
}

async fn a_clusters_members_page_by_name_and_each_edges_cursor_resumes_after_it(app: TestApp) {
    let query = r#"query ($first: Int, $after: String) {
        cluster(slug: "klaster-obrobki-metali") {
          members(first: $first, after: $after) {
            totalCount
            edges { cursor node { organisation { name nip city } } }
            pageInfo { hasNextPage endCursor }
          } } }"#;
    let everyone = app.query(query, json!({ "first": 100 })).await;
    let everyone = &everyone["cluster"]["members"];
    let all: Vec<Value> = nodes(everyone)
        .iter()
        .map(|n| n["organisation"].clone())
        .collect();
    assert!(all.len() >= 4, "the demo cluster has members: {everyone}");
    assert_eq!(everyone["totalCount"].as_u64(), Some(all.len() as u64));
    assert!(
        all.iter().all(|o| o["name"].is_string()),
        "organisations come with their names: {all:?}"
    );
    let mut by_name: Vec<String> = all
        .iter()
        .filter_map(|o| o["name"].as_str().map(str::to_lowercase))
        .collect();
    by_name.sort();
    assert_eq!(
        all.iter()
            .filter_map(|o| o["name"].as_str().map(str::to_lowercase))
            .collect::<Vec<_>>(),
        by_name,
        "members by name"
    );

    // One at a time, resuming after the last edge's own cursor.
    let mut paged = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let data = app
            .query(query, json!({ "first": 1, "after": after }))
            .await;
        let page = &data["cluster"]["members"];
        let edges = page["edges"].as_array().cloned().unwrap_or_default();
        paged.extend(edges.iter().map(|e| e["node"]["organisation"].clone()));
        let last_cursor = edges.last().map(|e| e["cursor"].clone());
        if page["pageInfo"]["hasNextPage"] != true {
            break;
        }
        assert_eq!(last_cursor.as_ref(), Some(&page["pageInfo"]["endCursor"]));
        after = last_cursor.and_then(|c| c.as_str().map(String::from));
    }
    assert_eq!(
        paged, all,
        "pages of one give the same members in the same order"
    );
}

async fn a_member_total_counts_every_page_whatever_the_page_holds(app: TestApp) {
    // The total comes from the page's own statement when a query asks for both; it must not
    // depend on the page's size or position, only on the filters.
    let everyone = r#"query ($kinds: [OrganisationKind!]) {
        cluster(slug: "klaster-obrobki-metali") {
          members(first: 100, kinds: $kinds) { edges { cursor node { organisation { kind } } } } } }"#;
    let counted = r#"query ($first: Int, $after: String, $kinds: [OrganisationKind!]) {
        cluster(slug: "klaster-obrobki-metali") {
          members(first: $first, after: $after, kinds: $kinds) {
            total: totalCount edges { cursor } } } }"#;
    let all = app.query(everyone, json!({})).await;
    let edges = all["cluster"]["members"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(edges.len() >= 4, "the demo cluster has members");
    let last = edges.last().map(|e| e["cursor"].clone());
    for (variables, page) in [
        (json!({ "first": 2 }), 2),
        (json!({ "first": 0 }), 0),
        (json!({ "first": 1, "after": last }), 0),
    ] {
        let data = app.query(counted, variables.clone()).await;
        let members = &data["cluster"]["members"];
        assert_eq!(
            members["total"].as_u64(),
            Some(edges.len() as u64),
            "{variables}"
        );
        assert_eq!(members["edges"].as_array().map(Vec::len), Some(page));
    }
    let kind = edges
        .iter()
        .map(|e| e["node"]["organisation"]["kind"].clone())
        .find(Value::is_string)
        .expect("a member of a known kind");
    let of_kind = edges
        .iter()
        .filter(|e| e["node"]["organisation"]["kind"] == kind)
        .count();
    let data = app
        .query(counted, json!({ "first": 1, "kinds": [kind] }))
        .await;
    assert_eq!(
        data["cluster"]["members"]["total"].as_u64(),
        Some(of_kind as u64)
    );
    let only_total = app
        .query(
            r#"{ cluster(slug: "klaster-obrobki-metali") { members { totalCount } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        only_total["cluster"]["members"]["totalCount"].as_u64(),
        Some(edges.len() as u64)
    );
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

/// The cluster lists whose items (or what each item names) can be read by id: the list, the
/// field of the item that holds the node (None: the item is the node), and the node's type.
const LISTED_NODES: &[(&str, Option<&str>, &str)] = &[
    ("kkkCertifications", None, "KkkCertification"),
    ("escaLabels", None, "EscaLabel"),
    ("events", None, "Event"),
    ("projects", None, "Project"),
    ("people", Some("person"), "Person"),
];

/// A fragment selecting every field of `type_name` that takes no arguments: scalars and enums,
/// and the same of each object it names, one level down.
async fn every_field(app: &TestApp, type_name: &str, depth: usize) -> String {
    fields_of(app, type_name, depth).await.join(" ")
}

/// Each field of `type_name` that takes no arguments, as a selection of its own: scalars and
/// enums, and each object it names with every such field of that object, `depth` levels down.
async fn fields_of(app: &TestApp, type_name: &str, depth: usize) -> Vec<String> {
    let data = app
        .query(
            r#"query ($name: String!) { __type(name: $name) { fields {
                 name args { name }
                 type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }"#,
            json!({ "name": type_name }),
        )
        .await;
    let mut selection = Vec::new();
    for field in data["__type"]["fields"].as_array().into_iter().flatten() {
        if field["args"].as_array().is_some_and(|a| !a.is_empty()) {
            continue;
        }
        let mut base = &field["type"];
        while !base["ofType"].is_null() {
            base = &base["ofType"];
        }
        let name = field["name"].as_str().unwrap_or_default();
        match base["kind"].as_str() {
            Some("SCALAR" | "ENUM") => selection.push(name.to_owned()),
            Some("OBJECT") if depth > 0 => {
                let inner = Box::pin(every_field(
                    app,
                    base["name"].as_str().unwrap_or_default(),
                    depth - 1,
                ))
                .await;
                if !inner.is_empty() {
                    selection.push(format!("{name} {{ {inner} }}"));
                }
            }
            _ => {}
        }
    }
    selection
}

async fn a_clusters_lists_read_together_equal_each_item_read_by_its_id(app: TestApp) {
    // Every field of every item, read through the cluster's lists (one statement that
    // aggregates the rows into JSON), must equal the same item read by its id (a plain read).
    let mut fragments = String::new();
    for (_, _, type_name) in LISTED_NODES {
        let fields = every_field(&app, type_name, 1).await;
        fragments.push_str(&format!(
            "fragment {type_name}Fields on {type_name} {{ {fields} }}\n"
        ));
    }
    let lists: Vec<String> = LISTED_NODES
        .iter()
        .map(|(list, inner, type_name)| match inner {
            None => format!("{list} {{ ...{type_name}Fields }}"),
            Some(inner) => format!("{list} {{ {inner} {{ ...{type_name}Fields }} }}"),
        })
        .collect();
    let data = app
        .query(
            &format!(
                "{{ clusters(first: 100) {{ edges {{ node {{ slug {} }} }} }} }}\n{fragments}",
                lists.join(" ")
            ),
            json!({}),
        )
        .await;
    let mut items = Vec::new();
    for (list, inner, type_name) in LISTED_NODES {
        let before = items.len();
        for cluster in nodes(&data["clusters"]) {
            let listed = cluster[*list].as_array().cloned().unwrap_or_default();
            items.extend(listed.into_iter().map(|item| match inner {
                None => item,
                Some(inner) => item[*inner].clone(),
            }));
        }
        assert!(items.len() > before, "the demo registry has {type_name}s");
    }
    assert!(items.len() > 50, "{} items", items.len());
    let spreads: Vec<String> = LISTED_NODES
        .iter()
        .map(|(_, _, type_name)| format!("...{type_name}Fields"))
        .collect();
    let by_id = format!(
        "query ($ids: [ID!]!) {{ nodes(ids: $ids) {{ {} }} }}\n{fragments}",
        spreads.join(" ")
    );
    for chunk in items.chunks(50) {
        let ids: Vec<&Value> = chunk.iter().map(|item| &item["id"]).collect();
        let found = app.query(&by_id, json!({ "ids": ids })).await;
        let found = found["nodes"].as_array().cloned().unwrap_or_default();
        assert_eq!(found.len(), chunk.len());
        for (listed, read) in chunk.iter().zip(&found) {
            assert_eq!(listed, read, "an item read in its list and by its id");
        }
    }
}

async fn each_field_of_a_member_page_equals_the_membership_read_by_its_id(app: TestApp) {
    // A page of members reads only the columns its fields show. Each field, asked alone and all
    // together, must show what the same membership and organisation show read by id (every
    // column), so a field whose columns are listed wrong shows up here.
    let mut selections: Vec<String> = fields_of(&app, "Membership", 0).await;
    let organisation_fields = fields_of(&app, "Organisation", 1).await;
    assert!(
        organisation_fields.iter().any(|f| f == "nip"),
        "{organisation_fields:?}"
    );
    selections.extend(
        organisation_fields
            .iter()
            .map(|field| format!("organisation {{ {field} }}")),
    );
    selections.push(format!(
        "{} organisation {{ {} }}",
        every_field(&app, "Membership", 0).await,
        organisation_fields.join(" ")
    ));
    for selection in selections {
        let data = app
            .query(
                &format!(
                    // Eight a cluster, to stay under the complexity limit with every field.
                    "{{ clusters(first: 100) {{ edges {{ node {{ members(first: 8) {{
                       edges {{ node {{ id {selection} }} }} nodes {{ id {selection} }} }} }} }} }} }}"
                ),
                json!({}),
            )
            .await;
        let mut members: Vec<Value> = Vec::new();
        for cluster in nodes(&data["clusters"]) {
            let paged = nodes(&cluster["members"]);
            assert_eq!(
                Some(&paged),
                cluster["members"]["nodes"].as_array(),
                "{selection}"
            );
            members.extend(paged);
        }
        assert!(members.len() > 15, "{selection}: {} members", members.len());
        each_equals_its_node_read_by_id(&app, &members, "Membership", &selection).await;
    }
}

/// Checks that each of `paged` (its `id` and `selection`) equals the `type_name` of that id read
/// through `nodes(ids:)`, which reads whole rows.
async fn each_equals_its_node_read_by_id(
    app: &TestApp,
    paged: &[Value],
    type_name: &str,
    selection: &str,
) {
    let by_id = format!(
        "query ($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on {type_name} {{ id {selection} }} }} }}"
    );
    for chunk in paged.chunks(50) {
        let ids: Vec<&Value> = chunk.iter().map(|node| &node["id"]).collect();
        let found = app.query(&by_id, json!({ "ids": ids })).await;
        let found = found["nodes"].as_array().cloned().unwrap_or_default();
        assert_eq!(found.len(), chunk.len(), "{selection}");
        for (on_page, read) in chunk.iter().zip(&found) {
            assert_eq!(on_page, read, "{selection}: on its page and read by id");
        }
    }
}

async fn each_field_of_a_page_of_organisations_equals_the_organisation_read_by_its_id(
    app: TestApp,
) {
    // A page of organisations reads only the columns its fields show, as a page of members does.
    let mut selections = fields_of(&app, "Organisation", 1).await;
    selections.push(selections.join(" "));
    for selection in selections {
        for filter in ["", r#"filter: { text: "a" }, "#] {
            let data = app
                .query(
                    &format!(
                        "{{ organisations({filter}first: 100) {{
                           edges {{ node {{ id {selection} }} }} nodes {{ id {selection} }} }} }}"
                    ),
                    json!({}),
                )
                .await;
            let paged = nodes(&data["organisations"]);
            assert_eq!(
                Some(&paged),
                data["organisations"]["nodes"].as_array(),
                "{selection}"
            );
            assert!(
                paged.len() > 15,
                "{selection}: {} organisations",
                paged.len()
            );
            each_equals_its_node_read_by_id(&app, &paged, "Organisation", &selection).await;
        }
    }
}

async fn a_cluster_read_by_slug_or_id_comes_with_its_coordinator(app: TestApp) {
    // Asked for its coordinator, a cluster is read with it in one statement; the answer must be
    // the organisation as read on its own, and a cluster without one has none.
    let fields = "id name nip regon kind city";
    let by_slug = app
        .query(
            &format!(r#"{{ cluster(slug: "klaster-obrobki-metali") {{ id coordinator {{ {fields} }} }} }}"#),
            json!({}),
        )
        .await;
    let coordinator = by_slug["cluster"]["coordinator"].clone();
    assert!(coordinator["name"].is_string(), "{by_slug}");
    let by_id = app
        .query(
            &format!("query ($id: ID!) {{ cluster(id: $id) {{ coordinator {{ {fields} }} }} }}"),
            json!({ "id": by_slug["cluster"]["id"] }),
        )
        .await;
    assert_eq!(by_id["cluster"]["coordinator"], coordinator);
    let alone = app
        .query(
            &format!(
                "query ($id: ID!) {{ node(id: $id) {{ ... on Organisation {{ {fields} }} }} }}"
            ),
            json!({ "id": coordinator["id"] }),
        )
        .await;
    assert_eq!(alone["node"], coordinator);
    assert_eq!(
        app.error_code(
            r#"{ cluster(slug: "no-such-cluster") { coordinator { name } } }"#,
            json!({})
        )
        .await,
        "NOT_FOUND"
    );
    let all = app
        .query(
            "{ clusters(first: 100) { edges { node { slug coordinator { id } } } } }",
            json!({}),
        )
        .await;
    for cluster in nodes(&all["clusters"]) {
        let one = app
            .query(
                "query ($slug: String!) { cluster(slug: $slug) { coordinator { id } } }",
                json!({ "slug": cluster["slug"] }),
            )
            .await;
        assert_eq!(
            one["cluster"]["coordinator"], cluster["coordinator"],
            "{cluster}"
        );
    }
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
    // page + count, member pages (with their organisations and member counts), and the
    // clusters' lists together: sector links with their sectors, certifications with their
    // rounds, labels, roles with their people.
    assert_eq!(four, 4, "one statement per nesting level");
    assert_eq!(
        (four, fifty, hundred),
        (4, 4, 4),
        "statements must not grow with the page size"
    );
}

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
    // One statement per dimension (voivodeships, sectors, rounds, KKK active, ESCA levels),
    // one for the names of the sectors counted (none when no sector is), and one resolving the
    // filter's sector codes when it names any.
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
    let plain = app.statements(FACETS, json!({ "filter": {} })).await;
    let narrowed = app.statements(FACETS, json!({ "filter": narrowed })).await;
    let with_sectors = app
        .statements(
            FACETS,
            json!({ "filter": { "sectors": ["digital", "health", "agri-food"] } }),
        )
        .await;
    let nothing = app
        .statements(FACETS, json!({ "filter": { "text": "no such cluster" } }))
        .await;
    assert_eq!((plain, narrowed, with_sectors, nothing), (6, 6, 7, 5));
}

on_both_backends! {
    twenty_key_national_clusters => the_twenty_key_national_clusters_have_their_rounds_and_dates;
    kkk_status_by_date => kkk_status_follows_the_dates_asked_for;
    esca_bronze_2017 => esca_bronze_holders_of_2017_are_active_that_day_and_expired_now;
    one_cluster_two_languages => one_cluster_named_in_two_languages_is_one_record;
    diacritics => search_ignores_case_and_polish_diacritics;
    keyset_pagination => pages_walk_every_cluster_once_in_both_directions;
    organisation_search_pages => an_organisation_search_pages_through_every_match_once_in_name_order_both_ways;
    member_pages => a_clusters_members_page_by_name_and_each_edges_cursor_resumes_after_it;
    member_totals => a_member_total_counts_every_page_whatever_the_page_holds;
    statistics => statistics_count_statuses_as_of_a_day;
    global_ids => nodes_are_found_by_their_global_ids;
    lists_read_together => a_clusters_lists_read_together_equal_each_item_read_by_its_id;
    cluster_with_coordinator => a_cluster_read_by_slug_or_id_comes_with_its_coordinator;
    member_page_fields => each_field_of_a_member_page_equals_the_membership_read_by_its_id;
    organisation_page_fields => each_field_of_a_page_of_organisations_equals_the_organisation_read_by_its_id;
    statement_count => a_page_of_clusters_with_nested_relations_costs_a_fixed_number_of_statements;
    facets_add_up => voivodeship_facets_add_up_to_the_clusters_and_match_their_filters;
    facets_keep_own_options => choosing_a_voivodeship_keeps_the_others_and_narrows_the_sectors;
    facets_kkk_active => kkk_active_counts_the_clusters_active_on_the_day;
    facets_unknown_sector => an_unknown_sector_in_the_facets_filter_is_refused_like_in_clusters;
    facets_statement_count => cluster_facets_cost_a_fixed_number_of_statements;
}
