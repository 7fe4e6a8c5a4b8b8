//! An account's own: signing up and verifying the address, getting back in with a reset link,
//! changing name, language and address, signing out everywhere, deleting the account; and the
//! operators' hand on accounts (disabling, resending verification).
//!
//! Asking for a link (`signUp`, `resendVerification`, `requestPasswordReset`) answers alike
//! for every address, so the answer tells nobody who has an account; one client address may
//! ask twenty times before it is slowed down (RATE_LIMITED), sixty before an hour's lock.
//!
//! A new mutation about an account's own life goes here; roles and sessions are in `accounts`.

use super::accounts::{DonePayload, SessionPayload, UserPayload, UserRolePayload};
use crate::context::{actor, client_address, db, token_keys};
use crate::error::OrApi;
use crate::ids::{NodeKind, parse_id_of};
use crate::types::account::{Session, User, UserRole};
use crate::types::enums::Language;
use async_graphql::{Context, ID, InputObject, Object, Result};
use klastry_domain::DomainResult;
use klastry_domain::accounts::users::{self, AccountKey};
use klastry_domain::accounts::{profile, recovery, sign_up};

/// Signing up.
#[derive(InputObject)]
pub struct SignUpInput {
    /// E-mail address; the account signs in with it once it is verified through the mailed
    /// link.
    pub email: String,
    /// A password: 10 to 128 characters, at least 4 different ones, not one of the most common
    /// passwords and not containing the e-mail.
    pub password: String,
    /// The name others in the registry see.
    pub display_name: String,
    /// The language of the account's mail and web app.
    #[graphql(default)]
    pub language: Language,
}

/// A single-use link's token, from the link's `token` parameter.
#[derive(InputObject)]
pub struct LinkTokenInput {
    /// The token.
    pub token: String,
}

/// An e-mail address to mail a link to.
#[derive(InputObject)]
pub struct EmailInput {
    /// The address.
    pub email: String,
}

/// Setting a new password through a reset link.
#[derive(InputObject)]
pub struct ResetPasswordInput {
    /// The token of the reset link (30 minutes, once).
    pub token: String,
    /// The new password, under the policy of `SignUpInput.password`.
    pub new_password: String,
}

/// Changing the signed-in account's name or language; a field left out stays as it is.
#[derive(InputObject)]
pub struct UpdateMyAccountInput {
    /// The name others see.
    pub display_name: Option<String>,
    /// The language of mail and the web app.
    pub language: Option<Language>,
}

/// Asking to sign in with another address.
#[derive(InputObject)]
pub struct RequestEmailChangeInput {
    /// The new address; a link that confirms it is mailed there.
    pub new_email: String,
    /// The account's password.
    pub current_password: String,
}

/// Deleting the signed-in account.
#[derive(InputObject)]
pub struct DeleteMyAccountInput {
    /// The account's password.
    pub current_password: String,
}

/// Disabling or enabling an account (operators).
#[derive(InputObject)]
pub struct SetAccountDisabledInput {
    /// The account's global ID.
    pub user_id: ID,
    /// True disables (its sessions and tokens stop at once), false enables.
    pub disabled: bool,
}

/// An account, by its global ID.
#[derive(InputObject)]
pub struct UserIdInput {
    /// The account's global ID.
    pub user_id: ID,
}

/// Making an organisation's user a manager of it, or no longer one.
#[derive(InputObject)]
pub struct SetOrganisationManagerInput {
    /// The user's role acting for the organisation.
    pub role_id: ID,
    /// Whether the user manages the organisation's other users and decides their requests.
    pub manages: bool,
}

fn done(result: DomainResult<()>) -> Result<DonePayload> {
    let (done, user_errors) = super::outcome(result)?;
    Ok(DonePayload {
        ok: done.is_some(),
        user_errors,
    })
}

/// An account's own life, and the operators' hand on accounts.
#[derive(Default)]
pub struct SelfServiceMutations;

/// An account's own life, and the operators' hand on accounts.
#[Object]
impl SelfServiceMutations {
    /// Opens an account with no roles and mails a link that verifies its address; the account
    /// signs in once it is followed (`verifyEmail`). Input that breaks a rule comes back in
    /// `userErrors`; otherwise the answer is `ok` whether or not the address has an account
    /// already (its owner is then mailed that someone tried). Counts as a password check
    /// (TOO_MANY_CREDENTIAL_CHECKS), and towards the requests that mail an address from one
    /// client (RATE_LIMITED past twenty).
    async fn sign_up(&self, ctx: &Context<'_>, input: SignUpInput) -> Result<DonePayload> {
        done(
            sign_up::sign_up(
                db(ctx),
                &sign_up::SignUp {
                    email: input.email,
                    password: input.password,
                    display_name: input.display_name,
                    language: input.language.into(),
                },
                client_address(ctx),
            )
            .await,
        )
    }

    /// Follows a verification link: the address counts as verified and a session opens. A link
    /// used, expired or never issued is a `userErrors` entry on `token` (EXPIRED).
    async fn verify_email(
        &self,
        ctx: &Context<'_>,
        input: LinkTokenInput,
    ) -> Result<SessionPayload> {
        let result = sign_up::verify_email(db(ctx), token_keys(ctx)?, &input.token).await;
        SessionPayload::from_outcome(result, Session::from)
    }

    /// Mails a new verification link if the address has an account not yet verified (at most
    /// one a minute and five a day); RATE_LIMITED past twenty such requests from one client.
    /// Otherwise always `ok`.
    async fn resend_verification(
        &self,
        ctx: &Context<'_>,
        input: EmailInput,
    ) -> Result<DonePayload> {
        done(sign_up::resend_verification(db(ctx), &input.email, client_address(ctx)).await)
    }

    /// Mails a link that sets a new password (30 minutes, once) if the address has an
    /// account (at most one a minute and five a day); RATE_LIMITED past twenty such requests
    /// from one client. Otherwise always `ok`.
    async fn request_password_reset(
        &self,
        ctx: &Context<'_>,
        input: EmailInput,
    ) -> Result<DonePayload> {
        done(recovery::request_password_reset(db(ctx), &input.email, client_address(ctx)).await)
    }

    /// Sets a new password through a reset link: every session and refresh token of the
    /// account ends, a lock on signing in lifts, and a notice is mailed. Counts as a password
    /// check.
    async fn reset_password(
        &self,
        ctx: &Context<'_>,
        input: ResetPasswordInput,
    ) -> Result<DonePayload> {
        done(recovery::reset_password(db(ctx), &input.token, &input.new_password).await)
    }

    /// Changes the signed-in account's name or language.
    async fn update_my_account(
        &self,
        ctx: &Context<'_>,
        input: UpdateMyAccountInput,
    ) -> Result<UserPayload> {
        let actor = actor(ctx)?;
        let result = profile::update_profile(
            db(ctx),
            actor,
            input.display_name.as_deref(),
            input.language.map(Into::into),
        )
        .await;
        UserPayload::from_outcome(result, User)
    }

    /// Mails a link that confirms a new address to that address; the account signs in with it
    /// once the link is followed (`confirmEmailChange`). Counts as a password check.
    async fn request_email_change(
        &self,
        ctx: &Context<'_>,
        input: RequestEmailChangeInput,
    ) -> Result<DonePayload> {
        let actor = actor(ctx)?;
        done(
            profile::request_email_change(
                db(ctx),
                actor,
                &input.new_email,
                &input.current_password,
            )
            .await,
        )
    }

    /// Follows the link mailed to a new address: the account signs in with it from now on, and
    /// the old address is told.
    async fn confirm_email_change(
        &self,
        ctx: &Context<'_>,
        input: LinkTokenInput,
    ) -> Result<UserPayload> {
        let result = profile::confirm_email_change(db(ctx), &input.token).await;
        UserPayload::from_outcome(result, User)
    }

    /// Ends every session of the signed-in account, this one included.
    async fn sign_out_everywhere(&self, ctx: &Context<'_>) -> Result<DonePayload> {
        let actor = actor(ctx)?;
        done(profile::sign_out_everywhere(db(ctx), actor).await)
    }

    /// Deletes the signed-in account: its address, name and password are replaced, its roles
    /// and sessions end, its waiting requests are withdrawn, and the audit trail keeps what it
    /// did without who it was. Counts as a password check.
    async fn delete_my_account(
        &self,
        ctx: &Context<'_>,
        input: DeleteMyAccountInput,
    ) -> Result<DonePayload> {
        let actor = actor(ctx)?;
        done(profile::delete_account(db(ctx), actor, &input.current_password).await)
    }

    /// Disables an account (its sessions and tokens stop at once) or enables it (operators;
    /// not one's own, and never a deleted one).
    async fn set_account_disabled(
        &self,
        ctx: &Context<'_>,
        input: SetAccountDisabledInput,
    ) -> Result<UserPayload> {
        let actor = actor(ctx)?;
        let user_id = parse_id_of("userId", NodeKind::User, &input.user_id).or_api()?;
        let result = users::set_disabled(
            db(ctx),
            Some(actor),
            AccountKey::Id(user_id),
            input.disabled,
        )
        .await;
        UserPayload::from_outcome(result, User)
    }

    /// Mails an account not yet verified a new verification link (operators).
    async fn resend_verification_for(
        &self,
        ctx: &Context<'_>,
        input: UserIdInput,
    ) -> Result<UserPayload> {
        let actor = actor(ctx)?;
        let user_id = parse_id_of("userId", NodeKind::User, &input.user_id).or_api()?;
        let result = sign_up::resend_verification_for(db(ctx), actor, user_id).await;
        UserPayload::from_outcome(result, User)
    }

    /// Makes a user of an organisation a manager of it, or no longer one (its managers and
    /// operators); the last manager cannot step down.
    async fn set_organisation_manager(
        &self,
        ctx: &Context<'_>,
        input: SetOrganisationManagerInput,
    ) -> Result<UserRolePayload> {
        let actor = actor(ctx)?;
        let role_id = parse_id_of("roleId", NodeKind::UserRole, &input.role_id).or_api()?;
        let result = users::set_manager(db(ctx), actor, role_id, input.manages).await;
        UserRolePayload::from_outcome(result, UserRole)
    }
}
