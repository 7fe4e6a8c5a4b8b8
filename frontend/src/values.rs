//! The API's values as the app handles them: enum names to and from the generated types, text
//! typed into a form that may be left empty, fields of an answer read as JSON, and today,
//! yesterday (or an instant) in the browser's time zone as the API writes dates.

/// The API's kinds of organisation, in the order forms offer them.
pub const ORGANISATION_KINDS: [&str; 11] = [
    "MICRO_ENTERPRISE",
    "SMALL_ENTERPRISE",
    "MEDIUM_ENTERPRISE",
    "LARGE_ENTERPRISE",
    "ENTERPRISE",
    "UNIVERSITY",
    "RESEARCH_INSTITUTE",
    "BUSINESS_SUPPORT",
    "LOCAL_GOVERNMENT",
    "NGO",
    "OTHER",
];

/// Empty text as "not given"; other text trimmed.
pub fn given(value: String) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// The API's name of an enum value (`"GOLD"`), whatever generated type holds it.
pub fn code<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The generated enum value for an API name; None when the name is not one of its values.
pub fn enum_value<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    // Generated enums take any string (as `Other`); only names shaped like the API's are sent.
    let shaped = !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_');
    if !shaped {
        return None;
    }
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}

/// The text at `key` of an answer read as JSON (`api::read`); None when it is null or missing.
pub fn text_at(value: &serde_json::Value, key: &str) -> Option<String> {
    value.get(key)?.as_str().map(str::to_owned)
}

/// The text at `key`, empty when null or missing.
pub fn text(value: &serde_json::Value, key: &str) -> String {
    text_at(value, key).unwrap_or_default()
}

/// The items of the list at `key`; none when it is null or missing.
pub fn items<'a>(value: &'a serde_json::Value, key: &str) -> &'a [serde_json::Value] {
    value
        .get(key)
        .and_then(serde_json::Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Today in the browser's time zone, as `YYYY-MM-DD`.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// Yesterday in the browser's time zone, as `YYYY-MM-DD`.
pub fn yesterday() -> String {
    let day = js_sys::Date::new_0();
    // Day 0 of a month is the last day of the month before.
    day.set_date(day.get_date() - 1);
    format!(
        "{:04}-{:02}-{:02}",
        day.get_full_year(),
        day.get_month() + 1,
        day.get_date()
    )
}

/// An instant from the API (RFC 3339) in the browser's time zone: the day as `YYYY-MM-DD` and
/// the time as `HH:MM`; None when it is not an instant.
pub fn local_moment(instant: &str) -> Option<(String, String)> {
    let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(instant));
    if at.get_time().is_nan() {
        return None;
    }
    Some((
        format!(
            "{:04}-{:02}-{:02}",
            at.get_full_year(),
            at.get_month() + 1,
            at.get_date()
        ),
        format!("{:02}:{:02}", at.get_hours(), at.get_minutes()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_of_an_answer_read_as_json() {
        let answer = serde_json::json!({"id": "N1", "path": null, "details": ["a", "b"]});
        assert_eq!(text(&answer, "id"), "N1");
        assert_eq!(text_at(&answer, "path"), None);
        assert_eq!(text(&answer, "missing"), "");
        assert_eq!(items(&answer, "details").len(), 2);
        assert!(items(&answer, "path").is_empty());
    }
}
