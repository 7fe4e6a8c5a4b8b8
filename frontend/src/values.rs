//! The API's values as the app handles them: enum names to and from the generated types, text
//! typed into a form that may be left empty, and today's date as the API writes dates.

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
