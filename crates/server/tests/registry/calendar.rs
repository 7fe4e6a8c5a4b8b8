//! The registry-wide calendar: events of every cluster in date order, upcoming or past,
//! filtered and paged; an event dated only to a month stays upcoming until its month ends; the
//! iCalendar feeds carry the day-exact events of the registry and of one cluster.

use crate::common::{Backend, COORDINATOR, TestApp};
use crate::nodes;
use crate::on_both_backends;
use serde_json::{Value, json};

const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";

const EVENTS: &str = r#"query ($filter: CalendarFilter, $order: CalendarOrder, $first: Int, $after: String) {
  events(filter: $filter, order: $order, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { name startsOn endsOn cluster { slug } } }
  } }"#;

/// The coordinator of the recycling cluster adds three events: one on given days, one known
/// only to its month, one long past. Returns the cluster's ID.
async fn add_events(app: &TestApp) -> String {
    let token = app.sign_in(COORDINATOR).await;
    let cluster = app.cluster_id(RECYCLING).await;
    for (name, starts, ends) in [
        ("Forum Recyklingu 2030", "2030-03-10", Some("2030-03-11")),
        ("Targi Odzysku 2030", "2030-05", None),
        ("Zebranie 2020", "2020-01-15", None),
    ] {
        let data = app
            .query_as(
                &token,
                "mutation($input: CreateEventInput!) { createEvent(input: $input) { userErrors { field } } }",
                json!({ "input": { "clusterId": cluster, "name": name, "startsOn": starts, "endsOn": ends, "location": "Rzeszów" } }),
            )
            .await;
        assert_eq!(data["createEvent"]["userErrors"], json!([]), "{name}");
    }
    cluster
}

fn names(connection: &Value) -> Vec<String> {
    nodes(connection)
        .iter()
        .map(|n| n["name"].as_str().unwrap_or_default().to_string())
        .collect()
}

async fn the_calendar_lists_events_in_date_order_upcoming_or_past(app: TestApp) {
    let cluster = add_events(&app).await;
    let upcoming = app
        .query(
            EVENTS,
            json!({ "filter": { "from": "2030-03-12", "clusters": [cluster] } }),
        )
        .await;
    // The March event is over by the 12th; the May one, dated to its month, is still to come.
    assert_eq!(names(&upcoming["events"]), ["Targi Odzysku 2030"]);
    let all_ahead = app
        .query(
            EVENTS,
            json!({ "filter": { "from": "2026-12-06", "clusters": [cluster] }, "first": 1 }),
        )
        .await;
    assert_eq!(names(&all_ahead["events"]), ["Forum Recyklingu 2030"]);
    assert_eq!(all_ahead["events"]["totalCount"], 2);
    assert_eq!(
        nodes(&all_ahead["events"])[0]["cluster"]["slug"],
        RECYCLING,
        "each event names its cluster"
    );
    let next = app
        .query(
            EVENTS,
            json!({ "filter": { "from": "2026-12-06", "clusters": [cluster] }, "first": 1,
                    "after": all_ahead["events"]["pageInfo"]["endCursor"] }),
        )
        .await;
    assert_eq!(names(&next["events"]), ["Targi Odzysku 2030"]);
    assert_eq!(next["events"]["pageInfo"]["hasNextPage"], false);
    let past = app
        .query(
            EVENTS,
            json!({ "filter": { "until": "2026-12-05", "clusters": [cluster] }, "order": "LATEST_FIRST" }),
        )
        .await;
    assert_eq!(
        names(&past["events"]).first().map(String::as_str),
        Some("Zebranie 2020")
    );
    assert!(!names(&past["events"]).contains(&"Forum Recyklingu 2030".to_string()));
    // Across the registry, every event with a start is listed once.
    let registry = app.query(EVENTS, json!({ "first": 100 })).await;
    assert!(
        registry["events"]["totalCount"]
            .as_u64()
            .unwrap_or_default()
            >= 3,
        "{registry}"
    );
}

async fn a_calendar_page_costs_the_same_statements_at_any_size(app: TestApp) {
    add_events(&app).await;
    let small = app.statements(EVENTS, json!({ "first": 2 })).await;
    let large = app.statements(EVENTS, json!({ "first": 50 })).await;
    assert_eq!(small, large, "no statement per event");
}

async fn the_calendar_refuses_a_bad_filter_by_name(app: TestApp) {
    let code = app
        .error_code(EVENTS, json!({ "filter": { "clusters": ["not-an-id"] } }))
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
    let (_, body) = app
        .post(
            EVENTS,
            json!({ "filter": { "sectors": ["NO_SUCH_SECTOR"] } }),
        )
        .await;
    assert!(body.to_string().contains("filter.sectors"), "{body}");
}

async fn ical_feeds_carry_the_day_exact_events(app: TestApp) {
    add_events(&app).await;
    let feed = |path: String| {
        let client = app.client.clone();
        async move {
            let response = client.get(path).send().await.expect("the feed answers");
            let status = response.status().as_u16();
            let kind = response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string();
            (status, kind, response.text().await.unwrap_or_default())
        }
    };
    let (status, kind, cluster) =
        feed(format!("{}/clusters/{RECYCLING}/calendar.ics", app.url)).await;
    assert_eq!(status, 200);
    assert_eq!(kind, "text/calendar; charset=utf-8");
    assert!(cluster.starts_with("BEGIN:VCALENDAR\r\n"), "{cluster}");
    assert!(
        cluster.contains("SUMMARY:Forum Recyklingu 2030\r\n"),
        "{cluster}"
    );
    assert!(cluster.contains("DTSTART;VALUE=DATE:20300310\r\nDTEND;VALUE=DATE:20300312\r\n"));
    assert!(
        !cluster.contains("Targi Odzysku"),
        "an event known only to its month is not put on a day"
    );
    assert!(
        !cluster.contains("Zebranie 2020"),
        "long past events are not carried"
    );
    // Long lines are folded (CRLF and a space); unfolded, each event links its cluster's page.
    assert!(
        cluster
            .replace("\r\n ", "")
            .contains(&format!("/clusters/{RECYCLING}\r\n")),
        "{cluster}"
    );
    let (status, _, registry) = feed(format!("{}/calendar.ics", app.url)).await;
    assert_eq!(status, 200);
    assert!(registry.contains("SUMMARY:Forum Recyklingu 2030\r\n"));
    let (status, _, missing) =
        feed(format!("{}/clusters/no-such-cluster/calendar.ics", app.url)).await;
    assert_eq!(status, 404);
    assert!(missing.contains("NOT_FOUND"), "{missing}");
}

on_both_backends! {
    calendar_order => the_calendar_lists_events_in_date_order_upcoming_or_past;
    calendar_statements => a_calendar_page_costs_the_same_statements_at_any_size;
    calendar_bad_filter => the_calendar_refuses_a_bad_filter_by_name;
    ical_feeds => ical_feeds_carry_the_day_exact_events;
}
