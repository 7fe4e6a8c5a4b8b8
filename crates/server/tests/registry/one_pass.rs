//! Pages answered in one pass (a cluster's members, a page of organisations) answer exactly as
//! async-graphql's executor answers the same selection: aliases, fragments, merged fields,
//! `__typename`, page info and totals included, over HTTP and the socket alike. A selection
//! the one pass does not hold goes to the executor whole.

use crate::common::{Backend, Over, TestApp};
use crate::on_both_backends;
use serde_json::{Value, json};

/// Every `Membership` field the one pass answers.
const MEMBERSHIP_FIELDS: &str = "__typename id version role status joinedOn leftOn decidedAt";

/// Every `Organisation` field the one pass answers.
const ORGANISATION_FIELDS: &str = "__typename id version name kind kindInferredBy nip regon krs \
     country city address postalCode phone website description createdAt updatedAt";

/// Twenty clusters' member pages, `extra` added to each member node.
fn member_pages(extra: &str) -> String {
    format!(
        r#"query Members {{
          clusters(first: 20) {{ edges {{ node {{ slug
            members(first: 40) {{
              __typename totalCount
              pageInfo {{ __typename hasNextPage hasPreviousPage startCursor endCursor }}
              edges {{ __typename cursor node {{ ...Member organisation {{ name }} {extra} }} }}
              nodes {{ role who: organisation {{ ... on Organisation {{ name city }} }} }}
              again: edges {{ node {{ role }} }}
              edges {{ node {{ organisation {{ kind }} }} }}
            }}
          }} }} }}
        }}
        fragment Member on Membership {{ {MEMBERSHIP_FIELDS} organisation {{ {ORGANISATION_FIELDS} }} }}"#
    )
}

/// A page of organisations, `extra` added to each node.
fn organisation_page(extra: &str) -> String {
    format!(
        r#"query Organisations {{
          organisations(first: 60) {{
            totalCount
            pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }}
            edges {{ cursor node {{ ...Organisation {extra} }} }}
            nodes {{ __typename label: name }}
          }}
        }}
        fragment Organisation on Organisation {{ {ORGANISATION_FIELDS} }}"#
    )
}

/// Sends `query` over HTTP and returns its data with how many pages took the one pass and how
/// many the executor.
async fn answer(app: &TestApp, query: &str) -> (Value, (u64, u64)) {
    let (status, body) = app.post(query, json!({})).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{body}");
    let count = |name: &str| {
        body["extensions"][name]
            .as_u64()
            .unwrap_or_else(|| panic!("{name} exposed: {body}"))
    };
    let counts = (count("pagesInOnePass"), count("pagesByExecutor"));
    (body["data"].clone(), counts)
}

/// `data` without the key `field` of any object under `at` (a path of keys, `[]` for each list).
fn without(mut data: Value, at: &[&str], field: &str) -> Value {
    fn strip(value: &mut Value, at: &[&str], field: &str) {
        match at.split_first() {
            None => {
                if let Some(object) = value.as_object_mut() {
                    object.remove(field);
                }
            }
            Some((&"[]", rest)) => {
                for item in value.as_array_mut().into_iter().flatten() {
                    strip(item, rest, field);
                }
            }
            Some((key, rest)) => {
                if let Some(inner) = value.get_mut(*key) {
                    strip(inner, rest, field);
                }
            }
        }
    }
    strip(&mut data, at, field);
    data
}

async fn a_member_page_answers_in_one_pass_as_the_executor_answers_it(app: TestApp) {
    let (one_pass, counts) = answer(&app, &member_pages("")).await;
    assert_eq!(counts, (20, 0), "every member page in one pass");
    let members: usize = one_pass["clusters"]["edges"]
        .as_array()
        .expect("clusters")
        .iter()
        .map(|c| c["node"]["members"]["edges"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(members >= 5, "the pages hold members: {one_pass}");

    // A field that loads (the periods) sends each page to the executor.
    let (executed, counts) = answer(&app, &member_pages("periods { joinedOn }")).await;
    assert_eq!(counts, (0, 20), "a field that loads goes to the executor");
    let path = [
        "clusters", "edges", "[]", "node", "members", "edges", "[]", "node",
    ];
    assert_eq!(one_pass, without(executed, &path, "periods"));

    // So does a fragment on an interface, which the executor resolves by the schema.
    let on_node = member_pages("... on Node { id }");
    let (executed, counts) = answer(&app, &on_node).await;
    assert_eq!(
        counts,
        (0, 20),
        "a fragment on an interface goes to the executor"
    );
    assert_eq!(one_pass, executed);

    // The socket's answer is the same.
    let socket = app
        .ask(Over::Socket, None, &member_pages(""), json!({}))
        .await;
    assert_eq!(socket["data"], one_pass, "over the socket");
}

async fn an_organisation_page_answers_in_one_pass_as_the_executor_answers_it(app: TestApp) {
    let (one_pass, counts) = answer(&app, &organisation_page("")).await;
    assert_eq!(counts, (1, 0), "the page in one pass");
    let page = &one_pass["organisations"];
    assert!(page["edges"].as_array().map_or(0, Vec::len) > 20, "{page}");
    assert!(page["totalCount"].as_u64().unwrap_or(0) > 20, "{page}");

    let (executed, counts) = answer(&app, &organisation_page("sectors { code }")).await;
    assert_eq!(counts, (0, 1), "a field that loads goes to the executor");
    let path = ["organisations", "edges", "[]", "node"];
    assert_eq!(one_pass, without(executed, &path, "sectors"));

    let socket = app
        .ask(Over::Socket, None, &organisation_page(""), json!({}))
        .await;
    assert_eq!(socket["data"], one_pass, "over the socket");
}

on_both_backends! {
    member_pages_in_one_pass => a_member_page_answers_in_one_pass_as_the_executor_answers_it;
    organisation_pages_in_one_pass => an_organisation_page_answers_in_one_pass_as_the_executor_answers_it;
}
