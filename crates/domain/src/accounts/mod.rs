//! Accounts: users and their role grants (`users`), what an account may be (`actors`), password
//! hashing on a bounded pool (`passwords`), signing in and sessions (`sessions`), the sign-in
//! throttle (`sign_in_throttle`), API tokens (`api_tokens`), and self-service: signing up and
//! verifying the address (`sign_up`), resetting a forgotten password (`recovery`), the
//! holder's own changes (`profile`) and the single-use links mailed for them (`links`).

pub mod actors;
pub mod api_tokens;
pub mod links;
pub mod passwords;
pub mod profile;
pub mod recovery;
pub mod sessions;
pub mod sign_in_throttle;
pub mod sign_up;
pub mod users;
