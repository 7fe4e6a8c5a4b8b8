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

/// A KKK status or ESCA label on a given day, computed from the dated facts of its sources.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "StatusOnDate")]
pub enum CertificationStatus {
    /// Certainly held on that day.
    Active,
    /// Certainly over by that day.
    Expired,
    /// Certainly not yet started on that day.
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
