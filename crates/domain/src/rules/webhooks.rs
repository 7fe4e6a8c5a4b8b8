//! Webhooks' rules: which URLs may receive deliveries and how a delivery is signed (when a
//! failed one is tried again is `retry`).

use crate::DomainError;
use crate::FieldErrorCode;
use crate::rules::validation;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::net::IpAddr;

/// The header carrying the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`.
pub const SIGNATURE_HEADER: &str = "Klastry-Signature";

/// The header carrying the event's id, the same on every retry, for de-duplication.
pub const EVENT_ID_HEADER: &str = "Klastry-Event-Id";

/// The header carrying the event's kind.
pub const EVENT_KIND_HEADER: &str = "Klastry-Event-Kind";

/// Checks a webhook's URL: HTTPS, no credentials in it, at most 2000 characters. Addresses of
/// this machine and of private networks (named as such or written as IP addresses) are refused
/// unless `allow_private_networks`, and then plain HTTP to this machine is allowed too
/// (development and tests): otherwise a partner could make the server call the services
/// beside it. Names are checked again when resolved, at each delivery ([`is_public_address`]).
pub fn validate_url(url: &str, allow_private_networks: bool) -> Result<(), DomainError> {
    let bad = |message: &str| DomainError::invalid("url", FieldErrorCode::InvalidFormat, message);
    let length = url.chars().count();
    if length > 2000 {
        return Err(validation::too_long("url", 2000, length).into());
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
    let host = host_of(authority);
    let loopback = is_loopback(host);
    let private = loopback
        || host
            .parse::<IpAddr>()
            .is_ok_and(|ip| !is_public_address(ip));
    if private && !allow_private_networks {
        return Err(DomainError::invalid(
            "url",
            FieldErrorCode::NotAllowed,
            "must not point at the registry's own machine or a private network",
        ));
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err(bad("must use https")),
    }
}

/// The host of a URL's authority, without port or IPv6 brackets.
pub fn host_of(authority: &str) -> &str {
    if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or_default()
    } else {
        authority.rsplit_once(':').map_or(authority, |(h, _)| h)
    }
}

/// Whether an address is on the public internet: not this machine, a private or shared
/// network, a link-local range (where clouds serve their metadata), multicast, reserved, or an
/// IPv6 form that carries an IPv4 address a gateway would reach on the machine's behalf (NAT64,
/// 6to4, Teredo, IPv4-compatible), whatever IPv4 address it carries.
pub fn is_public_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                // IETF protocol assignments, and the old 6to4 relay anycast.
                || (a == 192 && b == 0 && c == 0)
                || (a == 192 && b == 88 && c == 99)
                // Benchmarking (RFC 2544): 198.18.0.0/15.
                || (a == 198 && (b == 18 || b == 19))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_address(IpAddr::V4(v4));
            }
            let s = v6.segments();
            let embeds_ipv4 =
                // IPv4-compatible (::a.b.c.d, deprecated) and the rest of ::/96.
                s[..6].iter().all(|x| *x == 0)
                // NAT64, well-known and local-use prefixes: 64:ff9b::/96, 64:ff9b:1::/48.
                || (s[0] == 0x64 && s[1] == 0xff9b)
                // 6to4: 2002::/16.
                || s[0] == 0x2002
                // Teredo: 2001::/32.
                || (s[0] == 0x2001 && s[1] == 0);
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || embeds_ipv4
                // Documentation (2001:db8::/32) and discard-only (100::/64).
                || (s[0] == 0x2001 && s[1] == 0x0db8)
                || (s[0] == 0x0100 && s[1..4].iter().all(|x| *x == 0))
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80)
        }
    }
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback() || is_mapped_loopback(ip))
}

fn is_mapped_loopback(ip: IpAddr) -> bool {
    matches!(ip, IpAddr::V6(v6) if v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()))
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
    fn this_machine_and_private_networks_are_refused_in_production() {
        for url in [
            "http://127.0.0.1:9000/hook",
            "https://localhost/admin",
            "https://127.0.0.2/",
            "https://10.1.2.3/",
            "https://192.168.0.10:8443/",
            "https://169.254.169.254/latest/meta-data",
            "https://[fd00::1]/",
            "https://[::ffff:10.0.0.1]/",
        ] {
            assert!(validate_url(url, false).is_err(), "{url}");
        }
        assert!(validate_url("https://93.184.216.34/hook", false).is_ok());
    }

    #[test]
    fn only_internet_addresses_are_public() {
        for ip in ["8.8.8.8", "93.184.216.34", "2a00:1450:4001::200e"] {
            assert!(is_public_address(ip.parse().expect("ip")), "{ip}");
        }
        for ip in [
            "127.0.0.1",
            "10.0.0.1",
            "172.16.5.4",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fc00::1",
            "::ffff:127.0.0.1",
            "198.18.0.1",
            "198.19.255.254",
            "192.0.0.8",
            "64:ff9b::a00:1",
            "64:ff9b::808:808",
            "64:ff9b:1::1",
            "2002:c0a8:1::1",
            "2002:808:808::1",
            "::10.0.0.1",
            "::8.8.8.8",
            "2001:0:4136:e378::1",
            "2001:db8::1",
            "100::1",
        ] {
            assert!(!is_public_address(ip.parse().expect("ip")), "{ip}");
        }
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
}
