//! The audit trail: every change records who made it, when, to what, and the values before and
//! after. Entries are written in the transaction of the change, so a change and its record
//! commit or roll back together (`journal::record` writes the entry with the change's event).

use super::change::Change;
use crate::DomainResult;
use crate::db::pagination::{
    Keyset, Page, PagePlan, PageRequest, check_filter_list, fetch_page, newest_first,
};
use crate::db::rows::ColumnSet;
use crate::rules::access::Actor;
use chrono::Utc;
use klastry_entity::audit_entry;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, Set,
};
use serde_json::Value;

/// Writes the audit entry of a change made by `actor` (none for the system itself, such as the
/// demo import). Writes go through `journal::record`, which also writes the change's event.
pub(crate) async fn write<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Actor>,
    change: &Change,
) -> DomainResult<audit_entry::Model> {
    Ok(entry(actor, change).insert(db).await?)
}

/// [`write`] for many changes (a bulk import), by multi-row INSERTs.
pub(crate) async fn write_many<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Actor>,
    changes: &[Change],
) -> DomainResult<()> {
    let rows = changes.iter().map(|c| entry(actor, c)).collect();
    crate::db::bulk::insert_all(db, rows).await
}

fn entry(actor: Option<&Actor>, change: &Change) -> audit_entry::ActiveModel {
    let now = Utc::now();
    let text = |v: &Option<serde_json::Value>| v.as_ref().map(|v| v.to_string());
    audit_entry::ActiveModel {
        id: NotSet,
        actor_user_id: Set(actor.map(|a| a.user_id)),
        actor_email: Set(actor.map(|a| a.email.clone())),
        action: Set(change.action.into()),
        object_type: Set(change.object_type.into()),
        object_id: Set(change.object_id),
        cluster_id: Set(change.cluster_id),
        organisation_id: Set(change.organisation_id),
        before_json: Set(text(&change.before)),
        after_json: Set(text(&change.after)),
        created_at: Set(now),
        updated_at: Set(now),
    }
}

/// Whose trail to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditScope {
    /// Everything (operators only).
    All,
    /// One cluster's changes (its coordinators and operators).
    Cluster(i32),
    /// One organisation's changes (its members and operators).
    Organisation(i32),
}

/// Which entries of a trail to read; empty lists and `None` mean "no restriction".
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Changes to objects of one of these kinds (`Cluster`, `Membership`, ...).
    pub object_types: Vec<String>,
    /// One of these actions (`CREATE`, `APPROVE`, ...).
    pub actions: Vec<String>,
    /// Made by this account.
    pub actor_user_id: Option<i32>,
    /// To this one object (its kind and row id).
    pub object: Option<(String, i32)>,
}

/// A page of the trail, newest first, either way from a cursor.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    scope: AuditScope,
    filter: &AuditFilter,
    request: &PageRequest,
) -> DomainResult<Page<audit_entry::Model>> {
    check_filter_list("filter.objectTypes", filter.object_types.len())?;
    check_filter_list("filter.actions", filter.actions.len())?;
    let mut query = audit_entry::Entity::find();
    match scope {
        AuditScope::All => actor.require_operator()?,
        AuditScope::Cluster(cluster) => {
            actor.require_private_reader(cluster)?;
            query = query.filter(audit_entry::Column::ClusterId.eq(cluster));
        }
        AuditScope::Organisation(organisation) => {
            actor.require_member(organisation)?;
            query = query.filter(audit_entry::Column::OrganisationId.eq(organisation));
        }
    }
    if !filter.object_types.is_empty() {
        query = query.filter(audit_entry::Column::ObjectType.is_in(filter.object_types.clone()));
    }
    if !filter.actions.is_empty() {
        query = query.filter(audit_entry::Column::Action.is_in(filter.actions.clone()));
    }
    if let Some(user) = filter.actor_user_id {
        query = query.filter(audit_entry::Column::ActorUserId.eq(user));
    }
    if let Some((object_type, object_id)) = &filter.object {
        query = query
            .filter(audit_entry::Column::ObjectType.eq(object_type.clone()))
            .filter(audit_entry::Column::ObjectId.eq(*object_id));
    }
    let order =
        newest_first::<audit_entry::Entity>(audit_entry::Column::Id, |row| Keyset::of_id(row.id));
    fetch_page(db, query, &order, request, PagePlan::Direct, ColumnSet::ALL).await
}

/// Fields of a recorded object that change with every write or are derived from others, and
/// so say nothing to a reader of the trail.
const UNTOLD: [&str; 12] = [
    "id",
    "version",
    "created_at",
    "updated_at",
    "search_text",
    "sort_name",
    "member_sort_name",
    "held_from",
    "held_until",
    "earliest_start",
    "latest_end",
    "password_hash",
];

/// Fields that name a recorded object, the first one present being its name.
const NAMING: [&str; 8] = [
    "name_pl",
    "name",
    "full_name",
    "name_en",
    "title",
    "email",
    "slug",
    "label",
];

/// One field a change set, in text: before and after (either absent when the field was).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The field as stored (`description_pl`, `valid_until`).
    pub field: String,
    /// Its value before, as text; `None` when it had none.
    pub before: Option<String>,
    /// Its value after, as text; `None` when it has none.
    pub after: Option<String>,
}

/// The name of the object a change concerns, from its state after (or before, when deleted).
pub fn object_label(before: Option<&Value>, after: Option<&Value>) -> Option<String> {
    let state = after.or(before)?;
    NAMING.iter().find_map(|field| text_of(state.get(*field)?))
}

/// The fields a change set, each with its value before and after as text, in field order;
/// bookkeeping and derived fields are left out. A creation lists every field it set; a deletion
/// every field the object had.
pub fn field_changes(before: Option<&Value>, after: Option<&Value>) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let before = before.and_then(Value::as_object).unwrap_or(&empty);
    let after = after.and_then(Value::as_object).unwrap_or(&empty);
    let mut fields: Vec<&String> = before.keys().chain(after.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter(|field| !UNTOLD.contains(&field.as_str()))
        .filter_map(|field| {
            let was = before.get(field).and_then(text_of);
            let is = after.get(field).and_then(text_of);
            (was != is).then(|| FieldChange {
                field: field.clone(),
                before: was,
                after: is,
            })
        })
        .collect()
}

/// A stored value as a reader reads it: text as it is, numbers and truth values written out,
/// lists joined; nothing for null or empty text.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().filter_map(text_of).collect();
            (!items.is_empty()).then(|| items.join(", "))
        }
        Value::Object(_) => Some(value.to_string()),
    }
}

/// How many `object_type` records the account `user_id` (or its API tokens) created since
/// `since`: for quotas.
pub async fn created_since<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    object_type: &str,
    since: chrono::DateTime<chrono::Utc>,
) -> DomainResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(audit_entry::Entity::find()
        .filter(audit_entry::Column::ActorUserId.eq(user_id))
        .filter(audit_entry::Column::ObjectType.eq(object_type))
        .filter(audit_entry::Column::Action.eq("CREATE"))
        .filter(audit_entry::Column::CreatedAt.gte(since))
        .count(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_change_reads_as_the_fields_it_set_without_bookkeeping() {
        let before = json!({ "id": 4, "version": 2, "name_pl": "Klaster A", "website": null,
            "sort_name": "klaster a", "description_pl": "Stary opis", "sectors": ["energy"] });
        let after = json!({ "id": 4, "version": 3, "name_pl": "Klaster A", "website": "https://a.pl",
            "sort_name": "klaster a", "description_pl": "Nowy opis", "sectors": ["energy", "digital"] });
        let changes = field_changes(Some(&before), Some(&after));
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["description_pl", "sectors", "website"]);
        assert_eq!(changes[1].after.as_deref(), Some("energy, digital"));
        assert_eq!(changes[2].before, None);
        assert_eq!(
            object_label(Some(&before), Some(&after)).as_deref(),
            Some("Klaster A")
        );
    }

    #[test]
    fn a_deletion_lists_what_the_object_had_and_keeps_its_name() {
        let before = json!({ "id": 9, "full_name": "Anna Nowak", "role": "CHAIR", "version": 1 });
        let changes = field_changes(Some(&before), None);
        assert_eq!(changes.len(), 2);
        assert!(changes.iter().all(|c| c.after.is_none()));
        assert_eq!(
            object_label(Some(&before), None).as_deref(),
            Some("Anna Nowak")
        );
        assert_eq!(object_label(None, None), None);
    }
}
