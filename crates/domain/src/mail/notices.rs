//! A notification put into words, in Polish or English: one headline and the lines that explain
//! it. The inbox shows the headline; a mail, at once or in a digest, shows both with a link.

use crate::rules::languages::Language;
use crate::rules::notifications::NoticeParams;
use klastry_entity::NotificationKind;

/// A notification in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worded {
    /// One line saying what happened.
    pub headline: String,
    /// What else the reader should know (the end's uncertainty, a reason).
    pub lines: Vec<String>,
}

fn or_dash(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("–")
}

/// Puts a notification of `kind` with `params` into words in `language`.
pub fn word(kind: NotificationKind, params: &NoticeParams, language: Language) -> Worded {
    let l = language;
    let cluster = or_dash(&params.cluster);
    let organisation = or_dash(&params.organisation);
    let title = or_dash(&params.title);
    let mut lines = Vec::new();
    let pl = l == Language::Pl;
    let headline = match kind {
        NotificationKind::ApplicationReceived => {
            if pl {
                format!("{organisation} chce dołączyć do klastra {cluster}")
            } else {
                format!("{organisation} applied to join {cluster}")
            }
        }
        NotificationKind::ApplicationDecided => match (params.approved, pl) {
            (Some(true), true) => format!("{organisation} jest członkiem klastra {cluster}"),
            (Some(true), false) => format!("{organisation} was admitted to {cluster}"),
            (_, true) => format!("{cluster}: odrzucono wniosek {organisation} o przyjęcie"),
            (_, false) => format!("{cluster} declined the application of {organisation}"),
        },
        NotificationKind::NoticeAnswered => {
            if pl {
                format!("{organisation} odpowiada na ogłoszenie „{title}”")
            } else {
                format!("{organisation} answered your notice \u{201c}{title}\u{201d}")
            }
        }
        NotificationKind::NewMatch => match (&params.cluster, pl) {
            (Some(_), true) => format!("Nowy wynik wyszukiwania „{title}”: {cluster}"),
            (Some(_), false) => format!("New for \u{201c}{title}\u{201d}: {cluster}"),
            (None, true) => format!("Nowe ogłoszenie dla Ciebie: „{title}” ({organisation})"),
            (None, false) => {
                format!("A new notice for you: \u{201c}{title}\u{201d} ({organisation})")
            }
        },
        NotificationKind::FollowedActivity => {
            let name = params.cluster.as_deref().unwrap_or(organisation);
            if pl {
                format!("Zmiany u obserwowanych: {name}")
            } else {
                format!("News from {name}, which you follow")
            }
        }
        NotificationKind::StatusRecorded => {
            let label = or_dash(&params.label);
            match (params.action.as_deref(), pl) {
                (Some("DELETE"), true) => format!("Usunięto wpis {label} klastra {cluster}"),
                (Some("DELETE"), false) => format!("The {label} record of {cluster} was withdrawn"),
                (Some("UPDATE"), true) => format!("Poprawiono wpis {label} klastra {cluster}"),
                (Some("UPDATE"), false) => format!("The {label} record of {cluster} was corrected"),
                (_, true) => format!("Zapisano {label} klastra {cluster}"),
                (_, false) => format!("{label} recorded for {cluster}"),
            }
        }
        NotificationKind::LapseWarning => {
            let what = match (&params.label, pl) {
                (Some(label), true) => format!("{label} klastra {cluster}"),
                (Some(label), false) => format!("The {label} of {cluster}"),
                (None, true) => format!("Ogłoszenie „{title}”"),
                (None, false) => format!("The notice \u{201c}{title}\u{201d}"),
            };
            let days = params.days.unwrap_or_default();
            let ends = or_dash(&params.ends_on);
            if params.uncertain {
                let latest = or_dash(&params.ends_latest);
                lines.push(if pl {
                    format!("Źródła nie podają dokładnego dnia końca: podają „{ends}”, więc koniec przypada najpóźniej {latest}; ostrzegamy na {days} dni przed najwcześniejszym możliwym dniem.")
                } else {
                    format!("The sources do not give the day it ends: they say \u{201c}{ends}\u{201d}, so it ends by {latest} at the latest; this warning counts {days} days to the earliest day it may end.")
                });
            }
            let lapsed = params.action.as_deref() == Some("LAPSED");
            match (lapsed, days, pl) {
                (true, _, true) => format!("{what}: termin minął ({ends})"),
                (true, _, false) => format!("{what} lapsed ({ends})"),
                (false, 0, true) => format!("{what}: ostatni pewny dzień to dziś ({ends})"),
                (false, 0, false) => format!("{what}: today is the last certain day ({ends})"),
                (false, _, true) => format!("{what} wygasa za {days} dni ({ends})"),
                (false, _, false) => format!("{what} ends in {days} days ({ends})"),
            }
        }
        NotificationKind::RequestToDecide => {
            let person = or_dash(&params.person);
            let subject = params.cluster.as_deref().unwrap_or(organisation);
            if pl {
                format!("{person} prosi o decyzję: {subject}")
            } else {
                format!("{person} waits for your decision: {subject}")
            }
        }
        NotificationKind::RequestDecided => {
            let subject = params.cluster.as_deref().unwrap_or(organisation);
            match (params.approved, pl) {
                (Some(true), true) => format!("Twoja prośba została przyjęta: {subject}"),
                (Some(true), false) => format!("Your request was approved: {subject}"),
                (_, true) => format!("Twoja prośba została odrzucona: {subject}"),
                (_, false) => format!("Your request was declined: {subject}"),
            }
        }
        NotificationKind::Invitation => {
            let person = or_dash(&params.person);
            let subject = params.cluster.as_deref().unwrap_or(organisation);
            if pl {
                format!("{person} zaprasza Cię: {subject}")
            } else {
                format!("{person} invites you: {subject}")
            }
        }
    };
    if let Some(reason) = &params.reason {
        lines.push(format!("{} {reason}", l.pick("Uzasadnienie:", "Reason:")));
    }
    Worded { headline, lines }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uncertain_end_is_said_to_be_uncertain_and_not_given_a_day() {
        let params = NoticeParams {
            cluster: Some("Klaster X".into()),
            label: Some("KKK".into()),
            days: Some(180),
            ends_on: Some("2027".into()),
            ends_latest: Some("2027-12-31".into()),
            uncertain: true,
            ..NoticeParams::default()
        };
        let en = word(NotificationKind::LapseWarning, &params, Language::En);
        assert_eq!(en.headline, "The KKK of Klaster X ends in 180 days (2027)");
        assert!(en.lines[0].contains("do not give the day"));
        let pl = word(NotificationKind::LapseWarning, &params, Language::Pl);
        assert!(pl.headline.contains("za 180 dni"));
    }

    #[test]
    fn every_kind_has_words_in_both_languages() {
        use sea_orm::Iterable;
        for kind in NotificationKind::iter() {
            for language in [Language::Pl, Language::En] {
                assert!(
                    !word(kind, &NoticeParams::default(), language)
                        .headline
                        .is_empty()
                );
            }
        }
    }

    #[test]
    fn a_warning_on_the_last_certain_day_does_not_say_lapsed() {
        let params = |action: &str| NoticeParams {
            cluster: Some("X".into()),
            label: Some("KKK".into()),
            days: Some(0),
            ends_on: Some("2027-06-30".into()),
            action: Some(action.into()),
            ..NoticeParams::default()
        };
        let today = word(
            NotificationKind::LapseWarning,
            &params("EXPIRING"),
            Language::En,
        );
        assert!(today.headline.contains("today is the last certain day"));
        let lapsed = word(
            NotificationKind::LapseWarning,
            &params("LAPSED"),
            Language::En,
        );
        assert!(lapsed.headline.contains("lapsed"));
    }
}
