//! A change to record: what happened to which object, the cluster and organisation it concerns,
//! and the values before and after. Every write builds one and hands it to `journal::record`.

use serde::Serialize;

/// One change to record.
#[derive(Debug, Clone)]
pub struct Change {
    pub(crate) action: &'static str,
    pub(crate) object_type: &'static str,
    pub(crate) object_id: i32,
    pub(crate) cluster_id: Option<i32>,
    pub(crate) organisation_id: Option<i32>,
    pub(crate) before: Option<serde_json::Value>,
    pub(crate) after: Option<serde_json::Value>,
}

fn snapshot(value: &impl Serialize) -> Option<serde_json::Value> {
    // Models are plain data; a failure here would be a bug, and losing the snapshot is better
    // than losing the change.
    serde_json::to_value(value).ok()
}

impl Change {
    /// An object was created.
    pub fn created(object_type: &'static str, object_id: i32, after: &impl Serialize) -> Self {
        Self::action("CREATE", object_type, object_id).after(after)
    }

    /// An object was changed.
    pub fn updated(
        object_type: &'static str,
        object_id: i32,
        before: &impl Serialize,
        after: &impl Serialize,
    ) -> Self {
        Self::action("UPDATE", object_type, object_id)
            .before(before)
            .after(after)
    }

    /// An object was deleted.
    pub fn deleted(object_type: &'static str, object_id: i32, before: &impl Serialize) -> Self {
        Self::action("DELETE", object_type, object_id).before(before)
    }

    /// A workflow step (APPLY, APPROVE, REJECT, LEAVE, ...) on an object.
    pub fn action(action: &'static str, object_type: &'static str, object_id: i32) -> Self {
        Self {
            action,
            object_type,
            object_id,
            cluster_id: None,
            organisation_id: None,
            before: None,
            after: None,
        }
    }

    /// The values before the change.
    pub fn before(mut self, before: &impl Serialize) -> Self {
        self.before = snapshot(before);
        self
    }

    /// The values after the change.
    pub fn after(mut self, after: &impl Serialize) -> Self {
        self.after = snapshot(after);
        self
    }

    /// The cluster and organisation the change concerns, so their trails show it.
    pub fn scoped(mut self, cluster_id: Option<i32>, organisation_id: Option<i32>) -> Self {
        self.cluster_id = cluster_id;
        self.organisation_id = organisation_id;
        self
    }
}
