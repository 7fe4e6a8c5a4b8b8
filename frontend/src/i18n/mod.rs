//! Polish by default, English with one switch: every string the app shows, in both languages,
//! and the formats of dates and numbers for each.
//!
//! Messages are an enum, so a string missing in either language fails the build. Their words
//! are kept by area of the app in `catalogue/<area>.rs.in` (common, public pages, accounts,
//! desks, footer pages; one line `Key => "polski", "English";` each), which `build.rs` gathers
//! into the one `messages!` below: a new message goes into its area's file. The registry's
//! refusals of input fields are put into words in `user_errors` (by code, field and limits),
//! its other error codes in `api_errors`.

mod api_errors;
mod user_errors;

pub use api_errors::api_error;
use leptos::prelude::*;
pub use user_errors::user_error;

/// A language of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Pl,
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Pl => "pl",
            Lang::En => "en",
        }
    }

    /// The API's `Language` value.
    pub fn api(self) -> &'static str {
        match self {
            Lang::Pl => "PL",
            Lang::En => "EN",
        }
    }

    /// The language of the API's `Language` value (`PL`, `EN`).
    pub fn from_api(code: &str) -> Option<Lang> {
        Lang::from_tag(&code.to_lowercase())
    }

    fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "pl" => Some(Lang::Pl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

const KEY: &str = "klastry.lang";

/// The app's language, shared through the reactive context.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    /// The language kept from the last visit, else Polish.
    pub fn load() -> I18n {
        let stored = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .and_then(|tag| Lang::from_tag(&tag));
        I18n(RwSignal::new(stored.unwrap_or(Lang::Pl)))
    }

    /// The current language (reactive).
    pub fn lang(self) -> Lang {
        self.0.get()
    }

    /// A message in the current language (reactive).
    pub fn t(self, message: M) -> &'static str {
        message.text(self.0.get())
    }

    /// Takes an account's language (the API's `Language`, `PL` or `EN`) when signing in.
    pub fn adopt(self, api: &str) {
        if let Some(lang) = Lang::from_api(api) {
            self.set(lang);
        }
    }

    /// Switches the language and remembers it.
    pub fn set(self, lang: Lang) {
        self.0.set(lang);
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.set_item(KEY, lang.tag());
        }
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
    }
}

/// The language context provided at the app's root.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

macro_rules! messages {
    ($($key:ident => $pl:literal, $en:literal;)*) => {
        /// Every message the app shows.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum M { $($key),* }

        impl M {
            /// The message in one language.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((M::$key, Lang::Pl) => $pl, (M::$key, Lang::En) => $en,)*
                }
            }
        }

        #[cfg(test)]
        const ALL: &[M] = &[$(M::$key),*];
    };
}

// `messages! { ... }` with every line of `catalogue/*.rs.in`, written by `build.rs`.
include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// The label of an enum value from the API (organisation kinds, roles, statuses...).
pub fn label(lang: Lang, code: &str) -> String {
    let pair: Option<(&str, &str)> = match code {
        "MICRO_ENTERPRISE" => Some(("mikroprzedsiębiorstwo", "micro enterprise")),
        "SMALL_ENTERPRISE" => Some(("małe przedsiębiorstwo", "small enterprise")),
        "MEDIUM_ENTERPRISE" => Some(("średnie przedsiębiorstwo", "medium enterprise")),
        "LARGE_ENTERPRISE" => Some(("duże przedsiębiorstwo", "large enterprise")),
        "ENTERPRISE" => Some(("przedsiębiorstwo", "enterprise")),
        "UNIVERSITY" => Some(("uczelnia", "university")),
        "RESEARCH_INSTITUTE" => Some(("instytut badawczy", "research institute")),
        "BUSINESS_SUPPORT" => Some(("instytucja otoczenia biznesu", "business support")),
        "LOCAL_GOVERNMENT" => Some(("samorząd", "local government")),
        "NGO" => Some(("organizacja pozarządowa", "NGO")),
        "OTHER" => Some(("inne", "other")),
        "COORDINATOR" => Some(("koordynator", "coordinator")),
        "MEMBER" => Some(("członek", "member")),
        "STRATEGIC_PARTNER" => Some(("partner strategiczny", "strategic partner")),
        "PENDING" => Some(("wniosek czeka", "pending")),
        "ACTIVE" => Some(("aktywny", "active")),
        "REJECTED" => Some(("odrzucony", "rejected")),
        "LEFT" => Some(("wystąpił", "left")),
        "EXPIRED" => Some(("wygasły", "expired")),
        "UNKNOWN" => Some(("nieznany", "unknown")),
        "NOT_YET_VALID" => Some(("jeszcze nieważny", "not yet valid")),
        "BRONZE" => Some(("brązowa", "bronze")),
        "SILVER" => Some(("srebrna", "silver")),
        "GOLD" => Some(("złota", "gold")),
        "CHAIR" => Some(("prezes", "chair")),
        "VICE_CHAIR" => Some(("wiceprezes", "vice-chair")),
        "BOARD_MEMBER" => Some(("członek zarządu", "board member")),
        "OFFICE" => Some(("biuro", "office")),
        "OFFER" => Some(("oferta", "offer")),
        "REQUEST" => Some(("zapytanie", "request")),
        "SUBCONTRACTING" => Some(("podwykonawstwo", "subcontracting")),
        "CONSORTIUM_PARTNER" => Some(("partner do konsorcjum", "consortium partner")),
        "RECYCLATES" => Some(("recyklaty", "recyclates")),
        "RESEARCH" => Some(("badania", "research")),
        "SHARED_RESOURCES" => Some(("wspólne zasoby", "shared resources")),
        "INACTIVE" => Some(("nieaktywny", "inactive")),
        "DISSOLVED" => Some(("rozwiązany", "dissolved")),
        "APPROVED" => Some(("zatwierdzony", "approved")),
        "WITHDRAWN" => Some(("wycofany", "withdrawn")),
        "OPEN" => Some(("otwarte", "open")),
        "ACCEPTED" => Some(("przyjęte", "accepted")),
        "REVOKED" => Some(("unieważnione", "revoked")),
        "OPERATOR" => Some(("operator", "operator")),
        "ACT_FOR_ORGANISATION" => Some(("działanie w imieniu", "to act for")),
        "CLAIM_CLUSTER" => Some(("koordynowanie klastra", "to coordinate")),
        "ORGANISATION_MANAGERS" => {
            Some(("zarządzający organizacją", "the organisation's managers"))
        }
        "CLUSTER_COORDINATORS" => {
            Some(("koordynatorzy jej klastrów", "its clusters' coordinators"))
        }
        "OPERATORS" => Some(("operatorzy rejestru", "the registry's operators")),
        // Notifications: their kinds (as the settings and the unsubscribe page list them),
        // how they are mailed, what a follow or a saved search is of.
        "APPLICATION_RECEIVED" => Some((
            "Wnioski o przyjęcie do Twojego klastra",
            "Applications to join your cluster",
        )),
        "APPLICATION_DECIDED" => Some((
            "Decyzje o wnioskach Twojej organizacji",
            "Decisions on your organisation's applications",
        )),
        "NOTICE_ANSWERED" => Some(("Odpowiedzi na Twoje ogłoszenia", "Answers to your notices")),
        "NEW_MATCH" => Some((
            "Nowe ogłoszenia i klastry pasujące do obserwowanych tematów i zapisanych wyszukiwań",
            "New notices and clusters matching what you follow on the board or your saved searches",
        )),
        "FOLLOWED_ACTIVITY" => Some((
            "Zmiany w obserwowanych klastrach i organizacjach",
            "Changes in clusters and organisations you follow",
        )),
        "STATUS_RECORDED" => Some((
            "Statusy KKK i etykiety ESCA zapisane dla Twojego klastra",
            "KKK statuses and ESCA labels recorded for your cluster",
        )),
        "LAPSE_WARNING" => Some((
            "Ostrzeżenia o wygasaniu statusów, etykiet i ogłoszeń",
            "Warnings that a status, label or notice runs out",
        )),
        "REQUEST_TO_DECIDE" => Some((
            "Wnioski czekające na Twoją decyzję",
            "Requests waiting for your decision",
        )),
        "REQUEST_DECIDED" => Some(("Decyzje o Twoich wnioskach", "Decisions on your requests")),
        "INVITATION" => Some(("Zaproszenia", "Invitations")),
        "IMMEDIATE" => Some(("od razu, każde osobno", "at once, one by one")),
        "DAILY" => Some((
            "raz dziennie, zestawienie rano",
            "once a day, a morning digest",
        )),
        "WEEKLY" => Some(("raz w tygodniu, w poniedziałek", "once a week, on Monday")),
        "NONE" => Some(("nie wysyłaj e-mailem", "not by e-mail")),
        "CLUSTER" => Some(("klaster", "cluster")),
        "ORGANISATION" => Some(("organizacja", "organisation")),
        "BOARD" => Some(("tablica współpracy", "cooperation board")),
        "DIRECTORY" => Some(("katalog klastrów", "cluster directory")),
        _ => None,
    };
    match (pair, lang) {
        (Some((pl, _)), Lang::Pl) => pl.to_owned(),
        (Some((_, en)), Lang::En) => en.to_owned(),
        (None, _) => code.to_lowercase().replace('_', " "),
    }
}

/// An integer with the language's digit grouping: `12 345` in Polish, `12,345` in English.
pub fn number(lang: Lang, value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let separator = match lang {
        Lang::Pl => '\u{a0}',
        Lang::En => ',',
    };
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            // Polish leaves four-digit numbers ungrouped.
            if !(lang == Lang::Pl && digits.len() == 4) {
                grouped.push(separator);
            }
        }
        grouped.push(digit);
    }
    if value < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// A count with its noun in the right grammatical number: Polish has three forms
/// (1 klaster, 2 klastry, 5 klastrów), English two.
pub fn count(lang: Lang, n: i64, noun: Noun) -> String {
    let (one, few, many, en_one, en_many) = noun.forms();
    let word = match lang {
        Lang::Pl => {
            let (tens, units) = (n.abs() % 100, n.abs() % 10);
            if n == 1 {
                one
            } else if (2..=4).contains(&units) && !(12..=14).contains(&tens) {
                few
            } else {
                many
            }
        }
        Lang::En if n == 1 => en_one,
        Lang::En => en_many,
    };
    format!("{} {word}", number(lang, n))
}

/// Nouns the app counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    Member,
    MatchingCluster,
    Cluster,
    Character,
    DifferentCharacter,
    Entry,
    Unread,
    Event,
    Organisation,
    Project,
    Document,
    Company,
    StrategicPartner,
    Employee,
}

impl Noun {
    fn forms(
        self,
    ) -> (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ) {
        match self {
            Noun::Member => ("członek", "członków", "członków", "member", "members"),
            Noun::MatchingCluster => (
                "pasujący klaster",
                "pasujące klastry",
                "pasujących klastrów",
                "matching cluster",
                "matching clusters",
            ),
            Noun::Cluster => ("klaster", "klastry", "klastrów", "cluster", "clusters"),
            Noun::Character => ("znak", "znaki", "znaków", "character", "characters"),
            Noun::DifferentCharacter => (
                "różny znak",
                "różne znaki",
                "różnych znaków",
                "different character",
                "different characters",
            ),
            Noun::Entry => ("pozycja", "pozycje", "pozycji", "entry", "entries"),
            Noun::Event => ("wydarzenie", "wydarzenia", "wydarzeń", "event", "events"),
            Noun::Project => ("projekt", "projekty", "projektów", "project", "projects"),
            Noun::Document => (
                "dokument",
                "dokumenty",
                "dokumentów",
                "document",
                "documents",
            ),
            Noun::Company => ("firma", "firmy", "firm", "company", "companies"),
            Noun::StrategicPartner => (
                "partner strategiczny",
                "partnerów strategicznych",
                "partnerów strategicznych",
                "strategic partner",
                "strategic partners",
            ),
            Noun::Employee => (
                "pracownik",
                "pracowników",
                "pracowników",
                "employee",
                "employees",
            ),
            Noun::Organisation => (
                "organizacja",
                "organizacje",
                "organizacji",
                "organisation",
                "organisations",
            ),
            Noun::Unread => (
                "nieprzeczytane",
                "nieprzeczytane",
                "nieprzeczytanych",
                "unread",
                "unread",
            ),
        }
    }
}

/// The name of the header's bell: "Powiadomienia: 3 nieprzeczytane" ("Notifications: 3
/// unread"), "…: brak nieprzeczytanych" at none, the bare word while the count is not known.
pub fn unread_label(lang: Lang, unread: Option<i64>) -> String {
    let name = M::NavInbox.text(lang);
    match unread {
        None => name.to_owned(),
        Some(0) => format!("{name}: {}", M::NoneUnread.text(lang)),
        Some(n) => format!("{name}: {}", count(lang, n, Noun::Unread)),
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date from the API (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or an RFC 3339 time) as the language
/// writes it: `5.03.2024` or `5 Mar 2024`, `03.2024` or `Mar 2024`, `2024`.
pub fn date(lang: Lang, value: &str) -> String {
    let day_part = value.get(..10).unwrap_or(value);
    let parts: Vec<&str> = day_part.split('-').collect();
    let month_index = |m: &str| m.parse::<usize>().ok().filter(|m| (1..=12).contains(m));
    match (parts.as_slice(), lang) {
        ([y], _) => (*y).to_owned(),
        ([y, m], Lang::Pl) => format!("{m}.{y}"),
        ([y, m], Lang::En) => match month_index(m) {
            Some(i) => format!("{} {y}", MONTHS_EN[i - 1]),
            None => value.to_owned(),
        },
        ([y, m, d], Lang::Pl) => format!("{}.{m}.{y}", d.trim_start_matches('0')),
        ([y, m, d], Lang::En) => match month_index(m) {
            Some(i) => format!("{} {} {y}", d.trim_start_matches('0'), MONTHS_EN[i - 1]),
            None => value.to_owned(),
        },
        _ => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_a_text_in_both_languages() {
        for message in ALL {
            assert!(!message.text(Lang::Pl).is_empty(), "{message:?} in Polish");
            assert!(!message.text(Lang::En).is_empty(), "{message:?} in English");
        }
    }

    #[test]
    fn numbers_are_grouped_as_each_language_writes_them() {
        assert_eq!(number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(number(Lang::Pl, 1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(number(Lang::Pl, 1234), "1234");
        assert_eq!(number(Lang::En, 1234), "1,234");
        assert_eq!(number(Lang::En, 12), "12");
        assert_eq!(number(Lang::En, -1500), "-1,500");
    }

    #[test]
    fn counts_take_the_grammatical_number_of_each_language() {
        assert_eq!(count(Lang::Pl, 1, Noun::Cluster), "1 klaster");
        assert_eq!(count(Lang::Pl, 3, Noun::Cluster), "3 klastry");
        assert_eq!(count(Lang::Pl, 5, Noun::Cluster), "5 klastrów");
        assert_eq!(count(Lang::Pl, 13, Noun::Cluster), "13 klastrów");
        assert_eq!(count(Lang::Pl, 22, Noun::Cluster), "22 klastry");
        assert_eq!(count(Lang::Pl, 0, Noun::Member), "0 członków");
        assert_eq!(count(Lang::En, 1, Noun::Member), "1 member");
        assert_eq!(
            count(Lang::En, 2, Noun::MatchingCluster),
            "2 matching clusters"
        );
    }

    #[test]
    fn dates_keep_their_precision_in_each_language() {
        assert_eq!(date(Lang::Pl, "2024-03-05"), "5.03.2024");
        assert_eq!(date(Lang::En, "2024-03-05"), "5 Mar 2024");
        assert_eq!(date(Lang::Pl, "2024-03"), "03.2024");
        assert_eq!(date(Lang::En, "2024-03"), "Mar 2024");
        assert_eq!(date(Lang::En, "2024"), "2024");
        assert_eq!(date(Lang::En, "2024-03-05T10:00:00Z"), "5 Mar 2024");
    }

    #[test]
    fn the_bell_says_how_many_are_unread() {
        assert_eq!(
            unread_label(Lang::Pl, Some(3)),
            "Powiadomienia: 3 nieprzeczytane"
        );
        assert_eq!(
            unread_label(Lang::Pl, Some(5)),
            "Powiadomienia: 5 nieprzeczytanych"
        );
        assert_eq!(
            unread_label(Lang::Pl, Some(0)),
            "Powiadomienia: brak nieprzeczytanych"
        );
        assert_eq!(unread_label(Lang::En, Some(1)), "Notifications: 1 unread");
        assert_eq!(unread_label(Lang::En, None), "Notifications");
    }

    /// The values of an enum of the schema.
    fn schema_enum(name: &str) -> Vec<String> {
        let schema = include_str!("../../../schema.graphql");
        let start = schema
            .find(&format!("enum {name} {{"))
            .unwrap_or_else(|| panic!("the schema has enum {name}"));
        let body = &schema[start..];
        let body = &body[..body.find('}').expect("the enum ends")];
        let mut values = vec![];
        let mut in_doc = false;
        for line in body.lines().skip(1).map(str::trim) {
            if line.starts_with("\"\"\"") {
                // A one-line description opens and closes on the same line.
                if !(line.len() > 3 && line.ends_with("\"\"\"")) {
                    in_doc = !in_doc;
                }
                continue;
            }
            if !in_doc && !line.is_empty() {
                values.push(line.to_owned());
            }
        }
        values
    }

    #[test]
    fn every_notification_kind_and_frequency_has_words() {
        let kinds = schema_enum("NotificationKind");
        assert_eq!(kinds.len(), 10, "{kinds:?}");
        let frequencies = schema_enum("EmailFrequency");
        assert_eq!(frequencies, ["IMMEDIATE", "DAILY", "WEEKLY", "NONE"]);
        for code in kinds.iter().chain(&frequencies) {
            for lang in [Lang::Pl, Lang::En] {
                let words = label(lang, code);
                assert_ne!(
                    words,
                    code.to_lowercase().replace('_', " "),
                    "{code} has no words in {lang:?}"
                );
            }
        }
        assert_eq!(
            label(Lang::Pl, "APPLICATION_RECEIVED"),
            "Wnioski o przyjęcie do Twojego klastra"
        );
        assert_eq!(label(Lang::En, "WEEKLY"), "once a week, on Monday");
    }

    #[test]
    fn enum_values_from_the_api_get_labels() {
        assert_eq!(label(Lang::Pl, "UNIVERSITY"), "uczelnia");
        assert_eq!(label(Lang::En, "UNIVERSITY"), "university");
        assert_eq!(label(Lang::En, "SOMETHING_NEW"), "something new");
    }
}
