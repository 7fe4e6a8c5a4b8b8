//! The registry's events as an iCalendar feed (RFC 5545), for calendar applications to
//! subscribe to: the whole registry's at `/calendar.ics`, one cluster's at
//! `/clusters/<slug>/calendar.ics`.
//!
//! A calendar entry is a day or days. An event whose start the source gives only as a month or
//! a year cannot be put on a day without claiming more than the source says, so a feed leaves
//! it out (the web app's calendar shows it with its month or year); an end known only to a
//! month or year is left unstated and named in the description instead.

use crate::DomainResult;
use crate::reads::calendar;
use crate::rules::partial_date::PartialDate;
use chrono::{Duration, NaiveDate};
use klastry_entity::{cluster, event};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// Days before today a feed still carries, so an event just past stays in view.
pub const FEED_PAST_DAYS: i64 = 90;

/// Whose events a feed holds.
pub enum FeedScope<'a> {
    /// Every cluster's.
    Registry,
    /// One cluster's.
    Cluster(&'a cluster::Model),
}

/// The feed's text for `scope` on `today`: events not over before [`FEED_PAST_DAYS`] ago,
/// soonest first. `base` is the public address pages and identifiers are made from.
pub async fn feed<C: ConnectionTrait>(
    db: &C,
    scope: FeedScope<'_>,
    today: NaiveDate,
    base: &str,
) -> DomainResult<String> {
    let from = today - Duration::days(FEED_PAST_DAYS);
    let (cluster_id, title) = match &scope {
        FeedScope::Registry => (None, "klastry: wydarzenia klastrów".to_string()),
        FeedScope::Cluster(c) => (Some(c.id), format!("klastry: {}", display_name(c))),
    };
    let events = calendar::feed(db, cluster_id, from).await?;
    let clusters: HashMap<i32, cluster::Model> = match scope {
        FeedScope::Cluster(c) => HashMap::from([(c.id, c.clone())]),
        FeedScope::Registry => {
            let mut ids: Vec<i32> = events.iter().map(|e| e.cluster_id).collect();
            ids.sort_unstable();
            ids.dedup();
            cluster::Entity::find()
                .filter(cluster::Column::Id.is_in(ids))
                .all(db)
                .await?
                .into_iter()
                .map(|c| (c.id, c))
                .collect()
        }
    };
    Ok(render(&title, &events, &clusters, base))
}

fn display_name(c: &cluster::Model) -> &str {
    c.name_pl
        .as_deref()
        .or(c.name_en.as_deref())
        .unwrap_or(&c.slug)
}

/// The calendar's text: a VCALENDAR with one VEVENT per event dated to the day.
pub fn render(
    title: &str,
    events: &[event::Model],
    clusters: &HashMap<i32, cluster::Model>,
    base: &str,
) -> String {
    let host = base
        .split("://")
        .nth(1)
        .unwrap_or(base)
        .split(['/', ':'])
        .next()
        .unwrap_or("klastry");
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//klastry//rejestr klastrow//PL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push(&mut out, line);
    }
    push(&mut out, &format!("X-WR-CALNAME:{}", escape(title)));
    push(&mut out, "X-WR-TIMEZONE:Europe/Warsaw");
    for e in events {
        let Some(PartialDate::Day(starts)) = parse(e.starts_on.as_deref()) else {
            continue;
        };
        let ends = parse(e.ends_on.as_deref());
        let cluster = clusters.get(&e.cluster_id);
        push(&mut out, "BEGIN:VEVENT");
        push(&mut out, &format!("UID:event-{}@{host}", e.id));
        push(
            &mut out,
            &format!("DTSTAMP:{}", e.updated_at.format("%Y%m%dT%H%M%SZ")),
        );
        push(
            &mut out,
            &format!("LAST-MODIFIED:{}", e.updated_at.format("%Y%m%dT%H%M%SZ")),
        );
        push(&mut out, &format!("SEQUENCE:{}", (e.version - 1).max(0)));
        push(&mut out, &format!("DTSTART;VALUE=DATE:{}", day(starts)));
        // An all-day event's end is the day after its last, and only a day-exact end is one.
        if let Some(PartialDate::Day(last)) = ends
            && last >= starts
        {
            push(
                &mut out,
                &format!("DTEND;VALUE=DATE:{}", day(last + Duration::days(1))),
            );
        }
        push(&mut out, &format!("SUMMARY:{}", escape(&e.name)));
        if let Some(location) = &e.location {
            push(&mut out, &format!("LOCATION:{}", escape(location)));
        }
        let mut description = Vec::new();
        if let Some(c) = cluster {
            description.push(display_name(c).to_string());
        }
        if let Some(end) = ends.filter(|d| !matches!(d, PartialDate::Day(_))) {
            description.push(format!("Koniec / ends: {end}"));
        }
        if let Some(text) = &e.description {
            description.push(text.clone());
        }
        if !description.is_empty() {
            push(
                &mut out,
                &format!("DESCRIPTION:{}", escape(&description.join("\n\n"))),
            );
        }
        if let Some(c) = cluster {
            push(
                &mut out,
                &format!("URL:{}/clusters/{}", base.trim_end_matches('/'), c.slug),
            );
        }
        push(&mut out, "END:VEVENT");
    }
    push(&mut out, "END:VCALENDAR");
    out
}

fn parse(text: Option<&str>) -> Option<PartialDate> {
    text.and_then(|t| t.parse().ok())
}

fn day(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded so no line is longer than 75 octets (a fold is CRLF and a
/// space), never inside a character.
fn push(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn event(id: i32, starts_on: &str, ends_on: Option<&str>) -> event::Model {
        event::Model {
            id,
            cluster_id: 1,
            source_document_id: None,
            name: "Forum, Recykling; 2027".into(),
            description: Some("Dzień pierwszy\ndzień drugi".into()),
            starts_on: Some(starts_on.into()),
            ends_on: ends_on.map(Into::into),
            location: Some("Rzeszów".into()),
            first_day: None,
            last_day: None,
            version: 3,
            created_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            updated_at: Utc.with_ymd_and_hms(2026, 2, 3, 4, 5, 6).unwrap(),
        }
    }

    #[test]
    fn day_exact_events_become_all_day_entries_and_vaguer_ones_are_left_out() {
        let text = render(
            "Kalendarz",
            &[
                event(7, "2027-03-10", Some("2027-03-11")),
                event(8, "2027-03", None),
                event(9, "2027-04-01", Some("2027-05")),
            ],
            &HashMap::new(),
            "https://klastry.example.pl",
        );
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 2, "{text}");
        assert!(text.contains("UID:event-7@klastry.example.pl\r\n"));
        assert!(text.contains("DTSTART;VALUE=DATE:20270310\r\nDTEND;VALUE=DATE:20270312\r\n"));
        assert!(text.contains("SUMMARY:Forum\\, Recykling\\; 2027\r\n"));
        assert!(text.contains("SEQUENCE:2\r\n"));
        // An end known to the month is named, not invented.
        assert!(!text.contains("DTEND;VALUE=DATE:2027060"), "{text}");
        assert!(text.contains("Koniec / ends: 2027-05"));
        assert!(!text.contains("event-8@"));
    }

    #[test]
    fn long_lines_fold_between_characters() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "ż".repeat(60));
        push(&mut out, &long);
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{long}\r\n"));
    }
}
