//! SeaORM entities of the klastry registry: one module per table, and the closed sets stored in them.
//!
//! This crate owns the shape of the data and nothing else: no rules, no queries beyond what SeaORM
//! derives. Rules live in `klastry-domain`; the API's types wrap these models in `klastry-graphql`.

pub mod enums;

pub mod access_request;
pub mod account_link;
pub mod api_token;
pub mod api_token_window;
pub mod app_user;
pub mod audit_entry;
pub mod cluster;
pub mod cluster_alias;
pub mod cluster_award;
pub mod cluster_indicator;
pub mod cluster_participation;
pub mod cluster_role;
pub mod cluster_sector;
pub mod cluster_source;
pub mod cluster_specialisation;
pub mod cluster_submission;
pub mod cooperation_offer;
pub mod cooperation_offer_sector;
pub mod cooperation_response;
pub mod esca_label;
pub mod event;
pub mod follow;
pub mod invitation;
pub mod kkk_certification;
pub mod kkk_round;
pub mod lapse_warning;
pub mod mail_attempt;
pub mod mail_message;
pub mod membership;
pub mod membership_period;
pub mod notification;
pub mod notification_preference;
pub mod operator_contact;
pub mod organisation;
pub mod organisation_sector;
pub mod person;
pub mod project;
pub mod project_partner;
pub mod refresh_token;
pub mod registry_event;
pub mod registry_revision;
pub mod saved_search;
pub mod sector;
pub mod service;
pub mod sign_in_failure;
pub mod source_document;
pub mod stated_figure;
pub mod user_role;
pub mod user_session;
pub mod voivodeship;
pub mod webhook;
pub mod webhook_attempt;
pub mod webhook_delivery;
pub mod working_group;

pub use enums::*;
