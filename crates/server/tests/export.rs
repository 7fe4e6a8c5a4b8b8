//! Bulk export: the whole public registry as JSON Lines, each part as CSV, over HTTP and on the
//! command line, agreeing with what the API answers.

mod common;

use common::{Backend, COORDINATOR, MEMBER, TestApp};
use serde_json::{Value, json};
use std::collections::HashSet;

async fn download(app: &TestApp, file: &str) -> (u16, String, String) {
    let response = app
        .client
        .get(format!("{}/export/{file}", app.url))
        .send()
        .await
        .expect("export answers");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, content_type, response.text().await.expect("body"))
}

fn lines(body: &str) -> Vec<Value> {
    body.lines()
        .map(|line| serde_json::from_str(line).expect("each line is a JSON object"))
        .collect()
}

/// Records of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => record.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (c, _) => field.push(c),
        }
    }
    records
}

async fn active_member_total(app: &TestApp) -> i64 {
    let data = app
        .query(
            "{ clusters(first: 100) { nodes { members(first: 0) { totalCount } } } }",
            json!({}),
        )
        .await;
    data["clusters"]["nodes"]
        .as_array()
        .map(|nodes| {
            nodes
                .iter()
                .filter_map(|n| n["members"]["totalCount"].as_i64())
                .sum()
        })
        .unwrap_or_default()
}

async fn the_whole_registry_exports_as_json_lines_that_match_the_api(app: TestApp) {
    // A pending application is private: it must not leave in the export.
    let token = app.sign_in(MEMBER).await;
    let organisation_id = app.acting_organisation(&token).await;
    let cluster_id = app.cluster_id("pomorski-klaster-ict-interizon").await;
    let applied = app
        .query_as(
            &token,
            "mutation ($i: ApplyForMembershipInput!) { applyForMembership(input: $i) { userErrors { message } } }",
            json!({ "i": { "clusterId": cluster_id, "organisationId": organisation_id } }),
        )
        .await;
    assert_eq!(
        applied["applyForMembership"]["userErrors"],
        json!([]),
        "{applied}"
    );

    let (status, content_type, body) = download(&app, "registry.jsonl").await;
    assert_eq!(status, 200);
    assert_eq!(content_type, "application/x-ndjson");
    let records = lines(&body);
    let of = |kind: &str| {
        records
            .iter()
            .filter(|r| r["type"] == kind)
            .collect::<Vec<_>>()
    };
    let (clusters, organisations, memberships) =
        (of("cluster"), of("organisation"), of("membership"));
    assert_eq!(
        clusters.len() + organisations.len() + memberships.len(),
        records.len()
    );

    let totals = app
        .query(
            "{ clusters { totalCount } organisations { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(
        clusters.len() as i64,
        totals["clusters"]["totalCount"].as_i64().unwrap_or(-1)
    );
    assert_eq!(
        organisations.len() as i64,
        totals["organisations"]["totalCount"].as_i64().unwrap_or(-1)
    );
    let active = memberships
        .iter()
        .filter(|m| m["status"] == "ACTIVE")
        .count() as i64;
    assert_eq!(active, active_member_total(&app).await);
    assert!(
        memberships
            .iter()
            .all(|m| m["status"] == "ACTIVE" || m["status"] == "LEFT"),
        "only public memberships leave"
    );

    // Organisations come first, so every reference points back to a record already read.
    let first_cluster = records
        .iter()
        .position(|r| r["type"] == "cluster")
        .unwrap_or(0);
    assert!(
        records[..first_cluster]
            .iter()
            .all(|r| r["type"] == "organisation")
    );
    let slugs: HashSet<&str> = clusters.iter().filter_map(|c| c["slug"].as_str()).collect();
    let ids: HashSet<i64> = organisations
        .iter()
        .filter_map(|o| o["registryId"].as_i64())
        .collect();
    assert!(memberships.iter().all(
        |m| slugs.contains(m["clusterSlug"].as_str().unwrap_or_default())
            && ids.contains(&m["organisationRegistryId"].as_i64().unwrap_or_default())
    ));
    assert!(
        organisations.iter().all(|o| o.get("email").is_none()),
        "organisations' e-mail is not public"
    );
}

async fn each_part_exports_as_csv_with_a_header_and_quoted_fields(app: TestApp) {
    let (status, content_type, body) = download(&app, "clusters.csv").await;
    assert_eq!(status, 200);
    assert_eq!(content_type, "text/csv; charset=utf-8");
    let records = csv_records(&body);
    let header = &records[0];
    assert_eq!(header[0], "slug");
    assert!(
        records.iter().all(|r| r.len() == header.len()),
        "every row has every column"
    );
    let total = app.query("{ clusters { totalCount } }", json!({})).await;
    assert_eq!(
        (records.len() - 1) as i64,
        total["clusters"]["totalCount"].as_i64().unwrap_or(-1)
    );

    // A description full of commas and quotes comes back whole.
    let slug = "klaster-gospodarki-odpadowej-i-recyklingu";
    let api = app
        .query(
            "query ($s: String!) { cluster(slug: $s) { descriptionEn } }",
            json!({ "s": slug }),
        )
        .await;
    let column = header
        .iter()
        .position(|h| h == "descriptionEn")
        .unwrap_or_default();
    let row = records
        .iter()
        .find(|r| r[0] == slug)
        .expect("the cluster is exported");
    assert_eq!(
        row[column],
        api["cluster"]["descriptionEn"].as_str().unwrap_or_default()
    );

    for part in ["organisations", "memberships"] {
        let (status, _, body) = download(&app, &format!("{part}.csv")).await;
        assert_eq!(status, 200);
        let records = csv_records(&body);
        assert!(records.len() > 1, "{part} has rows");
        assert!(records.iter().all(|r| r.len() == records[0].len()));
    }
}

async fn text_a_spreadsheet_would_run_is_exported_as_text_and_imports_back(app: TestApp) {
    let operator = app.sign_in(common::OPERATOR).await;
    let name = "=HYPERLINK(\"http://evil.example\";\"x\")";
    let created = app
        .query_as(
            &operator,
            "mutation ($i: CreateOrganisationInput!) { createOrganisation(input: $i) { organisation { id } userErrors { message } } }",
            json!({ "i": { "name": name, "kind": "ENTERPRISE" } }),
        )
        .await;
    assert!(
        created["createOrganisation"]["organisation"].is_object(),
        "{created}"
    );
    let (_, _, body) = download(&app, "organisations.csv").await;
    let records = csv_records(&body);
    let column = records[0]
        .iter()
        .position(|h| h == "name")
        .unwrap_or_default();
    let cell = records
        .iter()
        .map(|r| r[column].clone())
        .find(|c| c.contains("HYPERLINK"))
        .expect("the organisation is exported");
    assert_eq!(cell, format!("'{name}"), "escaped with a leading quote");
    // Read back by the import, it is the name again: matched, not a new organisation.
    let header = body.lines().next().unwrap_or_default();
    let line = body
        .lines()
        .find(|l| l.contains("HYPERLINK"))
        .unwrap_or_default();
    let report = app
        .query_as(
            &operator,
            "mutation ($i: ImportRecordsInput!) { importRecords(input: $i) { applied matched { organisations } created { organisations } errors { message } } }",
            json!({ "i": { "format": "CSV", "data": format!("{header}\n{line}\n"), "dryRun": true } }),
        )
        .await;
    assert_eq!(
        report["importRecords"]["matched"]["organisations"], 1,
        "{report}"
    );
}

async fn the_command_line_writes_the_same_export_as_http(app: TestApp) {
    for (file, part, format) in [
        ("registry.jsonl", "registry", "jsonl"),
        ("memberships.csv", "memberships", "csv"),
    ] {
        let (_, _, over_http) = download(&app, file).await;
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_klastry"))
            .args(["export", "--part", part, "--format", format])
            .env("DATABASE_URL", &app.database_url)
            .env("KLASTRY_MIGRATE_ON_START", "false")
            .output()
            .expect("klastry export runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&output.stdout), over_http, "{file}");
    }
}

async fn unknown_exports_are_not_found_with_a_code(app: TestApp) {
    for file in ["registry.csv", "people.jsonl", "clusters.xml"] {
        let (status, _, body) = download(&app, file).await;
        assert_eq!(status, 404, "{file}");
        let body: Value = serde_json::from_str(&body).expect("a JSON error");
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "NOT_FOUND",
            "{file}"
        );
    }
}

/// GETs an export with an optional bearer token: status and body.
async fn download_as(app: &TestApp, path: &str, token: Option<&str>) -> (u16, String) {
    let mut request = app.client.get(format!("{}/export/{path}", app.url));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("export answers");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

async fn a_cluster_s_export_is_complete_only_for_those_who_read_its_private_data(app: TestApp) {
    // A pending application to the recycling cluster.
    let member = app.sign_in(MEMBER).await;
    let organisation_id = app.acting_organisation(&member).await;
    let pomeranian = app.cluster_id("pomorski-klaster-ict-interizon").await;
    let applied = app
        .query_as(
            &member,
            "mutation ($i: ApplyForMembershipInput!) { applyForMembership(input: $i) { userErrors { message } } }",
            json!({ "i": { "clusterId": pomeranian, "organisationId": organisation_id, "message": "Prosimy o przyjęcie" } }),
        )
        .await;
    assert_eq!(
        applied["applyForMembership"]["userErrors"],
        json!([]),
        "{applied}"
    );
    let slug = "pomorski-klaster-ict-interizon";
    let path = format!("clusters/{slug}/registry.jsonl");

    // Anyone: the cluster, its public memberships and their organisations, nothing private.
    let (status, body) = download_as(&app, &path, None).await;
    assert_eq!(status, 200);
    let public = lines(&body);
    assert_eq!(public.iter().filter(|r| r["type"] == "cluster").count(), 1);
    assert!(
        public
            .iter()
            .all(|r| r["type"] != "cluster" || r["slug"] == slug)
    );
    assert!(public.iter().all(|r| r["status"] != "PENDING"), "{body}");
    assert!(
        public
            .iter()
            .filter(|r| r["type"] != "cluster")
            .all(|r| r.get("email").is_none() && r.get("applicationMessage").is_none())
    );
    let member_ids: HashSet<i64> = public
        .iter()
        .filter(|r| r["type"] == "membership")
        .filter_map(|r| r["organisationRegistryId"].as_i64())
        .collect();
    let organisation_ids: HashSet<i64> = public
        .iter()
        .filter(|r| r["type"] == "organisation")
        .filter_map(|r| r["registryId"].as_i64())
        .collect();
    assert_eq!(
        member_ids, organisation_ids,
        "exactly the members' organisations"
    );

    // The cluster's own token that reads private data: the application, its message, e-mail.
    let operator = app.sign_in(common::OPERATOR).await;
    let token = app
        .query_as(
            &operator,
            "mutation ($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }",
            json!({ "i": { "name": "mirror", "clusterId": pomeranian, "scopes": ["READ_CLUSTER_PRIVATE"] } }),
        )
        .await["createApiToken"]["token"]
        .as_str()
        .expect("a token")
        .to_owned();
    let (status, body) = download_as(&app, &path, Some(&token)).await;
    assert_eq!(status, 200);
    let private = lines(&body);
    let pending: Vec<&Value> = private
        .iter()
        .filter(|r| r["status"] == "PENDING")
        .collect();
    assert_eq!(pending.len(), 1, "{body}");
    assert_eq!(pending[0]["applicationMessage"], "Prosimy o przyjęcie");
    assert!(
        private
            .iter()
            .filter(|r| r["type"] == "organisation")
            .all(|r| r.get("email").is_some())
    );
    let (_, csv) = download_as(
        &app,
        &format!("clusters/{slug}/memberships.csv"),
        Some(&token),
    )
    .await;
    assert!(csv.starts_with("clusterSlug,organisationRegistryId,role,status,joinedOn,leftOn,applicationMessage,decisionReason\r\n"), "{csv}");

    // Another cluster's coordinator reads it as the public does.
    let coordinator = app.sign_in(COORDINATOR).await;
    let (_, body) = download_as(&app, &path, Some(&coordinator)).await;
    assert!(lines(&body).iter().all(|r| r["status"] != "PENDING"));

    // A revoked or forged token is refused; an unknown cluster is not found.
    let (status, _) = download_as(&app, &path, Some("klt_forged")).await;
    assert_eq!(status, 401);
    let (status, body) = download_as(&app, "clusters/no-such-cluster/registry.jsonl", None).await;
    assert_eq!(status, 404);
    assert!(body.contains("NOT_FOUND"));
}

on_both_backends! {
    formula_cells => text_a_spreadsheet_would_run_is_exported_as_text_and_imports_back;
    cluster_scope => a_cluster_s_export_is_complete_only_for_those_who_read_its_private_data;
    json_lines => the_whole_registry_exports_as_json_lines_that_match_the_api;
    csv => each_part_exports_as_csv_with_a_header_and_quoted_fields;
    command_line => the_command_line_writes_the_same_export_as_http;
    unknown => unknown_exports_are_not_found_with_a_code;
}
