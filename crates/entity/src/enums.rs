//! The closed sets of the registry, stored as their SCREAMING_CASE names.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// What kind of organisation a cluster member is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OrganisationKind {
    /// Micro enterprise (fewer than 10 employees).
    #[sea_orm(string_value = "MICRO_ENTERPRISE")]
    MicroEnterprise,
    /// Small enterprise (fewer than 50 employees).
    #[sea_orm(string_value = "SMALL_ENTERPRISE")]
    SmallEnterprise,
    /// Medium-sized enterprise (fewer than 250 employees).
    #[sea_orm(string_value = "MEDIUM_ENTERPRISE")]
    MediumEnterprise,
    /// Large enterprise.
    #[sea_orm(string_value = "LARGE_ENTERPRISE")]
    LargeEnterprise,
    /// A company whose size the sources do not state.
    #[sea_orm(string_value = "ENTERPRISE")]
    Enterprise,
    /// University or other higher-education institution.
    #[sea_orm(string_value = "UNIVERSITY")]
    University,
    /// Research institute or R&D centre.
    #[sea_orm(string_value = "RESEARCH_INSTITUTE")]
    ResearchInstitute,
    /// Business-support institution (instytucja otoczenia biznesu).
    #[sea_orm(string_value = "BUSINESS_SUPPORT")]
    BusinessSupport,
    /// Local or regional government body.
    #[sea_orm(string_value = "LOCAL_GOVERNMENT")]
    LocalGovernment,
    /// Association, foundation or other non-governmental organisation.
    #[sea_orm(string_value = "NGO")]
    Ngo,
    /// Any other kind.
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Whether a cluster operates.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClusterStatus {
    /// The cluster operates.
    #[sea_orm(string_value = "ACTIVE")]
    Active,
    /// The cluster has stopped operating for now.
    #[sea_orm(string_value = "INACTIVE")]
    Inactive,
    /// The cluster has been wound up.
    #[sea_orm(string_value = "DISSOLVED")]
    Dissolved,
    /// No source states whether the cluster operates (it is known only from an older list).
    #[sea_orm(string_value = "UNKNOWN")]
    Unknown,
}

/// The part an organisation plays in a cluster.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MembershipRole {
    /// The coordinating organisation that runs the cluster.
    #[sea_orm(string_value = "COORDINATOR")]
    Coordinator,
    /// An ordinary member.
    #[sea_orm(string_value = "MEMBER")]
    Member,
    /// A strategic partner (often a university, an authority or a support institution).
    #[sea_orm(string_value = "STRATEGIC_PARTNER")]
    StrategicPartner,
}

/// Where a membership stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MembershipStatus {
    /// Applied, awaiting the coordinator's decision.
    #[sea_orm(string_value = "PENDING")]
    Pending,
    /// A current member.
    #[sea_orm(string_value = "ACTIVE")]
    Active,
    /// The application was rejected.
    #[sea_orm(string_value = "REJECTED")]
    Rejected,
    /// The organisation has left the cluster.
    #[sea_orm(string_value = "LEFT")]
    Left,
}

/// A person's role in a cluster's governance.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClusterRoleKind {
    /// Chair of the cluster (przewodniczący).
    #[sea_orm(string_value = "CHAIR")]
    Chair,
    /// Vice-chair (wiceprzewodniczący).
    #[sea_orm(string_value = "VICE_CHAIR")]
    ViceChair,
    /// Member of the cluster board or council.
    #[sea_orm(string_value = "BOARD_MEMBER")]
    BoardMember,
    /// Staff of the cluster office.
    #[sea_orm(string_value = "OFFICE")]
    Office,
}

/// ESCA cluster-management excellence label level.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(8))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EscaLevel {
    /// Bronze label: a benchmarking interview.
    #[sea_orm(string_value = "BRONZE")]
    Bronze,
    /// Silver label: a second benchmarking and an audit.
    #[sea_orm(string_value = "SILVER")]
    Silver,
    /// Gold label: an on-site assessment by two experts.
    #[sea_orm(string_value = "GOLD")]
    Gold,
}

/// A role a user account holds over one cluster or one organisation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UserRoleKind {
    /// Coordinates a cluster: keeps its profile, members and activities current.
    #[sea_orm(string_value = "COORDINATOR")]
    Coordinator,
    /// Acts for a member organisation: keeps its profile, applies to and leaves clusters.
    #[sea_orm(string_value = "MEMBER")]
    Member,
}

/// Whether a cooperation notice offers something or looks for it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CooperationKind {
    /// The organisation offers it.
    #[sea_orm(string_value = "OFFER")]
    Offer,
    /// The organisation looks for it.
    #[sea_orm(string_value = "REQUEST")]
    Request,
}

/// What a cooperation notice is about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CooperationCategory {
    /// Production or service capacity for subcontracting.
    #[sea_orm(string_value = "SUBCONTRACTING")]
    Subcontracting,
    /// A partner for a project consortium.
    #[sea_orm(string_value = "CONSORTIUM_PARTNER")]
    ConsortiumPartner,
    /// Buying or selling recyclates and secondary raw materials.
    #[sea_orm(string_value = "RECYCLATES")]
    Recyclates,
    /// Research, testing or technology transfer.
    #[sea_orm(string_value = "RESEARCH")]
    Research,
    /// Equipment, premises or other shared resources.
    #[sea_orm(string_value = "SHARED_RESOURCES")]
    SharedResources,
    /// Anything else.
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// The role an invitation grants when it is accepted.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum InvitationRole {
    /// Act for an organisation.
    #[sea_orm(string_value = "MEMBER")]
    Member,
    /// Co-coordinate a cluster.
    #[sea_orm(string_value = "COORDINATOR")]
    Coordinator,
    /// Operate the whole registry.
    #[sea_orm(string_value = "OPERATOR")]
    Operator,
}

/// What an account asks for access to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AccessRequestKind {
    /// To act for an organisation in the registry.
    #[sea_orm(string_value = "ACT_FOR_ORGANISATION")]
    ActForOrganisation,
    /// To coordinate a cluster that has no coordinator account yet.
    #[sea_orm(string_value = "CLAIM_CLUSTER")]
    ClaimCluster,
}

/// Where a request or a submission stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReviewStatus {
    /// Waiting for a decision.
    #[sea_orm(string_value = "PENDING")]
    Pending,
    /// Approved (a request) or published (a cluster submission).
    #[sea_orm(string_value = "APPROVED")]
    Approved,
    /// Turned down, with a reason.
    #[sea_orm(string_value = "REJECTED")]
    Rejected,
    /// Taken back by the one who asked.
    #[sea_orm(string_value = "WITHDRAWN")]
    Withdrawn,
}

/// What a notification tells its account of.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NotificationKind {
    /// An organisation applied to join a cluster the account coordinates.
    #[sea_orm(string_value = "APPLICATION_RECEIVED")]
    ApplicationReceived,
    /// A cluster decided the application of an organisation the account acts for.
    #[sea_orm(string_value = "APPLICATION_DECIDED")]
    ApplicationDecided,
    /// Someone answered a cooperation notice the account posted.
    #[sea_orm(string_value = "NOTICE_ANSWERED")]
    NoticeAnswered,
    /// A new cooperation notice or cluster matches something the account follows or a search
    /// it saved.
    #[sea_orm(string_value = "NEW_MATCH")]
    NewMatch,
    /// A cluster or organisation the account follows changed.
    #[sea_orm(string_value = "FOLLOWED_ACTIVITY")]
    FollowedActivity,
    /// A KKK certification or ESCA label of a cluster the account coordinates was recorded,
    /// corrected or withdrawn.
    #[sea_orm(string_value = "STATUS_RECORDED")]
    StatusRecorded,
    /// A KKK status, an ESCA label or a cooperation notice ends soon, or just lapsed.
    #[sea_orm(string_value = "LAPSE_WARNING")]
    LapseWarning,
    /// A request for access or a submitted cluster waits for the account's decision.
    #[sea_orm(string_value = "REQUEST_TO_DECIDE")]
    RequestToDecide,
    /// The account's request for access or submitted cluster was decided.
    #[sea_orm(string_value = "REQUEST_DECIDED")]
    RequestDecided,
    /// The account was invited to act for an organisation or to co-coordinate a cluster.
    #[sea_orm(string_value = "INVITATION")]
    Invitation,
}

/// How an account wants a kind of notification mailed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(10))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EmailFrequency {
    /// One mail for each notification, as it comes.
    #[sea_orm(string_value = "IMMEDIATE")]
    Immediate,
    /// One mail a day with every notification of the day.
    #[sea_orm(string_value = "DAILY")]
    Daily,
    /// One mail a week (on Monday morning).
    #[sea_orm(string_value = "WEEKLY")]
    Weekly,
    /// Not by e-mail: in the inbox only.
    #[sea_orm(string_value = "NONE")]
    None,
}

/// What an account follows.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FollowTarget {
    /// A cluster: its changes and the notices of its members.
    #[sea_orm(string_value = "CLUSTER")]
    Cluster,
    /// An organisation: its changes and its notices.
    #[sea_orm(string_value = "ORGANISATION")]
    Organisation,
    /// The cooperation board: new notices of a sector and/or voivodeship.
    #[sea_orm(string_value = "BOARD")]
    Board,
}

/// Where a saved search looks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SearchScope {
    /// The directory of clusters.
    #[sea_orm(string_value = "DIRECTORY")]
    Directory,
    /// The cooperation board.
    #[sea_orm(string_value = "BOARD")]
    Board,
}

/// What a figure a source states about a cluster counts.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StatedFigureKind {
    /// Members of every kind.
    #[sea_orm(string_value = "MEMBERS")]
    Members,
    /// Member companies.
    #[sea_orm(string_value = "COMPANIES")]
    Companies,
    /// Strategic partners (universities, institutions, authorities).
    #[sea_orm(string_value = "STRATEGIC_PARTNERS")]
    StrategicPartners,
    /// People employed by the members.
    #[sea_orm(string_value = "EMPLOYEES")]
    Employees,
}

/// How exactly a source states a figure.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FigureQualifier {
    /// The number itself ("20 strategic partners").
    #[sea_orm(string_value = "EXACTLY")]
    Exactly,
    /// Around it, either side ("about 150").
    #[sea_orm(string_value = "ABOUT")]
    About,
    /// Close to it and below ("nearly 150").
    #[sea_orm(string_value = "NEARLY")]
    Nearly,
    /// Above it ("more than 80").
    #[sea_orm(string_value = "MORE_THAN")]
    MoreThan,
    /// It or more ("at least 80").
    #[sea_orm(string_value = "AT_LEAST")]
    AtLeast,
    /// Below it ("fewer than 10").
    #[sea_orm(string_value = "FEWER_THAN")]
    FewerThan,
}
