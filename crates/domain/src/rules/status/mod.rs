//! Whether a KKK certification or an ESCA label is held on a given day.
//!
//! The registry never stores "active": it stores what the source says (award date, valid-until
//! date, a day on which the status was confirmed, each with its own precision) and derives four
//! bounds from them with the programme's rules. On any day the status is then ACTIVE (certainly
//! held), EXPIRED (certainly over), NOT_YET_VALID (certainly not started) or UNKNOWN (the sources
//! do not settle it). The bounds are stored only so that SQL can filter by them.

mod holders;
mod on_date;
mod rounds;
mod terms;

pub use holders::{HolderRecord, certainly_overlap, holder_status, settle_bounds};
pub use on_date::{StatusBounds, StatusFacts, StatusOnDate};
pub use rounds::RoundTerm;
pub use terms::{KKK_TERM, Term, esca_term};
