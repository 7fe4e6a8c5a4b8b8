//! Polish by default, English with one switch: every string the app shows, in both languages,
//! and the formats of dates and numbers for each.
//!
//! Messages are an enum, so a string missing in either language fails the build. The
//! registry's refusals of input fields are put into words in `user_errors` (by code, field and
//! limits), its other error codes in `api_errors`.

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

messages! {
    AppName => "Rejestr klastrów", "Cluster registry";
    SkipToContent => "Przejdź do treści", "Skip to content";
    NavHome => "Start", "Home";
    NavClusters => "Klastry", "Clusters";
    NavKkk => "KKK", "KKK";
    NavEsca => "ESCA", "ESCA";
    NavCooperation => "Współpraca", "Cooperation";
    NavMyOrganisation => "Moja organizacja", "My organisation";
    NavCoordinator => "Biurko koordynatora", "Coordinator's desk";
    NavOperator => "Biurko operatora", "Operator's desk";
    SignIn => "Zaloguj się", "Sign in";
    SignOut => "Wyloguj się", "Sign out";
    SwitchLanguage => "English", "Polski";
    SwitchLanguageLabel => "Switch to English", "Przełącz na polski";
    Loading => "Wczytywanie…", "Loading…";
    NoDate => "bez daty", "undated";
    UnknownKind => "rodzaj nieznany", "kind not known";
    Filters => "Filtry", "Filters";
    NothingFound => "Nic nie znaleziono.", "Nothing found.";
    NotFoundTitle => "Nie ma takiej strony", "No such page";
    NotFoundText => "Ten adres nie prowadzi do żadnej strony rejestru.", "This address leads to no page of the registry.";
    ErrorNetwork => "Nie udało się połączyć z rejestrem. Spróbuj ponownie.", "The registry could not be reached. Try again.";
    ErrorForbidden => "Nie masz uprawnień do tej operacji.", "You are not allowed to do this.";
    ErrorConflict => "Ktoś zmienił te dane w międzyczasie. Odśwież stronę i spróbuj ponownie.", "Someone changed this in the meantime. Reload and try again.";
    ErrorSignInNeeded => "Zaloguj się, aby zobaczyć tę stronę.", "Sign in to see this page.";
    ErrorOther => "Coś poszło nie tak", "Something went wrong";
    HomeTitle => "Klastry przemysłowe w Polsce", "Industrial clusters in Poland";
    HomeLead => "Rejestr klastrów, ich członków, statusów Krajowego Klastra Kluczowego i etykiet ESCA.", "The registry of clusters, their members, Key National Cluster statuses and ESCA labels.";
    StatClusters => "klastrów", "clusters";
    StatOrganisations => "organizacji członkowskich", "member organisations";
    StatKkkActive => "aktywnych statusów KKK", "active KKK statuses";
    StatEscaLabels => "ważnych etykiet ESCA", "valid ESCA labels";
    MapTitle => "Klastry w województwach", "Clusters by voivodeship";
    ChartMembersByKind => "Członkowie według rodzaju", "Members by kind";
    ChartKkkOverTime => "Statusy KKK w kolejnych naborach", "KKK statuses by round";
    ChartEscaOverTime => "Etykiety ESCA według roku przyznania", "ESCA labels by year awarded";
    DirectoryTitle => "Katalog klastrów", "Cluster directory";
    SearchLabel => "Szukaj klastra", "Search clusters";
    SearchPlaceholder => "nazwa, skrót lub miasto, np. slaski", "name, acronym or city, e.g. slaski";
    FacetVoivodeship => "Województwo", "Voivodeship";
    FacetSector => "Sektor", "Sector";
    FacetKkk => "Status KKK", "KKK status";
    FacetKkkActive => "Aktywny status KKK dziś", "KKK status active today";
    FacetRound => "Nabór KKK", "KKK round";
    FacetEsca => "Etykieta ESCA", "ESCA label";
    ClearFilters => "Wyczyść filtry", "Clear filters";
    Results => "Wyniki", "Results";
    PreviousPage => "← Poprzednia", "← Previous";
    NextPage => "Następna →", "Next →";
    Members => "Członkowie", "Members";
    Coordinator => "Koordynator", "Coordinator";
    Contacts => "Kontakt", "Contact";
    Website => "Strona", "Website";
    Email => "E-mail", "E-mail";
    Phone => "Telefon", "Phone";
    Address => "Adres", "Address";
    Founded => "Założony", "Founded";
    Sectors => "Sektory", "Sectors";
    Specialisations => "Specjalizacje", "Specialisations";
    Timeline => "Certyfikaty i etykiety", "Certifications and labels";
    KkkCertification => "Krajowy Klaster Kluczowy", "Key National Cluster";
    EscaLabel => "Etykieta ESCA", "ESCA label";
    Round => "nabór", "round";
    ValidFrom => "od", "from";
    ValidUntil => "do", "until";
    StatusActive => "aktywny", "active";
    StatusExpired => "wygasły", "expired";
    StatusUnknown => "nieznany", "unknown";
    StatusNotYetValid => "jeszcze nieważny", "not yet valid";
    NoKkkOrEsca => "Klaster nie ma statusu KKK ani etykiety ESCA.", "The cluster holds no KKK status or ESCA label.";
    AllKinds => "Wszystkie rodzaje", "All kinds";
    FilterByKind => "Rodzaj członka", "Kind of member";
    Services => "Usługi", "Services";
    Projects => "Projekty", "Projects";
    Events => "Wydarzenia", "Events";
    Board => "Władze i biuro", "Board and office";
    Indicators => "Wskaźniki roczne", "Yearly indicators";
    IndicatorMembers => "liczba członków", "members";
    MemberOf => "Członek klastrów", "Member of clusters";
    NoClusters => "Nie należy do żadnego klastra w rejestrze.", "Belongs to no cluster in the registry.";
    Kind => "Rodzaj", "Kind";
    Role => "Rola", "Role";
    Joined => "Przystąpił", "Joined";
    KkkTitle => "Krajowe Klastry Kluczowe", "Key National Clusters";
    KkkLead => "Wszystkie nabory, kto ma status dziś, kto go stracił i kiedy.", "Every round, who holds the status today, who lost it and when.";
    KkkHoldersNow => "Mają status dziś", "Hold the status today";
    KkkLost => "Utracili status", "Lost the status";
    LostOn => "wygasł", "expired";
    Certified => "certyfikowanych", "certified";
    EscaTitle => "Etykiety ESCA", "ESCA labels";
    EscaLead => "Etykiety doskonałości zarządzania klastrem Europejskiego Sekretariatu Analiz Klastrowych.", "Cluster-management excellence labels of the European Secretariat for Cluster Analysis.";
    Level => "Poziom", "Level";
    Awarded => "Przyznano", "Awarded";
    Cluster => "Klaster", "Cluster";
    Status => "Status", "Status";
    CooperationTitle => "Tablica współpracy", "Cooperation board";
    CooperationLead => "Oferty i zapytania członków klastrów.", "Offers and requests of cluster members.";
    Expires => "Ważne do", "Valid until";
    Answer => "Odpowiedz", "Answer";
    AnswerSent => "Odpowiedź wysłana.", "Answer sent.";
    YourAnswer => "Twoja odpowiedź", "Your answer";
    SignInToAnswer => "Zaloguj się jako członek, aby odpowiedzieć.", "Sign in as a member to answer.";
    SearchNotices => "Szukaj w ogłoszeniach", "Search notices";
    PostNotice => "Dodaj ogłoszenie", "Post a notice";
    NoticeKind => "Rodzaj ogłoszenia", "Kind of notice";
    Category => "Kategoria", "Category";
    Title => "Tytuł", "Title";
    Posted => "Ogłoszenie opublikowane.", "Notice posted.";
    Responses => "Odpowiedzi", "Answers";
    AllVoivodeships => "Wszystkie województwa", "All voivodeships";
    AllSectors => "Wszystkie sektory", "All sectors";
    SignInTitle => "Logowanie", "Sign in";
    Password => "Hasło", "Password";
    WrongCredentials => "Nieprawidłowy e-mail lub hasło.", "Wrong e-mail or password.";
    MyOrgTitle => "Moja organizacja", "My organisation";
    NoOrganisation => "Twoje konto nie działa w imieniu żadnej organizacji.", "Your account acts for no organisation.";
    Name => "Nazwa", "Name";
    Nip => "NIP", "NIP (tax number)";
    Regon => "REGON", "REGON";
    Krs => "KRS", "KRS";
    City => "Miejscowość", "City";
    PostalCode => "Kod pocztowy", "Postal code";
    Description => "Opis", "Description";
    Save => "Zapisz", "Save";
    Saved => "Zapisano.", "Saved.";
    FixErrors => "Popraw zaznaczone pola.", "Correct the marked fields.";
    ApplyTitle => "Wstąp do klastra", "Join a cluster";
    ApplyMessage => "Wiadomość do koordynatora", "Message to the coordinator";
    Apply => "Złóż wniosek", "Apply";
    Applied => "Wniosek złożony: czeka na decyzję koordynatora.", "Application sent: waiting for the coordinator's decision.";
    Leave => "Wystąp", "Leave";
    Left => "Organizacja wystąpiła z klastra.", "The organisation left the cluster.";
    CoordinatorTitle => "Biurko koordynatora", "Coordinator's desk";
    NotCoordinator => "Twoje konto nie koordynuje żadnego klastra.", "Your account coordinates no cluster.";
    Applications => "Wnioski o członkostwo", "Membership applications";
    NoApplications => "Brak wniosków czekających na decyzję.", "No applications waiting for a decision.";
    Approve => "Przyjmij", "Approve";
    Reject => "Odrzuć", "Reject";
    RejectReason => "Powód odrzucenia", "Reason for rejecting";
    Approved => "Przyjęto do klastra.", "Approved.";
    Rejected => "Wniosek odrzucony.", "Application rejected.";
    EditCluster => "Dane klastra", "The cluster's details";
    DescriptionPl => "Opis po polsku", "Description in Polish";
    DescriptionEn => "Opis po angielsku", "Description in English";
    Acronym => "Skrót", "Acronym";
    AddProject => "Dodaj projekt", "Add a project";
    ProjectName => "Nazwa projektu", "Project name";
    Programme => "Program", "Programme";
    EndsOn => "Koniec (RRRR-MM-DD)", "Ends (YYYY-MM-DD)";
    AddEvent => "Dodaj wydarzenie", "Add an event";
    EventName => "Nazwa wydarzenia", "Event name";
    StartsOn => "Początek (RRRR-MM-DD)", "Starts (YYYY-MM-DD)";
    Location => "Miejsce", "Location";
    Added => "Dodano.", "Added.";
    ApiTokensTitle => "Tokeny API dla systemów partnerów", "API tokens for partners' systems";
    ApiTokensLead => "Token pozwala systemowi partnera (np. CRM członków) czytać dane klastra lub prowadzić jego listę członków.", "A token lets a partner's system (a member CRM, say) read the cluster's data or keep its member list.";
    TokenName => "Do czego służy token", "What the token is for";
    ScopeReadPrivate => "czyta dane niepubliczne klastra", "reads the cluster's private data";
    ScopeWriteMembers => "prowadzi listę członków (wnioski, przyjęcia)", "keeps the member list (applications, approvals)";
    CreateToken => "Utwórz token", "Create token";
    TokenShownOnce => "Skopiuj token teraz: nie zobaczysz go ponownie.", "Copy the token now: it will not be shown again.";
    Revoke => "Unieważnij", "Revoke";
    Revoked => "unieważniony", "revoked";
    LastUsed => "ostatnio użyty", "last used";
    NeverUsed => "jeszcze nieużyty", "not used yet";
    NoTokens => "Klaster nie ma jeszcze tokenów.", "The cluster has no tokens yet.";
    AuditTrail => "Historia zmian", "Audit trail";
    Action => "Zmiana", "Change";
    Who => "Kto", "Who";
    When => "Kiedy", "When";
    OperatorTitle => "Biurko operatora", "Operator's desk";
    NotOperator => "Ta strona jest dla operatorów rejestru.", "This page is for the registry's operators.";
    RecordKkk => "Zapisz status KKK", "Record a KKK certification";
    RecordEsca => "Zapisz etykietę ESCA", "Record an ESCA label";
    AwardedOn => "Data przyznania (RRRR-MM-DD)", "Awarded on (YYYY-MM-DD)";
    ValidUntilField => "Ważny do (RRRR-MM-DD)", "Valid until (YYYY-MM-DD)";
    ChooseCluster => "Wybierz klaster", "Choose a cluster";
    Recorded => "Zapisano w rejestrze.", "Recorded in the registry.";
    MoreMembers => "Więcej członków", "More members";
}

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
        }
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
    fn enum_values_from_the_api_get_labels() {
        assert_eq!(label(Lang::Pl, "UNIVERSITY"), "uczelnia");
        assert_eq!(label(Lang::En, "UNIVERSITY"), "university");
        assert_eq!(label(Lang::En, "SOMETHING_NEW"), "something new");
    }
}
