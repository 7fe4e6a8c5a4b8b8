//! A cluster's working groups (shared shape with services: `NamedFields`).

use super::NamedFields;
use super::{NoSteps, create_fact, delete_fact, name, update_fact};
use crate::DomainResult;
use crate::rules::access::Actor;
use crate::rules::validation::Checks;
use crate::writes::patch_text;
use chrono::Utc;
use klastry_entity::working_group;
use sea_orm::{DatabaseConnection, NotSet, Set};

named_fact!(
    working_group,
    "WorkingGroup",
    "working group",
    create_working_group,
    update_working_group,
    delete_working_group
);
