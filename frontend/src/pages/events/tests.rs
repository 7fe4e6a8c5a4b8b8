//! The calendar's state, URLs and variables.

use super::*;
use crate::i18n::count;

fn read(pairs: &[(&str, &str)]) -> CalendarQuery {
    CalendarQuery::read(|key| {
        pairs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.to_string())
    })
}

#[test]
fn the_url_holds_the_tab_the_filters_and_the_page() {
    let state = CalendarQuery {
        past: true,
        voivodeships: vec!["SLASKIE".into(), "OPOLSKIE".into()],
        sectors: vec!["recycling".into()],
        clusters: vec!["Q2x1c3Rlcjox".into()],
        after: Some("abc=".into()),
        before: None,
    };
    let url = state.to_url();
    assert_eq!(
        url,
        "/events?when=past&voivodeship=SLASKIE%2COPOLSKIE&sector=recycling&cluster=Q2x1c3Rlcjox&after=abc%3D"
    );
    let read = read(&[
        ("when", "past"),
        ("voivodeship", "SLASKIE,OPOLSKIE"),
        ("sector", "recycling"),
        ("cluster", "Q2x1c3Rlcjox"),
        ("after", "abc="),
    ]);
    assert_eq!(read, state);
    assert_eq!(CalendarQuery::default().to_url(), "/events");
}

#[test]
fn events_are_counted_in_each_language() {
    assert_eq!(count(Lang::Pl, 1, Noun::Event), "1 wydarzenie");
    assert_eq!(count(Lang::Pl, 3, Noun::Event), "3 wydarzenia");
    assert_eq!(count(Lang::Pl, 12, Noun::Event), "12 wydarzeń");
    assert_eq!(count(Lang::En, 1, Noun::Event), "1 event");
}

#[test]
fn a_tab_keeps_the_filters_and_starts_over() {
    let state = CalendarQuery {
        sectors: vec!["digital".into()],
        before: Some("x".into()),
        ..Default::default()
    };
    assert_eq!(state.tab(true).to_url(), "/events?when=past&sector=digital");
    assert_eq!(state.tab(false).to_url(), "/events?sector=digital");
}

#[test]
fn upcoming_runs_from_today_soonest_first_and_past_until_yesterday_latest_first() {
    let upcoming = CalendarQuery::default().variables("2026-12-07".into(), "2026-12-06".into());
    assert_eq!(upcoming.filter.from.as_deref(), Some("2026-12-07"));
    assert_eq!(upcoming.filter.until, None);
    assert!(matches!(
        upcoming.order,
        events_calendar::CalendarOrder::SOONEST_FIRST
    ));
    assert_eq!((upcoming.first, upcoming.last), (Some(PAGE_SIZE), None));
    let past = CalendarQuery {
        past: true,
        before: Some("c".into()),
        voivodeships: vec!["SLASKIE".into(), "not a code".into()],
        ..Default::default()
    }
    .variables("2026-12-07".into(), "2026-12-06".into());
    assert_eq!(past.filter.from, None);
    assert_eq!(past.filter.until.as_deref(), Some("2026-12-06"));
    assert!(matches!(
        past.order,
        events_calendar::CalendarOrder::LATEST_FIRST
    ));
    assert_eq!((past.first, past.last), (None, Some(PAGE_SIZE)));
    assert_eq!(past.filter.voivodeships.map(|v| v.len()), Some(1));
}

#[test]
fn the_clusters_chosen_go_to_the_api_and_their_chips_drop_them() {
    let state = CalendarQuery {
        clusters: vec!["A".into(), "B".into()],
        after: Some("x".into()),
        ..Default::default()
    };
    let variables = state.variables("2026-12-07".into(), "2026-12-06".into());
    assert_eq!(
        variables.filter.clusters,
        Some(vec!["A".into(), "B".into()])
    );
    let names = vec![("A".to_owned(), "Klaster A".to_owned())];
    let chips = chips(Lang::Pl, &state, None, &names);
    assert_eq!(
        chips,
        vec![
            ("Klaster A".to_owned(), "/events?cluster=B".to_owned()),
            ("B".to_owned(), "/events?cluster=A".to_owned()),
        ]
    );
}
