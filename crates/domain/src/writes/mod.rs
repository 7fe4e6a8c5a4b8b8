//! Every change to the registry: the workflows behind the API's mutations.
//!
//! Each public function checks the actor's rights (`rules::access`), validates the input
//! (`rules::validation`, all failures at once), and applies the change with its journal entry
//! (`platform::journal`: audit entry, event, webhook deliveries) in one transaction. Editable rows
//! carry a version: an update names the version it was based on, and is refused with `Conflict`
//! if the row has moved on, so no change overwrites another (`db::versioned`).
//!
//! The cluster facts (services, working groups, events, projects, indicators, cluster people)
//! share one create, update and delete path in `facts`. Here: the `Patch` type of an update's
//! optional fields and the helpers that apply one.

pub mod clusters;
pub mod cooperation;
pub mod facts;
pub(crate) mod membership_periods;
pub mod memberships;
pub mod merges;
pub mod operator_contact;
pub mod organisations;
pub mod sources;
pub mod status_records;

use crate::DomainResult;

/// A change to an optional field: `None` keeps it, `Some(None)` clears it, `Some(Some(v))` sets it.
pub type Patch<T> = Option<Option<T>>;

/// Applies a patch to an optional text: trimmed, empty clears, at most `max` characters.
pub fn patch_text(
    checks: &mut crate::rules::validation::Checks,
    field: &str,
    current: Option<String>,
    patch: &Patch<String>,
    max: usize,
) -> Option<String> {
    match patch {
        None => current,
        Some(value) => checks
            .check(crate::rules::validation::optional_text(
                field,
                value.as_deref(),
                max,
            ))
            .flatten(),
    }
}

/// Applies a patch to an optional text checked by `rule` (e-mail, URL, phone, ...).
pub fn patch_checked(
    checks: &mut crate::rules::validation::Checks,
    field: &str,
    current: Option<String>,
    patch: &Patch<String>,
    rule: fn(&str, &str) -> DomainResult<String>,
) -> Option<String> {
    match patch {
        None => current,
        Some(None) => None,
        Some(Some(v)) if v.trim().is_empty() => None,
        Some(Some(v)) => checks.check(rule(field, v)),
    }
}

/// Applies a patch to a partial date, keeping its canonical text.
pub fn patch_partial_date(
    checks: &mut crate::rules::validation::Checks,
    field: &str,
    current: Option<String>,
    patch: &Patch<String>,
) -> Option<String> {
    match patch {
        None => current,
        Some(None) => None,
        Some(Some(v)) => checks
            .check(crate::rules::validation::partial_date(field, v))
            .map(|d| d.to_string()),
    }
}

/// Checks a period of two stored partial dates; the error names `end_field`.
pub fn check_period(
    checks: &mut crate::rules::validation::Checks,
    end_field: &str,
    starts: Option<&str>,
    ends: Option<&str>,
) {
    let parse = |v: Option<&str>| v.and_then(|v| v.parse().ok());
    checks.check(crate::rules::validation::date_range(
        end_field,
        parse(starts),
        parse(ends),
    ));
}
