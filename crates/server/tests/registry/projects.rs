//! The registry-wide list of projects: every cluster's projects by name, filtered by programme,
//! cluster and voivodeship and paged; the programmes' counts keep every choice visible once one
//! is made; the cost of a page does not grow with its size.

use crate::common::{Backend, COORDINATOR, TestApp};
use crate::nodes;
use crate::on_both_backends;
use serde_json::{Value, json};

const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";

const PROJECTS: &str = r#"query ($filter: ProjectFilter, $first: Int, $after: String) {
  projects(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { name programme cluster { slug } } }
  } }"#;

const PROGRAMMES: &str = r#"query ($filter: ProjectFilter) {
  projectProgrammes(filter: $filter) { programme count } }"#;

/// The recycling cluster's coordinator records three projects, two under one programme and one
/// with none. Returns the cluster's ID.
async fn add_projects(app: &TestApp) -> String {
    let token = app.sign_in(COORDINATOR).await;
    let cluster = app.cluster_id(RECYCLING).await;
    for (name, programme) in [
        (
            "Zielona Transformacja Odpadów",
            Some("Test Programme Alpha"),
        ),
        ("Akademia Recyklingu", Some("Test Programme Alpha")),
        ("Mapa Surowców Wtórnych", None),
    ] {
        let data = app
            .query_as(
                &token,
                "mutation($input: CreateProjectInput!) { createProject(input: $input) { userErrors { field } } }",
                json!({ "input": { "clusterId": cluster, "name": name, "programme": programme } }),
            )
            .await;
        assert_eq!(data["createProject"]["userErrors"], json!([]), "{name}");
    }
    cluster
}

fn names(connection: &Value) -> Vec<String> {
    nodes(connection)
        .iter()
        .map(|n| n["name"].as_str().unwrap_or_default().to_string())
        .collect()
}

async fn projects_are_listed_by_name_and_filtered_by_programme_and_cluster(app: TestApp) {
    let cluster = add_projects(&app).await;
    let alpha = json!({ "programmes": ["Test Programme Alpha"] });
    let first = app
        .query(PROJECTS, json!({ "filter": alpha, "first": 1 }))
        .await;
    assert_eq!(names(&first["projects"]), ["Akademia Recyklingu"]);
    assert_eq!(first["projects"]["totalCount"], 2);
    assert_eq!(
        nodes(&first["projects"])[0]["cluster"]["slug"],
        RECYCLING,
        "each project names its cluster"
    );
    let next = app
        .query(
            PROJECTS,
            json!({ "filter": alpha, "first": 1, "after": first["projects"]["pageInfo"]["endCursor"] }),
        )
        .await;
    assert_eq!(names(&next["projects"]), ["Zielona Transformacja Odpadów"]);
    assert_eq!(next["projects"]["pageInfo"]["hasNextPage"], false);

    let of_cluster = app
        .query(
            PROJECTS,
            json!({ "filter": { "clusters": [cluster] }, "first": 100 }),
        )
        .await;
    let listed = names(&of_cluster["projects"]);
    assert!(
        listed.contains(&"Mapa Surowców Wtórnych".to_string()),
        "a project with no programme is listed: {listed:?}"
    );

    let seat = app
        .query(
            r#"query ($slug: String!) { cluster(slug: $slug) { voivodeship { code } } }"#,
            json!({ "slug": RECYCLING }),
        )
        .await;
    let seat = seat["cluster"]["voivodeship"]["code"].clone();
    let elsewhere = if seat == "OPOLSKIE" {
        "LUBUSKIE"
    } else {
        "OPOLSKIE"
    };
    for (voivodeship, expected) in [(seat, 2), (json!(elsewhere), 0)] {
        let data = app
            .query(
                PROJECTS,
                json!({ "filter": { "programmes": ["Test Programme Alpha"], "voivodeships": [voivodeship] } }),
            )
            .await;
        assert_eq!(data["projects"]["totalCount"], expected, "{voivodeship}");
    }
}

async fn programme_counts_keep_every_choice_and_add_up(app: TestApp) {
    let cluster = add_projects(&app).await;
    let counts = |data: &Value| -> Vec<(String, u64)> {
        data["projectProgrammes"]
            .as_array()
            .map(|rows| {
                rows.iter()
                    .map(|r| {
                        (
                            r["programme"].as_str().unwrap_or_default().to_string(),
                            r["count"].as_u64().unwrap_or_default(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let chosen = app
        .query(
            PROGRAMMES,
            json!({ "filter": { "clusters": [cluster], "programmes": ["Test Programme Alpha"] } }),
        )
        .await;
    let chosen = counts(&chosen);
    assert!(
        chosen.contains(&("Test Programme Alpha".to_string(), 2)),
        "{chosen:?}"
    );
    // Every programme's count is what the list filtered by it holds.
    for (programme, count) in &chosen {
        let listed = app
            .query(
                PROJECTS,
                json!({ "filter": { "clusters": [cluster], "programmes": [programme] }, "first": 0 }),
            )
            .await;
        assert_eq!(listed["projects"]["totalCount"], *count, "{programme}");
    }
    let counted: u64 = chosen.iter().map(|(_, n)| n).sum();
    let with_programme = app
        .query(
            PROJECTS,
            json!({ "filter": { "clusters": [cluster] }, "first": 0 }),
        )
        .await;
    let all = with_programme["projects"]["totalCount"]
        .as_u64()
        .unwrap_or_default();
    assert!(
        counted < all,
        "the project with no programme counts in none: {counted} of {all}"
    );
}

async fn a_projects_page_costs_the_same_statements_at_any_size(app: TestApp) {
    add_projects(&app).await;
    let small = app.statements(PROJECTS, json!({ "first": 2 })).await;
    let large = app.statements(PROJECTS, json!({ "first": 50 })).await;
    assert_eq!(small, large, "no statement per project");
    let plain = app.statements(PROGRAMMES, json!({})).await;
    let filtered = app
        .statements(
            PROGRAMMES,
            json!({ "filter": { "voivodeships": ["PODKARPACKIE"], "programmes": ["x"] } }),
        )
        .await;
    assert_eq!(
        plain, filtered,
        "the counts are one statement, filtered or not"
    );
}

async fn the_projects_list_refuses_a_bad_filter_by_name(app: TestApp) {
    let code = app
        .error_code(PROJECTS, json!({ "filter": { "clusters": ["not-an-id"] } }))
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
    let many: Vec<String> = (0..101).map(|i| format!("P{i}")).collect();
    let (_, body) = app
        .post(PROGRAMMES, json!({ "filter": { "programmes": many } }))
        .await;
    assert!(body.to_string().contains("filter.programmes"), "{body}");
}

on_both_backends! {
    projects_by_name => projects_are_listed_by_name_and_filtered_by_programme_and_cluster;
    programme_counts => programme_counts_keep_every_choice_and_add_up;
    projects_statements => a_projects_page_costs_the_same_statements_at_any_size;
    projects_bad_filter => the_projects_list_refuses_a_bad_filter_by_name;
}
