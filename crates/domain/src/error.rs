//! The domain's one error type.

use thiserror::Error;

/// Everything a domain operation can fail with.
#[derive(Debug, Error)]
pub enum DomainError {
    /// A value given by the caller breaks a rule; the error names the field, why, and the
    /// limits the rule holds it to.
    #[error("{}: {}", .0.field, .0.message)]
    Invalid(FieldError),
    /// Several input fields break rules; each names its field.
    #[error("invalid input: {}", .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
    Rejected(Vec<FieldError>),
    /// The caller must sign in first (no token, or one that is expired, forged or revoked).
    #[error("{0}")]
    Unauthenticated(String),
    /// The account's e-mail address is not verified yet: it signs in once its owner followed
    /// the link mailed at sign-up.
    #[error("{0}")]
    Unverified(String),
    /// The caller is signed in but may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// Too many tries: the caller must wait `retry_after_secs` before the next; `locked` when
    /// the account or address is locked for a while rather than slowed down.
    #[error("{message}")]
    Throttled {
        /// What to tell the caller.
        message: String,
        /// Seconds to wait.
        retry_after_secs: u64,
        /// Whether this is a lock (too many failures) rather than a growing delay.
        locked: bool,
    },
    /// Someone else changed the object since the caller read it.
    #[error("{0}")]
    Conflict(String),
    /// The thing asked for does not exist.
    #[error("{entity} not found: {key}")]
    NotFound {
        /// What kind of thing was asked for.
        entity: &'static str,
        /// The key it was asked for by.
        key: String,
    },
    /// Data the registry loads (the demo registry) is inconsistent.
    #[error("inconsistent data: {0}")]
    Data(String),
    /// The database failed. Its message carries no details, so that even a careless conversion
    /// cannot show them to a client; they are in the source, for the log.
    #[error("database error")]
    Database(#[source] sea_orm::DbErr),
}

impl DomainError {
    /// An `Invalid` error for `field`, without limits (see [`FieldError`] for those).
    pub fn invalid(
        field: impl Into<String>,
        code: FieldErrorCode,
        message: impl Into<String>,
    ) -> Self {
        Self::Invalid(FieldError::new(field, code, message))
    }
}

/// Every unique key a client's input can collide with: the table and columns as the database
/// names them, and the input field and words of the refusal. A write checks first so that the
/// usual case reads well, but two writes at once can both pass that check; the database's key
/// decides, and this table turns its refusal into the same NOT_UNIQUE field error.
const UNIQUE_KEYS: &[(&str, &[&str], &str, &str)] = &[
    (
        "cluster",
        &["slug"],
        "slug",
        "is already used by another cluster",
    ),
    (
        "organisation",
        &["nip"],
        "nip",
        "this NIP is already registered",
    ),
    (
        "organisation",
        &["regon"],
        "regon",
        "this REGON is already registered",
    ),
    (
        "organisation",
        &["krs"],
        "krs",
        "this KRS is already registered",
    ),
    (
        "app_user",
        &["email"],
        "email",
        "an account with this e-mail already exists",
    ),
    (
        "membership",
        &["cluster_id", "organisation_id"],
        "organisationId",
        "the organisation already has a membership of this cluster",
    ),
    (
        "cluster_indicator",
        &["cluster_id", "year"],
        "year",
        "figures for this year are already recorded; update them",
    ),
    (
        "user_role",
        &["user_id", "role", "cluster_id"],
        "role",
        "the account already holds this role",
    ),
    (
        "user_role",
        &["user_id", "role", "organisation_id"],
        "role",
        "the account already holds this role",
    ),
];

/// The field error for a unique key the database refused, if the key is one of [`UNIQUE_KEYS`].
/// PostgreSQL names the constraint (`cluster_slug_key` for a column's key, `ux_membership_...`
/// for an index); SQLite names the columns (`membership.cluster_id, membership.organisation_id`).
fn unique_violation(error: &sea_orm::DbErr) -> Option<FieldError> {
    let Some(sea_orm::SqlErr::UniqueConstraintViolation(message)) = error.sql_err() else {
        return None;
    };
    UNIQUE_KEYS
        .iter()
        .find(|(table, columns, _, _)| {
            let joined = columns.join("_");
            let constraint = |name: String| message.contains(&format!("\"{name}\""));
            let listed = columns
                .iter()
                .map(|c| format!("{table}.{c}"))
                .collect::<Vec<_>>()
                .join(", ");
            constraint(format!("{table}_{joined}_key"))
                || constraint(format!("ux_{table}_{joined}"))
                || message.ends_with(&format!("failed: {listed}"))
        })
        .map(|(_, _, field, words)| FieldError::new(*field, FieldErrorCode::NotUnique, *words))
}

impl From<sea_orm::DbErr> for DomainError {
    /// A unique key refusing the input becomes the field's NOT_UNIQUE error; any other database
    /// failure stays one, for the log.
    fn from(error: sea_orm::DbErr) -> Self {
        match unique_violation(&error) {
            Some(refused) => Self::Invalid(refused),
            None => Self::Database(error),
        }
    }
}

impl From<FieldError> for DomainError {
    fn from(error: FieldError) -> Self {
        Self::Invalid(error)
    }
}

/// Why an input field was refused: the closed list a client translates from, so that no client
/// has to read the English message. Each names the kind of rule broken, not the field; the
/// field and the limits travel beside it in [`FieldError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FieldErrorCode {
    /// A value must be given, and not only spaces.
    Required,
    /// The value is not written the way the field takes it (an e-mail address, a postal code
    /// NN-NNN, a web address, a date, an ID, a cursor, digits only, no control characters).
    InvalidFormat,
    /// A NIP, REGON or KRS whose check digit does not match: most likely a typo.
    InvalidChecksum,
    /// Longer than `max` characters, digits or entries; `actual` says how many were given.
    TooLong,
    /// Shorter than `min` characters or digits; `actual` says how many were given.
    TooShort,
    /// A number or date outside `min`..`max` (the bounds given as far as they are numbers).
    OutOfRange,
    /// Another record already holds this value (a slug, an identifier, an e-mail address, a
    /// membership, a year's figures).
    NotUnique,
    /// The record this field refers to does not exist.
    NotFound,
    /// The value is well formed, but the record's state or a rule does not allow it now (a
    /// membership that is not pending, a cluster that takes no members, one's own notice, a
    /// quota reached: `max` then says the quota).
    NotAllowed,
    /// Give only one of this field and another the message names.
    MutuallyExclusive,
    /// The period ends before it starts.
    EndsBeforeStart,
    /// The period overlaps another one where only one may hold at a time.
    Overlaps,
    /// The record has expired (a cooperation notice past its date).
    Expired,
    /// The password is among the most common ones; attackers try those first.
    TooCommon,
    /// The password uses fewer than `min` different characters.
    TooSimple,
    /// The current password given is wrong.
    WrongPassword,
}

/// One refused input field: which, why (a code), what to show, and the limits of the rule.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// The input field, as the client named it (`nip`, `contact.email`); empty when the error
    /// concerns the input as a whole.
    pub field: String,
    /// Why, for a client to translate.
    pub code: FieldErrorCode,
    /// What is wrong, in English words a form can show next to the field.
    pub message: String,
    /// The least the rule allows (a length, a number, a count of distinct characters).
    pub min: Option<i32>,
    /// The most the rule allows.
    pub max: Option<i32>,
    /// What was given, measured the way `min` and `max` are.
    pub actual: Option<i32>,
}

impl FieldError {
    /// A refusal of `field` without limits.
    pub fn new(field: impl Into<String>, code: FieldErrorCode, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
            message: message.into(),
            min: None,
            max: None,
            actual: None,
        }
    }

    /// The least the rule allows.
    pub fn min(mut self, min: impl TryInto<i32>) -> Self {
        self.min = min.try_into().ok();
        self
    }

    /// The most the rule allows.
    pub fn max(mut self, max: impl TryInto<i32>) -> Self {
        self.max = max.try_into().ok();
        self
    }

    /// What was given.
    pub fn actual(mut self, actual: impl TryInto<i32>) -> Self {
        self.actual = actual.try_into().ok();
        self
    }
}

impl DomainError {
    /// Whether the database gave up on the transaction because of another one (a deadlock, or a
    /// serialisation failure on PostgreSQL; SQLite's busy lock): nothing was written, and the
    /// same request may succeed when sent again.
    pub fn is_contention(&self) -> bool {
        use sea_orm::{DbErr, RuntimeErr};
        let (DomainError::Database(DbErr::Exec(RuntimeErr::SqlxError(error)))
        | DomainError::Database(DbErr::Query(RuntimeErr::SqlxError(error)))) = self
        else {
            return false;
        };
        let sea_orm::sqlx::Error::Database(error) = error.as_ref() else {
            return false;
        };
        matches!(
            error.code().as_deref(),
            // PostgreSQL: deadlock detected, serialisation failure. SQLite: busy, locked.
            Some("40P01" | "40001" | "5" | "6" | "517")
        )
    }

    /// A `Forbidden` error.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::Forbidden(message.into())
    }

    /// A `NotFound` error for the row `id` of `entity`.
    pub fn not_found(entity: &'static str, id: i32) -> Self {
        Self::NotFound {
            entity,
            key: format!("id {id}"),
        }
    }
}

/// Result of a domain operation.
pub type DomainResult<T> = Result<T, DomainError>;
