//! The directory's address, `GET /clusters`, sent with its first page of results already in it.
//!
//! On a slow phone the web app's code takes most of two seconds to arrive, and the app asks for
//! the results only once it runs. So the server runs the app's own directory query (the text of
//! `frontend/queries/directory.graphql`) for the address's search, filters, order and page, as
//! an anonymous GET read through the guarded path every GraphQL request takes (the same bounds,
//! permits and time limit), with the query of the names its filters show (voivodeships,
//! sectors, KKK rounds), and sends the page with:
//! - the results as plain HTML (`#first-paint`), which a reader sees at once, and a reader
//!   without JavaScript or a crawler sees at all; the app takes it away when it starts;
//! - both requests and their answers as JSON (`#first-answer`), which the app uses instead of
//!   asking again when it sends those same requests (`frontend/src/first_answer.rs`), so the
//!   data has arrived by the time the code has.
//!
//! The variables are built as the app builds them (`DirectoryQuery` in
//! `frontend/src/pages/directory/state.rs`); where the two differ (the reader's today falls on
//! another day than the server's), the app sees a different request and asks itself. When the
//! query fails or is refused, the plain page is sent and the app asks as it always did.

use super::{Facts, Shell, escape, fill, html};
use crate::auth::{Caller, client_address};
use crate::guard::{self, Transport};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Map, Value, json};

/// The app's directory query, word for word: the app recognises its own request by its text.
const DIRECTORY: &str = include_str!("../../../../frontend/queries/directory.graphql");
/// The app's query of the names the directory's filters show, word for word.
const OPTIONS: &str = include_str!("../../../../frontend/queries/directory_options.graphql");
/// Clusters per page: the app's `PAGE_SIZE`.
const PAGE_SIZE: i64 = 20;
/// The app's orders as the address's `sort` names them, with the API's field and direction;
/// the first is the default.
const SORTS: [(&str, &str, &str); 4] = [
    ("", "NAME", "ASC"),
    ("name-desc", "NAME", "DESC"),
    ("newest", "CREATED_AT", "DESC"),
    ("oldest", "CREATED_AT", "ASC"),
];
/// The page's title and description: the app's `DirectoryTitle` and `DescDirectory` in Polish,
/// the page's language.
const TITLE: &str = "Katalog klastrów";
const DESCRIPTION: &str = "Katalog klastrów przemysłowych w Polsce: szukaj po nazwie, skrócie i \
    miejscowości, filtruj według województwa, sektora, statusu KKK i etykiety ESCA.";

/// `GET /clusters`: the app's page with the first page of the address's results in it.
pub async fn directory(
    State(state): State<AppState>,
    axum::Extension(shell): axum::Extension<Shell>,
    Query(params): Query<Vec<(String, String)>>,
    parts: Parts,
) -> Response {
    let param = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    let variables = variables(param, chrono::Utc::now().date_naive());
    let facts = Facts {
        title: TITLE.to_owned(),
        description: Some(DESCRIPTION.to_owned()),
        path: "/clusters".to_owned(),
    };
    let address = client_address(&state, &parts.extensions, &parts.headers);
    let (results, options) = tokio::join!(
        ask(&state, address, "Directory", DIRECTORY, variables),
        ask(&state, address, "DirectoryOptions", OPTIONS, json!({})),
    );
    let page = results
        .as_ref()
        .and_then(|asked| Page::deserialize(&asked.data).ok());
    let content = match (page, results) {
        (Some(page), Some(results)) => format!(
            "{noscript}\n  {paint}\n  {embedded}",
            noscript = needs_javascript(),
            paint = first_paint(&page, next_page_url(&params, &page).as_deref()),
            embedded = embedded_answers([Some(&results), options.as_ref()].into_iter().flatten()),
        ),
        _ => needs_javascript(),
    };
    html(
        StatusCode::OK,
        fill(&shell.0, &facts, &state.public_address, &content),
    )
}

/// The directory's variables for the address's parameters, as the app's `DirectoryQuery`
/// reads the address and turns it into the API's filter and order, leaving out what it sends
/// as null. `today` stands for the reader's today where "KKK active" needs a day.
fn variables(param: impl Fn(&str) -> Option<String>, today: NaiveDate) -> Value {
    let list = |key: &str| -> Vec<String> {
        param(key)
            .unwrap_or_default()
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    // The app sends only enum values shaped like the API's names.
    let shaped = |v: &String| v.chars().all(|c| c.is_ascii_uppercase() || c == '_');
    let as_of = param("asOf").filter(|v| {
        v.len() == "YYYY-MM-DD".len() && NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok()
    });
    let mut filter = Map::new();
    let mut put = |key: &str, values: Vec<Value>| {
        if !values.is_empty() {
            filter.insert(key.to_owned(), Value::Array(values));
        }
    };
    put(
        "voivodeships",
        list("voivodeship")
            .into_iter()
            .filter(shaped)
            .map(Value::from)
            .collect(),
    );
    put(
        "sectors",
        list("sector").into_iter().map(Value::from).collect(),
    );
    put(
        "kkkRounds",
        list("round")
            .iter()
            .filter_map(|r| r.parse::<i64>().ok())
            .map(Value::from)
            .collect(),
    );
    put(
        "escaLevels",
        list("esca")
            .into_iter()
            .filter(shaped)
            .map(Value::from)
            .collect(),
    );
    if param("kkk").as_deref() == Some("active") {
        let day = as_of.clone().unwrap_or_else(|| today.to_string());
        filter.insert("kkkActiveOn".into(), Value::from(day));
    }
    if let Some(text) = param("q")
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
    {
        filter.insert("text".into(), Value::from(text));
    }
    let sort = param("sort").unwrap_or_default();
    let (_, field, direction) = SORTS
        .iter()
        .find(|(name, _, _)| *name == sort)
        .unwrap_or(&SORTS[0]);
    let mut variables = Map::new();
    variables.insert("filter".into(), Value::Object(filter));
    variables.insert(
        "orderBy".into(),
        json!({ "field": field, "direction": direction }),
    );
    let before = param("before");
    let size = if before.is_some() { "last" } else { "first" };
    variables.insert(size.into(), Value::from(PAGE_SIZE));
    for (key, value) in [("after", param("after")), ("before", before), ("on", as_of)] {
        if let Some(value) = value {
            variables.insert(key.into(), Value::from(value));
        }
    }
    Value::Object(variables)
}

/// The answer to one of the app's queries, run as an anonymous GET read on the guarded path;
/// None when it was refused or answered with errors (the app then asks itself, and hears why).
async fn ask(
    state: &AppState,
    address: Option<std::net::IpAddr>,
    operation: &'static str,
    document: &'static str,
    variables: Value,
) -> Option<Asked> {
    let request = async_graphql::Request::new(document)
        .operation_name(operation)
        .variables(async_graphql::Variables::from_json(variables.clone()));
    let admitted = guard::admit(
        state,
        &Caller::anonymous(),
        Transport::Get,
        address,
        request,
    )
    .await
    .ok()?;
    let response = guard::execute(state, admitted).await.ok()?;
    if !response.errors.is_empty() {
        return None;
    }
    let data = response.data.into_json().ok()?;
    Some(Asked {
        operation,
        document,
        variables,
        data,
    })
}

/// One of the app's requests, as the app sends it, and the API's answer.
struct Asked {
    operation: &'static str,
    document: &'static str,
    variables: Value,
    data: Value,
}

/// The part of the directory's answer the first paint shows.
#[derive(Deserialize)]
struct Page {
    clusters: Clusters,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Clusters {
    total_count: i64,
    page_info: PageInfo,
    nodes: Vec<Card>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageInfo {
    has_next_page: bool,
    end_cursor: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Card {
    slug: String,
    name: String,
    acronym: Option<String>,
    city: Option<String>,
    voivodeship: Option<Named>,
    sectors: Vec<Sector>,
    kkk_status: Option<String>,
    esca_labels: Vec<EscaLabel>,
    members: Total,
}

#[derive(Deserialize)]
struct Named {
    name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Sector {
    name_pl: String,
}

#[derive(Deserialize)]
struct EscaLabel {
    level: String,
    status: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Total {
    total_count: i64,
}

/// The shell's message for readers without JavaScript, which the results now stand above.
fn needs_javascript() -> String {
    "<noscript>Pełna wersja tej strony potrzebuje JavaScriptu. / The full page needs \
     JavaScript. The GraphQL API is at <a href=\"/graphql\">/graphql</a>.</noscript>"
        .to_owned()
}

/// The address of the next page: the same parameters, the page's cursor as `after`.
fn next_page_url(params: &[(String, String)], page: &Page) -> Option<String> {
    let info = &page.clusters.page_info;
    let cursor = info.end_cursor.as_deref().filter(|_| info.has_next_page)?;
    let pairs: Vec<String> = params
        .iter()
        .filter(|(key, _)| key != "after" && key != "before")
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .chain([("after", cursor)])
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect();
    Some(format!("/clusters?{}", pairs.join("&")))
}

/// Percent-encodes a query's key or value as the app does (all but RFC 3986's unreserved
/// characters), so that a space is `%20`, never `+`.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The results as the app's directory shows them (its frame, the count, the cards with the
/// same classes and words in Polish, the next page), until the app starts.
fn first_paint(page: &Page, next: Option<&str>) -> String {
    let clusters = &page.clusters;
    let cards: String = clusters.nodes.iter().map(card).collect();
    let pager = next
        .map(|href| {
            format!(
                "<nav class=\"pager\" aria-label=\"Strony wyników\"><a href=\"{}\">Następna →</a></nav>",
                escape(href)
            )
        })
        .unwrap_or_default();
    let empty = if clusters.nodes.is_empty() {
        "<p class=\"empty\">Nic nie znaleziono.</p>"
    } else {
        ""
    };
    format!(
        "<div id=\"first-paint\"><header class=\"header\"><a class=\"brand\" href=\"/\">\
         <span class=\"brand-mark\" aria-hidden=\"true\">◆</span>Rejestr klastrów</a></header>\
         <main><h1>{TITLE}</h1><p class=\"total\">Wyniki: {total}</p>{empty}\
         <ul class=\"cards\">{cards}</ul>{pager}</main></div>",
        total = polish_count(
            clusters.total_count,
            (
                "pasujący klaster",
                "pasujące klastry",
                "pasujących klastrów"
            )
        ),
    )
}

/// One cluster's card, as the app's directory card reads: name, acronym, seat, members,
/// sectors, KKK status and the ESCA labels held.
fn card(cluster: &Card) -> String {
    let place = [
        cluster.city.clone(),
        cluster.voivodeship.as_ref().map(|v| v.name.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let mut meta = String::new();
    if let Some(acronym) = &cluster.acronym {
        meta += &format!("<span class=\"acronym\">{}</span>", escape(acronym));
    }
    if !place.is_empty() {
        meta += &format!("<span data-test=\"card-place\">{}</span>", escape(&place));
    }
    let members = cluster.members.total_count;
    let members = if members > 0 {
        polish_count(members, ("członek", "członków", "członków"))
    } else {
        "członkowie nieznani".to_owned()
    };
    meta += &format!("<span data-test=\"card-members\">{members}</span>");
    let sectors = if cluster.sectors.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = cluster.sectors.iter().map(|s| s.name_pl.as_str()).collect();
        format!(
            "<p class=\"meta\" data-test=\"card-sectors\"><span class=\"sr-only\">Sektory: </span>{}</p>",
            escape(&names.join(", "))
        )
    };
    let kkk = match cluster.kkk_status.as_deref() {
        Some(status) => format!(
            "<span class=\"badge-label\">KKK</span><span class=\"badge badge-{}\" data-status=\"{}\">{}</span>",
            escape(&status.to_lowercase()),
            escape(status),
            status_name(status)
        ),
        None => "<span class=\"meta\" data-test=\"no-kkk\">bez statusu KKK</span>".to_owned(),
    };
    let labels: String = cluster
        .esca_labels
        .iter()
        .filter(|l| l.status.as_deref() == Some("ACTIVE"))
        .map(|l| {
            format!(
                "<span class=\"esca esca-{}\">ESCA {}</span>",
                escape(&l.level.to_lowercase()),
                level_name(&l.level)
            )
        })
        .collect();
    format!(
        "<li class=\"card\" data-test=\"cluster-card\"><h2><a href=\"/clusters/{slug}\">{name}</a></h2>\
         <p class=\"meta dotted\">{meta}</p>{sectors}<p class=\"badges\">{kkk}{labels}</p></li>",
        slug = escape(&cluster.slug),
        name = escape(&cluster.name),
    )
}

/// A status's name, as the app's status badge words it.
fn status_name(status: &str) -> &'static str {
    match status {
        "ACTIVE" => "aktywny",
        "EXPIRED" => "wygasły",
        "NOT_YET_VALID" => "jeszcze nieważny",
        _ => "nieznany",
    }
}

/// An ESCA level's name, as the app words it.
fn level_name(level: &str) -> &'static str {
    match level {
        "GOLD" => "złota",
        "SILVER" => "srebrna",
        "BRONZE" => "brązowa",
        _ => "nieznana",
    }
}

/// `n` with the noun in the Polish grammatical number it takes (one, few, many), the number
/// grouped as the app groups it (a no-break space, four digits left whole).
fn polish_count(n: i64, (one, few, many): (&str, &str, &str)) -> String {
    let (tens, units) = (n.abs() % 100, n.abs() % 10);
    let word = if n == 1 {
        one
    } else if (2..=4).contains(&units) && !(12..=14).contains(&tens) {
        few
    } else {
        many
    };
    let digits = n.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) && digits.len() != 4 {
            grouped.push('\u{a0}');
        }
        grouped.push(digit);
    }
    format!("{grouped} {word}")
}

/// The requests as the app will send them and their answers, for the app to take instead of
/// asking: JSON inside a `<script>` that never runs (so no content security policy is needed
/// for it), with every `<` escaped so that no text in the data can close the element.
fn embedded_answers<'a>(asked: impl Iterator<Item = &'a Asked>) -> String {
    let embedded: Vec<Value> = asked
        .map(|asked| {
            json!({
                "request": {
                    "operationName": asked.operation,
                    "query": asked.document,
                    "variables": asked.variables,
                },
                "answer": { "data": asked.data },
            })
        })
        .collect();
    let embedded = Value::Array(embedded);
    format!(
        "<script type=\"application/json\" id=\"first-answer\">{}</script>",
        embedded.to_string().replace('<', "\\u003c")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variables_of(pairs: &[(&str, &str)]) -> Value {
        variables(
            |key| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, v)| v.to_string())
            },
            NaiveDate::from_ymd_opt(2026, 12, 7).expect("a day"),
        )
    }

    #[test]
    fn the_bare_address_asks_for_the_first_twenty_by_name() {
        assert_eq!(
            variables_of(&[]),
            json!({ "filter": {}, "orderBy": { "field": "NAME", "direction": "ASC" }, "first": 20 })
        );
    }

    #[test]
    fn every_filter_of_the_address_is_read_as_the_app_reads_it() {
        let read = variables_of(&[
            ("q", "  odpady "),
            ("voivodeship", "SLASKIE,,opolskie,OPOLSKIE"),
            ("sector", "energy"),
            ("round", "2,x"),
            ("esca", "GOLD"),
            ("kkk", "active"),
            ("sort", "newest"),
            ("before", "abc"),
        ]);
        assert_eq!(
            read,
            json!({
                "filter": {
                    "voivodeships": ["SLASKIE", "OPOLSKIE"],
                    "sectors": ["energy"],
                    "kkkRounds": [2],
                    "escaLevels": ["GOLD"],
                    "kkkActiveOn": "2026-12-07",
                    "text": "odpady",
                },
                "orderBy": { "field": "CREATED_AT", "direction": "DESC" },
                "last": 20,
                "before": "abc",
            })
        );
    }

    #[test]
    fn a_day_in_the_address_is_the_day_shown_and_asked_of() {
        let read = variables_of(&[("asOf", "2024-05-01"), ("kkk", "active"), ("sort", "odd")]);
        assert_eq!(read["on"], "2024-05-01");
        assert_eq!(read["filter"]["kkkActiveOn"], "2024-05-01");
        assert_eq!(
            read["orderBy"]["field"], "NAME",
            "an unknown order is the default"
        );
        assert!(variables_of(&[("asOf", "2024-5-1")]).get("on").is_none());
    }

    #[test]
    fn counts_take_the_polish_grammatical_number_and_grouping() {
        let members = ("członek", "członków", "członków");
        assert_eq!(polish_count(1, members), "1 członek");
        assert_eq!(polish_count(22, members), "22 członków");
        let clusters = (
            "pasujący klaster",
            "pasujące klastry",
            "pasujących klastrów",
        );
        assert_eq!(polish_count(3, clusters), "3 pasujące klastry");
        assert_eq!(polish_count(13, clusters), "13 pasujących klastrów");
        assert_eq!(polish_count(1234, clusters), "1234 pasujące klastry");
        assert_eq!(
            polish_count(20000, clusters),
            "20\u{a0}000 pasujących klastrów"
        );
    }

    #[test]
    fn no_text_in_the_data_can_close_the_embedded_answer() {
        let data = json!({ "note": "</script><script>alert(1)</script>" });
        let asked = Asked {
            operation: "Directory",
            document: DIRECTORY,
            variables: json!({}),
            data,
        };
        let html = embedded_answers([&asked].into_iter());
        assert_eq!(html.matches("</script>").count(), 1, "{html}");
        assert!(html.ends_with("</script>"));
        let inner = &html[html.find('>').expect("open") + 1..html.len() - "</script>".len()];
        let back: Value = serde_json::from_str(inner).expect("still JSON");
        assert_eq!(
            back[0]["answer"]["data"]["note"],
            "</script><script>alert(1)</script>"
        );
    }
}
