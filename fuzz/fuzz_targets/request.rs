//! The whole request path. An input is a query document, optionally followed by a line
//! `#variables` and the variables' JSON; the first byte chooses the caller (anonymous, or an
//! operator for one input in four, so that mutations reach the domain's rules).

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let (query, variables) = text
        .split_once("\n#variables\n")
        .unwrap_or((text.as_ref(), ""));
    let mut request = async_graphql::Request::new(query);
    if let Ok(serde_json::Value::Object(variables)) = serde_json::from_str(variables) {
        request = request.variables(async_graphql::Variables::from_json(
            serde_json::Value::Object(variables),
        ));
    }
    let caller = if first % 4 == 0 {
        common::operator()
    } else {
        klastry::auth::Caller::anonymous()
    };
    common::run(&caller, request);
});
