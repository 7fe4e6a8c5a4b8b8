//! One module per route.

pub mod cluster;
pub mod cooperation;
pub mod desks;
pub mod directory;
pub mod home;
pub mod organisation;
pub mod sign_in;
pub mod status;
