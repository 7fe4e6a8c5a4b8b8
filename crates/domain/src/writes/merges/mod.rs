//! Folding a duplicate record into the one the registry keeps (operators only), in one
//! transaction: every link of the duplicate moves to the kept record (links both had are kept
//! once), the kept record's empty fields take the duplicate's values (its own win), and the
//! duplicate is deleted. The journal records each step with action MERGE.

mod clusters;
mod organisations;

pub use clusters::merge_clusters;
pub use organisations::{fill_gaps, merge_organisations};
