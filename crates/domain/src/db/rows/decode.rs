//! One column's value read by position: from a database row through sqlx (PostgreSQL or SQLite)
//! or from a row the database aggregated into JSON, as the SeaORM value its column type stands
//! for.

use super::Check;
use sea_orm::QueryResult;
use sea_orm::sea_query::{ColumnType, Value};
use sea_orm::sqlx::{self, Row};

/// Whether the JSON value at `index` of `values` is null (or there is none).
pub fn json_is_null(values: &[serde_json::Value], index: usize) -> bool {
    values.get(index).is_none_or(serde_json::Value::is_null)
}

/// One column's value as the database wrote it into JSON, as the SeaORM value its column type
/// stands for. PostgreSQL writes booleans as `true`/`false` and times in ISO 8601 with a `T`;
/// SQLite writes what it stores: booleans as 0/1, times as sqlx wrote them.
pub(super) fn json_value(
    json: serde_json::Value,
    column_type: &ColumnType,
) -> Result<Value, String> {
    use serde_json::Value as Json;
    let mismatch = || format!("{json} is not a {column_type:?}");
    let null = json.is_null();
    let integer = || json.as_i64().ok_or_else(mismatch);
    let text = || json.as_str().ok_or_else(mismatch);
    Ok(match column_type {
        ColumnType::Integer => Value::Int(if null {
            None
        } else {
            Some(i32::try_from(integer()?).map_err(|_| mismatch())?)
        }),
        ColumnType::BigInteger => Value::BigInt(if null { None } else { Some(integer()?) }),
        ColumnType::SmallInteger => Value::SmallInt(if null {
            None
        } else {
            Some(i16::try_from(integer()?).map_err(|_| mismatch())?)
        }),
        ColumnType::String(_)
        | ColumnType::Text
        | ColumnType::Char(_)
        | ColumnType::Enum { .. } => {
            Value::String(if null { None } else { Some(text()?.to_owned()) })
        }
        ColumnType::Boolean => Value::Bool(match &json {
            Json::Null => None,
            Json::Bool(b) => Some(*b),
            Json::Number(n) => Some(n.as_i64().ok_or_else(mismatch)? != 0),
            _ => return Err(mismatch()),
        }),
        ColumnType::Double => Value::Double(if null {
            None
        } else {
            Some(json.as_f64().ok_or_else(mismatch)?)
        }),
        ColumnType::Float => Value::Float(if null {
            None
        } else {
            Some(json.as_f64().ok_or_else(mismatch)? as f32)
        }),
        ColumnType::Date => Value::ChronoDate(if null {
            None
        } else {
            let text = text()?;
            Some(match date_as_written(text.as_bytes()) {
                Some(date) => date,
                None => text
                    .parse::<chrono::NaiveDate>()
                    .map_err(|e| format!("{json}: {e}"))?,
            })
        }),
        ColumnType::DateTime | ColumnType::Timestamp => Value::ChronoDateTime(if null {
            None
        } else {
            Some(naive_date_time(text()?).ok_or_else(mismatch)?)
        }),
        ColumnType::TimestampWithTimeZone => Value::ChronoDateTimeUtc(if null {
            None
        } else {
            Some(date_time_utc(text()?).ok_or_else(mismatch)?)
        }),
        ColumnType::Json | ColumnType::JsonBinary => Value::Json(match json {
            Json::Null => None,
            // SQLite keeps JSON as text, and a text value is written into JSON as a string.
            Json::String(inner) => Some(Box::new(
                serde_json::from_str(&inner).map_err(|e| format!("{inner}: {e}"))?,
            )),
            other => Some(Box::new(other)),
        }),
        other => return Err(format!("no JSON decoder for {other:?}")),
    })
}

/// A time without zone, with `T` (PostgreSQL's JSON) or a space (SQLite's storage).
fn naive_date_time(text: &str) -> Option<chrono::NaiveDateTime> {
    // chrono's own ISO parser first: format strings are interpreted anew on every call.
    text.parse()
        .ok()
        .or_else(|| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f").ok())
}

/// A time with zone as RFC 3339 or with a space for the `T`; a time without zone is UTC.
fn date_time_utc(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    use chrono::TimeZone;
    if let Some(time) = date_time_utc_as_written(text) {
        return Some(time);
    }
    // chrono's parser takes RFC 3339 with a `T` or a space between date and time.
    text.parse::<chrono::DateTime<chrono::FixedOffset>>()
        .map(|time| time.with_timezone(&chrono::Utc))
        .ok()
        .or_else(|| naive_date_time(text).map(|naive| chrono::Utc.from_utc_datetime(&naive)))
}

/// The forms both databases write times in, read without chrono's general parser (which was
/// a twelfth of the instructions of a page of certifications): `YYYY-MM-DD`, `T` or a space,
/// `HH:MM:SS`, an optional fraction of up to nine digits, then `Z`, `±HH:MM` or nothing (UTC).
/// Anything else is `None`, for the general parser to try.
pub(super) fn date_time_utc_as_written(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let bytes = text.as_bytes();
    let number = |from: usize, to: usize| digits_at(bytes, from, to);
    let separated = |at: usize, by: &[u8]| bytes.get(at).is_some_and(|b| by.contains(b));
    if !(separated(10, b"T ") && separated(13, b":") && separated(16, b":")) {
        return None;
    }
    let date = date_as_written(bytes.get(..10)?)?;
    let mut at = 19;
    let mut nanos = 0;
    if separated(at, b".") {
        let digits = bytes[at + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || digits > 9 {
            return None;
        }
        nanos = number(at + 1, at + 1 + digits)? * 10u32.pow(9 - digits as u32);
        at += 1 + digits;
    }
    let time = chrono::NaiveTime::from_hms_nano_opt(
        number(11, 13)?,
        number(14, 16)?,
        number(17, 19)?,
        nanos,
    )?;
    let offset_seconds = match bytes.get(at..) {
        Some([]) | Some([b'Z']) => 0,
        Some([sign @ (b'+' | b'-'), _, _, b':', _, _]) => {
            let seconds = i64::from(number(at + 1, at + 3)? * 3600 + number(at + 4, at + 6)? * 60);
            if *sign == b'+' { seconds } else { -seconds }
        }
        _ => return None,
    };
    let utc = date.and_time(time) - chrono::TimeDelta::seconds(offset_seconds);
    Some(chrono::DateTime::from_naive_utc_and_offset(
        utc,
        chrono::Utc,
    ))
}

/// A date written `YYYY-MM-DD` and nothing else, read without chrono's general parser.
pub(super) fn date_as_written(bytes: &[u8]) -> Option<chrono::NaiveDate> {
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(
        i32::try_from(digits_at(bytes, 0, 4)?).ok()?,
        digits_at(bytes, 5, 7)?,
        digits_at(bytes, 8, 10)?,
    )
}

/// The number the ASCII digits `bytes[from..to]` write, if they are all digits.
fn digits_at(bytes: &[u8], from: usize, to: usize) -> Option<u32> {
    bytes.get(from..to)?.iter().try_fold(0u32, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// Whether the value at `index` of `row` is NULL (or the row has no such column).
pub fn is_null(row: &QueryResult, index: usize) -> bool {
    use sea_orm::sqlx::ValueRef;
    if let Some(row) = row.try_as_pg_row() {
        return row.try_get_raw(index).map_or(true, |value| value.is_null());
    }
    if let Some(row) = row.try_as_sqlite_row() {
        return row.try_get_raw(index).map_or(true, |value| value.is_null());
    }
    true
}

/// Reads one column as the SeaORM value its column type stands for.
pub(super) fn value_at(
    row: &QueryResult,
    index: usize,
    column_type: &ColumnType,
    check: Check,
) -> Result<Value, String> {
    if let Some(row) = row.try_as_pg_row() {
        return pg_value(row, index, column_type, check);
    }
    if let Some(row) = row.try_as_sqlite_row() {
        return sqlite_value(row, index, column_type, check);
    }
    Err("rows of this database are not decoded by position".into())
}

/// One decoder per database: sqlx's row types share no trait that could carry the bounds.
macro_rules! decoder {
    ($name:ident, $row:ty) => {
        fn $name(
            row: &$row,
            index: usize,
            column_type: &ColumnType,
            check: Check,
        ) -> Result<Value, String> {
            let get = |index| Getter { row, index, check };
            struct Getter<'r> {
                row: &'r $row,
                index: usize,
                check: Check,
            }
            impl<'r> Getter<'r> {
                fn get<T>(self) -> Result<Option<T>, String>
                where
                    T: sqlx::Decode<'r, <$row as Row>::Database>
                        + sqlx::Type<<$row as Row>::Database>,
                {
                    match self.check {
                        Check::Types => self.row.try_get::<Option<T>, usize>(self.index),
                        Check::SameAsFirstRow => {
                            self.row.try_get_unchecked::<Option<T>, usize>(self.index)
                        }
                    }
                    .map_err(|error| error.to_string())
                }
            }
            Ok(match column_type {
                ColumnType::Integer => Value::Int(get(index).get()?),
                ColumnType::BigInteger => Value::BigInt(get(index).get()?),
                ColumnType::SmallInteger => Value::SmallInt(get(index).get()?),
                ColumnType::String(_)
                | ColumnType::Text
                | ColumnType::Char(_)
                | ColumnType::Enum { .. } => Value::String(get(index).get()?),
                ColumnType::Boolean => Value::Bool(get(index).get()?),
                ColumnType::Double => Value::Double(get(index).get()?),
                ColumnType::Float => Value::Float(get(index).get()?),
                ColumnType::Date => Value::ChronoDate(get(index).get()?),
                ColumnType::DateTime | ColumnType::Timestamp => {
                    Value::ChronoDateTime(get(index).get()?)
                }
                ColumnType::TimestampWithTimeZone => Value::ChronoDateTimeUtc(get(index).get()?),
                ColumnType::Json | ColumnType::JsonBinary => {
                    Value::Json(get(index).get::<serde_json::Value>()?.map(Box::new))
                }
                other => return Err(format!("no positional decoder for {other:?}")),
            })
        }
    };
}

decoder!(pg_value, sqlx::postgres::PgRow);
decoder!(sqlite_value, sqlx::sqlite::SqliteRow);
