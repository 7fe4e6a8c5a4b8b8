//! Who is told of what, how and when: the notification rules as pure functions.
//!
//! A change is offered to [`route`], which names the audiences it concerns and the kind of
//! notification each gets; the service loads those audiences and [`recipients`] settles who
//! is told (once each, never the one who made the change, and followers only of what anyone may
//! read). [`email_due`] says when a notification is mailed under a preference, and
//! [`lapse_due`] which warning, if any, an ending status or notice is owed today.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use klastry_entity::{EmailFrequency, NotificationKind};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

/// Every kind an account can choose how to be mailed, in the order settings list them.
/// (INVITATION is not among them: the invitation itself is always mailed, with its link.)
pub const CHOOSABLE: [NotificationKind; 9] = [
    NotificationKind::ApplicationReceived,
    NotificationKind::ApplicationDecided,
    NotificationKind::NoticeAnswered,
    NotificationKind::RequestToDecide,
    NotificationKind::RequestDecided,
    NotificationKind::StatusRecorded,
    NotificationKind::LapseWarning,
    NotificationKind::NewMatch,
    NotificationKind::FollowedActivity,
];

/// How a kind is mailed until its account chooses: what needs an answer or warns of a loss
/// at once, what matches a follow or search daily, a followed cluster's activity weekly.
pub fn default_email(kind: NotificationKind) -> EmailFrequency {
    match kind {
        NotificationKind::NewMatch => EmailFrequency::Daily,
        NotificationKind::FollowedActivity => EmailFrequency::Weekly,
        // The invitation's own mail carries its link; a second mail would say it again.
        NotificationKind::Invitation => EmailFrequency::None,
        _ => EmailFrequency::Immediate,
    }
}

/// Whether an account may choose how `kind` is mailed.
pub fn is_choosable(kind: NotificationKind) -> bool {
    CHOOSABLE.contains(&kind)
}

/// The hour (UTC) digests go out: 06:00 UTC is 7 or 8 in the morning in Poland.
const DIGEST_HOUR: u32 = 6;

/// When a notification written at `created` is mailed under `frequency`: at once, at the next
/// digest hour, at the next Monday's digest hour, or never.
pub fn email_due(frequency: EmailFrequency, created: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let at_hour = |day: NaiveDate| {
        day.and_time(NaiveTime::from_hms_opt(DIGEST_HOUR, 0, 0).unwrap_or_default())
            .and_utc()
    };
    match frequency {
        EmailFrequency::Immediate => Some(created),
        EmailFrequency::None => None,
        EmailFrequency::Daily => {
            let today = at_hour(created.date_naive());
            Some(if today > created {
                today
            } else {
                today + Duration::days(1)
            })
        }
        EmailFrequency::Weekly => {
            let mut day = created.date_naive();
            loop {
                if day.weekday() == Weekday::Mon && at_hour(day) > created {
                    return Some(at_hour(day));
                }
                day = day.succ_opt()?;
            }
        }
    }
}

/// The values a notification is written from, in no language: the inbox and the mail put them
/// into words. Names are copied when the notification is written, so it still reads after its
/// subject is renamed or deleted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NoticeParams {
    /// The cluster's name.
    pub cluster: Option<String>,
    /// The organisation's name.
    pub organisation: Option<String>,
    /// A notice's title, or the name of the saved search matched.
    pub title: Option<String>,
    /// What ends or was recorded: "KKK", or "ESCA BRONZE" / "SILVER" / "GOLD".
    pub label: Option<String>,
    /// What was done: CREATE, UPDATE, DELETE, APPROVE, REJECT, LEAVE, ...
    pub action: Option<String>,
    /// Whether a request or application was approved.
    pub approved: Option<bool>,
    /// Days left before the end (a lapse warning); 0 once lapsed.
    pub days: Option<i32>,
    /// The end as precise as its source ("2027-06-30", "2027-06", "2027").
    pub ends_on: Option<String>,
    /// The last day it can be held, when the sources leave the end open.
    pub ends_latest: Option<String>,
    /// Whether the sources leave the end uncertain.
    pub uncertain: bool,
    /// Who asked, answered or invited.
    pub person: Option<String>,
    /// Why it was declined.
    pub reason: Option<String>,
    /// The page of the web app that shows it ("/clusters/slug").
    pub path: Option<String>,
}

/// A group of accounts a change may concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Audience {
    /// The coordinators of the change's cluster.
    ClusterCoordinators,
    /// The accounts acting for the change's organisation.
    OrganisationUsers,
    /// The account that posted the cooperation notice concerned.
    NoticeAuthor,
    /// The registry's operators.
    Operators,
    /// Those following the change's cluster.
    ClusterFollowers,
    /// Those following the change's organisation.
    OrganisationFollowers,
    /// Those following the board's sector or voivodeship of a new notice.
    BoardFollowers,
    /// Those whose saved board search a new notice matches.
    BoardSearches,
    /// Those whose saved directory search a cluster matches.
    DirectorySearches,
}

impl Audience {
    /// Whether this audience hears only of what anyone may read (it holds no role in the
    /// change, only an interest).
    pub fn is_public_only(self) -> bool {
        matches!(
            self,
            Audience::ClusterFollowers
                | Audience::OrganisationFollowers
                | Audience::BoardFollowers
                | Audience::BoardSearches
                | Audience::DirectorySearches
        )
    }
}

/// The objects whose changes a follower of a cluster hears of.
const CLUSTER_FACTS: [&str; 7] = [
    "Cluster",
    "Project",
    "Indicator",
    "Service",
    "Event",
    "WorkingGroup",
    "ClusterPerson",
];

/// The audiences a change of `object_type` by `action` concerns, with the kind each is told;
/// `status` is the membership's status after the change (or before, for a deletion). Earlier
/// routes win when an account belongs to several audiences.
pub fn route(
    object_type: &str,
    action: &str,
    status: Option<&str>,
) -> Vec<(Audience, NotificationKind)> {
    use Audience as A;
    use NotificationKind as K;
    match (object_type, action) {
        ("Membership", "APPLY") => vec![(A::ClusterCoordinators, K::ApplicationReceived)],
        ("Membership", "APPROVE" | "REJECT") => {
            let mut routes = vec![(A::OrganisationUsers, K::ApplicationDecided)];
            if status == Some("ACTIVE") {
                routes.push((A::ClusterFollowers, K::FollowedActivity));
                routes.push((A::OrganisationFollowers, K::FollowedActivity));
            }
            routes
        }
        ("Membership", "LEAVE") => vec![
            (A::ClusterFollowers, K::FollowedActivity),
            (A::OrganisationFollowers, K::FollowedActivity),
        ],
        ("CooperationResponse", "CREATE") => vec![(A::NoticeAuthor, K::NoticeAnswered)],
        ("CooperationOffer", "CREATE") => vec![
            (A::BoardFollowers, K::NewMatch),
            (A::BoardSearches, K::NewMatch),
            (A::OrganisationFollowers, K::FollowedActivity),
        ],
        ("CooperationOffer", "EXPIRING") => vec![(A::NoticeAuthor, K::LapseWarning)],
        ("KkkCertification" | "EscaLabel", "EXPIRING") => vec![
            (A::ClusterCoordinators, K::LapseWarning),
            (A::Operators, K::LapseWarning),
        ],
        ("KkkCertification" | "EscaLabel", "CREATE" | "UPDATE" | "DELETE") => vec![
            (A::ClusterCoordinators, K::StatusRecorded),
            (A::ClusterFollowers, K::FollowedActivity),
            (A::DirectorySearches, K::NewMatch),
        ],
        ("Cluster", "CREATE") => vec![(A::DirectorySearches, K::NewMatch)],
        ("Cluster", "UPDATE") => vec![
            (A::ClusterFollowers, K::FollowedActivity),
            (A::DirectorySearches, K::NewMatch),
        ],
        ("Organisation", "UPDATE") => vec![(A::OrganisationFollowers, K::FollowedActivity)],
        (object, "CREATE" | "UPDATE" | "DELETE") if CLUSTER_FACTS.contains(&object) => {
            vec![(A::ClusterFollowers, K::FollowedActivity)]
        }
        _ => Vec::new(),
    }
}

/// The status a membership is left in by a change (or had, for a deletion).
pub fn membership_status<'a>(
    before: Option<&'a Value>,
    after: Option<&'a Value>,
) -> Option<&'a str> {
    after
        .or(before)
        .and_then(|s| s.get("status"))
        .and_then(Value::as_str)
}

/// Who is told of a change: each account once, with the kind of the first route it is in,
/// never `actor` (who made the change), and the public-only audiences only when `is_public`.
pub fn recipients(
    routes: &[(Audience, NotificationKind)],
    members: &BTreeMap<Audience, Vec<i32>>,
    actor: Option<i32>,
    is_public: bool,
) -> Vec<(i32, NotificationKind)> {
    let mut told = HashSet::new();
    let mut out = Vec::new();
    for &(audience, kind) in routes {
        if audience.is_public_only() && !is_public {
            continue;
        }
        for &user in members.get(&audience).into_iter().flatten() {
            if Some(user) != actor && told.insert(user) {
                out.push((user, kind));
            }
        }
    }
    out
}

/// Days before an end on which a KKK status or ESCA label is warned of.
pub const STATUS_THRESHOLDS: [i32; 4] = [180, 90, 30, 7];
/// Days before its end on which a cooperation notice is warned of.
pub const NOTICE_THRESHOLDS: [i32; 1] = [7];
/// The threshold a "lapsed" warning is stored under.
pub const LAPSED: i32 = 0;
/// How long after a lapse a server that was down still says it lapsed.
const LAPSED_WINDOW_DAYS: i64 = 7;

/// When something ends, as certain as its sources: it is held at least until `certain` and
/// cannot last beyond `latest` (the same day when the source gives the day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndBounds {
    /// The last day it is certainly held; the warnings count down to it.
    pub certain: NaiveDate,
    /// The last day it can be held.
    pub latest: NaiveDate,
}

impl EndBounds {
    /// The bounds of a status record, from its stored `held_until` and `latest_end`; None when
    /// neither is known (nothing to warn of).
    pub fn of(held_until: Option<NaiveDate>, latest_end: Option<NaiveDate>) -> Option<Self> {
        match (held_until, latest_end) {
            (Some(certain), Some(latest)) => Some(Self {
                certain: certain.min(latest),
                latest,
            }),
            (None, Some(latest)) => Some(Self {
                certain: latest,
                latest,
            }),
            (Some(certain), None) => Some(Self {
                certain,
                latest: certain,
            }),
            (None, None) => None,
        }
    }

    /// Whether the sources leave the end open between two days.
    pub fn is_uncertain(&self) -> bool {
        self.certain != self.latest
    }
}

/// The warning owed `today` for something ending within `end`, given the thresholds already
/// `given` for that end: the nearest threshold reached that neither it nor a nearer one was
/// given (so a server down for a month gives one warning, not four), or [`LAPSED`] from the
/// day after the last possible day for a week. None when nothing is owed.
pub fn lapse_due(
    end: EndBounds,
    today: NaiveDate,
    thresholds: &[i32],
    given: &[i32],
) -> Option<i32> {
    if today > end.latest {
        let since = (today - end.latest).num_days();
        return (since <= LAPSED_WINDOW_DAYS && !given.contains(&LAPSED)).then_some(LAPSED);
    }
    let left = (end.certain - today).num_days();
    let due = thresholds
        .iter()
        .copied()
        .filter(|&t| left <= i64::from(t))
        .min()?;
    let nearer_given = given.iter().any(|&g| g != LAPSED && g <= due);
    (!nearer_given).then_some(due)
}

/// A saved search's filter, as the account saved it; a field left empty matches anything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SavedFilter {
    /// Words the name or description must contain (folded as the search folds them).
    pub text: Option<String>,
    /// TERYT codes of the voivodeships any of which must match.
    pub voivodeships: Vec<String>,
    /// Sector codes any of which must match.
    pub sectors: Vec<String>,
    /// Notice kinds (board only).
    pub kinds: Vec<String>,
    /// Notice categories (board only).
    pub categories: Vec<String>,
    /// Only clusters holding a KKK status now (directory only).
    pub kkk_active: bool,
    /// ESCA levels any of which the cluster must hold (directory only).
    pub esca_levels: Vec<String>,
}

/// What a saved search is matched against: a cluster's or a notice's facts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Candidate {
    /// Its searchable text, folded.
    pub text: String,
    /// Its voivodeship.
    pub voivodeship: Option<String>,
    /// Its sector codes.
    pub sectors: Vec<String>,
    /// A notice's kind.
    pub kind: Option<String>,
    /// A notice's category.
    pub category: Option<String>,
    /// Whether a cluster holds a KKK status today.
    pub kkk_active: bool,
    /// The ESCA levels a cluster holds.
    pub esca_levels: Vec<String>,
}

/// Whether `candidate` matches `filter`: every field the filter sets is met.
pub fn matches(filter: &SavedFilter, candidate: &Candidate) -> bool {
    let any_of = |wanted: &[String], have: &[String]| {
        wanted.is_empty() || wanted.iter().any(|w| have.contains(w))
    };
    let one_of = |wanted: &[String], have: Option<&String>| {
        wanted.is_empty() || have.is_some_and(|h| wanted.contains(h))
    };
    let words_match = filter.text.as_deref().is_none_or(|text| {
        super::text::fold(text)
            .split_whitespace()
            .all(|word| candidate.text.contains(word))
    });
    words_match
        && one_of(&filter.voivodeships, candidate.voivodeship.as_ref())
        && any_of(&filter.sectors, &candidate.sectors)
        && one_of(&filter.kinds, candidate.kind.as_ref())
        && one_of(&filter.categories, candidate.category.as_ref())
        && (!filter.kkk_active || candidate.kkk_active)
        && any_of(&filter.esca_levels, &candidate.esca_levels)
}

/// Whether a board follow (a sector, a voivodeship, or both) covers a notice.
pub fn board_follow_covers(
    sector: Option<&str>,
    voivodeship: Option<&str>,
    candidate: &Candidate,
) -> bool {
    sector.is_none_or(|s| candidate.sectors.iter().any(|c| c == s))
        && voivodeship.is_none_or(|v| candidate.voivodeship.as_deref() == Some(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a day")
    }

    #[test]
    fn an_application_tells_the_coordinators_and_its_decision_the_applicant() {
        let received = route("Membership", "APPLY", Some("PENDING"));
        assert_eq!(
            received,
            vec![(
                Audience::ClusterCoordinators,
                NotificationKind::ApplicationReceived
            )]
        );
        let rejected = route("Membership", "REJECT", Some("REJECTED"));
        assert_eq!(
            rejected,
            vec![(
                Audience::OrganisationUsers,
                NotificationKind::ApplicationDecided
            )]
        );
        // An admission is public, so followers hear of it too; a rejection is not.
        let approved = route("Membership", "APPROVE", Some("ACTIVE"));
        assert!(approved.contains(&(
            Audience::ClusterFollowers,
            NotificationKind::FollowedActivity
        )));
    }

    #[test]
    fn answers_tell_the_notice_author_and_status_changes_the_coordinators() {
        assert_eq!(
            route("CooperationResponse", "CREATE", None),
            vec![(Audience::NoticeAuthor, NotificationKind::NoticeAnswered)]
        );
        for action in ["CREATE", "UPDATE", "DELETE"] {
            let routes = route("KkkCertification", action, None);
            assert_eq!(
                routes[0],
                (
                    Audience::ClusterCoordinators,
                    NotificationKind::StatusRecorded
                )
            );
        }
        let expiring = route("EscaLabel", "EXPIRING", None);
        assert!(expiring.contains(&(Audience::Operators, NotificationKind::LapseWarning)));
        assert!(route("ApiToken", "CREATE", None).is_empty());
        assert!(route("User", "SIGN_UP", None).is_empty());
    }

    #[test]
    fn nobody_is_told_twice_nor_of_their_own_change() {
        let routes = route("KkkCertification", "CREATE", None);
        let members = BTreeMap::from([
            (Audience::ClusterCoordinators, vec![1, 2]),
            (Audience::ClusterFollowers, vec![2, 3]),
        ]);
        let told = recipients(&routes, &members, Some(1), true);
        assert_eq!(
            told,
            vec![
                (2, NotificationKind::StatusRecorded),
                (3, NotificationKind::FollowedActivity)
            ]
        );
    }

    #[test]
    fn followers_are_not_told_of_what_they_may_not_read() {
        // A re-application after leaving is private: followers of the cluster hear nothing.
        let routes = vec![
            (
                Audience::ClusterCoordinators,
                NotificationKind::ApplicationReceived,
            ),
            (
                Audience::ClusterFollowers,
                NotificationKind::FollowedActivity,
            ),
        ];
        let members = BTreeMap::from([
            (Audience::ClusterCoordinators, vec![1]),
            (Audience::ClusterFollowers, vec![5]),
        ]);
        let told = recipients(&routes, &members, None, false);
        assert_eq!(told, vec![(1, NotificationKind::ApplicationReceived)]);
    }

    #[test]
    fn digests_wait_for_the_next_morning_or_monday() {
        let at = |d: u32, h: u32| Utc.with_ymd_and_hms(2026, 12, d, h, 30, 0).unwrap();
        // Sunday 6 December 2026, 05:30 and 19:30.
        assert_eq!(
            email_due(EmailFrequency::Immediate, at(6, 19)),
            Some(at(6, 19))
        );
        assert_eq!(email_due(EmailFrequency::None, at(6, 19)), None);
        let six = |d: u32| Utc.with_ymd_and_hms(2026, 12, d, 6, 0, 0).unwrap();
        assert_eq!(email_due(EmailFrequency::Daily, at(6, 5)), Some(six(6)));
        assert_eq!(email_due(EmailFrequency::Daily, at(6, 19)), Some(six(7)));
        assert_eq!(email_due(EmailFrequency::Weekly, at(6, 19)), Some(six(7)));
        // Monday after the hour: the next Monday.
        assert_eq!(email_due(EmailFrequency::Weekly, at(7, 7)), Some(six(14)));
    }

    #[test]
    fn each_threshold_is_warned_once_and_only_the_nearest_after_a_gap() {
        let end = EndBounds::of(Some(day(2027, 6, 30)), Some(day(2027, 6, 30))).expect("bounds");
        let t = &STATUS_THRESHOLDS;
        assert_eq!(lapse_due(end, day(2026, 12, 1), t, &[]), None);
        assert_eq!(lapse_due(end, day(2027, 1, 1), t, &[]), Some(180));
        assert_eq!(lapse_due(end, day(2027, 1, 2), t, &[180]), None);
        assert_eq!(lapse_due(end, day(2027, 4, 1), t, &[180]), Some(90));
        // Down from 180 days before to 10 days before: one warning, the 30-day one.
        assert_eq!(lapse_due(end, day(2027, 6, 20), t, &[]), Some(30));
        assert_eq!(lapse_due(end, day(2027, 6, 25), t, &[180, 90, 30]), Some(7));
        assert_eq!(lapse_due(end, day(2027, 6, 30), t, &[180, 90, 30, 7]), None);
        // The day after the end: lapsed, once, and not for ever after.
        assert_eq!(lapse_due(end, day(2027, 7, 1), t, &[7]), Some(LAPSED));
        assert_eq!(lapse_due(end, day(2027, 7, 2), t, &[7, LAPSED]), None);
        assert_eq!(lapse_due(end, day(2027, 9, 1), t, &[]), None);
    }

    #[test]
    fn an_uncertain_end_counts_down_to_its_first_possible_day() {
        // "Valid until 2027": held certainly until 1 January, possibly until 31 December.
        let end = EndBounds::of(Some(day(2027, 1, 1)), Some(day(2027, 12, 31))).expect("bounds");
        assert!(end.is_uncertain());
        assert_eq!(
            lapse_due(end, day(2026, 7, 5), &STATUS_THRESHOLDS, &[]),
            Some(180)
        );
        // Lapsed only after the last possible day.
        assert_eq!(
            lapse_due(end, day(2027, 6, 1), &STATUS_THRESHOLDS, &[180, 90, 30, 7]),
            None
        );
        assert_eq!(
            lapse_due(end, day(2028, 1, 1), &STATUS_THRESHOLDS, &[7]),
            Some(LAPSED)
        );
        assert_eq!(EndBounds::of(None, None), None);
    }

    #[test]
    fn saved_searches_match_on_every_field_they_set() {
        let notice = Candidate {
            text: "czujniki iot dla rolnictwa".into(),
            voivodeship: Some("14".into()),
            sectors: vec!["ICT".into()],
            kind: Some("OFFER".into()),
            category: Some("TECHNOLOGY".into()),
            ..Candidate::default()
        };
        assert!(matches(&SavedFilter::default(), &notice));
        let filter = SavedFilter {
            text: Some("Czujniki IoT".into()),
            voivodeships: vec!["14".into(), "12".into()],
            sectors: vec!["ICT".into()],
            ..SavedFilter::default()
        };
        assert!(matches(&filter, &notice));
        let elsewhere = SavedFilter {
            voivodeships: vec!["02".into()],
            ..filter.clone()
        };
        assert!(!matches(&elsewhere, &notice));
        let other_words = SavedFilter {
            text: Some("drewno".into()),
            ..SavedFilter::default()
        };
        assert!(!matches(&other_words, &notice));
        let kkk = SavedFilter {
            kkk_active: true,
            ..SavedFilter::default()
        };
        assert!(!matches(&kkk, &notice));
        assert!(board_follow_covers(Some("ICT"), None, &notice));
        assert!(board_follow_covers(Some("ICT"), Some("14"), &notice));
        assert!(!board_follow_covers(None, Some("02"), &notice));
    }

    #[test]
    fn invitations_are_not_mailed_twice_and_not_choosable() {
        assert_eq!(
            default_email(NotificationKind::Invitation),
            EmailFrequency::None
        );
        assert!(!is_choosable(NotificationKind::Invitation));
        assert_eq!(
            default_email(NotificationKind::ApplicationReceived),
            EmailFrequency::Immediate
        );
    }
}
