//! One module per route; the routes themselves are listed in `app.rs`. `deferred` wraps the
//! routes whose code is loaded on first visit.

pub mod access;
pub mod cluster;
pub mod cooperation;
pub mod deferred;
pub mod desks;
pub mod directory;
pub mod esca;
pub mod events;
pub mod home;
pub mod info;
pub mod kkk;
pub mod not_found;
pub mod organisation;
pub mod organisations;
pub mod projects;
pub mod sign_in;
pub mod sources;
