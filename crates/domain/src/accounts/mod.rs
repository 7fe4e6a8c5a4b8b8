//! Accounts: users and their role grants (`users`), what an account may be (`actors`), password hashing on a bounded pool
//! (`passwords`), signing in and sessions (`sessions`), the sign-in throttle (`sign_in_throttle`),
//! and API tokens (`api_tokens`).

pub mod actors;
pub mod api_tokens;
pub mod passwords;
pub mod sessions;
pub mod sign_in_throttle;
pub mod users;
