//! The pieces pages share: loading and error states, status badges, form fields that show their
//! API error, SVG charts, a cluster's member list and the document's title.

mod badge;
mod charts;
mod feedback;
mod field;
mod members;
mod title;

pub use badge::StatusBadge;
pub use charts::{BarChart, ColumnChart};
pub use feedback::{ErrorNote, Loading};
pub use field::Field;
pub use members::Members;
pub use title::title;
