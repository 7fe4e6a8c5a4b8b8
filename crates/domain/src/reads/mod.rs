//! The registry's reads: filtered, keyset-paginated lists and single rows of clusters and
//! organisations, KKK certifications and ESCA labels with their status on a date, reference data
//! (sectors, voivodeships), statistics, the registry-wide calendar of events and list of projects,
//! the operator's contact for the public, and the figures kept by the registry's revision
//! (`figures`, `revision`). Nothing here changes a row.

pub mod calendar;
pub mod clusters;
pub mod figures;
pub mod operator_contact;
pub mod organisations;
pub mod projects;
pub mod reference;
pub mod revision;
pub mod sources;
pub mod statistics;
pub mod status_records;

/// Counts as unsigned numbers, most first (ties in `key` order), leaving out options that
/// count nothing.
pub(crate) fn most_first<K, O: Ord>(rows: Vec<(K, i64)>, key: impl Fn(&K) -> O) -> Vec<(K, u64)> {
    let mut rows: Vec<(K, u64)> = rows
        .into_iter()
        .filter_map(|(k, n)| u64::try_from(n).ok().filter(|n| *n > 0).map(|n| (k, n)))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| key(&a.0).cmp(&key(&b.0))));
    rows
}
