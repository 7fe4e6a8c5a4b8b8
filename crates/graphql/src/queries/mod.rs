//! The query root, assembled from one part per area, one file each: `node` (any object by
//! global ID), `clusters`, `organisations`, `status` (KKK rounds and ESCA labels), `reference`
//! (reference data and statistics), `accounts` (the signed-in account), `api_tokens`,
//! `webhooks`, `audit` (the audit trail), `calendar` (every cluster's events), `projects` (every
//! cluster's projects by programme), `cooperation` (the cooperation board) and
//! `notifications` (the signed-in account's inbox, preferences, follows and saved searches),
//! `operator_contact` (whom the public may contact about the registry).
//!
//! A new query goes in its area's file; a new area's in a file of its own, added to
//! [`QueryRoot`]. Page arguments and connections come from `crate::paging`.

pub mod accounts;
pub mod api_tokens;
pub mod audit;
pub mod calendar;
pub mod clusters;
pub mod cooperation;
pub mod joining;
pub mod node;
pub mod notifications;
pub mod operator_contact;
pub mod organisations;
pub mod projects;
pub mod reference;
pub mod status;
pub mod webhooks;

pub use node::Node;

use crate::error::ApiError;
use async_graphql::MergedObject;
use klastry_domain::DomainError;
use klastry_domain::rules::validation;

/// The longest search text accepted; longer input is a mistake, not a search.
const MAX_SEARCH_LENGTH: usize = 200;

/// A text argument a read looks things up by (a search, a slug): at most
/// `MAX_SEARCH_LENGTH` characters and no control characters, or BAD_USER_INPUT naming `field`.
/// A search is never silently cut or ignored.
pub(crate) fn search_text(field: &str, text: Option<String>) -> Result<Option<String>, ApiError> {
    match text {
        Some(t) if t.chars().count() > MAX_SEARCH_LENGTH => Err(ApiError::from(DomainError::from(
            validation::too_long(field, MAX_SEARCH_LENGTH, t.chars().count()),
        ))),
        Some(t) if t.chars().any(char::is_control) => {
            Err(ApiError::from(validation::control_characters(field)))
        }
        other => Ok(other),
    }
}

/// The limits of every request, the first part of the query root's description in the schema
/// (`build_schema` adds every error code after it).
pub const QUERY_ROOT_LIMITS: &str = "Limits on every request, over HTTP and WebSocket \
    alike (defaults; the operator may change them), each refused before any SQL runs with a \
    code naming it: fields nested at most 16 deep, and brackets of argument values 16 more \
    (QUERY_TOO_DEEP); complexity at most 100000, where a connection costs its page size \
    times its fields (QUERY_TOO_COMPLEX); at most 30 aliased fields (TOO_MANY_ALIASES), \
    10000 tokens (TOO_MANY_TOKENS), 50 directives (TOO_MANY_DIRECTIVES), 100 variables \
    (TOO_MANY_VARIABLES) and one field that checks a password (TOO_MANY_CREDENTIAL_CHECKS); \
    a body or WebSocket message of at most 1 MiB (BODY_TOO_LARGE, HTTP 413). A request still \
    running after 30 s is stopped (TIMEOUT, HTTP 503). An API token makes at most 600 \
    requests a minute (RATE_LIMITED, HTTP 429). Pages hold at most 100 items; a response \
    carries at most 50 errors (TOO_MANY_ERRORS).";

/// The query root: every read, one part per area. Its description in the schema is
/// [`QUERY_ROOT_LIMITS`] and the list of error codes.
#[derive(MergedObject, Default)]
pub struct QueryRoot(
    node::NodeQuery,
    accounts::AccountQuery,
    joining::JoiningQuery,
    notifications::NotificationQuery,
    api_tokens::ApiTokenQuery,
    webhooks::WebhookQuery,
    audit::AuditQuery,
    cooperation::CooperationQuery,
    clusters::ClusterQuery,
    organisations::OrganisationQuery,
    calendar::CalendarQuery,
    projects::ProjectQuery,
    status::CertificationQuery,
    reference::StatisticsQuery,
    reference::ReferenceQuery,
    operator_contact::OperatorContactQuery,
);
