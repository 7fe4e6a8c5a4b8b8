//! Services a cluster offers its members (shared shape with working groups: `NamedFields`).

use super::NamedFields;
use super::{NoSteps, create_fact, delete_fact, name, update_fact};
use crate::DomainResult;
use crate::rules::access::Actor;
use crate::rules::validation::Checks;
use crate::writes::patch_text;
use chrono::Utc;
use klastry_entity::service;
use sea_orm::{DatabaseConnection, NotSet, Set};

named_fact!(
    service,
    "Service",
    "service",
    create_service,
    update_service,
    delete_service
);
