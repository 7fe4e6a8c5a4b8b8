//! The hand-built database layer: what the reads and writes share below SeaORM's query builder.
//!
//! `rows` decodes rows into models by column position, `batch` loads rows for many parents in one
//! statement (the API's loaders), `cluster_lists` the lists a cluster page shows, and `pagination`
//! keyset pages over an indexed sort column. `transaction` begins a write transaction and
//! `versioned` reads, saves and deletes rows that carry a version.

pub mod batch;
pub mod cluster_lists;
pub mod pagination;
pub mod rows;
pub mod transaction;
pub mod versioned;
