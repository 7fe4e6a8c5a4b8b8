//! `userErrors`: the refusals of a mutation's input a form shows next to its fields, each with
//! a code a client translates and the limits the rule holds the field to (also the `reason` of
//! a BAD_USER_INPUT error, `error.rs`).

use async_graphql::{Enum, SimpleObject};
use klastry_domain::FieldError;

/// Why an input field was refused. The list is closed: a client translates each code (with
/// `min`, `max` and `actual` where the code says so) instead of reading `message`.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_domain::FieldErrorCode")]
pub enum UserErrorCode {
    /// A value must be given, and not only spaces.
    Required,
    /// The value is not written the way the field takes it: an e-mail address, a postal code
    /// NN-NNN, a web address, a date, an ID or cursor, digits only, no control characters.
    InvalidFormat,
    /// A NIP, REGON or KRS whose check digit does not match: most likely a typo.
    InvalidChecksum,
    /// Longer than `max` characters, digits or entries; `actual` says how many were given.
    TooLong,
    /// Shorter than `min` characters or digits; `actual` says how many were given.
    TooShort,
    /// A number or date outside its range; `min` and `max` give the bounds when they are
    /// numbers, `actual` the number given.
    OutOfRange,
    /// Another record already holds this value: a slug, an identifier, an e-mail address, a
    /// membership, a year's figures.
    NotUnique,
    /// The record this field refers to does not exist.
    NotFound,
    /// Well formed, but the record's state or a rule does not allow it now: a membership that
    /// is not pending, a cluster that takes no members, one's own notice, a reached quota
    /// (`max` then gives the quota).
    NotAllowed,
    /// Give only one of this field and the other one the message names.
    MutuallyExclusive,
    /// The period ends before it starts.
    EndsBeforeStart,
    /// The period overlaps another one where only one may hold at a time (a cluster's KKK
    /// certifications).
    Overlaps,
    /// The record has expired (a cooperation notice past its date).
    Expired,
    /// The password is among the most common ones, which attackers try first.
    TooCommon,
    /// The password uses fewer than `min` different characters.
    TooSimple,
    /// The current password given is wrong.
    WrongPassword,
}

/// An input field the registry refused, with nothing written.
#[derive(SimpleObject, Debug, Clone)]
pub struct UserError {
    /// The input field, as named in the input object (`nip`, `postalCode`, `contact.email`);
    /// empty when the error concerns the input as a whole.
    pub field: String,
    /// Why: translate this, not `message`.
    pub code: UserErrorCode,
    /// The refusal in English, for logs and for clients that show text as it comes.
    pub message: String,
    /// The least the rule allows (characters, digits, a number), when the code has a bound.
    pub min: Option<i32>,
    /// The most the rule allows, when the code has a bound.
    pub max: Option<i32>,
    /// What was given, measured as `min` and `max` are.
    pub actual: Option<i32>,
}

impl From<FieldError> for UserError {
    fn from(error: FieldError) -> Self {
        Self {
            field: error.field,
            code: error.code.into(),
            message: error.message,
            min: error.min,
            max: error.max,
            actual: error.actual,
        }
    }
}
