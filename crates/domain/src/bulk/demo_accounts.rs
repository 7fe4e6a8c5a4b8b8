//! The demo registry's three accounts (an operator, a coordinator and a member), for trying the
//! registry on one's own machine.
//!
//! Their passwords are never published: each installation makes its own at first start and
//! keeps them in a file only its owner can read (the server prints them), so that a demo left
//! reachable from a network does not hand out an operator's account. The server creates them
//! only when it listens on a loopback address. An installation from before this kept the
//! published passwords; they are replaced at the next start.

use crate::accounts::passwords;
use crate::accounts::users::{self, NewUser};
use crate::bulk::demo::{DEMO_COORDINATED_CLUSTER, DEMO_MEMBER_ORGANISATION};
use crate::platform::secrets;
use crate::rules::access::Actor;
use crate::{DomainError, DomainResult};
use chrono::Utc;
use klastry_entity::{app_user, cluster, organisation};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    Set,
};
use serde::{Deserialize, Serialize};

/// What each demo account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoRole {
    /// Operates the whole registry.
    Operator,
    /// Coordinates the demo cluster.
    Coordinator,
    /// Acts for the demo member organisation.
    Member,
}

/// The demo accounts: e-mail, name, role and what it may do in words.
pub const DEMO_ACCOUNTS: [(&str, &str, DemoRole, &str); 3] = [
    (
        "operator@klastry.demo",
        "Operator (demo)",
        DemoRole::Operator,
        "operator of the whole registry",
    ),
    (
        "koordynator@klastry.demo",
        "Koordynator klastra (demo)",
        DemoRole::Coordinator,
        "coordinator of klaster-gospodarki-odpadowej-i-recyklingu",
    ),
    (
        "czlonek@klastry.demo",
        "Członek klastra (demo)",
        DemoRole::Member,
        "member acting for Technology Applied",
    ),
];

/// One demo account's sign-in, as kept in the passwords file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoSignIn {
    /// Sign-in e-mail.
    pub email: String,
    /// Password.
    pub password: String,
    /// What the account may do.
    pub may: String,
}

/// Fresh random sign-ins for the demo accounts.
pub fn new_sign_ins() -> DomainResult<Vec<DemoSignIn>> {
    DEMO_ACCOUNTS
        .iter()
        .map(|(email, _, _, may)| {
            Ok(DemoSignIn {
                email: (*email).into(),
                password: format!("demo-{}", secrets::random_text::<12>()?),
                may: (*may).into(),
            })
        })
        .collect()
}

/// Makes sure the demo accounts exist with the passwords in `sign_ins` (creating them, or
/// setting a password that differs). Does nothing when the demo registry is not loaded.
/// Returns whether the accounts are there.
pub async fn ensure(db: &DatabaseConnection, sign_ins: &[DemoSignIn]) -> DomainResult<bool> {
    let cluster = cluster::Entity::find()
        .filter(cluster::Column::Slug.eq(DEMO_COORDINATED_CLUSTER))
        .one(db)
        .await?;
    let organisation = organisation::Entity::find()
        .filter(organisation::Column::Name.eq(DEMO_MEMBER_ORGANISATION))
        .one(db)
        .await?;
    let (Some(cluster), Some(organisation)) = (cluster, organisation) else {
        return Ok(false);
    };
    for (email, name, role, _) in DEMO_ACCOUNTS {
        let password = sign_ins
            .iter()
            .find(|s| s.email == email)
            .map(|s| s.password.clone())
            .ok_or_else(|| DomainError::Data(format!("no demo password for {email}")))?;
        let existing = app_user::Entity::find()
            .filter(app_user::Column::Email.eq(email))
            .one(db)
            .await?;
        match existing {
            Some(user) => {
                if !passwords::verify(&password, Some(&user.password_hash)).await? {
                    let mut row = user.into_active_model();
                    row.password_hash = Set(passwords::hash(&password).await?);
                    row.updated_at = Set(Utc::now());
                    row.update(db).await?;
                }
            }
            None => {
                let user = users::create_user(
                    db,
                    None::<&Actor>,
                    &NewUser {
                        email: email.into(),
                        password,
                        display_name: name.into(),
                        is_operator: role == DemoRole::Operator,
                        language: Default::default(),
                    },
                )
                .await?;
                let grant = match role {
                    DemoRole::Operator => None,
                    DemoRole::Coordinator => Some(users::Grant::Coordinator(cluster.id)),
                    DemoRole::Member => Some(users::Grant::Member(organisation.id)),
                };
                if let Some(grant) = grant {
                    users::write_role(db, user.id, grant).await?;
                }
            }
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_passwords_differ_and_pass_the_policy() {
        let first = new_sign_ins().expect("random");
        let second = new_sign_ins().expect("random");
        assert_eq!(first.len(), 3);
        for (a, b) in first.iter().zip(&second) {
            assert_ne!(a.password, b.password);
            crate::rules::passwords::check("password", &a.password, Some(&a.email))
                .expect("a demo password passes the policy");
        }
    }
}
