//! Input coercion and the domain's checks behind it: the first byte picks one of the API's
//! mutations (by kind of input), the rest is the JSON of its `input` variable, sent as an
//! operator so that every rule behind the input is reached.

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

/// A mutation per kind of input, selecting only `__typename` so that the work is the input's.
const MUTATIONS: &[(&str, &str)] = &[
    ("createOrganisation", "CreateOrganisationInput"),
    ("updateOrganisation", "UpdateOrganisationInput"),
    ("createCluster", "CreateClusterInput"),
    ("updateCluster", "UpdateClusterInput"),
    ("addMember", "AddMemberInput"),
    ("applyForMembership", "ApplyForMembershipInput"),
    ("createService", "CreateServiceInput"),
    ("createEvent", "CreateEventInput"),
    ("createProject", "CreateProjectInput"),
    ("createIndicator", "CreateIndicatorInput"),
    ("addClusterPerson", "AddClusterPersonInput"),
    ("recordKkkCertification", "RecordKkkCertificationInput"),
    ("recordEscaLabel", "RecordEscaLabelInput"),
    ("postCooperationOffer", "PostCooperationOfferInput"),
    ("createWebhook", "CreateWebhookInput"),
    ("importRecords", "ImportRecordsInput"),
    ("createApiToken", "CreateApiTokenInput"),
    ("changePassword", "ChangePasswordInput"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(input) = serde_json::from_slice::<serde_json::Value>(rest) else {
        return;
    };
    let (field, input_type) = MUTATIONS[usize::from(first) % MUTATIONS.len()];
    let query = format!("mutation ($i: {input_type}!) {{ {field}(input: $i) {{ __typename }} }}");
    let request = async_graphql::Request::new(query).variables(
        async_graphql::Variables::from_json(serde_json::json!({ "i": input })),
    );
    common::run(&common::operator(), request);
});
