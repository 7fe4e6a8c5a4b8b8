//! The answers the page came with. The server sends the directory's address with the
//! requests its page makes first and their answers as JSON in `#first-answer`, and with the
//! results as plain HTML in `#first-paint` for the reader to see while this app loads
//! (`crates/server/src/pages/directory.rs`). [`adopt`] takes both out of the page as the app
//! starts; [`take`] gives each answer to the app's first request that is that same request,
//! once, so the app does not wait on the network for what the page already holds.

use serde_json::Value;
use std::cell::RefCell;

thread_local! {
    /// The embedded requests (without their nulls) and their answers' text, until taken.
    static KEPT: RefCell<Vec<(Value, String)>> = const { RefCell::new(Vec::new()) };
}

/// Takes the first paint and the embedded answers out of the page, keeping the answers. Called
/// before the app mounts, in the same task, so the browser never shows both.
pub fn adopt() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(paint) = document.get_element_by_id("first-paint") {
        paint.remove();
    }
    let Some(element) = document.get_element_by_id("first-answer") else {
        return;
    };
    let text = element.text_content().unwrap_or_default();
    element.remove();
    let Ok(Value::Array(embedded)) = serde_json::from_str::<Value>(&text) else {
        return;
    };
    let answers = embedded.into_iter().filter_map(|mut asked| {
        let request = asked.get_mut("request")?.take();
        let answer = asked.get("answer")?.to_string();
        Some((normalised(request), answer))
    });
    KEPT.with(|kept| kept.borrow_mut().extend(answers));
}

/// The page's answer to the request `body`, when the page holds one; each is given once. The
/// server asked as an anonymous reader, so a signed-in reader never gets one (and they are
/// dropped, so that signing out later cannot bring back answers from long ago).
pub fn take(body: &str, signed_in: bool) -> Option<String> {
    KEPT.with(|kept| {
        let mut kept = kept.borrow_mut();
        if signed_in {
            kept.clear();
        }
        if kept.is_empty() {
            return None;
        }
        let sent = serde_json::from_str::<Value>(body).ok().map(normalised)?;
        let at = kept.iter().position(|(request, _)| *request == sent)?;
        Some(kept.swap_remove(at).1)
    })
}

/// A request as the API reads it: the app sends an unset variable as null where the server
/// leaves it out, and an operation without variables with `"variables": null` where the
/// server sends `{}`; the API reads each pair alike, and so they compare alike here.
fn normalised(mut request: Value) -> Value {
    if let Some(members) = request.as_object_mut() {
        let variables = members.remove("variables").unwrap_or(Value::Null);
        let variables = match without_nulls(variables) {
            Value::Null => Value::Object(serde_json::Map::new()),
            given => given,
        };
        members.insert("variables".into(), variables);
    }
    request
}

/// The value with every null member of its objects left out.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(members) => Value::Object(
            members
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_request_is_the_same_whether_an_unset_variable_is_null_or_left_out() {
        let sent = json!({ "query": "q", "variables": { "first": 20, "after": null,
            "filter": { "text": "odpady", "sectors": null } } });
        let embedded = json!({ "variables": { "filter": { "text": "odpady" }, "first": 20 },
            "query": "q" });
        assert_eq!(normalised(sent), normalised(embedded));
        assert_eq!(
            normalised(json!({ "query": "o", "variables": null })),
            normalised(json!({ "query": "o", "variables": {} }))
        );
        assert_ne!(
            normalised(json!({ "variables": { "first": 20 } })),
            normalised(json!({ "variables": { "last": 20 } }))
        );
        assert_ne!(
            normalised(json!({ "query": "q", "variables": {} })),
            normalised(json!({ "query": "p", "variables": {} }))
        );
    }
}
