//! The runner: every mutation in the schema, sent by every kind of caller over HTTP and a
//! WebSocket, is refused exactly to those its rule does not allow, and changes nothing.

use crate::common::{Backend, Over, TestApp, code_of};
use crate::fixture::{
    Fixture, fixture, grant_coordinator, moved_since_the_fixture, new_invitation, new_webhook,
};
use crate::on_both_backends;
use crate::rules::{Prepare, Rule, rules};
use crate::{CALLERS, Caller};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The mutations the server serves, read from its schema.
async fn served_mutations(app: &TestApp) -> BTreeSet<String> {
    let data = app
        .query(
            "{ __type(name: \"MutationRoot\") { fields { name } } }",
            json!({}),
        )
        .await;
    data["__type"]["fields"]
        .as_array()
        .unwrap_or_else(|| panic!("the mutation root's fields: {data}"))
        .iter()
        .filter_map(|field| field["name"].as_str())
        .map(str::to_owned)
        .collect()
}

/// Where the rule table and the schema part ways.
fn coverage_gaps(served: &BTreeSet<String>, rules: &[Rule]) -> Vec<String> {
    let mut gaps = Vec::new();
    let mut ruled = BTreeSet::new();
    for rule in rules {
        if !ruled.insert(rule.mutation) {
            gaps.push(format!("{} has more than one rule", rule.mutation));
        }
        if !served.contains(rule.mutation) {
            gaps.push(format!(
                "{} has a rule but is not in the schema",
                rule.mutation
            ));
        }
    }
    for mutation in served {
        if !ruled.contains(mutation.as_str()) {
            gaps.push(format!(
                "{mutation} is in the schema but has no rule: add one saying who may run it"
            ));
        }
    }
    gaps
}

/// The callers a rule is sent by: those it must refuse first, then those it must let through.
fn callers_of(rule: &Rule) -> Vec<Caller> {
    let (allowed, refused): (Vec<Caller>, Vec<Caller>) = CALLERS
        .into_iter()
        .filter(|caller| !rule.not_sent_by.contains(caller))
        .partition(|caller| rule.allowed.contains(caller));
    refused.into_iter().chain(allowed).collect()
}

/// The rule's variables for one call, with a target of the caller's own where it needs one.
async fn variables_for(
    app: &TestApp,
    f: &Fixture,
    rule: &Rule,
    caller: Caller,
    over: Over,
) -> Value {
    let mut variables = rule.variables.clone();
    let let_through = rule.allowed.contains(&caller);
    match rule.prepare {
        Prepare::UnknownEmail => {
            let email = format!("nikt-{caller:?}-{over:?}@example.pl").to_lowercase();
            variables["i"]["email"] = json!(email);
        }
        Prepare::OwnWebhook if let_through => {
            variables["i"]["id"] = json!(new_webhook(app, &f.operator, &f.cluster).await);
        }
        Prepare::OwnRole if let_through => {
            let role = grant_coordinator(app, &f.operator, &f.deputy, &f.cluster).await;
            variables["i"]["roleId"] = json!(role);
        }
        Prepare::OwnInvitation if let_through => {
            let email = format!("matryca-{caller:?}-{over:?}@example.pl").to_lowercase();
            let invitation = new_invitation(app, &f.operator, &f.cluster, &email).await;
            variables["i"]["invitationId"] = json!(invitation);
        }
        Prepare::Same
        | Prepare::OwnWebhook
        | Prepare::OwnRole
        | Prepare::OwnInvitation
        | Prepare::EndsSessions => {}
    }
    variables
}

/// What is wrong with `answer` to `rule` from `caller`, if anything.
fn judge(rule: &Rule, caller: Caller, answer: &Value) -> Option<String> {
    let code = code_of(answer);
    if rule.allowed.contains(&caller) {
        let let_through = match code.as_str() {
            "" => answer["data"][rule.mutation].is_object(),
            "CONFLICT" | "BAD_USER_INPUT" => true,
            "UNAUTHENTICATED" => rule.public_credential,
            _ => false,
        };
        (!let_through).then(|| format!("may run it, but got {answer}"))
    } else {
        let refused = match code.as_str() {
            "FORBIDDEN" => true,
            "UNAUTHENTICATED" => !rule.public_credential,
            _ => false,
        };
        (!refused).then(|| format!("may not run it, but got {answer}"))
    }
}

async fn every_mutation_is_refused_exactly_to_those_who_may_not_run_it(app: TestApp) {
    let mut f = fixture(&app).await;
    let rules = rules(&f);
    let gaps = coverage_gaps(&served_mutations(&app).await, &rules);
    assert!(
        gaps.is_empty(),
        "the rule table does not match the schema:\n{}",
        gaps.join("\n")
    );
    let mut mismatches = Vec::new();
    for rule in &rules {
        for caller in callers_of(rule) {
            for over in Over::BOTH {
                let variables = variables_for(&app, &f, rule, caller, over).await;
                let answer = app
                    .ask(over, f.credential(caller), &rule.document, variables)
                    .await;
                if let Some(wrong) = judge(rule, caller, &answer) {
                    let mutation = rule.mutation;
                    mismatches.push(format!("{mutation} as {caller:?} over {over:?}: {wrong}"));
                }
                if rule.prepare == Prepare::EndsSessions && rule.allowed.contains(&caller) {
                    f.sign_in_again(&app, caller).await;
                }
            }
        }
    }
    mismatches.extend(moved_since_the_fixture(&app, &f).await);
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

on_both_backends! {
    matrix => every_mutation_is_refused_exactly_to_those_who_may_not_run_it;
}
