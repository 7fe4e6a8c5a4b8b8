//! Models decoded straight into their fields, for the rows the API reads by the thousand (a
//! page of clusters' members with their organisations).
//!
//! [`super::Columns`] sets each column on an ActiveModel through a `sea_query::Value`, which
//! is general but costs a conversion and a match per column per row (a fifth of a row's
//! decoding in the nested list's profile). Here each field of the model is read by its own
//! type from its place in the row, and a field whose column the statement does not read holds
//! its type's empty value, as [`super::Columns::reading`] leaves it. A model joins with one
//! line of [`direct!`], which names every field, so a column added to the entity and not here
//! is a compile error.

use super::{Check, ColumnSet};
use klastry_entity::{
    MembershipRole, MembershipStatus, OrganisationKind, membership, organisation,
};
use sea_orm::sqlx::{self, Postgres, Row, Sqlite};
use sea_orm::{ActiveEnum, DbErr, EntityTrait, Iterable, QueryResult};
use std::marker::PhantomData;
use std::sync::OnceLock;

/// A model decoded field by field from a row.
pub trait Direct: Sized {
    /// The entity whose columns the model's fields hold.
    type Entity: EntityTrait;

    /// The model the columns at `places` of `row` hold.
    fn decode(
        places: &Places<Self::Entity>,
        row: &QueryResult,
        check: Check,
    ) -> Result<Self, DbErr>;
}

/// Where each of an entity's columns sits in a row, worked out once per statement; `None` for
/// a column the statement does not read.
pub struct Places<E: EntityTrait> {
    at: Vec<Option<usize>>,
    end: usize,
    entity: PhantomData<E>,
}

impl<E: EntityTrait> Places<E> {
    /// The columns of `E` in `read`, in the entity's order, from position `start` of each row
    /// (the same places as [`super::Columns::reading`]).
    pub fn reading(start: usize, read: ColumnSet) -> Self {
        let mut next = start;
        let at = E::Column::iter()
            .map(|column| {
                read.contains(column).then(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect();
        Self {
            at,
            end: next,
            entity: PhantomData,
        }
    }

    /// The position just after the last of these columns.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The model these columns of `row` hold.
    pub fn decode<M: Direct<Entity = E>>(
        &self,
        row: &QueryResult,
        check: Check,
    ) -> Result<M, DbErr> {
        M::decode(self, row, check)
    }

    /// The value of the column at `place` in the entity's order, or its empty value if it is
    /// not read.
    fn field<T: Field>(
        &self,
        place: usize,
        name: &str,
        row: &QueryResult,
        check: Check,
    ) -> Result<T, DbErr> {
        match self.at.get(place).copied().flatten() {
            Some(index) => T::at(Cell { row, index, check }),
            None => T::empty(),
        }
        .map_err(|error| DbErr::Type(format!("column {name}: {error}")))
    }
}

/// One value of a row, by position.
#[derive(Clone, Copy)]
pub struct Cell<'r> {
    row: &'r QueryResult,
    index: usize,
    check: Check,
}

/// Reads `$ty` from the cell's place in whichever database's row it is: sqlx's row types
/// share no trait that could carry the bounds.
macro_rules! read_cell {
    ($cell:expr, $ty:ty) => {{
        let Cell { row, index, check } = $cell;
        let got = if let Some(row) = row.try_as_pg_row() {
            match check {
                Check::Types => row.try_get::<$ty, usize>(index),
                Check::SameAsFirstRow => row.try_get_unchecked::<$ty, usize>(index),
            }
        } else if let Some(row) = row.try_as_sqlite_row() {
            match check {
                Check::Types => row.try_get::<$ty, usize>(index),
                Check::SameAsFirstRow => row.try_get_unchecked::<$ty, usize>(index),
            }
        } else {
            return Err("rows of this database are not decoded by position".into());
        };
        got.map_err(|error| error.to_string())
    }};
}

impl Cell<'_> {
    /// The value, NULL as `None`, as a type both databases decode.
    fn get<T>(self) -> Result<Option<T>, String>
    where
        T: for<'r> sqlx::Decode<'r, Postgres>
            + sqlx::Type<Postgres>
            + for<'r> sqlx::Decode<'r, Sqlite>
            + sqlx::Type<Sqlite>,
    {
        read_cell!(self, Option<T>)
    }

    /// The text, NULL as `None`, borrowed from the row rather than copied.
    fn text<'r>(self) -> Result<Option<&'r str>, String>
    where
        Self: 'r,
    {
        read_cell!(self, Option<&str>)
    }
}

/// A field's type as read from a cell.
pub trait Field: Sized {
    /// The field's value from `cell`.
    fn at(cell: Cell<'_>) -> Result<Self, String>;
    /// The value of a field whose column is not read.
    fn empty() -> Result<Self, String>;
}

const NULL: &str = "NULL in a column that holds a value";

macro_rules! plain_fields {
    ($($ty:ty => $empty:expr),* $(,)?) => {$(
        impl Field for $ty {
            fn at(cell: Cell<'_>) -> Result<Self, String> {
                cell.get::<$ty>()?.ok_or_else(|| NULL.to_owned())
            }
            fn empty() -> Result<Self, String> {
                Ok($empty)
            }
        }
        impl Field for Option<$ty> {
            fn at(cell: Cell<'_>) -> Result<Self, String> {
                cell.get::<$ty>()
            }
            fn empty() -> Result<Self, String> {
                Ok(None)
            }
        }
    )*};
}

plain_fields! {
    i32 => 0,
    String => String::new(),
    chrono::DateTime<chrono::Utc> => chrono::DateTime::default(),
}

/// Enumerations are stored as their names; they have no empty value, so a read that leaves one
/// out fails rather than guesses (as with [`super::Columns`]).
macro_rules! enum_fields {
    ($($ty:ty),* $(,)?) => {$(
        impl Field for $ty {
            fn at(cell: Cell<'_>) -> Result<Self, String> {
                named(cell.text()?.ok_or_else(|| NULL.to_owned())?)
            }
            fn empty() -> Result<Self, String> {
                Err("an enumeration must be read".into())
            }
        }
        impl Field for Option<$ty> {
            fn at(cell: Cell<'_>) -> Result<Self, String> {
                cell.text()?.map(named).transpose()
            }
            fn empty() -> Result<Self, String> {
                Ok(None)
            }
        }
        impl Named for $ty {
            fn names() -> &'static [(String, Self)] {
                static NAMES: OnceLock<Vec<(String, $ty)>> = OnceLock::new();
                NAMES.get_or_init(|| <$ty>::iter().map(|v| (v.to_value(), v)).collect())
            }
        }
    )*};
}

enum_fields!(MembershipRole, MembershipStatus, OrganisationKind);

/// An enumeration with the names its variants are stored as, listed once.
trait Named: ActiveEnum<Value = String> + Copy + 'static {
    fn names() -> &'static [(String, Self)];
}

/// The variant of `E` stored as `name`, found without copying the name.
fn named<E: Named>(name: &str) -> Result<E, String> {
    E::names()
        .iter()
        .find(|(stored, _)| stored == name)
        .map(|(_, variant)| *variant)
        .ok_or_else(|| format!("{name} is not a {}", std::any::type_name::<E>()))
}

/// Decodes `$entity::Model` field by field; each field is named with its column.
macro_rules! direct {
    ($entity:ident { $($field:ident: $column:ident),* $(,)? }) => {
        impl Direct for $entity::Model {
            type Entity = $entity::Entity;

            fn decode(
                places: &Places<$entity::Entity>,
                row: &QueryResult,
                check: Check,
            ) -> Result<Self, DbErr> {
                use $entity::Column as C;
                Ok(Self {
                    $($field: places.field(C::$column as usize, stringify!($field), row, check)?,)*
                })
            }
        }
    };
}

direct!(membership {
    id: Id,
    cluster_id: ClusterId,
    source_document_id: SourceDocumentId,
    organisation_id: OrganisationId,
    member_sort_name: MemberSortName,
    role: Role,
    status: Status,
    joined_on: JoinedOn,
    left_on: LeftOn,
    application_message: ApplicationMessage,
    decision_reason: DecisionReason,
    decided_at: DecidedAt,
    version: Version,
    created_at: CreatedAt,
    updated_at: UpdatedAt,
});

direct!(organisation {
    id: Id,
    name: Name,
    sort_name: SortName,
    search_text: SearchText,
    kind: Kind,
    kind_inferred_by: KindInferredBy,
    nip: Nip,
    regon: Regon,
    krs: Krs,
    country: Country,
    voivodeship_teryt: VoivodeshipTeryt,
    city: City,
    address: Address,
    postal_code: PostalCode,
    phone: Phone,
    email: Email,
    website: Website,
    description: Description,
    source_document_id: SourceDocumentId,
    version: Version,
    created_at: CreatedAt,
    updated_at: UpdatedAt,
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_name_reads_as_its_variant_and_any_other_text_fails() {
        assert_eq!(
            named::<OrganisationKind>("MICRO_ENTERPRISE"),
            Ok(OrganisationKind::MicroEnterprise)
        );
        for variant in MembershipRole::iter() {
            assert_eq!(named::<MembershipRole>(&variant.to_value()), Ok(variant));
        }
        assert!(named::<MembershipRole>("member").is_err());
        assert!(named::<MembershipStatus>("").is_err());
    }
}
