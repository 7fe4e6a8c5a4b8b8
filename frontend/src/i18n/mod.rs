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

messages! {
    AppName => "Rejestr klastrów", "Cluster registry";
    SkipToContent => "Przejdź do treści", "Skip to content";
    Menu => "Menu", "Menu";
    MainNavigation => "Nawigacja główna", "Main navigation";
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
    MapLegend => "Skróty województw", "Voivodeship abbreviations";
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
    // The events calendar, the organisation directory, and what directories share (issue 20).
    NavOrganisations => "Organizacje", "Organisations";
    EventsTitle => "Wydarzenia klastrów", "Cluster events";
    EventsLead => "Konferencje, szkolenia, targi i spotkania klastrów z całego rejestru. Daty znane tylko z miesiąca lub roku są podane tak, jak je znamy.", "Conferences, trainings, fairs and meetings of clusters across the registry. Dates known only to a month or a year are given as far as they are known.";
    EventsWhen => "Kiedy", "When";
    EventsUpcoming => "Nadchodzące", "Upcoming";
    EventsPast => "Minione", "Past";
    NoEvents => "Klaster nie ma zapisanych wydarzeń.", "The cluster has no events recorded.";
    CalendarFeedTitle => "Subskrypcja kalendarza", "Calendar subscription";
    CalendarFeedRegistry => "Subskrybuj wydarzenia wszystkich klastrów w swojej aplikacji kalendarza (Google, Outlook, Apple i innych): skopiuj ten adres i dodaj go jako kalendarz z internetu. Aplikacja sama będzie pobierać nowe wydarzenia.", "Subscribe to every cluster's events in your calendar app (Google, Outlook, Apple and others): copy this address and add it as a calendar from the internet. The app will fetch new events by itself.";
    CalendarFeedCluster => "Subskrybuj wydarzenia tego klastra w swojej aplikacji kalendarza (Google, Outlook, Apple i innych): skopiuj ten adres i dodaj go jako kalendarz z internetu. Aplikacja sama będzie pobierać nowe wydarzenia.", "Subscribe to this cluster's events in your calendar app (Google, Outlook, Apple and others): copy this address and add it as a calendar from the internet. The app will fetch new events by itself.";
    CalendarFeedDayOnly => "W kalendarzu są tylko wydarzenia z datą co do dnia; te, których dzień nie jest znany (tylko miesiąc lub rok), widać na tej stronie.", "Only events dated to the day are in the feed; those whose day is not known (only a month or a year) are shown on this page.";
    OrganisationsTitle => "Katalog organizacji", "Organisation directory";
    SearchOrganisationsLabel => "Szukaj organizacji", "Search organisations";
    SearchOrganisationsPlaceholder => "nazwa lub miasto, np. politechnika", "name or city, e.g. politechnika";
    ActiveFilters => "Wybrane filtry", "Chosen filters";
    RemoveFilter => "Usuń filtr", "Remove filter";
    ResultPages => "Strony wyników", "Result pages";
    DescEvents => "Kalendarz wydarzeń klastrów przemysłowych w Polsce: nadchodzące i minione, według województwa i sektora, z subskrypcją iCalendar.", "The calendar of Polish industrial clusters' events: upcoming and past, by voivodeship and sector, with an iCalendar subscription.";
    DescOrganisations => "Katalog organizacji należących do klastrów: przedsiębiorstwa, uczelnie, instytuty i instytucje otoczenia biznesu, według rodzaju, województwa i sektora.", "Directory of the organisations in clusters: companies, universities, institutes and business-support institutions, by kind, voivodeship and sector.";
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
    AddEvent => "Dodaj wydarzenie", "Add an event";
    EventName => "Nazwa wydarzenia", "Event name";
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
    // Back office (issue 20): the readable audit trail, KKK/ESCA records, merging organisations.
    AuditRegistry => "Rejestr", "The registry";
    AuditOnlyPerson => "tylko ta osoba", "only this person";
    AuditOnlyMine => "Tylko moje zmiany", "Only my changes";
    AuditPersonFilter => "Zmiany jednej osoby", "One person's changes";
    AuditEveryone => "pokaż zmiany wszystkich", "show everyone's changes";
    AuditKindFilter => "Rodzaj obiektu", "Kind of object";
    AuditActionFilter => "Działanie", "Action";
    AuditAny => "wszystkie", "all";
    AuditMore => "Starsze zmiany", "Older changes";
    AuditEmpty => "Brak zmian.", "No changes.";
    VerbCreate => "utworzył(a)", "created";
    VerbUpdate => "zmienił(a)", "changed";
    VerbDelete => "usunął(-ęła)", "deleted";
    VerbApply => "złożył(a)", "submitted";
    VerbApplyMembership => "złożył(a) wniosek o członkostwo", "applied for membership";
    VerbApprove => "zatwierdził(a)", "approved";
    VerbReject => "odrzucił(a)", "rejected";
    VerbLeave => "zakończył(a)", "ended";
    VerbWithdraw => "wycofał(a)", "withdrew";
    VerbMerge => "scalił(a)", "merged";
    VerbAccept => "przyjął(-ęła)", "accepted";
    VerbRevoke => "cofnął(-ęła)", "revoked";
    VerbDisable => "wyłączył(a)", "disabled";
    VerbEnable => "włączył(a)", "enabled";
    VerbResend => "wysłał(a) ponownie", "resent";
    VerbImport => "zaimportował(a)", "imported";
    VerbExpiring => "odnotował(a) zbliżający się koniec ważności:", "noted the coming expiry of";
    VerbChangePassword => "zmienił(a) hasło", "changed their password";
    VerbResetPassword => "ustawił(a) nowe hasło z linku", "set a new password from a link";
    VerbSignUp => "założył(a) konto", "signed up";
    VerbVerifyEmail => "potwierdził(a) adres e-mail", "confirmed their e-mail address";
    VerbSignOutEverywhere => "wylogował(a) się wszędzie", "signed out everywhere";
    VerbDeleteAccount => "usunął(-ęła) swoje konto", "deleted their account";
    VerbOther => "wykonał(a) działanie na:", "acted on";
    ObjCluster => "klaster", "the cluster";
    ObjMembership => "członkostwo", "the membership";
    ObjKkk => "status KKK", "the KKK status";
    ObjEsca => "znak ESCA", "the ESCA label";
    ObjOrganisation => "organizację", "the organisation";
    ObjEvent => "wydarzenie", "the event";
    ObjProject => "projekt", "the project";
    ObjUser => "konto", "the account";
    ObjApiToken => "token API", "the API token";
    ObjInvitation => "zaproszenie", "the invitation";
    ObjAccessRequest => "prośbę o uprawnienia", "the access request";
    ObjSubmission => "zgłoszenie klastra", "the cluster submission";
    ObjOffer => "ogłoszenie o współpracy", "the cooperation notice";
    KindCluster => "klastry", "clusters";
    KindMembership => "członkostwa", "memberships";
    KindKkk => "statusy KKK", "KKK statuses";
    KindEsca => "znaki ESCA", "ESCA labels";
    KindOrganisation => "organizacje", "organisations";
    KindEvent => "wydarzenia", "events";
    KindProject => "projekty", "projects";
    KindUser => "konta", "accounts";
    KindApiToken => "tokeny API", "API tokens";
    KindInvitation => "zaproszenia", "invitations";
    KindAccessRequest => "prośby o uprawnienia", "access requests";
    KindSubmission => "zgłoszenia klastrów", "cluster submissions";
    KindOffer => "ogłoszenia o współpracy", "cooperation notices";
    ActCreate => "utworzenie", "creation";
    ActUpdate => "zmiana", "change";
    ActDelete => "usunięcie", "deletion";
    ActApply => "wniosek", "application";
    ActApprove => "zatwierdzenie", "approval";
    ActReject => "odrzucenie", "rejection";
    ActLeave => "odejście", "leaving";
    ActWithdraw => "wycofanie", "withdrawal";
    ActMerge => "scalenie", "merge";
    ActAccept => "przyjęcie zaproszenia", "accepting an invitation";
    ActRevoke => "cofnięcie", "revocation";
    ActDisable => "wyłączenie konta", "disabling an account";
    ActEnable => "włączenie konta", "enabling an account";
    FieldNamePl => "nazwa (pl)", "name (Polish)";
    FieldNameEn => "nazwa (en)", "name (English)";
    FieldName => "nazwa", "name";
    FieldDescriptionPl => "opis (pl)", "description (Polish)";
    FieldDescriptionEn => "opis (en)", "description (English)";
    FieldDescription => "opis", "description";
    FieldWebsite => "strona internetowa", "website";
    FieldStatus => "stan", "status";
    FieldValidUntil => "ważny do", "valid until";
    FieldAwardedOn => "przyznany", "awarded on";
    FieldConfirmedOn => "potwierdzony", "confirmed on";
    FieldRole => "rola", "role";
    FieldAcronym => "skrót", "acronym";
    FieldCity => "miejscowość", "city";
    FieldAddress => "adres", "address";
    FieldPostalCode => "kod pocztowy", "postal code";
    FieldPhone => "telefon", "phone";
    FieldEmail => "e-mail", "e-mail";
    FieldVoivodeship => "województwo", "voivodeship";
    FieldLevel => "poziom", "level";
    FieldRound => "nabór KKK", "KKK round";
    FieldNote => "uwaga", "note";
    FieldMessage => "wiadomość", "message";
    FieldFounded => "data założenia", "founded on";
    FieldStrategyFrom => "strategia od", "strategy from";
    FieldStrategyTo => "strategia do", "strategy to";
    FieldKind => "rodzaj", "kind";
    FieldStartsOn => "początek", "starts on";
    FieldEndsOn => "koniec", "ends on";
    FieldLocation => "miejsce", "location";
    FieldDisplayName => "imię i nazwisko", "display name";
    FieldReason => "uzasadnienie", "reason";
    FieldEmailVerified => "adres potwierdzony", "address confirmed";
    FieldIsOperator => "operator", "operator";
    FieldLanguage => "język", "language";
    FieldDisabled => "wyłączone", "disabled";
    FieldNip => "NIP", "NIP";
    FieldRegon => "REGON", "REGON";
    FieldKrs => "KRS", "KRS";
    FieldSlug => "adres strony", "page address";
    FieldJoinedOn => "data przystąpienia", "joined on";
    FieldLeftOn => "data odejścia", "left on";
    ValueYes => "tak", "yes";
    ValueNo => "nie", "no";
    RoundChoice => "Nabór KKK", "KKK round";
    RoundTermHint => "Daty muszą mieścić się w okresie wybranego naboru.", "The dates must fall within the chosen round's term.";
    RecordedStatuses => "Zapisane statusy i znaki klastra", "The cluster's recorded statuses and labels";
    NoStatuses => "Klaster nie ma zapisanych statusów KKK ani znaków ESCA.", "The cluster has no KKK statuses or ESCA labels recorded.";
    Correct => "Popraw", "Correct";
    DeleteRecord => "Usuń", "Delete";
    DeleteRecordQuestion => "Usunąć ten wpis? Tego nie da się cofnąć.", "Delete this record? This cannot be undone.";
    Deleted => "Usunięto.", "Deleted.";
    MergeTitle => "Scalanie organizacji", "Merging organisations";
    MergeLead => "Duplikat zostanie usunięty, a jego członkostwa, konta i inne powiązania przejdą do organizacji zachowanej.", "The duplicate is deleted and its memberships, accounts and other links move to the organisation kept.";
    MergeKept => "Organizacja zachowana", "Organisation to keep";
    MergeDuplicate => "Duplikat", "Duplicate";
    MergeSearch => "Szukaj po nazwie, NIP lub REGON", "Search by name, NIP or REGON";
    MergeChoose => "Wybierz", "Choose";
    MergeRun => "Scal organizacje", "Merge the organisations";
    MergeQuestion => "Scalić te organizacje? Tego nie da się cofnąć.", "Merge these organisations? This cannot be undone.";
    MergeSame => "Wybierz dwie różne organizacje.", "Choose two different organisations.";
    MergeDone => "Scalono. Zachowana organizacja:", "Merged. The organisation kept:";
    MergeConflict => "Jedna z organizacji zmieniła się w międzyczasie. Wyszukaj je ponownie i spróbuj jeszcze raz.", "One of the organisations changed meanwhile. Search for them again and try again.";
    StrategyFrom => "Strategia od roku", "Strategy from (year)";
    StrategyTo => "Strategia do roku", "Strategy to (year)";
    OperatorTitle => "Biurko operatora", "Operator's desk";
    NotOperator => "Ta strona jest dla operatorów rejestru.", "This page is for the registry's operators.";
    RecordKkk => "Zapisz status KKK", "Record a KKK certification";
    RecordEsca => "Zapisz etykietę ESCA", "Record an ESCA label";
    AwardedOn => "Data przyznania (RRRR-MM-DD)", "Awarded on (YYYY-MM-DD)";
    ValidUntilField => "Ważny do (RRRR-MM-DD)", "Valid until (YYYY-MM-DD)";
    ChooseCluster => "Wybierz klaster", "Choose a cluster";
    Recorded => "Zapisano w rejestrze.", "Recorded in the registry.";
    MoreMembers => "Więcej członków", "More members";
    NavMyAccount => "Moje konto", "My account";
    NavRequests => "Wnioski do decyzji", "Requests to decide";
    SignUp => "Załóż konto", "Sign up";
    SignUpTitle => "Zakładanie konta", "Sign up";
    SignUpLead => "Konto pozwala zgłosić klaster, działać w imieniu organizacji i przyjmować zaproszenia. Na podany adres wyślemy link, który potwierdza, że jest Twój.", "An account lets you submit a cluster, act for an organisation and accept invitations. We will mail a link to the address you give, to confirm it is yours.";
    PasswordPolicy => "Od 10 do 128 znaków, co najmniej 4 różne; nie jedno z najczęstszych haseł i bez adresu e-mail.", "10 to 128 characters, at least 4 different ones; not one of the most common passwords and without your e-mail address.";
    YourName => "Imię i nazwisko (widoczne dla innych)", "Your name (others see it)";
    LanguageLabel => "Język (aplikacji i wiadomości)", "Language (of the app and of mail)";
    HaveAccount => "Masz już konto?", "Already have an account?";
    NoAccountYet => "Nie masz konta?", "No account yet?";
    ForgotPassword => "Nie pamiętasz hasła?", "Forgot your password?";
    CheckMailTitle => "Sprawdź pocztę", "Check your mail";
    CheckMailText => "Wysłaliśmy link potwierdzający na adres", "We have mailed a confirmation link to";
    CheckMailHint => "Kliknij go, aby dokończyć zakładanie konta; działa przez 24 godziny. Nie ma wiadomości? Zajrzyj do spamu albo wyślij link ponownie.", "Follow it to finish opening your account; it works for 24 hours. No mail? Look in the spam folder or have the link sent again.";
    ResendLink => "Wyślij link ponownie", "Send the link again";
    LinkResent => "Jeśli konto z tym adresem czeka na potwierdzenie, wysłaliśmy nowy link (najwyżej jeden na minutę).", "If an account with this address waits for confirmation, a new link was mailed (at most one a minute).";
    LinkResentTo => "Wysłano nowy link potwierdzający.", "A new confirmation link was mailed.";
    VerifyTitle => "Potwierdzanie adresu e-mail", "Confirming your e-mail address";
    AskNewVerification => "Podaj adres konta, a wyślemy nowy link.", "Give your account's address and we will mail a new link.";
    Welcome => "Adres potwierdzony. Witaj w rejestrze!", "Address confirmed. Welcome to the registry!";
    ForgotTitle => "Nowe hasło", "A new password";
    ForgotLead => "Podaj adres e-mail konta. Wyślemy link, który pozwala ustawić nowe hasło.", "Give your account's e-mail address. We will mail a link that sets a new password.";
    SendResetLink => "Wyślij link", "Send the link";
    ResetLinkSent => "Jeśli konto z tym adresem istnieje, wysłaliśmy na nie link do ustawienia nowego hasła. Link działa raz, przez 30 minut.", "If an account has this address, a link that sets a new password was mailed to it. It works once, for 30 minutes.";
    ResetTitle => "Ustaw nowe hasło", "Set a new password";
    NewPassword => "Nowe hasło", "New password";
    SetPassword => "Ustaw hasło", "Set the password";
    AskNewResetLink => "Link nie działa? Poproś o nowy.", "Link does not work? Ask for a new one.";
    PasswordSetSignIn => "Hasło ustawione. Zaloguj się nowym hasłem.", "Password set. Sign in with the new one.";
    ConfirmEmailTitle => "Potwierdzanie nowego adresu", "Confirming the new address";
    EmailChanged => "Gotowe. Konto loguje się teraz adresem", "Done. The account now signs in with";
    InvitationTitle => "Zaproszenie", "Invitation";
    AskForNewInvitation => "Poproś osobę, która Cię zaprosiła, o ponowne wysłanie zaproszenia", "Ask whoever invited you to send the invitation again";
    InvitedToActFor => "Zaproszenie do działania w imieniu organizacji", "You are invited to act for";
    InvitedToCoordinate => "Zaproszenie do współkoordynowania klastra", "You are invited to co-coordinate";
    InvitedToOperate => "Zaproszenie do obsługi rejestru jako operator", "You are invited to operate the registry";
    InvitedAddress => "Zaproszony adres:", "Address invited:";
    AcceptInvitation => "Przyjmij zaproszenie", "Accept the invitation";
    AcceptAs => "Przyjmiesz je jako", "You will accept it as";
    AccountExistsEnterPassword => "Konto z tym adresem już istnieje: podaj jego hasło.", "An account with this address exists: give its password.";
    OpenAccountToAccept => "Aby przyjąć zaproszenie, załóż konto z tym adresem.", "To accept, open an account with this address.";
    MyAccountTitle => "Moje konto", "My account";
    AccountDeleted => "Konto zostało usunięte. Dziękujemy za korzystanie z rejestru.", "The account was deleted. Thank you for using the registry.";
    OnThisPage => "Na tej stronie", "On this page";
    ProfileTitle => "Dane konta", "Your details";
    SecurityTitle => "Adres, hasło i sesje", "Address, password and sessions";
    SignsInWith => "Konto loguje się adresem", "The account signs in with";
    ChangeEmailTitle => "Zmiana adresu e-mail", "Changing the e-mail address";
    NewEmail => "Nowy adres e-mail", "New e-mail address";
    CurrentPassword => "Obecne hasło", "Current password";
    ChangeEmail => "Zmień adres", "Change the address";
    EmailChangeSent => "Wysłaliśmy link na nowy adres. Adres konta zmieni się, gdy go klikniesz.", "A link was mailed to the new address. The account's address changes when you follow it.";
    ChangePasswordTitle => "Zmiana hasła", "Changing the password";
    ChangePassword => "Zmień hasło", "Change the password";
    PasswordChanged => "Hasło zmienione. Inne sesje zostały zakończone.", "Password changed. Other sessions were ended.";
    SessionsTitle => "Sesje", "Sessions";
    SignOutEverywhereLead => "Wylogowuje konto na wszystkich urządzeniach, także na tym.", "Signs the account out on every device, this one included.";
    SignOutEverywhere => "Wyloguj wszędzie", "Sign out everywhere";
    SignOutEverywhereQuestion => "Wylogować na wszystkich urządzeniach?", "Sign out on every device?";
    DeleteAccountTitle => "Usunięcie konta", "Deleting the account";
    DeleteAccountLead => "Usuwa adres, nazwę i hasło konta oraz jego role; historia zmian zachowa to, co zrobiono, bez wskazania kto.", "Removes the account's address, name, password and roles; the audit trail keeps what was done without who did it.";
    DeleteAccount => "Usuń konto…", "Delete the account…";
    DeleteAccountQuestion => "Tego nie można cofnąć. Podaj hasło, aby usunąć konto na zawsze.", "This cannot be undone. Give your password to delete the account for good.";
    DeleteForGood => "Usuń konto na zawsze", "Delete the account for good";
    Cancel => "Anuluj", "Cancel";
    ConfirmYes => "Tak", "Yes";
    MyRolesTitle => "Moje role", "My roles";
    NoRoles => "Konto nie ma jeszcze żadnej roli: poproś o dostęp do swojej organizacji albo zgłoś klaster.", "The account holds no role yet: ask to act for your organisation or submit a cluster.";
    RoleOperator => "operator rejestru", "registry operator";
    RoleCoordinatorOf => "Koordynator klastra", "Coordinator of";
    RoleMemberOf => "Działa w imieniu", "Acts for";
    StopActing => "Zrezygnuj", "Give up";
    StopActingQuestion => "Przestać działać w imieniu tej organizacji?", "Stop acting for this organisation?";
    RoleGivenUp => "Rola oddana.", "Role given up.";
    ActForTitle => "Działanie w imieniu organizacji", "Acting for an organisation";
    ActForLead => "Znajdź swoją organizację i poproś o dostęp: zdecydują jej zarządzający (a gdy ich nie ma, koordynatorzy jej klastrów albo operatorzy).", "Find your organisation and ask to act for it: its managers decide (when it has none, its clusters' coordinators or the operators).";
    FindOrganisation => "Nazwa, miejscowość, NIP, REGON albo KRS", "Name, city, NIP, REGON or KRS";
    Search => "Szukaj", "Search";
    MessageToDecider => "Wiadomość do decydujących (kim jesteś w organizacji)", "A word to whoever decides (who you are in the organisation)";
    AskToAct => "Poproś o dostęp", "Ask to act for it";
    RequestSent => "Wniosek wysłany: czeka na decyzję.", "Request sent: it waits for a decision.";
    RegisterOrganisationTitle => "Nowa organizacja", "A new organisation";
    NotInRegistry => "Mojej organizacji nie ma w rejestrze", "My organisation is not in the registry";
    RegisterOrganisation => "Zarejestruj organizację", "Register the organisation";
    OrganisationRegistered => "Organizacja zarejestrowana: działasz w jej imieniu i nią zarządzasz.", "Organisation registered: you act for it and manage it.";
    MyRequestsTitle => "Moje wnioski", "My requests";
    NoRequests => "Brak wniosków.", "No requests.";
    DecidedBy => "decydują:", "decided by:";
    Withdraw => "Wycofaj", "Withdraw";
    Withdrawn => "Wycofano.", "Withdrawn.";
    SubmissionsTitle => "Zgłoszone klastry", "Submitted clusters";
    SubmissionsLead => "Zgłoszony klaster sprawdzają operatorzy; po publikacji pojawi się w katalogu, a Ty zostaniesz jego koordynatorem.", "The operators review a submitted cluster; once published it appears in the directory, with you as its coordinator.";
    NoSubmissions => "Nie zgłoszono jeszcze żadnego klastra.", "No cluster submitted yet.";
    SubmitClusterTitle => "Zgłoś klaster", "Submit a cluster";
    SubmitCluster => "Zgłoś klaster", "Submit the cluster";
    ClusterSubmitted => "Klaster zgłoszony: czeka na sprawdzenie przez operatorów.", "Cluster submitted: it waits for the operators' review.";
    ClusterName => "Nazwa klastra", "Cluster name";
    ClusterNameEn => "Nazwa po angielsku", "Name in English";
    WebsiteEn => "Strona po angielsku", "Website in English";
    DeclaredMembers => "Członkowie według rodzaju", "Members by kind";
    DeclaredMembersHint => "Ilu członków każdego rodzaju ma klaster. Platforma klastrów UE wymaga co najmniej 15 członków co najmniej 2 rodzajów.", "How many members of each kind the cluster has. The EU cluster platform asks for at least 15 members of at least 2 kinds.";
    CoordinatorName => "Organizacja koordynująca", "Coordinating organisation";
    ListingCheck => "Wymogi platformy klastrów UE", "The EU cluster platform's requirements";
    CheckMembers => "członkowie", "members";
    CheckKinds => "rodzaje członków", "kinds of members";
    CheckEnglishWebsite => "strona po angielsku", "an English website";
    SeeInDirectory => "Zobacz w katalogu", "See it in the directory";
    RequestsTitle => "Wnioski do decyzji", "Requests to decide";
    RequestsLead => "Prośby o działanie w imieniu organizacji, którymi zarządzasz lub których klastry koordynujesz.", "Requests to act for organisations you manage or whose clusters you coordinate.";
    NothingToDecide => "Nic nie czeka na Twoją decyzję.", "Nothing waits for your decision.";
    EmailMatchesWebsite => "Domena adresu e-mail zgadza się ze stroną organizacji (wskazówka, nie dowód)", "The e-mail's domain matches the organisation's website (a hint, not proof)";
    EmailDoesNotMatchWebsite => "Domena adresu e-mail nie zgadza się ze stroną organizacji", "The e-mail's domain does not match the organisation's website";
    DecisionReason => "Uzasadnienie (wysyłane wnioskodawcy)", "Reason (mailed to the one who asked)";
    Decided => "Decyzja zapisana.", "Decision saved.";
    Publish => "Opublikuj", "Publish";
    ClaimTitle => "Koordynujesz ten klaster?", "Do you coordinate this cluster?";
    ClaimLead => "Jeśli klaster nie ma jeszcze koordynatora w rejestrze, poproś operatorów o prowadzenie jego wpisu.", "If the cluster has no coordinator in the registry yet, ask the operators to let you keep its entry.";
    ClaimCluster => "Przejmij ten klaster", "Claim this cluster";
    ClaimMessage => "Kim jesteś w organizacji koordynującej", "Who you are in the coordinating organisation";
    SendClaim => "Wyślij prośbę", "Send the request";
    ClaimSent => "Prośba wysłana: zdecydują operatorzy.", "Request sent: the operators decide.";
    InvitationsTitle => "Zaproszenia", "Invitations";
    NoInvitations => "Brak zaproszeń.", "No invitations.";
    InviteTitle => "Zaproś", "Invite";
    InvitationRoleLabel => "Zaproś jako", "Invite as";
    OrganisationToActFor => "W imieniu organizacji", "To act for";
    NewOrganisationOption => "Organizacji nie ma jeszcze w rejestrze: dodaj ją do klastra", "The organisation is not in the registry yet: add it to the cluster";
    MailLanguage => "Język wiadomości", "Language of the mail";
    SendInvitation => "Wyślij zaproszenie", "Send the invitation";
    InvitationSent => "Zaproszenie wysłane.", "Invitation sent.";
    InvitationResent => "Zaproszenie wysłane ponownie, z nowym linkiem.", "Invitation sent again, with a new link.";
    InvitationRevoked => "Zaproszenie unieważnione.", "Invitation revoked.";
    RevokeInvitationQuestion => "Unieważnić zaproszenie? Link przestanie działać.", "Revoke the invitation? Its link stops working.";
    SendAgain => "Wyślij ponownie", "Send again";
    TimesSent => "wysłano:", "sent:";
    OrganisationUsersTitle => "Kto działa w imieniu organizacji", "Who acts for the organisation";
    OrganisationUsersLead => "Zarządzający decydują o wnioskach i zapraszają współpracowników.", "Managers decide requests and invite colleagues.";
    Manager => "zarządza", "manager";
    ThatIsYou => "(to Ty)", "(you)";
    MakeManager => "Uczyń zarządzającym", "Make a manager";
    StopManaging => "Odbierz zarządzanie", "Stop managing";
    RemoveUser => "Usuń", "Remove";
    RemoveUserQuestion => "Odebrać temu kontu prawo działania w imieniu organizacji?", "Take away this account's right to act for the organisation?";
    RoleRemoved => "Rola odebrana.", "Role taken away.";
    ReviewQueueTitle => "Zgłoszenia klastrów", "Cluster submissions";
    ReviewQueueLead => "Opublikowany klaster trafia do katalogu, a zgłaszający zostaje jego koordynatorem. Wymogi platformy UE są wskazówką, nie regułą rejestru.", "A published cluster enters the directory with its submitter as coordinator. The EU platform's requirements are a guide, not a rule of this registry.";
    UsersTitle => "Konta", "Accounts";
    UserSearch => "E-mail lub nazwa", "E-mail or name";
    Disable => "Zablokuj", "Disable";
    DisableQuestion => "Zablokować konto? Jego sesje i tokeny przestaną działać.", "Disable the account? Its sessions and tokens stop working.";
    Enable => "Odblokuj", "Enable";
    EnableQuestion => "Odblokować konto? Będzie mogło znów się logować.", "Enable the account? It can sign in again.";
    AccountStateActive => "aktywne", "active";
    AccountStateUnverified => "adres niepotwierdzony", "address not confirmed";
    AccountStateDisabled => "zablokowane", "disabled";
    AccountStateDeleted => "usunięte", "deleted";
    OutboxTitle => "Poczta wychodząca", "Mail outbox";
    Refresh => "Odśwież", "Refresh";
    MailPending => "czeka", "pending";
    MailSent => "wysłana", "sent";
    MailFailed => "niewysłana", "failed";
    Queued => "w kolejce od", "queued";
    NextTry => "następna próba", "next try";
    Attempts => "Próby", "Tries";
    Accepted => "przyjęta", "accepted";
    RecordTitle => "Statusy KKK i etykiety ESCA", "KKK statuses and ESCA labels";
    NavInbox => "Powiadomienia", "Notifications";
    InboxTitle => "Powiadomienia", "Notifications";
    InboxLead => "Co się wydarzyło w sprawach, które Cię dotyczą, i w tym, co obserwujesz. Jak i czy wysyłać je e-mailem, wybierasz w „Moje konto”.", "What happened in matters that concern you and in what you follow. Whether and how they are mailed is chosen on “My account”.";
    InboxFilter => "Pokaż", "Show";
    FilterAll => "Wszystkie", "All";
    FilterUnread => "Nieprzeczytane", "Unread";
    UnreadMark => "nieprzeczytane", "unread";
    MarkRead => "Oznacz jako przeczytane", "Mark as read";
    MarkAllRead => "Oznacz wszystkie jako przeczytane", "Mark all as read";
    MarkedRead => "Oznaczono jako przeczytane.", "Marked as read.";
    NoNotifications => "Nie masz jeszcze powiadomień. Pojawią się tu, gdy ktoś złoży wniosek do Twojego klastra, odpowie na Twoje ogłoszenie albo zmieni się coś, co obserwujesz.", "No notifications yet. They come here when someone applies to your cluster, answers your notice, or something you follow changes.";
    NoUnreadNotifications => "Wszystko przeczytane.", "Nothing unread.";
    LoadOlder => "Wczytaj starsze", "Load older";
    NewNotification => "Nowe powiadomienie:", "New notification:";
    NoneUnread => "brak nieprzeczytanych", "none unread";
    NotificationSettingsTitle => "Powiadomienia i obserwowane", "Notifications and follows";
    NotificationSettingsLead => "Każde powiadomienie trafia do skrzynki w rejestrze; tu wybierasz, czy i jak często wysyłać je także e-mailem.", "Every notification comes to your inbox in the registry; here you choose whether and how often it is mailed too.";
    EmailFrequencyTitle => "Wysyłanie e-mailem", "Mailing";
    DefaultSetting => "ustawienie domyślne", "the default";
    FollowsTitle => "Obserwowane", "Following";
    NoFollows => "Niczego nie obserwujesz. Przycisk „Obserwuj” jest na stronie każdego klastra i organizacji oraz na tablicy współpracy, gdy wybierzesz sektor lub województwo.", "You follow nothing. Every cluster's and organisation's page has a “Follow” button, and so has the cooperation board once you choose a sector or a voivodeship.";
    Unfollow => "Przestań obserwować", "Unfollow";
    Unfollowed => "Już tego nie obserwujesz.", "No longer followed.";
    SavedSearchesTitle => "Zapisane wyszukiwania", "Saved searches";
    NoSavedSearches => "Brak zapisanych wyszukiwań.", "No saved searches.";
    Delete => "Usuń", "Delete";
    SavedSearchDeleted => "Wyszukiwanie usunięte.", "Search deleted.";
    Follow => "Obserwuj", "Follow";
    Following => "Obserwujesz", "Following";
    FollowHint => "Powiadomimy Cię o zmianach (najwyżej raz dziennie).", "You will be told of its changes (at most once a day).";
    StopFollowingHint => "Kliknij, aby przestać obserwować.", "Click to stop following.";
    FollowBoardSector => "Obserwuj ten sektor", "Follow notices of this sector";
    FollowBoardVoivodeship => "Obserwuj to województwo", "Follow notices of this voivodeship";
    FollowBoardBoth => "Obserwuj ten sektor w tym województwie", "Follow notices of this sector in this voivodeship";
    FollowBoardHint => "Powiadomimy Cię o nowych ogłoszeniach na tablicy (najwyżej raz dziennie).", "You will be told of new notices on the board (at most once a day).";
    SaveSearch => "Zapisz wyszukiwanie", "Save this search";
    SaveSearchHint => "Zapisujemy obecne filtry; o nowych wynikach powiadomimy Cię w skrzynce i e-mailem, jak ustawisz na swoim koncie.", "The current filters are saved; you will be told of new results in your inbox, and by e-mail as your account's settings say.";
    SavedSearchName => "Nazwa wyszukiwania", "Name of the search";
    SearchSaved => "Wyszukiwanie zapisane. Znajdziesz je w ustawieniach powiadomień na swoim koncie.", "Search saved. You will find it in the notification settings of your account.";
    AllClustersSearch => "Wszystkie klastry", "All clusters";
    AllNoticesSearch => "Wszystkie ogłoszenia", "All notices";
    UnsubscribeTitle => "Rezygnacja z wiadomości e-mail", "Stopping notification e-mail";
    UnsubscribeLead => "Ten link wyłącza wysyłanie e-mailem powiadomień tego rodzaju, o jakim była wiadomość. Nadal zobaczysz je w rejestrze po zalogowaniu, a ustawienia zmienisz w każdej chwili w „Moje konto”.", "This link stops the e-mail of notifications of the kind the message was about. You still see them in the registry when signed in, and can change this any time on “My account”.";
    UnsubscribeButton => "Nie wysyłaj mi tych wiadomości", "Stop these e-mails";
    UnsubscribedKinds => "Gotowe. Tych powiadomień nie będziemy już wysyłać e-mailem:", "Done. These notifications are no longer mailed:";
    UnsubscribedNothing => "Gotowe. Te powiadomienia nie były już wysyłane e-mailem.", "Done. These notifications were not being mailed any more.";
    UnsubscribeRefusedHint => "Ustawienia powiadomień zmienisz po zalogowaniu, w „Moje konto”.", "Sign in to change your notification settings on “My account”.";
    PipelineTitle => "Przepływ powiadomień", "Notification pipeline";
    PipelineLastDay => "powiadomień w ostatniej dobie", "notifications in the last 24 hours";
    PipelineUnread => "nieprzeczytanych", "unread";
    PipelineAwaitingDigest => "czekających na zestawienie (dzienne lub tygodniowe)", "waiting for a daily or weekly digest";
    PipelineMailed => "wysłanych e-mailem", "mailed";
    PipelineNotMailed => "niewysyłanych e-mailem, z wyboru kont", "not mailed, as their accounts chose";
    PipelineMailsPending => "e-maili w kolejce", "mails queued";
    PipelineMailsSent => "e-maili przyjętych przez serwer SMTP", "mails the SMTP server took";
    PipelineMailsFailed => "e-maili, których nie udało się wysłać", "mails given up on";
    PipelineMailsRetried => "e-maili wysłanych za kolejną próbą", "mails that needed another try";
    // What each route says of itself in <meta name="description"> (components::title).
    Organisation => "Organizacja", "Organisation";
    DescHome => "Rejestr klastrów przemysłowych w Polsce: ich członkowie, statusy Krajowego Klastra Kluczowego, etykiety ESCA i tablica współpracy.", "The registry of industrial clusters in Poland: their members, Key National Cluster statuses, ESCA labels and a cooperation board.";
    DescDirectory => "Katalog klastrów przemysłowych w Polsce: szukaj po nazwie, skrócie i miejscowości, filtruj według województwa, sektora, statusu KKK i etykiety ESCA.", "Directory of industrial clusters in Poland: search by name, acronym and city, filter by voivodeship, sector, KKK status and ESCA label.";
    DescClusterAfterName => ": członkowie, kontakt, status Krajowego Klastra Kluczowego i etykiety ESCA w rejestrze klastrów.", ": members, contacts, Key National Cluster status and ESCA labels in the cluster registry.";
    DescOrganisationAfterName => ": dane organizacji i klastry, do których należy, w rejestrze klastrów.", ": the organisation's details and the clusters it belongs to, in the cluster registry.";
    DescKkk => "Krajowe Klastry Kluczowe: wszystkie nabory, klastry ze statusem dziś i te, które go utraciły, z datami.", "Key National Clusters: every round, the clusters that hold the status today and those that lost it, with dates.";
    DescEsca => "Etykiety doskonałości zarządzania klastrem ESCA (brązowe, srebrne, złote) polskich klastrów, z datami przyznania i ważności.", "ESCA cluster-management excellence labels (bronze, silver, gold) of Polish clusters, with award and expiry dates.";
    DescCooperation => "Oferty i zapytania członków klastrów: podwykonawstwo, partnerzy do konsorcjów, recyklaty, badania i wspólne zasoby.", "Offers and requests of cluster members: subcontracting, consortium partners, recyclates, research and shared resources.";
    DescSignIn => "Logowanie do rejestru klastrów dla członków, koordynatorów klastrów i operatorów.", "Sign in to the cluster registry, for members, cluster coordinators and operators.";
    DescSignUp => "Załóż konto w rejestrze klastrów, aby zgłosić klaster, działać w imieniu organizacji lub przyjąć zaproszenie.", "Open an account in the cluster registry to submit a cluster, act for an organisation or accept an invitation.";
    DescVerifyEmail => "Potwierdzenie adresu e-mail nowego konta w rejestrze klastrów.", "Confirming the e-mail address of a new account in the cluster registry.";
    DescForgotPassword => "Zamów link do ustawienia nowego hasła do konta w rejestrze klastrów.", "Ask for a link that sets a new password for your cluster registry account.";
    DescResetPassword => "Ustaw nowe hasło do konta w rejestrze klastrów.", "Set a new password for your cluster registry account.";
    DescConfirmEmail => "Potwierdzenie nowego adresu e-mail konta w rejestrze klastrów.", "Confirming the new e-mail address of a cluster registry account.";
    DescInvitation => "Zaproszenie do koordynowania klastra lub działania w imieniu organizacji w rejestrze klastrów.", "An invitation to coordinate a cluster or act for an organisation in the cluster registry.";
    DescUnsubscribe => "Rezygnacja z powiadomień e-mail rejestru klastrów jednym kliknięciem.", "Stop the cluster registry's notification mail in one click.";
    DescInbox => "Powiadomienia Twojego konta w rejestrze klastrów: wnioski, decyzje, odpowiedzi i ostrzeżenia.", "Your cluster registry notifications: applications, decisions, answers and warnings.";
    DescMyAccount => "Twoje konto w rejestrze klastrów: dane, hasło, organizacje, zgłoszone klastry i powiadomienia.", "Your cluster registry account: details, password, organisations, submitted clusters and notifications.";
    DescRequests => "Wnioski o działanie w imieniu organizacji czekające na Twoją decyzję.", "Requests to act for an organisation waiting for your decision.";
    DescMyOrganisation => "Dane Twojej organizacji i jej członkostwa w klastrach: wnioski, wystąpienia, zaproszenia.", "Your organisation's details and its cluster memberships: applications, leaving, invitations.";
    DescCoordinator => "Biurko koordynatora klastra: dane klastra, wnioski o członkostwo, członkowie, wydarzenia, projekty, tokeny API i historia zmian.", "The cluster coordinator's desk: the cluster's details, membership applications, members, events, projects, API tokens and audit trail.";
    DescOperator => "Biurko operatora rejestru: zgłoszenia klastrów, wnioski, konta, poczta, statusy KKK i etykiety ESCA.", "The registry operator's desk: cluster submissions, requests, accounts, mail, KKK statuses and ESCA labels.";
    // Coordinator's desk: the whole profile (names, lists, services, groups, board, indicators).
    ProfileNamePl => "Nazwa po polsku", "Name in Polish";
    ProfileNameEn => "Nazwa po angielsku", "Name in English";
    ProfileFoundedOn => "Data założenia (RRRR, RRRR-MM lub RRRR-MM-DD)", "Founded on (YYYY, YYYY-MM or YYYY-MM-DD)";
    ProfileEmptyKeeps => "Puste pole zostawia zapisaną wartość bez zmian.", "Left empty, the stored value stays as it is.";
    ProfileListsHint => "Dodane i usunięte pozycje list zapisuje przycisk „Zapisz” na dole formularza.", "Items added to or removed from the lists are saved by the form's Save button below.";
    ListAdd => "Dodaj", "Add";
    ListRemove => "Usuń", "Remove";
    ListEmpty => "Lista jest pusta.", "The list is empty.";
    ListItemNeeded => "Najpierw wpisz lub wybierz, co dodać.", "First type or choose what to add.";
    ListItemBadDate => "Datę podaj jako RRRR, RRRR-MM lub RRRR-MM-DD.", "Give the date as YYYY, YYYY-MM or YYYY-MM-DD.";
    ListItemTwice => "To już jest na liście.", "That is already on the list.";
    ProfileSectorNew => "Sektor do dodania", "Sector to add";
    ProfileAliases => "Inne nazwy klastra", "Other names of the cluster";
    ProfileAliasNew => "Nowa nazwa", "New name";
    ProfileSpecialisationNew => "Nowa specjalizacja", "New specialisation";
    ProfileParticipations => "Udział w sieciach i programach", "Networks and programmes";
    ProfileParticipationNew => "Nowa sieć lub program", "New network or programme";
    ProfileAwards => "Nagrody i wyróżnienia (poza KKK i ESCA)", "Awards and distinctions (other than KKK and ESCA)";
    ProfileAwardName => "Nazwa nagrody", "Name of the award";
    ProfileAwardedBy => "Kto przyznał", "Awarded by";
    ProfileAwardedOn => "Kiedy (RRRR, RRRR-MM lub RRRR-MM-DD)", "When (YYYY, YYYY-MM or YYYY-MM-DD)";
    FactEdit => "Edytuj", "Edit";
    ServiceName => "Nazwa usługi", "Name of the service";
    ServiceDescription => "Opis usługi", "Description of the service";
    AddService => "Dodaj usługę", "Add the service";
    NoServices => "Nie opisano jeszcze usług klastra.", "No services of the cluster are described yet.";
    WorkingGroups => "Grupy robocze", "Working groups";
    GroupName => "Nazwa grupy", "Name of the group";
    GroupDescription => "Opis grupy", "Description of the group";
    AddGroup => "Dodaj grupę roboczą", "Add the working group";
    NoGroups => "Nie wpisano jeszcze grup roboczych.", "No working groups are entered yet.";
    PersonFullName => "Imię i nazwisko", "Full name";
    PersonTitle => "Tytuł (np. dr inż.)", "Title (e.g. Dr)";
    PersonPosition => "Stanowisko", "Position";
    PersonSince => "Od (RRRR, RRRR-MM lub RRRR-MM-DD)", "Since (YYYY, YYYY-MM or YYYY-MM-DD)";
    PersonUntil => "Do (RRRR, RRRR-MM lub RRRR-MM-DD)", "Until (YYYY, YYYY-MM or YYYY-MM-DD)";
    AddPerson => "Dodaj osobę", "Add the person";
    NoPeople => "Nie wpisano jeszcze władz ani biura klastra.", "No board or office members are entered yet.";
    BoardPrivacyHint => "E-mail i telefon osoby widzą tylko klaster, jego członkowie i operatorzy rejestru.", "A person's e-mail and phone are seen only by the cluster, its members and the registry's operators.";
    IndicatorYear => "Rok", "Year";
    IndicatorMemberCount => "Liczba członków na koniec roku", "Members at the end of the year";
    IndicatorRevenue => "Przychody członków (PLN)", "Members' revenue (PLN)";
    IndicatorEmployment => "Zatrudnienie u członków", "Employment at the members";
    AddIndicator => "Dodaj rok", "Add the year";
    NoIndicators => "Nie wpisano jeszcze wskaźników.", "No figures are entered yet.";
    // Coordinator's desk: events, projects, members, decided applications, webhooks.
    DeskEventsTitle => "Wydarzenia klastra", "The cluster's events";
    NoDeskEvents => "Klaster nie ma jeszcze wydarzeń.", "The cluster has no events yet.";
    ProjectsTitle => "Projekty klastra", "The cluster's projects";
    NoProjects => "Klaster nie ma jeszcze projektów.", "The cluster has no projects yet.";
    EditEntry => "Edytuj", "Edit";
    PartialStartsOn => "Początek (RRRR, RRRR-MM lub RRRR-MM-DD)", "Starts (YYYY, YYYY-MM or YYYY-MM-DD)";
    PartialEndsOn => "Koniec (RRRR, RRRR-MM lub RRRR-MM-DD)", "Ends (YYYY, YYYY-MM or YYYY-MM-DD)";
    DateKeptHint => "Data pozostawiona pusta nie zmienia się.", "A date left empty stays as it was.";
    DeleteEventQuestion => "Usunąć to wydarzenie? Tego nie da się cofnąć.", "Delete this event? This cannot be undone.";
    DeleteProjectQuestion => "Usunąć ten projekt? Tego nie da się cofnąć.", "Delete this project? This cannot be undone.";
    EventSaved => "Zapisano zmiany wydarzenia.", "The event's changes are saved.";
    EventDeleted => "Wydarzenie usunięte.", "The event is deleted.";
    ProjectSaved => "Zapisano zmiany projektu.", "The project's changes are saved.";
    ProjectDeleted => "Projekt usunięty.", "The project is deleted.";
    DeskMembersTitle => "Członkowie klastra", "The cluster's members";
    NoDeskMembers => "Klaster nie ma jeszcze członków.", "The cluster has no members yet.";
    MemberSince => "Od", "Since";
    MemberActions => "Działania", "Actions";
    RoleOf => "Rola organizacji", "Role of";
    ChangeRole => "Zmień rolę", "Change role";
    RoleChanged => "Rola zmieniona.", "The role is changed.";
    EndMembership => "Zakończ członkostwo", "End membership";
    EndMembershipQuestion => "Zakończyć członkostwo tej organizacji z dniem dzisiejszym? Tego nie da się cofnąć.", "End this organisation's membership as of today? This cannot be undone.";
    MembershipEnded => "Członkostwo zakończone.", "The membership has ended.";
    AddMemberTitle => "Dodaj członka", "Add a member";
    FindMemberOrganisation => "Szukaj organizacji (nazwa lub miejscowość)", "Find an organisation (name or city)";
    FindOrganisationHint => "Wpisz co najmniej 2 znaki i wybierz organizację z listy.", "Type at least 2 characters and choose the organisation from the list.";
    NoOrganisationFound => "Nie znaleziono organizacji.", "No organisation found.";
    ChooseThis => "Wybierz", "Choose";
    ChosenOrganisation => "Wybrana organizacja:", "Chosen organisation:";
    NoOrganisationChosen => "Nie wybrano organizacji.", "No organisation chosen.";
    MemberJoinedOn => "Data przystąpienia (RRRR, RRRR-MM lub RRRR-MM-DD; pusta: dziś)", "Joined on (YYYY, YYYY-MM or YYYY-MM-DD; empty: today)";
    AddMember => "Dodaj członka", "Add member";
    MemberAdded => "Dodano członka.", "The member is added.";
    DecidedTitle => "Rozpatrzone wnioski", "Decided applications";
    NoDecided => "Nie rozpatrzono jeszcze żadnego wniosku.", "No application has been decided yet.";
    DecidedReason => "Uzasadnienie:", "Reason:";
    DecisionBy => "rozpatrzył(a)", "decided by";
    OrganisationGone => "(organizacja już nie istnieje)", "(the organisation no longer exists)";
    OlderDecisions => "Starsze decyzje", "Older decisions";
    WebhooksTitle => "Webhooki", "Webhooks";
    WebhooksLead => "Rejestr wysyła zmiany wybranych rodzajów na adres systemu partnera (JSON podpisany HMAC-SHA256) i ponawia próby przez dobę, aż adres odpowie kodem 2xx.", "The registry sends changes of the chosen kinds to a partner system's address (JSON signed with HMAC-SHA256) and retries for a day until the address answers 2xx.";
    NoWebhooks => "Klaster nie ma webhooków.", "The cluster has no webhooks.";
    WebhookUrl => "Adres (https://…)", "Address (https://…)";
    WebhookEvents => "Rodzaje zmian", "Kinds of change";
    RegisterWebhook => "Zarejestruj webhook", "Register webhook";
    WebhookRegistered => "Webhook zarejestrowany.", "The webhook is registered.";
    WebhookSecretShownOnce => "Klucz, którym podpisane jest każde doręczenie (nagłówek Klastry-Signature). Skopiuj go teraz, więcej się nie pokaże:", "The key every delivery is signed with (the Klastry-Signature header). Copy it now, it is not shown again:";
    DeleteWebhookQuestion => "Usunąć ten webhook? Nic więcej nie zostanie do niego wysłane. Tego nie da się cofnąć.", "Delete this webhook? Nothing more will be sent to it. This cannot be undone.";
    WebhookDeleted => "Webhook usunięty.", "The webhook is deleted.";
    WebhookCreatedAt => "zarejestrowany", "registered";
    RecentDeliveries => "Ostatnie doręczenia", "Recent deliveries";
    NoDeliveries => "Jeszcze nic nie wysłano.", "Nothing has been sent yet.";
    Redeliver => "Wyślij ponownie", "Send again";
    Redelivered => "Doręczenie wróciło do kolejki i zaraz zostanie wysłane.", "The delivery is queued again and will be sent shortly.";
    DeliveryPending => "czeka na wysłanie", "waiting to be sent";
    DeliveryDelivered => "doręczone", "delivered";
    DeliveryFailed => "nieudane", "failed";
    NextAttemptAt => "następna próba", "next try";
    AttemptNumber => "Próba", "Try";
    ResponseCode => "kod odpowiedzi", "response code";
    NoResponse => "bez odpowiedzi", "no answer";
    AttemptError => "błąd:", "error:";
    EventKindClusterChanged => "zmiany klastra (profil, usługi, wydarzenia, projekty, władze, wskaźniki)", "cluster changes (profile, services, events, projects, board, figures)";
    EventKindMembershipChanged => "członkostwa (wnioski, decyzje, nowi i odchodzący członkowie)", "memberships (applications, decisions, members joining and leaving)";
    EventKindCertificationChanged => "statusy KKK", "KKK statuses";
    EventKindLabelChanged => "etykiety ESCA", "ESCA labels";
    EventKindOfferPosted => "ogłoszenia na tablicy współpracy", "notices on the cooperation board";
    EventKindOrganisationChanged => "zmiany organizacji", "organisation changes";
    EventKindCertificationExpiring => "wygasające statusy KKK", "KKK statuses running out";
    EventKindLabelExpiring => "wygasające etykiety ESCA", "ESCA labels running out";
    // Operator's back office: clusters and organisations, merging clusters, any cluster's desk.
    PickerChosen => "Wybrano:", "Chosen:";
    PickerNothing => "Nic nie znaleziono.", "Nothing found.";
    PickerMore => "Więcej wyników", "More results";
    OpClustersTitle => "Klastry w rejestrze", "Clusters in the registry";
    OpClustersLead => "Dodaj klaster albo znajdź istniejący, aby zmienić jego dane, usunąć go lub otworzyć jego biurko koordynatora.", "Add a cluster, or find one to change its details, delete it or open its coordinator's desk.";
    NewCluster => "Nowy klaster", "New cluster";
    AddCluster => "Dodaj klaster", "Add the cluster";
    ClusterAdded => "Dodano klaster:", "Cluster added:";
    OpFindCluster => "Znajdź klaster (nazwa, skrót lub miasto)", "Find a cluster (name, acronym or city)";
    ChangeCluster => "Zmiana lub usunięcie klastra", "Changing or deleting a cluster";
    ClusterDeleted => "Usunięto klaster:", "Cluster deleted:";
    DeleteCluster => "Usuń klaster", "Delete the cluster";
    DeleteClusterQuestion => "Usunąć ten klaster ze wszystkim, co o nim zapisano?", "Delete this cluster with everything recorded about it?";
    NamePl => "Nazwa po polsku", "Name in Polish";
    NameEn => "Nazwa po angielsku", "Name in English";
    Slug => "Adres w rejestrze", "Address in the registry";
    SlugHint => "Małe litery, cyfry i łączniki, np. klaster-obrobki-metali; z niego powstaje adres strony klastra.", "Lower-case letters, digits and hyphens, e.g. klaster-obrobki-metali; the cluster's page address is made from it.";
    FoundedOnField => "Data założenia", "Founded on";
    ClusterStatusField => "Stan klastra", "The cluster's status";
    ItsPage => "Strona w rejestrze", "Its page";
    OpenItsDesk => "Otwórz jego biurko", "Open its desk";
    Editing => "Zmieniasz:", "Changing:";
    OpOrganisationsTitle => "Organizacje w rejestrze", "Organisations in the registry";
    OpOrganisationsLead => "Dodaj organizację albo znajdź istniejącą, aby zmienić jej dane lub ją usunąć.", "Add an organisation, or find one to change its details or delete it.";
    NewOrganisation => "Nowa organizacja", "New organisation";
    AddOrganisation => "Dodaj organizację", "Add the organisation";
    OrganisationAdded => "Dodano organizację:", "Organisation added:";
    OpFindOrganisation => "Znajdź organizację (nazwa, miasto, NIP lub REGON)", "Find an organisation (name, city, NIP or REGON)";
    ChangeOrganisation => "Zmiana lub usunięcie organizacji", "Changing or deleting an organisation";
    OrganisationDeleted => "Usunięto organizację:", "Organisation deleted:";
    DeleteOrganisation => "Usuń organizację", "Delete the organisation";
    DeleteOrganisationQuestion => "Usunąć tę organizację razem z jej członkostwami?", "Delete this organisation with its memberships?";
    MergeClustersTitle => "Scalanie klastrów", "Merging clusters";
    MergeClustersLead => "Duplikat zostanie usunięty, a jego członkowie, statusy KKK, etykiety ESCA, wydarzenia, koordynatorzy i inne powiązania przejdą do klastra zachowanego; nazwy duplikatu staną się jego nazwami dodatkowymi.", "The duplicate is deleted and its members, KKK statuses, ESCA labels, events, coordinators and other links move to the cluster kept; the duplicate's names become its other names.";
    MergeClusterKept => "Klaster zachowany", "Cluster to keep";
    MergeClustersRun => "Scal klastry", "Merge the clusters";
    MergeClustersQuestion => "Scalić te klastry? Tego nie da się cofnąć.", "Merge these clusters? This cannot be undone.";
    MergeClustersSame => "Wybierz dwa różne klastry.", "Choose two different clusters.";
    MergeClustersDone => "Scalono. Zachowany klaster:", "Merged. The cluster kept:";
    MergeClustersConflict => "Jeden z klastrów zmienił się w międzyczasie. Wyszukaj je ponownie i spróbuj jeszcze raz.", "One of the clusters changed meanwhile. Search for them again and try again.";
    AnyClusterDesk => "Biurko dowolnego klastra", "Any cluster's desk";
    AnyClusterDeskLead => "Jako operator możesz otworzyć biurko koordynatora każdego klastra i robić na nim wszystko, co jego koordynator.", "As an operator you may open any cluster's coordinator desk and do there all its coordinator does.";
    ClusterDeskToOpen => "Klaster, którego biurko otworzyć", "The cluster whose desk to open";
    // Forms and directories: dates, confirmations, paging, cards, sorting, export.
    MembershipStatePending => "wniosek oczekuje", "application pending";
    MembershipStateRejected => "wniosek odrzucony", "application rejected";
    MembershipStateLeft => "wystąpiła z klastra", "has left the cluster";
    OtherMemberships => "Wnioski i dawne członkostwa", "Applications and former memberships";
    AlreadyAnswered => "Twoja organizacja odpowiedziała już na to ogłoszenie.", "Your organisation has already answered this notice.";
    YourOrganisationsAnswer => "Odpowiedź Twojej organizacji", "Your organisation's answer";
    ConfirmCannotUndo => "Tego nie da się cofnąć.", "This cannot be undone.";
    LeaveClusterQuestion => "Czy na pewno wystąpić z tego klastra? Aby do niego wrócić, trzeba będzie złożyć nowy wniosek.", "Are you sure you want to leave this cluster? To come back, the organisation will have to apply again.";
    ApproveRequestQuestion => "Czy na pewno przyjąć ten wniosek? Wnioskujący od razu otrzyma dostęp.", "Are you sure you want to approve this request? The requester gets access at once.";
    RejectRequestQuestion => "Czy na pewno odrzucić ten wniosek?", "Are you sure you want to reject this request?";
    PublishQuestion => "Czy na pewno opublikować ten klaster w rejestrze?", "Are you sure you want to publish this cluster in the registry?";
    ExpectedDate => "dzień musi mieć postać RRRR-MM-DD, np. 2024-03-05", "a day must look like YYYY-MM-DD, e.g. 2024-03-05";
    ExpectedPartialDate => "data musi mieć postać RRRR, RRRR-MM lub RRRR-MM-DD", "a date must look like YYYY, YYYY-MM or YYYY-MM-DD";
    ExpectedDateTime => "chwila musi mieć postać RRRR-MM-DDTGG:MM:SSZ", "a moment must look like YYYY-MM-DDTHH:MM:SSZ";
    ExpectedNumber => "potrzebna jest liczba całkowita", "a whole number is needed";
    ExpectedChoice => "tej wartości nie ma wśród dozwolonych", "that value is not one of those allowed";
    DateYear => "Rok", "Year";
    DateMonth => "Miesiąc", "Month";
    DateDay => "Dzień", "Day";
    DateWholeYear => "— cały rok —", "— whole year —";
    DateWholeMonth => "— cały miesiąc —", "— whole month —";
    PartialDateHint => "Rok czterema cyframi; miesiąc i dzień tylko wtedy, gdy są znane.", "The year as four digits; the month and day only when they are known.";
    PartialDateBadYear => "Podaj rok czterema cyframi, np. 2024.", "Give the year as four digits, e.g. 2024.";
    PartialDateBadDay => "Ten miesiąc nie ma takiego dnia.", "That month has no such day.";
    MonthJanuary => "styczeń", "January";
    MonthFebruary => "luty", "February";
    MonthMarch => "marzec", "March";
    MonthApril => "kwiecień", "April";
    MonthMay => "maj", "May";
    MonthJune => "czerwiec", "June";
    MonthJuly => "lipiec", "July";
    MonthAugust => "sierpień", "August";
    MonthSeptember => "wrzesień", "September";
    MonthOctober => "październik", "October";
    MonthNovember => "listopad", "November";
    MonthDecember => "grudzień", "December";
    ShowMore => "Pokaż więcej", "Show more";
    ShownOutOf => "Pokazano {shown} z {total}", "Showing {shown} of {total}";
    SortBy => "Kolejność", "Order";
    SortNameAsc => "nazwa A–Ż", "name A–Z";
    SortNameDesc => "nazwa Ż–A", "name Z–A";
    SortNewest => "ostatnio dodane do rejestru", "latest added to the registry";
    SortOldest => "najdawniej dodane do rejestru", "earliest added to the registry";
    MembersNotRecorded => "członkowie nieznani", "members not recorded";
    NoKkkStatus => "bez statusu KKK", "no KKK status";
    ExportCsv => "Pobierz wyniki (CSV)", "Download the results (CSV)";
    ExportCsvNote => "Plik z wynikami tego wyszukiwania (ze wszystkich stron) powstaje w przeglądarce, bo eksport rejestru nie przyjmuje filtrów. Cały rejestr:", "The file of this search's results (every page) is built in your browser, as the registry's export takes no filters. The whole registry:";
    ExportWholeRegistry => "wszystkie klastry (CSV)", "every cluster (CSV)";
    ExportPreparing => "Przygotowywanie pliku…", "Preparing the file…";
    AllClusters => "Wszystkie klastry", "All clusters";
    EventsOfCluster => "Wydarzenia klastra", "Events of a cluster";
    // Projects by programme; API tokens.
    RegistryProjectsTitle => "Projekty klastrów", "Cluster projects";
    RegistryProjectsLead => "Projekty i inicjatywy klastrów z całego rejestru według programu finansowania. Daty znane tylko z miesiąca lub roku są podane tak, jak je znamy.", "Projects and initiatives of clusters across the registry, by funding programme. Dates known only to a month or a year are given as far as they are known.";
    DescProjects => "Projekty klastrów przemysłowych w Polsce według programu finansowania (np. COSME, Horyzont Europa) i województwa.", "The projects of Polish industrial clusters by funding programme (COSME, Horizon Europe, say) and voivodeship.";
    FacetProgramme => "Program", "Programme";
    ProjectRole => "Rola klastra", "The cluster's role";
    RevokeTokenQuestion => "Unieważnić ten token? Systemy, które go używają, stracą dostęp.", "Revoke this token? Systems that use it will lose access.";
    TokenCopiedHide => "Skopiowałem go — ukryj", "I have copied it — hide";
    // The footer and its pages: about, contact, privacy, the accessibility statement.
    DescAbout => "Kto prowadzi rejestr klastrów, co zawiera i skąd pochodzą jego dane: listy KKK ministerstwa, etykiety ESCA, strony klastrów.", "Who runs the cluster registry, what it holds and where its data comes from: the ministry's KKK lists, ESCA labels, clusters' websites.";
    DescContact => "Kontakt w sprawie rejestru klastrów: dane klastra prowadzi jego koordynator, rejestr jego operatorzy.", "Contacting the cluster registry: a cluster's data is kept by its coordinator, the registry by its operators.";
    DescPrivacy => "Dane osobowe w rejestrze klastrów: co przechowujemy, na jakiej podstawie (RODO), jak długo i jakie masz prawa.", "Personal data in the cluster registry: what is kept, on what legal basis (GDPR), for how long and what your rights are.";
    DescAccessibility => "Deklaracja dostępności rejestru klastrów: stan zgodności z WCAG 2.1 AA, znane niedostępności, kontakt i procedura skargowa.", "The cluster registry's accessibility statement: compliance with WCAG 2.1 AA, known gaps, contact and the complaint procedure.";
    FooterNavigation => "O serwisie", "About this site";
    AboutTitle => "O rejestrze", "About the registry";
    AboutLead => "Rejestr klastrów to otwarta, dwujęzyczna baza klastrów przemysłowych w Polsce: kto do nich należy, kto je koordynuje, jakie mają statusy i etykiety i z kim chcą współpracować.", "The cluster registry is an open, bilingual database of industrial clusters in Poland: who belongs to them, who coordinates them, which statuses and labels they hold and whom they want to work with.";
    AboutWhoTitle => "Kto go prowadzi", "Who runs it";
    AboutWho => "Rejestr prowadzi projekt klastry. Jego oprogramowanie jest otwarte (licencja AGPL-3.0), a dane klastrów są dostępne dla każdego bez logowania: na tych stronach, przez API GraphQL i w eksportach CSV.", "The registry is run by the klastry project. Its software is open source (AGPL-3.0 licence), and the clusters' data is open to anyone without signing in: on these pages, through a GraphQL API and as CSV exports.";
    AboutWhatTitle => "Co zawiera", "What it holds";
    AboutWhatClusters => "Klastry: nazwa, koordynator, adres i kontakt, opis, sektory i specjalizacje, władze i biuro, usługi, projekty, wydarzenia i wskaźniki roczne.", "Clusters: name, coordinator, address and contacts, description, sectors and specialisations, board and office, services, projects, events and yearly indicators.";
    AboutWhatOrganisations => "Organizacje członkowskie: przedsiębiorstwa, uczelnie, instytuty badawcze, instytucje otoczenia biznesu i samorządy, z numerami NIP, REGON i KRS.", "Member organisations: companies, universities, research institutes, business-support institutions and local governments, with their NIP, REGON and KRS numbers.";
    AboutWhatStatuses => "Statusy Krajowego Klastra Kluczowego z kolejnych naborów i etykiety doskonałości zarządzania klastrem ESCA (brązowe, srebrne, złote), z okresami ważności.", "Key National Cluster statuses from each round and ESCA cluster-management excellence labels (bronze, silver, gold), with their periods of validity.";
    AboutWhatBoard => "Tablicę współpracy: oferty i zapytania członków klastrów.", "A cooperation board: offers and requests of cluster members.";
    AboutSourcesTitle => "Skąd pochodzą dane", "Where the data comes from";
    AboutSourceKkk => "Listy Krajowych Klastrów Kluczowych, które ministerstwo właściwe do spraw gospodarki publikuje po każdym naborze.", "The lists of Key National Clusters the ministry responsible for the economy publishes after each round.";
    AboutSourceEsca => "Wykaz etykiet Europejskiego Sekretariatu Analiz Klastrowych (ESCA).", "The label list of the European Secretariat for Cluster Analysis (ESCA).";
    AboutSourceWebsites => "Strony internetowe klastrów i publiczne rejestry podmiotów (KRS, REGON).", "The clusters' own websites and the public registers of entities (KRS, REGON).";
    AboutSourceCoordinators => "Koordynatorzy klastrów i organizacje członkowskie, którzy po zalogowaniu sami prowadzą swoje dane.", "Cluster coordinators and member organisations, who keep their own data after signing in.";
    AboutSourcesNote => "Statusy KKK i etykiety ESCA zapisują tylko operatorzy rejestru, a to, czy status jest aktywny, wynika z dat ważności na dziś. Rejestr nie jest wykazem urzędowym: w sprawach wiążących rozstrzygają listy ministerstwa i ESCA.", "Only the registry's operators record KKK statuses and ESCA labels, and whether one is active follows from its dates, as of today. The registry is not an official list: where it matters, the ministry's and ESCA's lists decide.";
    AboutUseTitle => "Jak z niego korzystać", "How to use it";
    AboutUse => "Katalog, strony klastrów i organizacji oraz tablicę współpracy przeglądasz bez konta. Konto pozwala zgłosić brakujący klaster, przejąć koordynowanie klastra, działać w imieniu organizacji, odpowiadać na ogłoszenia i obserwować zmiany. Systemy partnerów łączą się z API GraphQL pod adresem /graphql.", "You browse the directory, the cluster and organisation pages and the cooperation board without an account. An account lets you submit a missing cluster, take over coordinating a cluster, act for an organisation, answer notices and follow changes. Partners' systems connect to the GraphQL API at /graphql.";
    ContactTitle => "Kontakt", "Contact";
    ContactLead => "Dane klastra prowadzi jego koordynator, a rejestr jako całość jego operatorzy. Oto, do kogo się zwrócić.", "A cluster's data is kept by its coordinator, the registry as a whole by its operators. Here is whom to ask.";
    ContactClusterTitle => "Dane klastra lub organizacji", "A cluster's or an organisation's data";
    ContactCluster => "Opis, adres, kontakty, członków, władze, wydarzenia i projekty klastra prowadzi jego koordynator na swoim biurku w rejestrze. Pytania o klaster i prośby o poprawki kieruj na kontakt podany na stronie klastra.", "A cluster's description, address, contacts, members, board, events and projects are kept by its coordinator from their desk in the registry. Send questions about a cluster, and corrections, to the contacts on the cluster's page.";
    ContactOrganisation => "Dane organizacji członkowskiej poprawiają osoby działające w jej imieniu (po zalogowaniu, w zakładce „Moja organizacja”) albo koordynator jej klastra.", "A member organisation's data is corrected by the people who act for it (after signing in, under \"My organisation\") or by its cluster's coordinator.";
    ContactOperatorsTitle => "Operatorzy rejestru", "The registry's operators";
    ContactOperators => "Rejestr prowadzi projekt klastry. Jego operatorzy zapisują statusy KKK i etykiety ESCA, przyjmują zgłoszenia nowych klastrów, rozstrzygają, kto koordynuje klaster, i prowadzą konta. Sprawy trafiają do nich przez rejestr:", "The registry is run by the klastry project. Its operators record KKK statuses and ESCA labels, review newly submitted clusters, decide who coordinates a cluster and look after accounts. Matters reach them through the registry:";
    ContactMissingCluster => "Brakuje klastra? Załóż konto i zgłoś go w zakładce „Moje konto”; operator sprawdzi zgłoszenie i odpowie e-mailem.", "A cluster is missing? Open an account and submit it under \"My account\"; an operator reviews it and answers by e-mail.";
    ContactClaim => "Koordynujesz klaster, który już jest w rejestrze? Złóż na jego stronie wniosek o prowadzenie klastra; rozstrzygnie go operator.", "You coordinate a cluster the registry already lists? Ask to keep it from its page; an operator decides.";
    ContactStatus => "Błędny status KKK lub etykietę ESCA zgłoś koordynatorowi klastra; operatorzy poprawiają je według list ministerstwa i ESCA.", "Report a wrong KKK status or ESCA label to the cluster's coordinator; the operators correct them from the ministry's and ESCA's lists.";
    ContactAccount => "Hasło, adres e-mail, powiadomienia i usunięcie konta zmienisz sam w zakładce „Moje konto”.", "You change your password, e-mail address and notifications, or delete your account, yourself under \"My account\".";
    ContactSeePrivacy => "Dane osobowe i Twoje prawa: Prywatność", "Personal data and your rights: Privacy";
    ContactSeeAccessibility => "Problemy z dostępnością: Deklaracja dostępności", "Accessibility problems: Accessibility statement";
    PrivacyTitle => "Prywatność i dane osobowe", "Privacy and personal data";
    PrivacyLead => "Jakie dane osobowe przetwarza rejestr, w jakim celu, na jakiej podstawie i jak długo, oraz jakie masz prawa według RODO (rozporządzenia (UE) 2016/679).", "Which personal data the registry processes, why, on what legal basis and for how long, and what rights you have under the GDPR (Regulation (EU) 2016/679).";
    PrivacyControllerTitle => "Administrator", "Controller";
    PrivacyController => "Administratorem danych osobowych jest operator rejestru, projekt klastry. Jak się z nim skontaktować, opisuje strona Kontakt.", "The controller of personal data is the registry's operator, the klastry project. The Contact page says how to reach it.";
    PrivacyDataTitle => "Jakie dane przetwarzamy", "What we process";
    PrivacyDataAccounts => "Konta: adres e-mail, wyświetlana nazwa, skrót hasła (Argon2id; samego hasła nie przechowujemy), język, data założenia, role (osoba działająca w imieniu organizacji, koordynator, operator), ustawienia powiadomień, obserwowane klastry i tematy oraz zapisane wyszukiwania.", "Accounts: e-mail address, display name, a hash of the password (Argon2id; the password itself is never stored), language, when the account was made, roles (acting for an organisation, coordinator, operator), notification settings, what you follow and your saved searches.";
    PrivacyDataSecurity => "Bezpieczeństwo: sesje logowania, nieudane próby logowania liczone według konta i adresu IP, jednorazowe linki z wiadomości (przechowujemy tylko ich skróty).", "Security: sign-in sessions, failed sign-ins counted per account and per IP address, single-use links sent by mail (only their hashes are stored).";
    PrivacyDataAudit => "Historia zmian: kto, co i kiedy zmienił w danych klastrów, organizacji i kont.", "The audit trail: who changed what in the data of clusters, organisations and accounts, and when.";
    PrivacyDataContent => "Treści, które wpisujesz: wnioski o członkostwo i ich wiadomości, ogłoszenia i odpowiedzi na tablicy współpracy, zgłoszenia klastrów.", "What you write: membership applications and their messages, notices and answers on the cooperation board, cluster submissions.";
    PrivacyDataMail => "Powiadomienia i poczta: powiadomienia w Twojej skrzynce; o wiadomościach e-mail adresat, rodzaj i stan wysyłki, a ich treść tylko do wysłania.", "Notifications and mail: the notifications in your inbox; of e-mail, the recipient, kind and delivery state, and its content only until it is sent.";
    PrivacyDataPeople => "Osoby we władzach i biurach klastrów: imię i nazwisko, tytuł i reprezentowana organizacja; ich służbowy e-mail i telefon widzą tylko operatorzy, koordynatorzy i członkowie danego klastra.", "People on clusters' boards and in their offices: name, title and the organisation they represent; their work e-mail and telephone are seen only by operators and by the coordinators and members of that cluster.";
    PrivacyBasisTitle => "Cele i podstawy prawne", "Purposes and legal basis";
    PrivacyBasisContract => "Art. 6 ust. 1 lit. b RODO: prowadzenie Twojego konta i usług rejestru, o które prosisz, zakładając je (zgłaszanie klastrów, działanie w imieniu organizacji, powiadomienia).", "Art. 6(1)(b) GDPR: keeping your account and providing the registry's services you ask for by opening it (submitting clusters, acting for an organisation, notifications).";
    PrivacyBasisInterest => "Art. 6 ust. 1 lit. f RODO, prawnie uzasadniony interes operatora: bezpieczeństwo (ochrona przed odgadywaniem haseł i nadużyciami), historia zmian pozwalająca ustalić, kto zmienił dane, oraz pokazywanie osób reprezentujących klastry w ich rolach zawodowych.", "Art. 6(1)(f) GDPR, the operator's legitimate interest: security (protection against password guessing and abuse), an audit trail that shows who changed the data, and showing the people who represent clusters in their professional roles.";
    PrivacyBasisVoluntary => "Podanie danych jest dobrowolne, ale bez adresu e-mail nie założysz konta. Nie podejmujemy decyzji opartych wyłącznie na zautomatyzowanym przetwarzaniu ani nie profilujemy.", "Giving your data is voluntary, but an account needs an e-mail address. We make no decisions based solely on automated processing and do no profiling.";
    PrivacyRecipientsTitle => "Kto widzi dane", "Who sees the data";
    PrivacyRecipients => "Dane kont nie są publiczne. Twoją nazwę widzą osoby, z którymi załatwiasz sprawy w rejestrze, na przykład koordynator rozpatrujący wniosek. Koordynator może udostępnić niepubliczne dane swojego klastra, w tym służbowe kontakty osób, systemom partnerów przez token API. Wiadomości e-mail wysyła serwer poczty operatora. Rejestr nie używa plików cookie ani narzędzi analitycznych; w pamięci przeglądarki zapisuje tylko sesję i wybrany język.", "Account data is not public. Your name is seen by the people you deal with in the registry, such as a coordinator deciding your application. A coordinator may give their cluster's private data, including people's work contacts, to partners' systems through an API token. Mail is sent by the operator's mail server. The registry uses no cookies and no analytics; it keeps only your session and chosen language in the browser's storage.";
    PrivacyRetentionTitle => "Jak długo", "How long";
    PrivacyRetentionAccount => "Konto: do jego usunięcia. Usunięcie (w zakładce „Moje konto”) zastępuje adres, nazwę i hasło, odbiera role i kończy sesje; w historii zmian Twoje działania zostają pod numerem konta, bez adresu e-mail.", "An account: until it is deleted. Deleting it (under \"My account\") replaces its address, name and password, removes its roles and ends its sessions; the audit trail keeps what it did under the account's number, without the e-mail address.";
    PrivacyRetentionNotifications => "Powiadomienia: przeczytane 180 dni, nieprzeczytane półtora roku.", "Notifications: read ones 180 days, unread ones a year and a half.";
    PrivacyRetentionMail => "Wysłane wiadomości i zdarzenia zmian: 30 dni (tyle, ile ustawi operator, nie mniej niż 2 dni).", "Sent mail and change events: 30 days (as long as the operator sets, at least 2 days).";
    PrivacyRetentionSecurity => "Sesje: do wylogowania, najwyżej 30 dni bez odnowienia. Nieudane próby logowania: do kwadransa bez kolejnych prób. Jednorazowe linki: do użycia lub wygaśnięcia (od 30 minut do 7 dni), potem jeszcze dobę.", "Sessions: until you sign out, at most 30 days without renewal. Failed sign-ins: until a quarter of an hour passes without another. Single-use links: until used or expired (30 minutes to 7 days), then one more day.";
    PrivacyRightsTitle => "Twoje prawa", "Your rights";
    PrivacyRights => "Masz prawo dostępu do swoich danych, ich sprostowania, usunięcia, ograniczenia przetwarzania i przeniesienia, a wobec przetwarzania na podstawie prawnie uzasadnionego interesu — prawo sprzeciwu (art. 15–18, 20 i 21 RODO). Większość z nich wykonasz sam w zakładce „Moje konto”: zobaczysz i poprawisz swoje dane, zmienisz adres, usuniesz konto. W pozostałych sprawach napisz do operatora (strona Kontakt); osoby wymienione we władzach klastra mogą też zwrócić się do jego koordynatora.", "You have the right of access to your data, to rectification, erasure, restriction of processing and portability, and to object to processing based on legitimate interest (Articles 15–18, 20 and 21 GDPR). You exercise most of them yourself under \"My account\": see and correct your data, change your address, delete your account. For anything else write to the operator (the Contact page); people named on a cluster's board may also ask its coordinator.";
    PrivacyComplaint => "Masz też prawo wnieść skargę do Prezesa Urzędu Ochrony Danych Osobowych (ul. Stawki 2, 00-193 Warszawa):", "You may also lodge a complaint with the President of the Personal Data Protection Office (Urząd Ochrony Danych Osobowych, ul. Stawki 2, 00-193 Warszawa):";
    A11yTitle => "Deklaracja dostępności", "Accessibility statement";
    A11yLead => "Projekt klastry zobowiązuje się zapewnić dostępność cyfrową rejestru klastrów zgodnie z ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji mobilnych podmiotów publicznych. Deklaracja dotyczy aplikacji internetowej rejestru klastrów pod tym adresem.", "The klastry project is committed to making the cluster registry digitally accessible in accordance with the Polish Act of 4 April 2019 on the digital accessibility of websites and mobile applications of public sector bodies. This statement applies to the cluster registry web app at this address.";
    A11yPublished => "Data publikacji strony internetowej", "Date the website was published";
    A11yUpdated => "Data ostatniej istotnej aktualizacji", "Date of the last significant update";
    A11yStatusTitle => "Stan dostępności cyfrowej", "Compliance status";
    A11yStatus => "Strona internetowa jest częściowo zgodna z ustawą o dostępności cyfrowej (standard WCAG 2.1 na poziomie AA) z powodu niezgodności wymienionych poniżej.", "The website is partially compliant with the Act on digital accessibility (WCAG 2.1 level AA) because of the non-compliances listed below.";
    A11yGapsTitle => "Treści niedostępne", "Non-accessible content";
    A11yGapCharts => "Wykresy na stronie głównej (członkowie według rodzaju, statusy KKK w naborach, etykiety ESCA według lat) są obrazami opisanymi tylko tytułem; ich liczby nie są podane tekstem (WCAG 1.1.1). Liczby klastrów w województwach podaje też mapa kafelkowa, a statusy i etykiety — strony KKK i ESCA.", "The home page's charts (members by kind, KKK statuses by round, ESCA labels by year) are images described by their titles only; their numbers are not given as text (WCAG 1.1.1). The tile map gives the clusters per voivodeship as text too, and the KKK and ESCA pages list the statuses and labels.";
    A11yGapLanguage => "Opisy organizacji oraz ogłoszenia na tablicy współpracy wpisują ich autorzy, często tylko po polsku; w angielskiej wersji interfejsu ich język nie jest oznaczony (WCAG 3.1.2).", "Organisations' descriptions and the notices on the cooperation board are written by their authors, often in Polish only; in the English interface their language is not marked (WCAG 3.1.2).";
    A11yGapScript => "Aplikacja działa tylko z włączonym JavaScriptem; bez niego pokazuje jedynie informację o tym i adres API.", "The app works only with JavaScript on; without it, it shows just a note saying so and the API's address.";
    A11yGapManual => "Aplikacji nie badano jeszcze z czytnikami ekranu (NVDA, JAWS, VoiceOver, TalkBack) ani z udziałem osób z niepełnosprawnościami, a testy automatyczne wykrywają tylko część problemów.", "The app has not yet been tried with screen readers (NVDA, JAWS, VoiceOver, TalkBack) or by people with disabilities, and automated tests find only some kinds of problem.";
    A11yGapSignLanguage => "Serwis nie ma informacji o swoim zakresie w polskim języku migowym ani w tekście łatwym do czytania.", "The site gives no information about itself in Polish Sign Language or in easy-to-read text.";
    A11yPreparedTitle => "Przygotowanie deklaracji dostępności", "Preparation of this statement";
    A11yPrepared => "Deklarację sporządzono dnia 2026-12-06 na podstawie samooceny przeprowadzonej przez operatora. Każdą zmianę aplikacji sprawdzają testy automatyczne w przeglądarce: narzędzie axe-core bada każdą stronę publiczną i każde biurko w obu językach, a testy układu — czy strony mieszczą się na ekranie szerokim na 360 pikseli bez przewijania w poziomie.", "This statement was prepared on 2026-12-06 on the basis of a self-assessment by the operator. Every change to the app passes automated tests in a browser: axe-core checks every public page and every desk in both languages, and layout tests check that the pages fit a screen 360 pixels wide without scrolling sideways.";
    A11yFeaturesTitle => "Ułatwienia", "Accessibility features";
    A11yFeatureKeyboard => "Aplikację obsłużysz klawiaturą; pierwszy klawisz Tab pokazuje łącze „Przejdź do treści”, a zaznaczony element ma wyraźną ramkę.", "The app works with a keyboard; the first Tab shows a \"Skip to content\" link, and the focused element has a clear outline.";
    A11yFeatureLanguage => "Interfejs jest po polsku i po angielsku; przełącznik języka jest w nagłówku.", "The interface is in Polish and English; the language switch is in the header.";
    A11yFeatureScreens => "Strony mieszczą się na ekranach od 360 pikseli szerokości; na wąskim ekranie nawigację otwiera przycisk „Menu”, a szerokie tabele przewijają się we własnym polu.", "The pages fit screens from 360 pixels wide; on a narrow screen the \"Menu\" button opens the navigation, and wide tables scroll inside their own box.";
    A11yContactTitle => "Informacje zwrotne i dane kontaktowe", "Feedback and contact information";
    A11yContact => "Problemy z dostępnością zgłaszaj operatorom rejestru (projekt klastry) w sposób opisany na stronie Kontakt. Tą samą drogą możesz złożyć wniosek o udostępnienie informacji niedostępnej oraz żądanie zapewnienia dostępności cyfrowej.", "Report accessibility problems to the registry's operators (the klastry project) as the Contact page describes. The same way you may ask for inaccessible information to be made available, or demand that the site be made accessible.";
    A11yProcedureTitle => "Procedura wnioskowo-skargowa", "Enforcement procedure";
    A11yProcedureRight => "Każdy ma prawo wystąpić z żądaniem zapewnienia dostępności cyfrowej strony internetowej lub jej elementu. Można też zażądać udostępnienia informacji w alternatywny sposób, na przykład przez odczytanie niedostępnego dokumentu. Żądanie powinno zawierać dane osoby zgłaszającej, wskazanie, o którą stronę lub jej element chodzi, oraz sposób kontaktu; jeśli chodzi o alternatywny sposób dostępu, także dogodny sposób przedstawienia informacji.", "Anyone has the right to demand that a website, or part of it, be made digitally accessible. One may also ask for information to be given another way, for instance by reading out an inaccessible document. The demand should give the requester's details, the page or element concerned and how to reply; when asking for another way of access, also the way of presenting the information that suits the requester.";
    A11yProcedureTime => "Operator realizuje żądanie niezwłocznie, nie później niż w ciągu 7 dni od jego złożenia. Jeśli nie da się dotrzymać tego terminu, informuje, kiedy żądanie zrealizuje, nie później niż w ciągu 2 miesięcy. Jeśli zapewnienie dostępności nie jest możliwe, może zaproponować alternatywny sposób dostępu do informacji.", "The operator meets the demand without delay, within 7 days of receiving it at the latest. If that is not possible, it says when it will, within 2 months at the latest. If accessibility cannot be provided, it may offer another way of access to the information.";
    A11yProcedureComplaint => "Jeśli operator odmówi zapewnienia dostępności lub alternatywnego sposobu dostępu, można złożyć skargę. Po wyczerpaniu tej procedury można złożyć wniosek do Rzecznika Praw Obywatelskich:", "If the operator refuses to provide accessibility or another way of access, one may file a complaint. Once that procedure is exhausted, one may apply to the Commissioner for Human Rights (Rzecznik Praw Obywatelskich):";
    A11yOtherTitle => "Dostępność architektoniczna i aplikacje mobilne", "Physical accessibility and mobile apps";
    A11yOther => "Rejestr jest wyłącznie usługą internetową: nie ma biura obsługi ani aplikacji mobilnych. Aplikacja internetowa działa w przeglądarkach telefonów.", "The registry is an online service only: it has no customer office and no mobile apps. The web app works in phones' browsers.";
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
