//! The pieces pages share: loading and error states, status badges, form fields that show their
//! API error, forms and row actions that run a mutation and report it, SVG charts, a cluster's
//! member list, the document's title, asking for a new verification link, requests waiting
//! for a decision, cluster submissions, invitations, the header's bell, following a cluster,
//! an organisation or a part of the cooperation board, saving a search, the box a wide
//! table scrolls in, pages of plain text (with the registry operator's contact), a
//! directory's facets, chips and pager, the tail of a page of results (total, cards and
//! pager), the day a page shows the registry as of, the link to an iCalendar feed, the
//! documents facts come from (a fact's link to its source, a page's list of sources), the
//! figures sources state and values the registry inferred, and naming a record's source in a
//! form.

mod as_of;
mod badge;
mod bell;
mod calendar_feed;
mod charts;
mod cluster_picker;
mod confirm;
mod facets;
mod feedback;
mod field;
mod follow;
mod form;
mod invitations;
mod list_editor;
mod members;
mod operator_contact;
mod partial_date;
mod picker;
mod prose;
mod requests;
mod results;
mod saved_search;
mod source_field;
mod sources;
mod stated_figures;
mod submissions;
mod table_box;
mod title;
mod verification;

pub use as_of::{AS_OF, AsOfPicker, as_of_day, use_as_of};
pub use badge::StatusBadge;
pub use bell::Bell;
pub use calendar_feed::CalendarFeed;
pub use charts::{BarChart, ColumnChart};
pub use cluster_picker::ClusterPicker;
pub use confirm::Confirm;
pub use facets::{FacetGroup, FacetOption, FilterChips, Pager, page_links};
pub use feedback::{ErrorNote, Loading};
pub use field::{Choice, Field};
pub use follow::{FollowButton, FollowOf};
pub use form::{Form, Outcome, Report, ReportView, act, action};
pub use invitations::{InvitationScope, Invitations};
pub use list_editor::{ListEditor, ListPart};
pub use members::Members;
pub use operator_contact::ContactLayout;
pub use partial_date::PartialDateInput;
pub use picker::{Extra, OrganisationPicker};
pub use prose::{Block, Prose};
pub use requests::{Decided, Decision, RequestsToDecide};
pub use results::ResultList;
pub use saved_search::{SaveSearchForm, SearchFilters, suggested_name};
pub use source_field::{SourceField, SourceInput};
pub use sources::{Source, SourceDetails, SourceList, SourceRef, gathered};
pub use stated_figures::{Figure, Inferred, StatedFigures};
pub use submissions::SubmissionCard;
pub use table_box::TableBox;
pub use title::title;
pub use verification::ResendVerification;
