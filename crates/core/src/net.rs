//! Addresses and names: what is loopback, private, or the same organisation.

use std::borrow::Cow;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Parses an address as MTAs write it: `192.0.2.1`, `IPv6:2001:db8::1`, `::ffff:192.0.2.7`,
/// `fe80::1%eth0`. IPv4-mapped IPv6 addresses become IPv4.
pub(crate) fn parse_ip(written: &str) -> Option<IpAddr> {
    let s = written
        .trim()
        .trim_start_matches("IPv6:")
        .trim_start_matches("ipv6:");
    let s = s.split('%').next().unwrap_or(s);
    let ip: IpAddr = s.parse().ok()?;
    Some(match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    })
}

pub(crate) fn is_loopback(ip: &IpAddr) -> bool {
    ip.is_loopback()
}

/// RFC 1918, RFC 6598 (CGNAT), link-local, RFC 4193 unique-local: addresses that do not
/// route on the Internet, so a hop between them stayed inside an organisation.
pub(crate) fn is_private(ip: &IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_private_v4(v4),
        IpAddr::V6(v6) => is_private_v6(v6),
    }
}

fn is_private_v4(ip: &Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_private() || ip.is_link_local() || (a == 100 && (64..128).contains(&b))
}

fn is_private_v6(ip: &Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80
}

/// Second-level labels under which registrations sit one level deeper (`example.co.uk`).
const SECOND_LEVEL: &[&str] = &[
    "co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go",
];

/// The organisation a host name belongs to, approximated as its registrable domain: the last
/// two labels, or three under a two-letter country code with a generic second level
/// (`mx.example.co.uk` → `example.co.uk`). A full public-suffix list would cost ~200 KB of wasm
/// for little gain on mail server names, so we accept this approximation.
pub(crate) fn organisation(host: &str) -> Option<Cow<'_, str>> {
    let host = host.trim_end_matches('.');
    if host.is_empty()
        || !host.contains('.')
        || host.split('.').any(str::is_empty)
        || parse_ip(host).is_some()
    {
        return None;
    }
    // Walk back over the last labels without collecting them all.
    let mut labels = host.rsplit('.');
    let tld = labels.next()?;
    let second = labels.next()?;
    let third = labels.next();
    let keep = match third {
        Some(_)
            if tld.len() == 2 && SECOND_LEVEL.iter().any(|s| s.eq_ignore_ascii_case(second)) =>
        {
            3
        }
        _ => 2,
    };
    // Each kept label and its dot; the whole name when it has no more labels than that.
    let kept: usize = host.rsplit('.').take(keep).map(|l| l.len() + 1).sum();
    let start = (host.len() + 1).saturating_sub(kept);
    // Borrowed when already lower case (almost always): this runs several times per hop.
    let org = &host[start..];
    Some(if org.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(org.to_ascii_lowercase())
    } else {
        Cow::Borrowed(org)
    })
}

/// Providers whose mail servers live under several registrable domains. Hops between them are
/// inside one organisation (`*.prod.outlook.com` → `*.outlook.office365.com`).
const PROVIDERS: &[&[&str]] = &[
    &[
        "outlook.com",
        "office365.com",
        "microsoft.com",
        "hotmail.com",
        "live.com",
        "outlook.cn",
    ],
    &["google.com", "gmail.com", "googlemail.com", "1e100.net"],
    &["yahoo.com", "yahoodns.net", "yahoo.net", "aol.com"],
    &["icloud.com", "me.com", "apple.com"],
    &["amazonses.com", "amazonaws.com"],
    &["mailgun.net", "mailgun.org", "postgun.com"],
    &["sendgrid.net", "sendgrid.com"],
];

/// Whether two organisations (see [`organisation`]) are one.
pub(crate) fn same_organisation(a: &str, b: &str) -> bool {
    a == b || PROVIDERS.iter().any(|p| p.contains(&a) && p.contains(&b))
}

/// Whether two names are the same host (case and a trailing dot aside).
pub(crate) fn same_host(a: &str, b: &str) -> bool {
    a.trim_end_matches('.')
        .eq_ignore_ascii_case(b.trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(parse_ip("IPv6:2001:db8::1"), "2001:db8::1".parse().ok());
        assert_eq!(parse_ip("::ffff:192.0.2.7"), "192.0.2.7".parse().ok());
        assert_eq!(parse_ip("fe80::1%eth0"), "fe80::1".parse().ok());
        assert_eq!(parse_ip("mail.example"), None);
        for p in [
            "10.1.2.3",
            "172.20.0.1",
            "192.168.1.1",
            "100.64.0.1",
            "fd00::1",
            "fe80::1",
            "169.254.1.1",
        ] {
            assert!(is_private(&parse_ip(p).unwrap()), "{p}");
        }
        for p in [
            "192.0.2.1",
            "8.8.8.8",
            "2001:db8::1",
            "100.128.0.1",
            "172.32.0.1",
        ] {
            assert!(!is_private(&parse_ip(p).unwrap()), "{p}");
        }
        assert!(
            is_loopback(&parse_ip("::1").unwrap()) && is_loopback(&parse_ip("127.0.0.2").unwrap())
        );
    }

    #[test]
    fn organisations() {
        assert_eq!(
            organisation("mx1.mail.Example.NET.").as_deref(),
            Some("example.net")
        );
        assert_eq!(
            organisation("mx.example.co.uk").as_deref(),
            Some("example.co.uk")
        );
        assert_eq!(
            organisation("AM6PR04MB1234.eurprd04.prod.outlook.com").as_deref(),
            Some("outlook.com")
        );
        assert_eq!(organisation("localhost"), None);
        assert_eq!(organisation("192.0.2.1"), None);
        assert_eq!(organisation("a..b"), None);
    }
}
