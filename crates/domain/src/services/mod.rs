//! Services: the registry's reads, writes and imports over a SeaORM connection.

pub mod accounts;
pub mod api_tokens;
pub mod audit;
pub mod batch;
pub mod clusters;
pub mod demo;
pub mod events;
pub mod export;
pub mod import;
pub mod organisations;
pub mod pagination;
pub mod reference;
pub mod rows;
pub mod statistics;
pub mod status_records;
pub mod synthetic;
pub mod webhooks;
pub mod writes;
