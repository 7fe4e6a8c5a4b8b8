//! The registry's rules as pure functions.

pub mod access;
pub mod calendar;
pub mod csv;
pub mod events;
pub mod identifiers;
pub mod joining;
pub mod languages;
pub mod membership_periods;
pub mod notifications;
pub mod partial_date;
pub mod passwords;
pub mod retry;
pub mod sign_in_throttle;
pub mod status;
pub mod text;
pub mod validation;
pub mod webhooks;
