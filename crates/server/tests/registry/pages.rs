//! Pagination: keyset pages of clusters, organisations and a cluster's members, both ways,
//! their totals, and a page of nested relations at a fixed number of statements.

use crate::common::{Backend, TestApp};
use crate::nodes;
use crate::on_both_backends;
use serde_json::{Value, json};

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

/// The ids of a newest-first list `field` (with the variables `declared` and the `arguments`
/// they fill), read with `first: 2` forwards and with `last: 2`
/// backwards from its end: (forwards, backwards).
async fn walk_newest_first(
    app: &TestApp,
    token: &str,
    field: &str,
    (declared, arguments): (&str, &str),
    variables: Value,
) -> (Vec<Value>, Vec<Value>) {
    let query = format!(
        "query ($first: Int, $after: String, $last: Int, $before: String{declared}) {{ {field}({arguments} first: $first, after: $after, last: $last, before: $before) {{ edges {{ node {{ id }} }} pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }} }} }}"
    );
    let ask = |extra: Value| {
        let mut all = variables.clone();
        all.as_object_mut()
            .expect("variables")
            .extend(extra.as_object().expect("object").clone());
        all
    };
    let ids =
        |page: &Value| -> Vec<Value> { nodes(page).iter().map(|n| n["id"].clone()).collect() };
    let (mut forwards, mut after) = (Vec::new(), Value::Null);
    loop {
        let data = app
            .query_as(token, &query, ask(json!({ "first": 2, "after": after })))
            .await;
        forwards.extend(ids(&data[field]));
        if data[field]["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = data[field]["pageInfo"]["endCursor"].clone();
    }
    let (mut backwards, mut before) = (Vec::new(), Value::Null);
    loop {
        let data = app
            .query_as(token, &query, ask(json!({ "last": 2, "before": before })))
            .await;
        let mut page = ids(&data[field]);
        page.extend(backwards);
        backwards = page;
        if data[field]["pageInfo"]["hasPreviousPage"] != true {
            break;
        }
        before = data[field]["pageInfo"]["startCursor"].clone();
    }
    (forwards, backwards)
}

async fn the_board_and_the_audit_trail_page_both_ways_newest_first(app: TestApp) {
    let member = app.sign_in(crate::common::MEMBER).await;
    let organisation = app.acting_organisation(&member).await;
    for n in 0..5 {
        app.query_as(
            &member,
            "mutation ($i: PostCooperationOfferInput!) { postCooperationOffer(input: $i) { offer { id } } }",
            json!({ "i": { "organisationId": organisation, "kind": "OFFER", "category": "OTHER", "title": format!("Oferta {n}"), "description": "Opis" } }),
        )
        .await;
    }
    let (forwards, backwards) =
        walk_newest_first(&app, &member, "cooperationOffers", ("", ""), json!({})).await;
    assert!(forwards.len() >= 5, "{forwards:?}");
    assert_eq!(backwards, forwards, "the board read backwards");
    let mut unique = forwards.clone();
    unique.dedup();
    assert_eq!(unique.len(), forwards.len(), "no notice twice");

    let operator = app.sign_in(crate::common::OPERATOR).await;
    let cluster = app
        .cluster_id("klaster-gospodarki-odpadowej-i-recyklingu")
        .await;
    for n in 0..5 {
        let version = app
            .query(
                "query ($id: ID!) { node(id: $id) { ... on Cluster { version } } }",
                json!({ "id": cluster }),
            )
            .await["node"]["version"]
            .clone();
        app.query_as(
            &operator,
            "mutation ($i: UpdateClusterInput!) { updateCluster(input: $i) { cluster { version } } }",
            json!({ "i": { "id": cluster, "version": version, "acronym": format!("KGO-{n}") } }),
        )
        .await;
    }
    let (forwards, backwards) = walk_newest_first(
        &app,
        &operator,
        "auditTrail",
        (", $c: ID", "clusterId: $c,"),
        json!({ "c": cluster }),
    )
    .await;
    assert_eq!(forwards.len(), 5, "{forwards:?}");
    assert_eq!(backwards, forwards, "the trail read backwards");
}

on_both_backends! {
    newest_first_lists => the_board_and_the_audit_trail_page_both_ways_newest_first;
    keyset_pagination => pages_walk_every_cluster_once_in_both_directions;
    organisation_search_pages => an_organisation_search_pages_through_every_match_once_in_name_order_both_ways;
    member_pages => a_clusters_members_page_by_name_and_each_edges_cursor_resumes_after_it;
    member_totals => a_member_total_counts_every_page_whatever_the_page_holds;
    statement_count => a_page_of_clusters_with_nested_relations_costs_a_fixed_number_of_statements;
}
