//! The registry's reads: filtered, keyset-paginated lists and single rows of clusters and
//! organisations, KKK certifications and ESCA labels with their status on a date, reference data
//! (sectors, voivodeships), statistics and the registry-wide calendar of events. Nothing here changes a row.

pub mod calendar;
pub mod clusters;
pub mod organisations;
pub mod reference;
pub mod statistics;
pub mod status_records;
