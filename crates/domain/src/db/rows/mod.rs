//! Rows decoded into models by column position.
//!
//! SeaORM decodes each column of each row by its name: it finds the column by name, checks its
//! type twice, formats `{prefix}{column}` when a row holds two tables, and formats an error
//! message for every NULL it meets. For the API's batched reads (a thousand members with their
//! organisations for one page of clusters) that was more than half of the server's instructions
//! per request (callgrind). Here a row is read by position, in the entity's column order, through
//! sqlx, and the values set on an ActiveModel; the statement is the same one SeaORM would run.
//! The hottest models (members and their organisations) skip the ActiveModel too ([`direct`]).

mod decode;
pub mod direct;
#[cfg(test)]
mod tests;

pub use decode::{is_null, json_is_null};
pub use direct::{Direct, Places};

use crate::DomainResult;
use decode::{json_value, value_at};
use sea_orm::sea_query::{ColumnType, Value};
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
