//! Rows decoded into models by column position.
//!
//! SeaORM decodes each column of each row by its name: it finds the column by name, checks its
//! type twice, formats `{prefix}{column}` when a row holds two tables, and formats an error
//! message for every NULL it meets. For the API's batched reads (a thousand members with their
//! organisations for one page of clusters) that was more than half of the server's instructions
//! per request (callgrind). Here a row is read by position, in the entity's column order, through
//! sqlx, and the values set on an ActiveModel; the statement is the same one SeaORM would run.

use crate::DomainResult;
use sea_orm::sea_query::{ColumnType, Value};
use sea_orm::sqlx::{self, Row};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult,
    IdenStatic, Iterable, QueryResult, QuerySelect, QueryTrait, Select, TryIntoModel,
};

/// Every row `select` finds, decoded by position.
///
/// `select` must read the entity's own columns in their order, as `E::find()` does; the first
/// row's column names are checked against them, and a statement that reads anything else is
/// decoded by name instead.
pub async fn all<E, C>(db: &C, select: Select<E>) -> DomainResult<Vec<E::Model>>
where
    E: EntityTrait,
    E::ActiveModel: TryIntoModel<E::Model>,
    C: ConnectionTrait,
{
    let statement = select.build(db.get_database_backend());
    let rows = db.query_all_raw(statement).await?;
    let Some(first) = rows.first() else {
        return Ok(Vec::new());
    };
    if !reads_columns_of::<E>(first, "") {
        return Ok(rows
            .iter()
            .map(|row| E::Model::from_query_result(row, ""))
            .collect::<Result<_, _>>()?);
    }
    let columns = Columns::<E>::at(0);
    Ok(rows
        .iter()
        .enumerate()
        .map(|(n, row)| columns.decode(row, Check::first_row(n)))
        .collect::<Result<_, _>>()?)
}

/// Every row `select` finds, reading only the columns in `read`: the model's other columns
/// hold their type's empty value (see [`Columns::reading`]). `ColumnSet::ALL` reads as [`all`].
pub async fn some<E, C>(db: &C, select: Select<E>, read: ColumnSet) -> DomainResult<Vec<E::Model>>
where
    E: EntityTrait,
    E::ActiveModel: TryIntoModel<E::Model>,
    C: ConnectionTrait,
{
    if read == ColumnSet::ALL {
        return all(db, select).await;
    }
    let select = E::Column::iter()
        .filter(|column| read.contains(*column))
        .fold(select.select_only(), |select, column| select.column(column));
    let rows = db
        .query_all_raw(select.build(db.get_database_backend()))
        .await?;
    let columns = Columns::<E>::reading(0, read);
    Ok(rows
        .iter()
        .enumerate()
        .map(|(n, row)| columns.decode(row, Check::first_row(n)))
        .collect::<Result<_, _>>()?)
}

/// Whether a row's column types are checked against the model's before decoding.
///
/// sqlx's check costs more than the decoding itself (for text, a search through every type
/// that decodes as a string), and every row of one statement has the same column types: the
/// first row is checked, the rest are decoded as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Check each column's type.
    Types,
    /// Decode as the first row of the statement was.
    SameAsFirstRow,
}

impl Check {
    /// `Types` for the statement's first row (`n == 0`), `SameAsFirstRow` after it.
    pub fn first_row(n: usize) -> Self {
        if n == 0 {
            Self::Types
        } else {
            Self::SameAsFirstRow
        }
    }
}

/// Whether `row` holds exactly the columns of `E`, in order, each named `{prefix}{column}`.
pub fn reads_columns_of<E: EntityTrait>(row: &QueryResult, prefix: &str) -> bool {
    let names = row.column_names();
    names.len() == E::Column::iter().count()
        && names.iter().zip(E::Column::iter()).all(|(name, column)| {
            name.strip_prefix(prefix)
                .is_some_and(|rest| rest == column.as_str())
        })
}

/// Some of an entity's columns, by their place in the entity's column order: the columns a
/// read fills. A bit set, so the page arguments that carry one stay cheap to hash and compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ColumnSet(u64);

impl ColumnSet {
    /// Every column.
    pub const ALL: Self = Self(u64::MAX);
    /// No column.
    pub const NONE: Self = Self(0);

    /// These columns of one entity; every column, if one of them is past the 64th, which a bit
    /// set cannot name.
    pub fn of<C: ColumnTrait>(columns: impl IntoIterator<Item = C>) -> Self {
        columns
            .into_iter()
            .try_fold(Self::NONE, |set, column| Some(Self(set.0 | bit(column)?)))
            .unwrap_or(Self::ALL)
    }

    /// The columns of both sets.
    pub fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// Whether the set holds `column`.
    pub fn contains<C: ColumnTrait>(self, column: C) -> bool {
        self == Self::ALL || bit(column).is_some_and(|bit| self.0 & bit != 0)
    }
}

impl Default for ColumnSet {
    /// Every column: a read fills the whole model unless told otherwise.
    fn default() -> Self {
        Self::ALL
    }
}

/// The bit standing for `column`: its place in its entity's column order, if within 64.
fn bit<C: ColumnTrait>(column: C) -> Option<u64> {
    let place = C::iter().position(|c| c.as_str() == column.as_str())?;
    1u64.checked_shl(u32::try_from(place).ok()?)
}

/// Where a model's columns sit in a row, with their types, worked out once per statement.
pub struct Columns<E: EntityTrait> {
    /// The columns read, each with its type and its place after `start`.
    read: Vec<(E::Column, ColumnType, usize)>,
    /// A model holding the empty value of every column not read, copied for each row; the
    /// error, if one of those columns has no empty value.
    template: Result<E::ActiveModel, String>,
    start: usize,
}

impl<E> Columns<E>
where
    E: EntityTrait,
    E::ActiveModel: TryIntoModel<E::Model>,
{
    /// `E`'s columns, in the entity's order, from position `start` of each row.
    pub fn at(start: usize) -> Self {
        Self::reading(start, ColumnSet::ALL)
    }

    /// The columns of `E` in `read`, in the entity's order, from position `start` of each row;
    /// the model's other columns hold their type's empty value (see [`empty_value`]).
    pub fn reading(start: usize, read: ColumnSet) -> Self {
        let mut columns = Vec::new();
        let mut template = Ok(<E::ActiveModel as ActiveModelTrait>::default());
        for column in E::Column::iter() {
            let def = column.def();
            if read.contains(column) {
                columns.push((column, def.get_column_type().clone(), columns.len()));
            } else if let Ok(model) = template.as_mut()
                && let Err(error) = model.try_set(column, empty_value(&def))
            {
                template = Err(format!("column {} must be read: {error}", column.as_str()));
            }
        }
        Self {
            read: columns,
            template,
            start,
        }
    }

    /// The position just after the last of these columns.
    pub fn end(&self) -> usize {
        self.start + self.read.len()
    }

    /// The position of `column` in the row (the model's first, if `column` is not read).
    pub fn position_of(&self, column: E::Column) -> usize {
        let offset = self
            .read
            .iter()
            .find(|(c, _, _)| c.as_str() == column.as_str())
            .map(|(_, _, offset)| *offset)
            .unwrap_or_default();
        self.start + offset
    }

    /// A model holding the empty values of the columns not read.
    fn empty_model(&self) -> Result<E::ActiveModel, DbErr> {
        self.template.clone().map_err(DbErr::Type)
    }

    /// The model these columns of `row` hold.
    pub fn decode(&self, row: &QueryResult, check: Check) -> Result<E::Model, DbErr> {
        let mut model = self.empty_model()?;
        for (column, column_type, offset) in &self.read {
            let value = value_at(row, self.start + offset, column_type, check)
                .map_err(|error| DbErr::Type(format!("column {}: {error}", column.as_str())))?;
            model.try_set(*column, value)?;
        }
        model.try_into_model()
    }
}

/// The value an unread column holds: NULL where the column allows it, else zero, the empty
/// string, false or the Unix epoch. A column whose type has no such value (an enumeration) must
/// be read; decoding a model without it fails.
fn empty_value(def: &sea_orm::ColumnDef) -> Value {
    let empty = !def.is_null();
    match def.get_column_type() {
        ColumnType::Integer => Value::Int(empty.then_some(0)),
        ColumnType::BigInteger => Value::BigInt(empty.then_some(0)),
        ColumnType::SmallInteger => Value::SmallInt(empty.then_some(0)),
        ColumnType::Boolean => Value::Bool(empty.then_some(false)),
        ColumnType::Double => Value::Double(empty.then_some(0.0)),
        ColumnType::Float => Value::Float(empty.then_some(0.0)),
        ColumnType::Date => Value::ChronoDate(empty.then(chrono::NaiveDate::default)),
        ColumnType::DateTime | ColumnType::Timestamp => {
            Value::ChronoDateTime(empty.then(chrono::NaiveDateTime::default))
        }
        ColumnType::TimestampWithTimeZone => {
            Value::ChronoDateTimeUtc(empty.then(chrono::DateTime::<chrono::Utc>::default))
        }
        ColumnType::Json | ColumnType::JsonBinary => {
            Value::Json(empty.then(|| Box::new(serde_json::Value::Null)))
        }
        _ => Value::String(empty.then(String::new)),
    }
}

/// Rows aggregated into JSON by the database (see `cluster_lists`): one row's column values as
/// a JSON array.
impl<E> Columns<E>
where
    E: EntityTrait,
    E::ActiveModel: TryIntoModel<E::Model>,
{
    /// The model these positions of `values` hold; their values are taken out (left null).
    pub fn decode_json(&self, values: &mut [serde_json::Value]) -> Result<E::Model, DbErr> {
        let mut model = self.empty_model()?;
        for (column, column_type, offset) in &self.read {
            let json = values
                .get_mut(self.start + offset)
                .map(std::mem::take)
                .unwrap_or_default();
            let value = json_value(json, column_type)
                .map_err(|error| DbErr::Type(format!("column {}: {error}", column.as_str())))?;
            model.try_set(*column, value)?;
        }
        model.try_into_model()
    }
}

/// Whether the JSON value at `index` of `values` is null (or there is none).
pub fn json_is_null(values: &[serde_json::Value], index: usize) -> bool {
    values.get(index).is_none_or(serde_json::Value::is_null)
}

/// One column's value as the database wrote it into JSON, as the SeaORM value its column type
/// stands for. PostgreSQL writes booleans as `true`/`false` and times in ISO 8601 with a `T`;
/// SQLite writes what it stores: booleans as 0/1, times as sqlx wrote them.
fn json_value(json: serde_json::Value, column_type: &ColumnType) -> Result<Value, String> {
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
fn date_time_utc_as_written(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
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
fn date_as_written(bytes: &[u8]) -> Option<chrono::NaiveDate> {
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
fn value_at(
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

#[cfg(test)]
mod tests {
    use super::*;
    use klastry_entity::{membership, organisation};
    use klastry_test_support::migrated_databases;
    use sea_orm::{ActiveValue::Set, QueryOrder, QuerySelect};

    fn organisation(id: i32, full: bool) -> organisation::ActiveModel {
        let some = |text: &str| full.then(|| text.to_owned());
        organisation::ActiveModel {
            id: Set(id),
            name: Set(format!("Żuraw {id}")),
            sort_name: Set(format!("zuraw {id}")),
            search_text: Set(format!("zuraw {id} gdansk")),
            kind: Set(full.then_some(klastry_entity::OrganisationKind::University)),
            nip: Set(some("5260250274")),
            regon: Set(some("000331501")),
            krs: Set(some("0000012345")),
            country: Set("PL".into()),
            voivodeship_teryt: Set(some("22")),
            city: Set(some("Gdańsk")),
            address: Set(some("ul. Długa 1")),
            postal_code: Set(some("80-001")),
            phone: Set(some("+48 58 000 00 00")),
            email: Set(some("biuro@example.pl")),
            website: Set(some("https://example.pl")),
            description: Set(some("Opis")),
            source_document_id: Set(None),
            version: Set(3),
            created_at: Set(chrono::Utc::now()),
            updated_at: Set(chrono::Utc::now()),
        }
    }

    #[test]
    fn json_values_are_read_as_either_database_writes_them() {
        let read =
            |json: serde_json::Value, column_type: ColumnType| json_value(json, &column_type);
        let utc = |text: &str| read(serde_json::json!(text), ColumnType::TimestampWithTimeZone);
        let instant = utc("2026-11-24T07:01:45.168225+00:00").expect("PostgreSQL's form");
        assert_eq!(utc("2026-11-24 08:01:45.168225+01:00"), Ok(instant.clone()));
        assert_eq!(utc("2026-11-24 07:01:45.168225"), Ok(instant));
        assert!(utc("24.11.2026").is_err());
        assert_eq!(
            read(serde_json::json!("2024-11-19"), ColumnType::Date),
            Ok(Value::ChronoDate(chrono::NaiveDate::from_ymd_opt(
                2024, 11, 19
            )))
        );
        assert!(read(serde_json::json!("2024-13-01"), ColumnType::Date).is_err());
        assert_eq!(
            read(serde_json::json!(1), ColumnType::Boolean),
            Ok(Value::Bool(Some(true)))
        );
        assert_eq!(
            read(serde_json::json!(false), ColumnType::Boolean),
            Ok(Value::Bool(Some(false)))
        );
        assert_eq!(
            read(serde_json::Value::Null, ColumnType::Integer),
            Ok(Value::Int(None))
        );
        assert!(read(serde_json::json!(1_i64 << 40), ColumnType::Integer).is_err());
        assert!(read(serde_json::json!(7), ColumnType::Text).is_err());
    }

    #[test]
    fn times_as_the_databases_write_them_read_as_chrono_reads_them() {
        let chrono_reads = |text: &str| {
            text.parse::<chrono::DateTime<chrono::FixedOffset>>()
                .ok()
                .map(|time| time.with_timezone(&chrono::Utc))
        };
        for text in [
            "2026-11-24T07:01:45.168225+00:00",
            "2026-11-24 08:01:45.168225+01:00",
            "2026-11-24T07:01:45Z",
            "2026-11-24T00:30:00.5-02:30",
            "2024-02-29T23:59:59.123456789+00:00",
        ] {
            assert_eq!(date_time_utc_as_written(text), chrono_reads(text), "{text}");
            assert!(date_time_utc_as_written(text).is_some(), "{text}");
        }
        assert_eq!(
            date_time_utc_as_written("2026-11-24 07:01:45.168225"),
            chrono_reads("2026-11-24T07:01:45.168225Z")
        );
        assert_eq!(
            date_as_written(b"2024-02-29"),
            chrono::NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        for text in [
            "2023-02-29",
            "2024-2-29",
            "2024-02-29x",
            "20240229",
            "2024-02-2a",
        ] {
            assert_eq!(date_as_written(text.as_bytes()), None, "{text}");
        }
        for text in [
            "2026-02-30T07:01:45Z",
            "2026-11-24T25:01:45Z",
            "2026-11-24T07:01:45.Z",
            "2026-11-24T07:01:45.1234567890Z",
            "2026-11-24T07:01:45+0100",
            "2026-11-24",
            "24.11.2026 07:01:45",
            "2026-11-24T07:01:45Zjunk",
            "",
        ] {
            assert_eq!(date_time_utc_as_written(text), None, "{text}");
        }
    }

    #[test]
    fn a_model_read_in_part_holds_empty_values_in_the_columns_not_read() {
        use membership::Column as M;
        // The membership columns every page of members reads, whatever its fields show.
        let read = crate::db::batch::MemberPageArgs::default()
            .reading(ColumnSet::NONE, ColumnSet::NONE)
            .membership_columns;
        assert!(read.contains(M::Role) && !read.contains(M::JoinedOn));
        assert!(ColumnSet::ALL.contains(M::UpdatedAt));
        assert_eq!(read.union(ColumnSet::NONE), read);
        let columns = Columns::<membership::Entity>::reading(1, read);
        assert_eq!(columns.end(), 7);
        assert_eq!(columns.position_of(M::Role), 5);
        let mut values = serde_json::json!([null, 7, 2, 3, "zuraw", "MEMBER", "ACTIVE"]);
        let values = values.as_array_mut().expect("an array");
        let member = columns.decode_json(values).expect("decoded in part");
        assert_eq!(
            (member.id, member.cluster_id, member.organisation_id),
            (7, 2, 3)
        );
        assert_eq!(member.member_sort_name, "zuraw");
        assert_eq!(member.role, klastry_entity::MembershipRole::Member);
        assert_eq!((member.joined_on, member.decided_at), (None, None));
        assert_eq!((member.version, member.created_at), (0, Default::default()));

        // An enumeration has no empty value: a read that leaves one out fails, never guesses.
        let without_role = ColumnSet::of([M::Id, M::ClusterId, M::Status]);
        let mut values = serde_json::json!([7, 2, "ACTIVE"]);
        let values = values.as_array_mut().expect("an array");
        assert!(
            Columns::<membership::Entity>::reading(0, without_role)
                .decode_json(values)
                .is_err()
        );
    }

    #[tokio::test]
    async fn rows_decoded_by_position_equal_seaorms_decoding_by_name() {
        for db in migrated_databases().await {
            decoded_by_position(db).await;
        }
    }

    async fn decoded_by_position(db: sea_orm::DatabaseConnection) {
        organisation::Entity::insert_many([organisation(1, true), organisation(2, false)])
            .exec(&db)
            .await
            .expect("insert organisations");
        let select = || organisation::Entity::find().order_by_asc(organisation::Column::Id);
        let by_name = select().all(&db).await.expect("SeaORM's decoding");
        let by_position = all(&db, select()).await.expect("positional decoding");
        assert_eq!(by_name.len(), 2);
        assert_eq!(by_position, by_name);
    }

    #[tokio::test]
    async fn a_statement_reading_other_columns_is_decoded_by_name() {
        for db in migrated_databases().await {
            decoded_by_name(db).await;
        }
    }

    async fn decoded_by_name(db: sea_orm::DatabaseConnection) {
        organisation::Entity::insert(organisation(1, true))
            .exec(&db)
            .await
            .expect("insert organisation");
        let reversed = organisation::Entity::find().select_only().columns(
            organisation::Column::iter()
                .collect::<Vec<_>>()
                .into_iter()
                .rev(),
        );
        let by_name = organisation::Entity::find().all(&db).await.expect("SeaORM");
        assert_eq!(all(&db, reversed).await.expect("decoded by name"), by_name);
        assert!(
            all(&db, membership::Entity::find())
                .await
                .expect("no rows")
                .is_empty()
        );
    }
}
