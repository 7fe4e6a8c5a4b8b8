//! Signing in and out, passwords, accounts and role grants.

use super::support::{DeletePayload, payload};
use crate::context::{actor, client_address, db, token_keys};
use crate::error::OrApi;
use crate::ids::{NodeKind, global_id, parse_id_of};
use crate::types::account::{Session, User, UserRole};
use crate::types::enums::UserRoleKind;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use klastry_domain::DomainError;
use klastry_domain::FieldErrorCode;
use klastry_domain::accounts::sessions;
use klastry_domain::accounts::users::{self, Grant, NewUser};

payload!(SessionPayload, session: Session, "A new session.");
payload!(UserPayload, user: User, "An account.");
payload!(UserRolePayload, role: UserRole, "A role grant.");

/// The answer to a request that changes nothing visible.
#[derive(SimpleObject)]
pub struct DonePayload {
    /// Whether it was done.
    pub ok: bool,
    /// What was wrong with the input; empty when it was done.
    pub user_errors: Vec<super::UserError>,
}

/// Signing in.
#[derive(InputObject)]
pub struct SignInInput {
    /// Account e-mail.
    pub email: String,
    /// The account's password; a wrong one counts towards the lock on the account and on the
    /// address (SIGN_IN_LOCKED).
    pub password: String,
}

/// A refresh token to exchange or revoke.
#[derive(InputObject)]
pub struct RefreshTokenInput {
    /// The refresh token of a session.
    pub refresh_token: String,
}

/// Changing the signed-in account's password.
#[derive(InputObject)]
pub struct ChangePasswordInput {
    /// The password now.
    pub current_password: String,
    /// The new password: 10 to 128 characters, at least 4 different ones, not one of the
    /// most common passwords and not containing the account's e-mail.
    pub new_password: String,
}

/// A new account.
#[derive(InputObject)]
pub struct CreateUserInput {
    /// Sign-in e-mail.
    pub email: String,
    /// Initial password, under the same policy as `ChangePasswordInput.newPassword`.
    pub password: String,
    /// The name shown for the account.
    pub display_name: String,
    /// Whether the account operates the whole registry.
    #[graphql(default)]
    pub is_operator: bool,
    /// The language the account reads mail in.
    #[graphql(default)]
    pub language: crate::types::enums::Language,
}

/// Giving an account a role: COORDINATOR needs `clusterId`, MEMBER needs `organisationId`.
#[derive(InputObject)]
pub struct GrantRoleInput {
    /// The global ID of the account.
    pub user_id: ID,
    /// The role granted: coordinator of a cluster or member of an organisation.
    pub role: UserRoleKind,
    /// The cluster to coordinate.
    pub cluster_id: Option<ID>,
    /// The organisation to act for.
    pub organisation_id: Option<ID>,
}

/// Taking a role away.
#[derive(InputObject)]
pub struct RevokeRoleInput {
    /// The role grant.
    pub role_id: ID,
}

/// Signing in and out, passwords, accounts and role grants.
#[derive(Default)]
pub struct AccountMutations;

/// Signing in and out, passwords, accounts and role grants.
#[Object]
impl AccountMutations {
    /// Signs in with e-mail and password. Wrong credentials are an UNAUTHENTICATED error.
    /// After a few wrong passwords for one account or from one address, further tries wait a
    /// growing delay (RATE_LIMITED) and then the account is locked for 15 minutes
    /// (SIGN_IN_LOCKED); both carry `extensions.retryAfter` in seconds. A request may hold only
    /// one field that checks a password.
    async fn sign_in(&self, ctx: &Context<'_>, input: SignInInput) -> Result<SessionPayload> {
        let address = client_address(ctx);
        let result = sessions::sign_in(
            db(ctx),
            token_keys(ctx)?,
            &input.email,
            &input.password,
            address,
        )
        .await;
        SessionPayload::from_outcome(result, Session::from)
    }

    /// Exchanges a refresh token for the next pair of its session; the old refresh token stops
    /// working. Presenting a refresh token that was already spent ends its whole session.
    async fn refresh_session(
        &self,
        ctx: &Context<'_>,
        input: RefreshTokenInput,
    ) -> Result<SessionPayload> {
        let result = sessions::refresh(db(ctx), token_keys(ctx)?, &input.refresh_token).await;
        SessionPayload::from_outcome(result, Session::from)
    }

    /// Signs out: ends the session the refresh token belongs to, so its refresh and access
    /// tokens stop working at once.
    async fn sign_out(&self, ctx: &Context<'_>, input: RefreshTokenInput) -> Result<DonePayload> {
        sessions::sign_out(db(ctx), &input.refresh_token)
            .await
            .or_api()?;
        Ok(DonePayload {
            ok: true,
            user_errors: Vec::new(),
        })
    }

    /// Changes the signed-in account's password and ends all its other sessions at once (their
    /// access tokens stop working). A wrong current password counts as a failed sign-in.
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        input: ChangePasswordInput,
    ) -> Result<DonePayload> {
        let actor = actor(ctx)?;
        let result =
            users::change_password(db(ctx), actor, &input.current_password, &input.new_password)
                .await;
        let (done, user_errors) = super::outcome(result)?;
        Ok(DonePayload {
            ok: done.is_some(),
            user_errors,
        })
    }

    /// Creates an account (operators).
    async fn create_user(&self, ctx: &Context<'_>, input: CreateUserInput) -> Result<UserPayload> {
        let actor = actor(ctx)?;
        actor.require_operator().or_api()?;
        let result = users::create_user(
            db(ctx),
            Some(actor),
            &NewUser {
                email: input.email,
                password: input.password,
                display_name: input.display_name,
                is_operator: input.is_operator,
                language: input.language.into(),
            },
        )
        .await;
        UserPayload::from_outcome(result, User)
    }

    /// Gives an account a role. Operators grant any role; coordinators may add coordinators
    /// to their own cluster.
    async fn grant_role(
        &self,
        ctx: &Context<'_>,
        input: GrantRoleInput,
    ) -> Result<UserRolePayload> {
        let actor = actor(ctx)?;
        let user_id = parse_id_of("userId", NodeKind::User, &input.user_id).or_api()?;
        let refused = |field, code, message| {
            UserRolePayload::from_outcome(Err(DomainError::invalid(field, code, message)), UserRole)
        };
        let grant = match (input.role, &input.cluster_id, &input.organisation_id) {
            (UserRoleKind::Coordinator, Some(cluster), None) => {
                Grant::Coordinator(parse_id_of("clusterId", NodeKind::Cluster, cluster).or_api()?)
            }
            (UserRoleKind::Member, None, Some(organisation)) => Grant::Member(
                parse_id_of("organisationId", NodeKind::Organisation, organisation).or_api()?,
            ),
            (UserRoleKind::Coordinator, _, Some(_)) => {
                return refused(
                    "organisationId",
                    FieldErrorCode::MutuallyExclusive,
                    "a coordinator role names a cluster, not an organisation",
                );
            }
            (UserRoleKind::Coordinator, None, None) => {
                return refused(
                    "clusterId",
                    FieldErrorCode::Required,
                    "a coordinator role names the cluster it coordinates",
                );
            }
            (UserRoleKind::Member, Some(_), _) => {
                return refused(
                    "clusterId",
                    FieldErrorCode::MutuallyExclusive,
                    "a member role names an organisation, not a cluster",
                );
            }
            (UserRoleKind::Member, None, None) => {
                return refused(
                    "organisationId",
                    FieldErrorCode::Required,
                    "a member role names the organisation its holder acts for",
                );
            }
        };
        let result = users::grant_role(db(ctx), actor, user_id, grant).await;
        UserRolePayload::from_outcome(result, UserRole)
    }

    /// Takes a role away, with the same rights as granting it.
    async fn revoke_role(
        &self,
        ctx: &Context<'_>,
        input: RevokeRoleInput,
    ) -> Result<DeletePayload> {
        let actor = actor(ctx)?;
        let id = parse_id_of("roleId", NodeKind::UserRole, &input.role_id).or_api()?;
        let result = users::revoke_role(db(ctx), actor, id).await;
        DeletePayload::from_outcome(result, |r| global_id(NodeKind::UserRole, r.id))
    }
}
