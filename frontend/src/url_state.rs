//! A page's state kept in its URL's query string, as the directories and the calendar keep
//! their filters and page cursors: comma-separated lists, percent-encoding, ticking or
//! unticking one choice, and the URL built from its parameters. Imports nothing of the app.

/// The values of a comma-separated parameter, empty ones dropped.
pub fn list(value: Option<String>) -> Vec<String> {
    value
        .unwrap_or_default()
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Percent-encodes a query value (everything but RFC 3986's unreserved characters).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The values with `value` added, or taken out when it is there.
pub fn toggle<T: PartialEq + Clone>(values: &[T], value: &T) -> Vec<T> {
    if values.contains(value) {
        values.iter().filter(|v| *v != value).cloned().collect()
    } else {
        let mut next = values.to_vec();
        next.push(value.clone());
        next
    }
}

/// `path` with the parameters that have a value as its query, in the order given.
pub fn url(path: &str, params: &[(&str, String)]) -> String {
    let query = params
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(key, value)| format!("{key}={}", encode(value)))
        .collect::<Vec<_>>();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// A list filter for the API: None when nothing is chosen.
pub fn non_empty<T>(values: Vec<T>) -> Option<Vec<T>> {
    (!values.is_empty()).then_some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_and_write_through_the_query() {
        assert_eq!(list(Some("A,,B".into())), vec!["A", "B"]);
        assert!(list(None).is_empty());
        assert_eq!(encode("ł ó,=&"), "%C5%82%20%C3%B3%2C%3D%26");
        assert_eq!(
            url(
                "/events",
                &[("when", "past".into()), ("sector", String::new())]
            ),
            "/events?when=past"
        );
        assert_eq!(url("/events", &[("sector", String::new())]), "/events");
    }

    #[test]
    fn toggling_adds_or_removes_one_choice() {
        assert_eq!(toggle(&["A".to_string()], &"B".to_string()), vec!["A", "B"]);
        assert_eq!(
            toggle(&["A".to_string(), "B".to_string()], &"A".to_string()),
            vec!["B"]
        );
        assert_eq!(non_empty::<i64>(vec![]), None);
    }
}
