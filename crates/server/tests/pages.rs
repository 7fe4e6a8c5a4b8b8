//! The pages the server sends for the web app's addresses: a record's page with its title,
//! description and canonical address in the HTML, and the directory with its first page of
//! results in it, both as HTML and as the answer the app takes instead of asking again.

mod common;

use common::{Backend, TestApp};
use serde_json::{Value, json};
use std::path::PathBuf;

/// The app's directory queries, which the server must run word for word.
const DIRECTORY: &str = include_str!("../../../frontend/queries/directory.graphql");
const OPTIONS: &str = include_str!("../../../frontend/queries/directory_options.graphql");

/// A web folder holding only an `index.html` shaped like the build's, and a server sending it.
async fn with_shell(
    backend: Backend,
    name: &str,
    configure: impl FnOnce(&mut klastry::config::Config),
) -> Option<(TestApp, PathBuf)> {
    let web =
        std::env::temp_dir().join(format!("klastry-{name}-{backend:?}-{}", std::process::id()));
    std::fs::create_dir_all(&web).expect("a web folder");
    std::fs::write(
        web.join("index.html"),
        "<!doctype html><html lang=\"pl\"><head>\n<meta name=\"description\" content=\"Rejestr.\">\n\
         <title>Rejestr klastrów</title>\n</head><body><noscript>JS.</noscript>\
         <script type=\"module\" src=\"/boot.js\"></script></body></html>",
    )
    .expect("written");
    let folder = web.clone();
    let app = TestApp::spawn_configured(backend, |config| {
        config.web_dir = folder;
        config.public_url = Some("https://klastry.example.pl".into());
        configure(config);
    })
    .await;
    if app.is_none() {
        let _ = std::fs::remove_dir_all(&web);
    }
    app.map(|app| (app, web))
}

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let response = app
        .client
        .get(format!("{}{path}", app.url))
        .send()
        .await
        .expect("sent");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

/// The requests and answers the page carries for the app, if it carries any.
fn carried(page: &str) -> Option<Vec<Value>> {
    const OPEN: &str = "<script type=\"application/json\" id=\"first-answer\">";
    let start = page.find(OPEN)? + OPEN.len();
    let end = start + page[start..].find("</script>")?;
    Some(serde_json::from_str(&page[start..end]).expect("the embedded answers are JSON"))
}

/// The directory's request and answer the page carries, if it carries them.
fn embedded(page: &str) -> Option<Value> {
    carried(page)?
        .into_iter()
        .find(|asked| asked["request"]["operationName"] == "Directory")
}

fn carried_of(page: &str, operation: &str) -> Value {
    carried(page)
        .and_then(|all| {
            all.into_iter()
                .find(|asked| asked["request"]["operationName"] == operation)
        })
        .unwrap_or_else(|| panic!("the page carries {operation}"))
}

/// A cluster's or an organisation's address sends the app's page with the record's name,
/// description and canonical address already in the HTML, for link previews and search
/// engines; an unknown record's address answers 404 with the same app.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn record_pages_carry_their_title_description_and_canonical_address() {
    let Some((app, web)) = with_shell(Backend::Sqlite, "pages", |_| {}).await else {
        return;
    };
    let slug = "klaster-gospodarki-odpadowej-i-recyklingu";
    let (status, cluster) = page(&app, &format!("/clusters/{slug}")).await;
    assert_eq!(status, 200);
    assert!(
        cluster.contains("<title>Klaster Gospodarki Odpadowej i Recyklingu"),
        "{cluster}"
    );
    assert!(cluster.contains(&format!(
        "<link rel=\"canonical\" href=\"https://klastry.example.pl/clusters/{slug}\">"
    )));
    assert!(cluster.contains("<meta property=\"og:title\""));
    assert!(!cluster.contains("content=\"Rejestr.\""), "{cluster}");
    assert!(cluster.contains("<noscript><h1>Klaster Gospodarki Odpadowej i Recyklingu"));
    assert!(cluster.contains("src=\"/boot.js\""), "the app still loads");
    let organisations = app
        .query(
            "{ organisations(first: 1) { edges { node { id name } } } }",
            json!({}),
        )
        .await;
    let organisation = &organisations["organisations"]["edges"][0]["node"];
    let id = organisation["id"].as_str().expect("an organisation");
    let (status, page_of_organisation) = page(&app, &format!("/organisations/{id}")).await;
    assert_eq!(status, 200);
    let name = organisation["name"].as_str().expect("a name");
    assert!(
        page_of_organisation.contains(&format!("<h1>{}</h1>", name.replace('"', "&quot;"))),
        "{page_of_organisation}"
    );
    for missing in ["/clusters/no-such-cluster", "/organisations/not-an-id"] {
        let (status, body) = page(&app, missing).await;
        assert_eq!(status, 404, "{missing}");
        assert!(
            body.contains("src=\"/boot.js\""),
            "the app shows its not-found page"
        );
    }
    let _ = std::fs::remove_dir_all(&web);
}

/// The directory's address comes with its first page: the app's own request and the API's
/// answer to it (the same answer a client gets asking the same thing), the same results as
/// cards in the HTML, and a link to the next page that comes with the page after.
async fn the_directory_comes_with_its_first_page_as_the_api_answers_it(backend: Backend) {
    let Some((app, web)) = with_shell(backend, "directory", |_| {}).await else {
        return;
    };
    let (status, first) = page(&app, "/clusters?q=klaster&sort=name-desc").await;
    assert_eq!(status, 200);
    assert!(first.contains("<title>Katalog klastrów · Rejestr klastrów</title>"));
    assert!(first.contains("src=\"/boot.js\""), "the app still loads");
    let directory = embedded(&first).expect("the page carries its answer");
    let request = &directory["request"];
    assert_eq!(
        request["query"], DIRECTORY,
        "the app's query, word for word"
    );
    assert_eq!(request["operationName"], "Directory");
    assert_eq!(request["variables"]["filter"], json!({ "text": "klaster" }));
    assert_eq!(request["variables"]["orderBy"]["direction"], "DESC");
    let (status, asked) = app.post(DIRECTORY, request["variables"].clone()).await;
    assert_eq!(status, 200);
    assert_eq!(
        directory["answer"]["data"], asked["data"],
        "the API's own answer"
    );
    let names = carried_of(&first, "DirectoryOptions");
    assert_eq!(names["request"]["query"], OPTIONS);
    assert_eq!(
        names["answer"]["data"],
        app.query(OPTIONS, json!({})).await,
        "the filters' names, as the API gives them"
    );

    let nodes = asked["data"]["clusters"]["nodes"]
        .as_array()
        .expect("clusters");
    assert!(!nodes.is_empty(), "the demo registry has clusters named so");
    assert_eq!(
        first.matches("data-test=\"cluster-card\"").count(),
        nodes.len()
    );
    let mut from = 0;
    for node in nodes {
        let link = format!(
            "<a href=\"/clusters/{}\">",
            node["slug"].as_str().unwrap_or_default()
        );
        let at = first[from..]
            .find(&link)
            .unwrap_or_else(|| panic!("{link} after the card before it"));
        from += at + link.len();
    }

    let (_, all) = page(&app, "/clusters").await;
    let directory = embedded(&all).expect("an answer");
    let clusters = &directory["answer"]["data"]["clusters"];
    assert!(
        clusters["pageInfo"]["hasNextPage"] == json!(true),
        "the demo registry holds more than a page of clusters"
    );
    let cursor = clusters["pageInfo"]["endCursor"]
        .as_str()
        .expect("a cursor");
    let start = all
        .find("<nav class=\"pager\"")
        .expect("a link to the next page");
    let href_at = start + all[start..].find("href=\"").expect("a link") + "href=\"".len();
    let href = &all[href_at..href_at + all[href_at..].find('"').expect("its end")];
    assert!(href.starts_with("/clusters?after="), "{href}");
    let (_, next) = page(&app, href).await;
    let directory = embedded(&next).expect("the next page's answer");
    assert_eq!(directory["request"]["variables"]["after"], cursor);
    assert_ne!(
        directory["answer"]["data"]["clusters"]["nodes"][0], clusters["nodes"][0],
        "another page"
    );
    let _ = std::fs::remove_dir_all(&web);
}

/// Text from the address cannot break out of the page, and a request the API refuses (an
/// unknown voivodeship) sends the plain page, on which the app asks and shows why.
async fn hostile_or_refused_directory_addresses_send_a_safe_page(backend: Backend) {
    let Some((app, web)) = with_shell(backend, "directory-hostile", |_| {}).await else {
        return;
    };
    let (status, hostile) = page(
        &app,
        "/clusters?q=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E%3Cb%3E",
    )
    .await;
    assert_eq!(status, 200);
    assert!(!hostile.contains("<b>"), "{hostile}");
    assert!(!hostile.contains("<script>alert"), "{hostile}");
    let directory = embedded(&hostile).expect("an answer, if only of nothing found");
    assert_eq!(
        directory["request"]["variables"]["filter"]["text"],
        "</script><script>alert(1)</script><b>"
    );
    assert!(hostile.contains("Nic nie znaleziono."), "{hostile}");
    let (status, _) = page(&app, "/clusters?q=%E0%A4%A&sort=%&%FF=%FE&&=").await;
    assert_eq!(status, 200, "a mangled address still gets the page");

    for refused in [
        "/clusters?voivodeship=NIE_MA_TAKIEGO",
        &format!("/clusters?q={}", "x".repeat(20_000)),
    ] {
        let (status, plain) = page(&app, refused).await;
        assert_eq!(status, 200, "{refused}");
        assert!(carried(&plain).is_none(), "{refused}");
        assert!(!plain.contains("first-paint"), "{refused}");
        assert!(plain.contains("src=\"/boot.js\""), "the app still loads");
    }
    let _ = std::fs::remove_dir_all(&web);
}

/// The page's query takes the guarded path every GraphQL request takes: a server whose
/// limits refuse the directory's document refuses it for the page too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_directory_pages_query_is_held_to_the_request_limits() {
    let Some((app, web)) = with_shell(Backend::Sqlite, "directory-limits", |config| {
        config.max_query_tokens = 20;
    })
    .await
    else {
        return;
    };
    let (status, asked) = app.post(DIRECTORY, json!({ "filter": {} })).await;
    assert_eq!(status, 400, "{asked}");
    let (status, plain) = page(&app, "/clusters").await;
    assert_eq!(status, 200);
    assert!(carried(&plain).is_none(), "{plain}");
    assert!(!plain.contains("cluster-card"));
    let _ = std::fs::remove_dir_all(&web);
}

on_both_backends! {
    backend =>
    directory_first_page => the_directory_comes_with_its_first_page_as_the_api_answers_it;
    directory_hostile => hostile_or_refused_directory_addresses_send_a_safe_page;
}
