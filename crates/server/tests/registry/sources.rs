//! Every fact with its source: each KKK certification and ESCA label of the demo registry names
//! its document; recording or correcting one names a document the registry holds or adds one
//! in the same step, and without one nothing is written; documents are listed, searched and
//! paged, and each carries its publisher, date and address as far as it states them.

use crate::common::{Backend, MEMBER, OPERATOR, TestApp, code_of};
use crate::on_both_backends;
use serde_json::{Value, json};

const RECORDS: &str = r#"query ($slug: String!) { cluster(slug: $slug) {
  id
  kkkCertifications { id version source { id code title publisher publishedOn url } }
  escaLabels { id source { code title publisher publishedOn url } }
  sources { code }
} }"#;

const RECORD_KKK: &str = "mutation($input: RecordKkkCertificationInput!) { recordKkkCertification(input: $input) { \
     certification { id source { code title publisher publishedOn url } } userErrors { field code message } } }";

const RECORD_ESCA: &str = "mutation($input: RecordEscaLabelInput!) { recordEscaLabel(input: $input) { \
     label { id source { id code title publisher publishedOn url language file } } userErrors { field code message } } }";

const UPDATE_KKK: &str = "mutation($input: UpdateKkkCertificationInput!) { updateKkkCertification(input: $input) { \
     certification { version source { code } } userErrors { field code message } } }";

const SOURCES: &str = r#"query ($text: String, $first: Int, $after: String) {
  sources(filter: { text: $text }, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id code title publisher publishedOn url file }
  }
}"#;

async fn records(app: &TestApp, slug: &str) -> Value {
    app.query(RECORDS, json!({ "slug": slug })).await["cluster"].clone()
}

fn count(cluster: &Value, list: &str) -> usize {
    cluster[list].as_array().map_or(0, Vec::len)
}

/// A complete new document, as an operator adding one with a record would give it.
fn new_source(title: &str) -> Value {
    json!({
        "title": title,
        "publisher": "Ministerstwo Rozwoju i Technologii",
        "publishedOn": "2024-03",
        "url": "https://www.gov.pl/web/rozwoj-technologia/krajowe-klastry-kluczowe",
        "language": "pl"
    })
}

async fn every_demo_status_names_its_source_with_what_it_states(app: TestApp) {
    let data = app
        .query(
            "{ clusters(first: 100) { nodes { slug kkkCertifications { source { code } } escaLabels { source { code } } } } }",
            json!({}),
        )
        .await;
    let clusters = data["clusters"]["nodes"].as_array().expect("clusters");
    let mut records = 0;
    for cluster in clusters {
        for list in ["kkkCertifications", "escaLabels"] {
            for record in cluster[list].as_array().expect("records") {
                records += 1;
                assert!(
                    record["source"]["code"].is_string(),
                    "{}: a record without a source: {record}",
                    cluster["slug"]
                );
            }
        }
    }
    assert!(records > 20, "the demo holds its statuses: {records}");

    // A cluster's specialisations name the document each comes from.
    let recycling = app
        .query(
            "{ cluster(slug: \"klaster-gospodarki-odpadowej-i-recyklingu\") { \
             specialisations specialisationRecords { name source { code } } } }",
            json!({}),
        )
        .await;
    let named: Vec<&str> = recycling["cluster"]["specialisationRecords"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(json!(named), recycling["cluster"]["specialisations"]);
    assert!(
        recycling["cluster"]["specialisationRecords"]
            .as_array()
            .is_some_and(|all| !all.is_empty() && all.iter().all(|s| s["source"]["code"] == "000")),
        "{recycling}"
    );

    // The PARP guide states its publisher and year, and no address; no document is dated more
    // precisely than it states.
    let all = app.query(SOURCES, json!({ "first": 100 })).await["sources"].clone();
    assert_eq!(all["totalCount"], 5, "{all}");
    let parp = all["nodes"]
        .as_array()
        .and_then(|n| n.iter().find(|d| d["code"] == "003"))
        .cloned()
        .expect("document 003");
    assert_eq!(
        parp["publisher"],
        "Polska Agencja Rozwoju Przedsiębiorczości"
    );
    assert_eq!(parp["publishedOn"], "2017");
    assert_eq!(parp["url"], Value::Null);
    assert!(
        parp["file"].is_string(),
        "the registry keeps a copy: {parp}"
    );
}

async fn a_record_without_a_source_is_refused_and_writes_nothing(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let slug = "klaster-obrobki-metali";
    let before = records(&app, slug).await;
    let input = json!({ "clusterId": before["id"], "awardedOn": "2031-03", "renewal": 2 });
    let refused = app
        .query_as(&operator, RECORD_KKK, json!({ "input": input }))
        .await;
    let errors = &refused["recordKkkCertification"]["userErrors"];
    assert_eq!(errors[0]["field"], "sourceId", "{refused}");
    assert_eq!(errors[0]["code"], "REQUIRED", "{refused}");

    // An ID of a document the registry does not hold: NOT_FOUND, nothing written.
    let mut missing = input.clone();
    missing["sourceId"] = json!(base64_id("SourceDocument:99999"));
    let refused = app
        .query_as(&operator, RECORD_KKK, json!({ "input": missing }))
        .await;
    let errors = &refused["recordKkkCertification"]["userErrors"];
    assert_eq!(errors[0]["field"], "sourceId", "{refused}");
    assert_eq!(errors[0]["code"], "NOT_FOUND", "{refused}");

    // Both a held and a new document: refused as a malformed input.
    let mut both = input.clone();
    both["sourceId"] = json!(app.source_id("004").await);
    both["source"] = new_source("Obie naraz");
    let (_, refused) = app
        .post_as(&operator, RECORD_KKK, json!({ "input": both }))
        .await;
    assert_eq!(code_of(&refused), "BAD_USER_INPUT", "{refused}");
    assert_eq!(
        refused["errors"][0]["extensions"]["reason"], "MUTUALLY_EXCLUSIVE",
        "{refused}"
    );

    // A new document that is incomplete: every field named, and neither it nor the label kept.
    let esca = json!({ "clusterId": before["id"], "level": "BRONZE", "awardedOn": "2031",
                       "source": { "title": "", "publisher": "PARP", "url": "parp.gov.pl", "language": "pl" } });
    let refused = app
        .query_as(&operator, RECORD_ESCA, json!({ "input": esca }))
        .await;
    let fields: Vec<&str> = refused["recordEscaLabel"]["userErrors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, ["source.title", "source.url"], "{refused}");

    let after = records(&app, slug).await;
    assert_eq!(
        count(&after, "kkkCertifications"),
        count(&before, "kkkCertifications")
    );
    assert_eq!(count(&after, "escaLabels"), count(&before, "escaLabels"));
    let documents = app.query(SOURCES, json!({})).await;
    assert_eq!(documents["sources"]["totalCount"], 5, "{documents}");
}

/// The global ID the API gives an object of `kind:id`.
fn base64_id(plain: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(plain)
}

async fn a_record_adds_its_new_source_in_the_same_step(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let slug = "klaster-obrobki-metali";
    let cluster = records(&app, slug).await;
    let esca = json!({ "clusterId": cluster["id"], "level": "GOLD", "awardedOn": "2024-03",
                       "source": new_source("Złote etykiety ESCA, marzec 2024") });
    let recorded = app
        .query_as(&operator, RECORD_ESCA, json!({ "input": esca }))
        .await;
    assert_eq!(
        recorded["recordEscaLabel"]["userErrors"],
        json!([]),
        "{recorded}"
    );
    let source = &recorded["recordEscaLabel"]["label"]["source"];
    assert_eq!(source["title"], "Złote etykiety ESCA, marzec 2024");
    assert_eq!(source["publisher"], "Ministerstwo Rozwoju i Technologii");
    assert_eq!(source["publishedOn"], "2024-03", "kept at its precision");
    assert_eq!(source["language"], "pl");
    assert_eq!(source["file"], Value::Null, "no copy is kept: {source}");
    let code = source["code"].as_str().expect("a code").to_string();

    // Listed, found by its words without their diacritics, named by the cluster as one of its
    // sources, and by its ID as another record's source.
    let found = app
        .query(SOURCES, json!({ "text": "ZLOTE etykiety" }))
        .await;
    assert_eq!(found["sources"]["totalCount"], 1, "{found}");
    assert_eq!(found["sources"]["nodes"][0]["code"], code.as_str());
    let after = records(&app, slug).await;
    assert!(
        after["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .any(|s| s["code"] == code.as_str()),
        "{after}"
    );
    let kkk = json!({ "clusterId": cluster["id"], "awardedOn": "2031-03", "renewal": 2,
                      "sourceId": source["id"] });
    let recorded = app
        .query_as(&operator, RECORD_KKK, json!({ "input": kkk }))
        .await;
    assert_eq!(
        recorded["recordKkkCertification"]["certification"]["source"]["code"],
        code.as_str(),
        "{recorded}"
    );
}

async fn a_correction_names_its_source(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let cluster = records(&app, "klaster-obrobki-metali").await;
    let certification = &cluster["kkkCertifications"][0];
    let unchanged = json!({ "id": certification["id"], "version": certification["version"],
                            "note": "Poprawka bez źródła" });
    let refused = app
        .query_as(&operator, UPDATE_KKK, json!({ "input": unchanged }))
        .await;
    assert_eq!(
        refused["updateKkkCertification"]["userErrors"][0]["field"], "sourceId",
        "{refused}"
    );
    let mut sourced = unchanged.clone();
    sourced["sourceId"] = json!(app.source_id("003").await);
    let corrected = app
        .query_as(&operator, UPDATE_KKK, json!({ "input": sourced }))
        .await;
    assert_eq!(
        corrected["updateKkkCertification"]["certification"]["source"]["code"], "003",
        "{corrected}"
    );
}

async fn documents_are_added_by_operators_only_and_paged_by_code(app: TestApp) {
    let create = "mutation($input: NewSourceDocumentInput!) { createSourceDocument(input: $input) { \
                  source { code publishedOn } userErrors { field code } } }";
    let member = app.sign_in(MEMBER).await;
    let (_, refused) = app
        .post_as(&member, create, json!({ "input": new_source("Członek") }))
        .await;
    assert_eq!(code_of(&refused), "FORBIDDEN", "{refused}");

    let operator = app.sign_in(OPERATOR).await;
    let mut undated = new_source("Strona programu KKK");
    undated["publishedOn"] = Value::Null;
    let created = app
        .query_as(&operator, create, json!({ "input": undated }))
        .await;
    assert_eq!(
        created["createSourceDocument"]["userErrors"],
        json!([]),
        "{created}"
    );
    assert_eq!(
        created["createSourceDocument"]["source"]["publishedOn"],
        Value::Null,
        "no date is made up"
    );

    // Two pages of three by code, every document once.
    let first = app.query(SOURCES, json!({ "first": 3 })).await["sources"].clone();
    assert_eq!(first["totalCount"], 6);
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    let rest = app
        .query(
            SOURCES,
            json!({ "first": 3, "after": first["pageInfo"]["endCursor"] }),
        )
        .await["sources"]
        .clone();
    let codes: Vec<String> = [&first, &rest]
        .iter()
        .flat_map(|page| page["nodes"].as_array().cloned().unwrap_or_default())
        .filter_map(|n| n["code"].as_str().map(String::from))
        .collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(codes, sorted, "in code order, none twice");
    assert_eq!(codes.len(), 6);
    assert_eq!(rest["pageInfo"]["hasNextPage"], false);
}

on_both_backends! {
    demo_statuses_name_their_sources => every_demo_status_names_its_source_with_what_it_states;
    record_without_source_refused => a_record_without_a_source_is_refused_and_writes_nothing;
    record_adds_new_source => a_record_adds_its_new_source_in_the_same_step;
    correction_names_source => a_correction_names_its_source;
    documents_added_and_paged => documents_are_added_by_operators_only_and_paged_by_code;
}
