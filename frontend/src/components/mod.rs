//! The pieces pages share: loading and error states, status badges, form fields that show their
//! API error, forms and row actions that run a mutation and report it, SVG charts, a cluster's
//! member list, the document's title, asking for a new verification link, requests waiting
//! for a decision, cluster submissions, invitations, the header's bell, following a cluster,
//! an organisation or a part of the cooperation board, and saving a search.

mod badge;
mod bell;
mod charts;
mod feedback;
mod field;
mod follow;
mod form;
mod invitations;
mod members;
mod requests;
mod saved_search;
mod submissions;
mod title;
mod verification;

pub use badge::StatusBadge;
pub use bell::Bell;
pub use charts::{BarChart, ColumnChart};
pub use feedback::{ErrorNote, Loading};
pub use field::{Choice, Field};
pub use follow::{FollowButton, FollowOf};
pub use form::{ConfirmButton, Form, Report, ReportView, act, action};
pub use invitations::{InvitationScope, Invitations};
pub use members::Members;
pub use requests::{Decided, Decision, RequestsToDecide};
pub use saved_search::{SaveSearchForm, SearchFilters, suggested_name};
pub use submissions::SubmissionCard;
pub use title::title;
pub use verification::ResendVerification;
