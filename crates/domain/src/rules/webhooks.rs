//! Webhooks' rules: which URLs may receive deliveries, how a delivery is signed, and when a
//! failed one is tried again.

use crate::DomainError;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::time::Duration;

/// How long a delivery is retried before it is given up.
pub const RETRY_FOR: Duration = Duration::from_secs(24 * 60 * 60);

/// The longest wait between two tries.
pub const MAX_BACKOFF: Duration = Duration::from_secs(60 * 60);

/// The header carrying the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`.
pub const SIGNATURE_HEADER: &str = "Klastry-Signature";

/// The header carrying the event's id, the same on every retry, for de-duplication.
pub const EVENT_ID_HEADER: &str = "Klastry-Event-Id";

/// The header carrying the event's kind.
pub const EVENT_KIND_HEADER: &str = "Klastry-Event-Kind";

/// Checks a webhook's URL: HTTPS, no credentials in it, at most 2000 characters. This machine
/// (localhost, 127.0.0.0/8, ::1) is refused unless `allow_loopback`, and then plain HTTP to it
/// is allowed too (development and tests): otherwise a partner could make the server call the
/// services beside it.
pub fn validate_url(url: &str, allow_loopback: bool) -> Result<(), DomainError> {
    let bad = |message: &str| DomainError::invalid("url", message);
    if url.len() > 2000 {
        return Err(bad("at most 2000 characters"));
    }
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| bad("must be an absolute URL such as https://partner.example/hooks"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() {
        return Err(bad("must name a host"));
    }
    if authority.contains('@') {
        return Err(bad("must not carry a user name or password"));
    }
    if authority.chars().any(char::is_whitespace) {
        return Err(bad("must not contain spaces"));
    }
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or_default()
    } else {
        authority.rsplit_once(':').map_or(authority, |(h, _)| h)
    };
    let loopback = is_loopback(host);
    if loopback && !allow_loopback {
        return Err(bad("must not point at the registry's own machine"));
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        "http" => Err(bad("must use https")),
        _ => Err(bad("must use https")),
    }
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host == "::1"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The signature of `body` sent at `timestamp` (unix seconds) with `secret`, as the header
/// carries it. The timestamp is signed too, so a captured delivery cannot be replayed later
/// with a fresh time.
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!("t={timestamp},v1={}", mac_hex(secret, timestamp, body))
}

fn mac_hex(secret: &str, timestamp: i64, body: &[u8]) -> String {
    // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return String::new();
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `header` is a genuine signature of `body` with `secret` (what a partner checks).
pub fn verify(secret: &str, header: &str, body: &[u8]) -> bool {
    let mut timestamp = None;
    let mut given = None;
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", v)) => given = Some(v),
            _ => {}
        }
    }
    let (Some(timestamp), Some(given)) = (timestamp, given) else {
        return false;
    };
    let expected = mac_hex(secret, timestamp, body);
    // Compare in constant time, so the comparison does not tell how much matched.
    expected.len() == given.len()
        && expected
            .bytes()
            .zip(given.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// The wait before try `attempt + 1` after `attempt` failed ones: `base` doubled each time, at
/// most [`MAX_BACKOFF`], then spread by `jitter` (0.0 to 1.0) over 80–120 % so that many
/// failed deliveries do not all come back at the same moment.
pub fn backoff(base: Duration, attempt: u32, jitter: f64) -> Duration {
    let doubled = base.saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1).min(20)));
    let capped = doubled.min(MAX_BACKOFF);
    capped.mul_f64(0.8 + 0.4 * jitter.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_and_http_only_to_this_machine_when_allowed() {
        assert!(validate_url("https://partner.example/hooks", false).is_ok());
        assert!(validate_url("http://127.0.0.1:9000/hook", true).is_ok());
        assert!(validate_url("http://localhost/hook", true).is_ok());
        assert!(validate_url("http://[::1]:8000/", true).is_ok());
        assert!(validate_url("http://partner.example/hooks", true).is_err());
        assert!(validate_url("ftp://partner.example", true).is_err());
        assert!(validate_url("partner.example", true).is_err());
        assert!(validate_url("https://user:pw@partner.example", true).is_err());
        assert!(validate_url("https:///path", true).is_err());
    }

    #[test]
    fn this_machine_is_refused_in_production() {
        assert!(validate_url("http://127.0.0.1:9000/hook", false).is_err());
        assert!(validate_url("https://localhost/admin", false).is_err());
        assert!(validate_url("https://127.0.0.2/", false).is_err());
    }

    #[test]
    fn a_signature_verifies_only_with_its_secret_and_body() {
        let header = signature("whsec_a", 1_700_000_000, b"{\"id\":1}");
        assert!(header.starts_with("t=1700000000,v1="));
        assert!(verify("whsec_a", &header, b"{\"id\":1}"));
        assert!(!verify("whsec_b", &header, b"{\"id\":1}"));
        assert!(!verify("whsec_a", &header, b"{\"id\":2}"));
        let replayed = header.replace("t=1700000000", "t=1700000999");
        assert!(!verify("whsec_a", &replayed, b"{\"id\":1}"));
        assert!(!verify("whsec_a", "garbage", b"{\"id\":1}"));
    }

    #[test]
    fn the_wait_doubles_up_to_an_hour_within_its_jitter() {
        let base = Duration::from_secs(10);
        assert_eq!(backoff(base, 1, 0.5), Duration::from_secs(10));
        assert_eq!(backoff(base, 2, 0.5), Duration::from_secs(20));
        assert_eq!(backoff(base, 4, 0.5), Duration::from_secs(80));
        assert_eq!(backoff(base, 30, 0.5), MAX_BACKOFF);
        assert_eq!(backoff(base, 1, 0.0), Duration::from_secs(8));
        assert_eq!(backoff(base, 1, 1.0), Duration::from_secs(12));
    }
}
