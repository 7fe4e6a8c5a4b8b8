//! Enums for every closed set of the API.

use async_graphql::Enum;
use klastry_domain::rules::status::StatusOnDate;

/// What kind of organisation a cluster member is.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::OrganisationKind")]
pub enum OrganisationKind {
    /// Micro enterprise (fewer than 10 employees).
    MicroEnterprise,
    /// Small enterprise (fewer than 50 employees).
    SmallEnterprise,
    /// Medium-sized enterprise (fewer than 250 employees).
    MediumEnterprise,
    /// Large enterprise.
    LargeEnterprise,
    /// A company whose size the sources do not state.
    Enterprise,
    /// University or other higher-education institution.
    University,
    /// Research institute or R&D centre.
    ResearchInstitute,
    /// Business-support institution (instytucja otoczenia biznesu).
    BusinessSupport,
    /// Local or regional government body.
    LocalGovernment,
    /// Association, foundation or other non-governmental organisation.
    Ngo,
    /// Any other kind.
    Other,
}

/// Whether a cluster operates.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::ClusterStatus")]
pub enum ClusterStatus {
    /// The cluster operates.
    Active,
    /// The cluster has stopped operating for now.
    Inactive,
    /// The cluster has been wound up.
    Dissolved,
    /// No source states whether the cluster operates (it is known only from an older list, or
    /// was recorded without saying).
    Unknown,
}

/// The part an organisation plays in a cluster.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::MembershipRole")]
pub enum MembershipRole {
    /// The coordinating organisation that runs the cluster.
    Coordinator,
    /// An ordinary member.
    Member,
    /// A strategic partner.
    StrategicPartner,
}

/// Where a membership stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::MembershipStatus")]
pub enum MembershipStatus {
    /// Applied, awaiting the coordinator's decision.
    Pending,
    /// A current member.
    Active,
    /// The application was rejected.
    Rejected,
    /// The organisation has left the cluster.
    Left,
}

/// A person's role in a cluster's governance.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::ClusterRoleKind")]
pub enum ClusterRoleKind {
    /// Chair of the cluster.
    Chair,
    /// Vice-chair.
    ViceChair,
    /// Member of the cluster board or council.
    BoardMember,
    /// Staff of the cluster office.
    Office,
}

/// ESCA cluster-management excellence label level.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::EscaLevel")]
pub enum EscaLevel {
    /// Bronze label.
    Bronze,
    /// Silver label.
    Silver,
    /// Gold label.
    Gold,
}

/// What a figure a source states about a cluster counts.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::StatedFigureKind")]
pub enum StatedFigureKind {
    /// Members of every kind.
    Members,
    /// Member companies.
    Companies,
    /// Strategic partners (universities, institutions, authorities).
    StrategicPartners,
    /// People employed by the members.
    Employees,
}

/// How exactly a source states a figure: the number is `value`, and this says how it relates
/// to the real count.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::FigureQualifier")]
pub enum FigureQualifier {
    /// The number itself ("20 strategic partners").
    Exactly,
    /// Around it, either side ("about 150").
    About,
    /// Close to it and below ("nearly 150").
    Nearly,
    /// Above it ("more than 80").
    MoreThan,
    /// It or more ("at least 80").
    AtLeast,
    /// Below it ("fewer than 10").
    FewerThan,
}

/// A KKK status or ESCA label on a given day, computed from the dated facts of its sources.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "StatusOnDate")]
pub enum CertificationStatus {
    /// Certainly held on that day.
    Active,
    /// Certainly over by that day.
    Expired,
    /// Certainly not yet started on that day: a record before its own period, or a cluster
    /// before its first award (as its source says).
    NotYetValid,
    /// The sources do not settle it (e.g. a date known only to the year).
    Unknown,
}

/// Sort direction.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug, Default)]
pub enum SortDirection {
    /// Smallest first.
    #[default]
    Asc,
    /// Largest first.
    Desc,
}

impl From<SortDirection> for klastry_domain::db::pagination::Direction {
    fn from(value: SortDirection) -> Self {
        match value {
            SortDirection::Asc => Self::Asc,
            SortDirection::Desc => Self::Desc,
        }
    }
}

/// The 16 voivodeships of Poland.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum VoivodeshipCode {
    /// dolnośląskie (TERYT 02, PL-DS)
    Dolnoslaskie,
    /// kujawsko-pomorskie (TERYT 04, PL-KP)
    KujawskoPomorskie,
    /// lubelskie (TERYT 06, PL-LU)
    Lubelskie,
    /// lubuskie (TERYT 08, PL-LB)
    Lubuskie,
    /// łódzkie (TERYT 10, PL-LD)
    Lodzkie,
    /// małopolskie (TERYT 12, PL-MA)
    Malopolskie,
    /// mazowieckie (TERYT 14, PL-MZ)
    Mazowieckie,
    /// opolskie (TERYT 16, PL-OP)
    Opolskie,
    /// podkarpackie (TERYT 18, PL-PK)
    Podkarpackie,
    /// podlaskie (TERYT 20, PL-PD)
    Podlaskie,
    /// pomorskie (TERYT 22, PL-PM)
    Pomorskie,
    /// śląskie (TERYT 24, PL-SL)
    Slaskie,
    /// świętokrzyskie (TERYT 26, PL-SK)
    Swietokrzyskie,
    /// warmińsko-mazurskie (TERYT 28, PL-WN)
    WarminskoMazurskie,
    /// wielkopolskie (TERYT 30, PL-WP)
    Wielkopolskie,
    /// zachodniopomorskie (TERYT 32, PL-ZP)
    Zachodniopomorskie,
}

/// Every voivodeship with its TERYT code, Polish name and ISO 3166-2 code.
pub const VOIVODESHIPS: [(VoivodeshipCode, &str, &str, &str); 16] = [
    (VoivodeshipCode::Dolnoslaskie, "02", "dolnośląskie", "PL-DS"),
    (
        VoivodeshipCode::KujawskoPomorskie,
        "04",
        "kujawsko-pomorskie",
        "PL-KP",
    ),
    (VoivodeshipCode::Lubelskie, "06", "lubelskie", "PL-LU"),
    (VoivodeshipCode::Lubuskie, "08", "lubuskie", "PL-LB"),
    (VoivodeshipCode::Lodzkie, "10", "łódzkie", "PL-LD"),
    (VoivodeshipCode::Malopolskie, "12", "małopolskie", "PL-MA"),
    (VoivodeshipCode::Mazowieckie, "14", "mazowieckie", "PL-MZ"),
    (VoivodeshipCode::Opolskie, "16", "opolskie", "PL-OP"),
    (VoivodeshipCode::Podkarpackie, "18", "podkarpackie", "PL-PK"),
    (VoivodeshipCode::Podlaskie, "20", "podlaskie", "PL-PD"),
    (VoivodeshipCode::Pomorskie, "22", "pomorskie", "PL-PM"),
    (VoivodeshipCode::Slaskie, "24", "śląskie", "PL-SL"),
    (
        VoivodeshipCode::Swietokrzyskie,
        "26",
        "świętokrzyskie",
        "PL-SK",
    ),
    (
        VoivodeshipCode::WarminskoMazurskie,
        "28",
        "warmińsko-mazurskie",
        "PL-WN",
    ),
    (
        VoivodeshipCode::Wielkopolskie,
        "30",
        "wielkopolskie",
        "PL-WP",
    ),
    (
        VoivodeshipCode::Zachodniopomorskie,
        "32",
        "zachodniopomorskie",
        "PL-ZP",
    ),
];

impl VoivodeshipCode {
    /// The TERYT code.
    pub fn teryt(self) -> &'static str {
        VOIVODESHIPS
            .iter()
            .find(|v| v.0 == self)
            .map(|v| v.1)
            .unwrap_or_default()
    }

    /// The TERYT codes of `codes`, as the domain's filters take voivodeships.
    pub(crate) fn teryts(codes: impl IntoIterator<Item = Self>) -> Vec<String> {
        codes.into_iter().map(|v| v.teryt().to_string()).collect()
    }

    /// The voivodeship with TERYT code `teryt`.
    pub fn from_teryt(teryt: &str) -> Option<Self> {
        VOIVODESHIPS.iter().find(|v| v.1 == teryt).map(|v| v.0)
    }
}

/// A role an account holds.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::UserRoleKind")]
pub enum UserRoleKind {
    /// Coordinates a cluster.
    Coordinator,
    /// Acts for a member organisation.
    Member,
}

/// Whether a cooperation notice offers something or looks for it.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::CooperationKind")]
pub enum CooperationKind {
    /// The organisation offers it.
    Offer,
    /// The organisation looks for it.
    Request,
}

/// What a cooperation notice is about.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::CooperationCategory")]
pub enum CooperationCategory {
    /// Production or service capacity for subcontracting.
    Subcontracting,
    /// A partner for a project consortium.
    ConsortiumPartner,
    /// Buying or selling recyclates and secondary raw materials.
    Recyclates,
    /// Research, testing or technology transfer.
    Research,
    /// Equipment, premises or other shared resources.
    SharedResources,
    /// Anything else.
    Other,
}

/// The role an invitation grants when accepted.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::InvitationRole")]
pub enum InvitationRole {
    /// Act for an organisation (`organisationId`).
    Member,
    /// Co-coordinate a cluster (`clusterId`).
    Coordinator,
    /// Operate the whole registry (operators invite).
    Operator,
}

/// What an account asks for access to.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::AccessRequestKind")]
pub enum AccessRequestKind {
    /// To act for an organisation.
    ActForOrganisation,
    /// To coordinate a cluster that has no coordinator account yet.
    ClaimCluster,
}

/// Where a request or a cluster submission stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::ReviewStatus")]
pub enum ReviewStatus {
    /// Waiting for a decision.
    Pending,
    /// Approved (a request) or published (a cluster submission).
    Approved,
    /// Turned down, with a reason.
    Rejected,
    /// Taken back by the one who asked.
    Withdrawn,
}

/// A language the registry writes to a person in.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug, Default)]
#[graphql(remote = "klastry_domain::rules::languages::Language")]
pub enum Language {
    /// Polish.
    #[default]
    Pl,
    /// English.
    En,
}

/// Who decides a request.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_domain::rules::joining::Decider")]
pub enum AccessDecider {
    /// The organisation's own managers.
    OrganisationManagers,
    /// The coordinators of the clusters the organisation is a current member of (it has no
    /// managers).
    ClusterCoordinators,
    /// The registry's operators.
    Operators,
}

/// Where an invitation stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum InvitationStatus {
    /// Its link works.
    Open,
    /// Accepted; the role was granted.
    Accepted,
    /// Revoked by whoever may send it.
    Revoked,
    /// Its 7 days passed unaccepted.
    Expired,
}

/// Where a mail in the outbox stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum MailStatus {
    /// Waiting for its next try.
    Pending,
    /// The SMTP server accepted it (or it was written to the mail folder).
    Sent,
    /// Given up: a day of tries, or a refusal that trying again cannot mend.
    Failed,
}

impl MailStatus {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            MailStatus::Pending => klastry_domain::mail::outbox::status::PENDING,
            MailStatus::Sent => klastry_domain::mail::outbox::status::SENT,
            MailStatus::Failed => klastry_domain::mail::outbox::status::FAILED,
        }
    }

    /// From the stored text.
    pub fn from_stored(status: &str) -> Self {
        match status {
            klastry_domain::mail::outbox::status::SENT => MailStatus::Sent,
            klastry_domain::mail::outbox::status::FAILED => MailStatus::Failed,
            _ => MailStatus::Pending,
        }
    }
}
