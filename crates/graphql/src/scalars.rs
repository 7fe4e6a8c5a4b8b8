//! Scalars: ISO 8601 days and partial dates.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::NaiveDate;
use klastry_domain::rules::partial_date;

/// A calendar day in ISO 8601 (`2025-12-17`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(pub NaiveDate);

/// A calendar day in ISO 8601, e.g. `2025-12-17`.
#[Scalar(name = "Date")]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .filter(|_| s.len() == 10)
                .map(Date)
                .ok_or_else(|| {
                    InputValueError::custom(format!("'{s}' is not a date: use YYYY-MM-DD"))
                }),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn is_valid(value: &Value) -> bool {
        matches!(value, Value::String(s) if s.len() == 10 && NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok())
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

/// A date known to a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate(pub partial_date::PartialDate);

impl PartialDate {
    /// Reads a stored partial date; stored values were validated on write.
    pub fn from_stored(value: Option<&str>) -> Option<Self> {
        value.and_then(|v| v.parse().ok()).map(PartialDate)
    }
}

/// A date with the precision its source gives, in ISO 8601 reduced precision: `2018` (a year),
/// `2012-05` (a month) or `2023-01-23` (a day).
#[Scalar(name = "PartialDate")]
impl ScalarType for PartialDate {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => s
                .parse()
                .map(PartialDate)
                .map_err(|e: partial_date::PartialDateError| InputValueError::custom(e.0)),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn is_valid(value: &Value) -> bool {
        matches!(value, Value::String(s) if s.parse::<partial_date::PartialDate>().is_ok())
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_string())
    }
}
