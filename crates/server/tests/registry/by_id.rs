//! Objects read by their global IDs, and lists and pages that must equal each item read so.

use crate::common::{Backend, TestApp};
use crate::nodes;
use crate::on_both_backends;
use serde_json::{Value, json};

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

on_both_backends! {
    global_ids => nodes_are_found_by_their_global_ids;
    lists_read_together => a_clusters_lists_read_together_equal_each_item_read_by_its_id;
    cluster_with_coordinator => a_cluster_read_by_slug_or_id_comes_with_its_coordinator;
    member_page_fields => each_field_of_a_member_page_equals_the_membership_read_by_its_id;
    organisation_page_fields => each_field_of_a_page_of_organisations_equals_the_organisation_read_by_its_id;
}
