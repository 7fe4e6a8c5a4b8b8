//! A cluster's yearly figures: one row a year (checked by an extra step of the shared path).

use super::{Steps, create_fact, delete_fact, update_fact};
use crate::rules::access::Actor;
use crate::rules::validation::Checks;
use crate::writes::Patch;
use crate::{DomainError, DomainResult};
use crate::{FieldError, FieldErrorCode};
use chrono::{Datelike, Utc};
use klastry_entity::cluster_indicator;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, Set,
};
use std::future::Future;

/// Figures of one year.
#[derive(Debug, Clone, Default)]
pub struct IndicatorFields {
    /// The year (required on create).
    pub year: Option<i32>,
    /// Members at the end of the year.
    pub member_count: Patch<i32>,
    /// Members' revenue in PLN.
    pub revenue_pln: Patch<i64>,
    /// Members' employment.
    pub employment: Patch<i32>,
}

fn indicator_row(
    before: Option<&cluster_indicator::Model>,
    cluster_id: i32,
    fields: &IndicatorFields,
) -> DomainResult<cluster_indicator::ActiveModel> {
    let mut checks = Checks::default();
    let latest = crate::rules::calendar::polish_today().year();
    let year = match (fields.year, before) {
        (Some(y), _) if !(1990..=latest).contains(&y) => {
            checks.fail(
                FieldError::new(
                    "year",
                    FieldErrorCode::OutOfRange,
                    format!("must be between 1990 and {latest}"),
                )
                .min(1990)
                .max(latest)
                .actual(y),
            );
            y
        }
        (Some(y), _) => y,
        (None, Some(b)) => b.year,
        (None, None) => {
            checks.fail(FieldError::new(
                "year",
                FieldErrorCode::Required,
                "must be given",
            ));
            0
        }
    };
    fn non_negative<T: PartialOrd + Default + Copy>(
        checks: &mut Checks,
        field: &str,
        current: Option<T>,
        patch: Patch<T>,
    ) -> Option<T> {
        match patch {
            None => current,
            Some(Some(v)) if v < T::default() => {
                checks.fail(
                    FieldError::new(field, FieldErrorCode::OutOfRange, "must not be negative")
                        .min(0),
                );
                None
            }
            Some(v) => v,
        }
    }
    let member_count = non_negative(
        &mut checks,
        "memberCount",
        before.and_then(|b| b.member_count),
        fields.member_count,
    );
    let revenue_pln = non_negative(
        &mut checks,
        "revenuePln",
        before.and_then(|b| b.revenue_pln),
        fields.revenue_pln,
    );
    let employment = non_negative(
        &mut checks,
        "employment",
        before.and_then(|b| b.employment),
        fields.employment,
    );
    checks.finish()?;
    let now = Utc::now();
    let mut row = match before {
        Some(b) => b.clone().into(),
        None => cluster_indicator::ActiveModel {
            id: NotSet,
            cluster_id: Set(cluster_id),
            source_document_id: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    };
    row.year = Set(year);
    row.member_count = Set(member_count);
    row.revenue_pln = Set(revenue_pln);
    row.employment = Set(employment);
    Ok(row)
}

async fn year_is_free(
    txn: &DatabaseTransaction,
    cluster_id: i32,
    year: i32,
    own: Option<i32>,
) -> DomainResult<()> {
    let mut query = cluster_indicator::Entity::find()
        .filter(cluster_indicator::Column::ClusterId.eq(cluster_id))
        .filter(cluster_indicator::Column::Year.eq(year));
    if let Some(own) = own {
        query = query.filter(cluster_indicator::Column::Id.ne(own));
    }
    if query.count(txn).await? > 0 {
        return Err(DomainError::invalid(
            "year",
            FieldErrorCode::NotUnique,
            format!("figures for {year} are already recorded; update them"),
        ));
    }
    Ok(())
}

/// An indicator's extra step: one row of figures a year per cluster.
struct YearIsFree;

impl Steps<cluster_indicator::Entity> for YearIsFree {
    fn before_write<'a>(
        &'a self,
        txn: &'a DatabaseTransaction,
        cluster_id: i32,
        row: &'a cluster_indicator::ActiveModel,
        own: Option<i32>,
    ) -> impl Future<Output = DomainResult<()>> + Send + 'a {
        year_is_free(txn, cluster_id, *row.year.as_ref(), own)
    }
}

/// Records a cluster's figures for a year.
pub async fn create_indicator(
    db: &DatabaseConnection,
    actor: &Actor,
    cluster_id: i32,
    fields: &IndicatorFields,
) -> DomainResult<cluster_indicator::Model> {
    create_fact::<cluster_indicator::Entity, _>(
        db,
        actor,
        cluster_id,
        "Indicator",
        || indicator_row(None, cluster_id, fields),
        &YearIsFree,
    )
    .await
}

/// Changes a year's figures.
pub async fn update_indicator(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    fields: &IndicatorFields,
) -> DomainResult<cluster_indicator::Model> {
    update_fact::<cluster_indicator::Entity, _>(
        db,
        actor,
        id,
        version,
        "Indicator",
        "indicator",
        |before| indicator_row(Some(before), before.cluster_id, fields),
        &YearIsFree,
    )
    .await
}

/// Deletes a year's figures.
pub async fn delete_indicator(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
) -> DomainResult<cluster_indicator::Model> {
    delete_fact::<cluster_indicator::Entity>(db, actor, id, version, "Indicator", "indicator").await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainError;

    #[test]
    fn indicator_years_are_bounded() {
        let fields = IndicatorFields {
            year: Some(1800),
            member_count: Some(Some(-1)),
            ..Default::default()
        };
        let Err(DomainError::Rejected(errors)) = indicator_row(None, 1, &fields) else {
            panic!("bad figures were accepted");
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["year", "memberCount"]);
    }
}
