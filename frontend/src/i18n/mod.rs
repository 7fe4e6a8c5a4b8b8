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
