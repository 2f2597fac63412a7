//! Finding values in free text, by hand and in linear time: mailboxes, logins, IPv4 and IPv6
//! addresses, host names.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::{Kind, Token, PLACEHOLDERS};
use crate::net;

/// Last labels taken as top-level domains in free text, besides any two-letter label.
pub(super) const TLDS: &[&str] = &[
    "com",
    "net",
    "org",
    "edu",
    "gov",
    "mil",
    "int",
    "info",
    "biz",
    "name",
    "pro",
    "mobi",
    "aero",
    "coop",
    "jobs",
    "travel",
    "asia",
    "arpa",
    "example",
    "test",
    "invalid",
    "local",
    "localdomain",
    "lan",
    "internal",
    "intranet",
    "corp",
    "home",
    "onion",
    "app",
    "dev",
    "cloud",
    "online",
    "site",
    "xyz",
    "email",
    "tech",
    "store",
    "shop",
    "blog",
    "news",
    "live",
    "digital",
    "network",
    "systems",
    "services",
    "solutions",
    "agency",
    "company",
    "global",
    "host",
    "hosting",
    "website",
    "space",
    "club",
    "top",
    "icu",
    "support",
    "works",
    "zone",
    "studio",
    "design",
    "media",
    "group",
    "team",
    "link",
    "science",
    "academy",
    "school",
    "university",
    "bank",
    "insurance",
    "health",
    "gmbh",
    "llc",
    "ltd",
    "inc",
];

/// Keys written before a mailbox with `=` (`smtp.mailfrom=alice@…`) that are not part of it.
const KEYS: &[&str] = &[
    "envelope-from",
    "envelope-sender",
    "mailfrom",
    "sender",
    "receiver",
    "identity",
    "helo",
];

/// What a hidden Subject becomes.
pub(crate) const SUBJECT_HIDDEN: &str = "(subject hidden)";

/// Lowercase, without a trailing dot.
pub(super) fn normalise(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// Characters of host names (letters of any script for internationalised names).
pub(super) fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '-'
        || c == '_'
        || c == '.'
        || (!c.is_ascii() && c.is_alphanumeric())
}

/// Characters of the local part of a mailbox (RFC 5322 `atext` and dots; any letters).
pub(super) fn is_local_char(c: char) -> bool {
    is_name_char(c) || "!#$%&'*+/=?^`{|}~".contains(c)
}

/// The name a structured field holds, if it is one name (not an address, not a placeholder).
pub(super) fn host_shaped(value: &str) -> Option<String> {
    let value = value.trim();
    let value = value
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(']'))
        .unwrap_or(value);
    let key = normalise(value);
    let ok = !key.is_empty()
        && key.len() <= 253
        && key.chars().all(is_name_char)
        && key.chars().any(|c| c.is_alphabetic())
        && !key.split('.').any(str::is_empty)
        && (key.contains('.') || key.chars().count() >= 2)
        && net::parse_ip(&key).is_none()
        && !PLACEHOLDERS.contains(&key.as_str());
    ok.then_some(key)
}

/// A dotted name whose last label looks like a top-level domain. `key` is lowercase.
pub(super) fn looks_like_host(key: &str) -> bool {
    let Some((rest, tld)) = key.rsplit_once('.') else {
        return false;
    };
    if rest.is_empty() || rest.split('.').any(str::is_empty) {
        return false;
    }
    let ascii_tld =
        tld.bytes().all(|b| b.is_ascii_lowercase()) && (tld.len() == 2 || TLDS.contains(&tld));
    let idn_tld = !tld.is_ascii() && tld.chars().all(char::is_alphabetic);
    ascii_tld || idn_tld || tld.starts_with("xn--")
}

/// The mailbox around the `@` at `chars[k]`, if there is one: a local part to its left and a
/// domain to its right.
pub(super) fn mailbox_at(text: &str, chars: &[(usize, char)], k: usize) -> Option<Token> {
    let at = chars[k].0;
    let mut left = k;
    while left > 0 && is_local_char(chars[left - 1].1) {
        left -= 1;
    }
    let mut start = chars.get(left).map_or(at, |&(i, _)| i);
    // `smtp.mailfrom=alice@…`: the key is not part of the mailbox.
    if let Some(eq) = text[start..at].find('=') {
        let key = text[start..start + eq].to_ascii_lowercase();
        let dotted = key.split_once('.').is_some_and(|(ptype, prop)| {
            ["smtp", "header", "body", "policy"].contains(&ptype)
                && !prop.is_empty()
                && prop.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
        if dotted || KEYS.contains(&key.as_str()) {
            start += eq + 1;
        }
    }
    let start = start + (text[start..at].len() - text[start..at].trim_start_matches('.').len());
    let mut right = k + 1;
    while right < chars.len() && is_name_char(chars[right].1) {
        right += 1;
    }
    let end = chars.get(right).map_or(text.len(), |&(i, _)| i);
    let domain = text[at + 1..end].trim_end_matches(['.', '-']);
    let end = at + 1 + domain.len();
    let has_alnum = domain.chars().any(char::is_alphanumeric);
    (start < at && has_alnum).then_some(Token {
        span: start..end,
        kind: Kind::Mailbox { at },
    })
}

/// Login names: the word after `authenticated user ` (SquirrelMail), `Authenticated sender: `
/// (Postfix), `authenticated as ` or `auth user `, in any case. A mailbox there is found as a
/// mailbox instead.
pub(super) fn scan_logins(text: &str, push: &mut dyn FnMut(Token)) {
    const PHRASES: &[&str] = &[
        "authenticated user ",
        "authenticated sender: ",
        "authenticated as ",
        "auth user ",
    ];
    let lower = text.to_ascii_lowercase();
    for phrase in PHRASES {
        for (i, _) in lower.match_indices(phrase) {
            let start = i + phrase.len();
            let word = text[start..]
                .split(|c: char| !is_local_char(c))
                .next()
                .unwrap_or("")
                .trim_end_matches('.');
            if !word.is_empty() {
                push(Token {
                    span: start..start + word.len(),
                    kind: Kind::Login,
                });
            }
        }
    }
}

pub(super) fn prev_char(chars: &[(usize, char)], k: usize) -> Option<char> {
    k.checked_sub(1).map(|p| chars[p].1)
}

/// IPv6 addresses: runs of hex digits, colons and dots (for an embedded IPv4) with at least two
/// colons that the standard library parses. A run starts after a non-word character or after
/// `IPv6:`; a zone (`%eth0`) is left as written.
pub(super) fn scan_ipv6(text: &str, chars: &[(usize, char)], push: &mut dyn FnMut(Token)) {
    let is_run = |c: char| c.is_ascii_hexdigit() || c == ':' || c == '.';
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        let boundary = match prev_char(chars, k) {
            None => true,
            Some(p) => {
                !(p.is_ascii_alphanumeric() || p == ':' || p == '.' || p == '_')
                    || text[..start]
                        .get(start.saturating_sub(5)..)
                        .is_some_and(|s| s.eq_ignore_ascii_case("ipv6:"))
            }
        };
        if !(is_run(c) && boundary) {
            k += 1;
            continue;
        }
        let mut e = k;
        while e < chars.len() && is_run(chars[e].1) {
            e += 1;
        }
        let run_end = chars.get(e).map_or(text.len(), |&(i, _)| i);
        let next_ok = chars
            .get(e)
            .is_none_or(|&(_, n)| !(n.is_ascii_alphanumeric() || n == '_'));
        let mut candidate = &text[start..run_end];
        // An address is at most 45 characters; longer runs (`::::…`) are not tried, which
        // keeps the trimming below from going quadratic.
        if next_ok && candidate.len() <= 64 {
            loop {
                if candidate.matches(':').count() >= 2 {
                    if let Ok(v6) = candidate.parse::<Ipv6Addr>() {
                        let (ip, mapped) = match v6.to_ipv4_mapped() {
                            Some(v4) => (IpAddr::V4(v4), true),
                            None => (IpAddr::V6(v6), false),
                        };
                        push(Token {
                            span: start..start + candidate.len(),
                            kind: Kind::Ip { ip, mapped },
                        });
                        break;
                    }
                }
                match candidate.strip_suffix(['.', ':']) {
                    Some(shorter) => candidate = shorter,
                    None => break,
                }
            }
        }
        k = e.max(k + 1);
    }
}

/// IPv4 dotted quads, not inside a longer dotted number, not part of a Sendmail version pair.
pub(super) fn scan_ipv4(text: &str, chars: &[(usize, char)], push: &mut dyn FnMut(Token)) {
    let bytes = text.as_bytes();
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        let boundary = prev_char(chars, k)
            .is_none_or(|p| !(p.is_ascii_alphanumeric() || p == '.' || p == '_'));
        if !(c.is_ascii_digit() && boundary) {
            k += 1;
            continue;
        }
        match quad_at(bytes, start) {
            Some((ip, end)) => {
                // `8.16.0.42/8.16.0.42`: Sendmail's version, twice.
                let pair = bytes.get(end) == Some(&b'/') && quad_at(bytes, end + 1).is_some();
                if !pair {
                    push(Token {
                        span: start..end,
                        kind: Kind::Ip {
                            ip: IpAddr::V4(ip),
                            mapped: false,
                        },
                    });
                }
                let skip_to = if pair {
                    quad_at(bytes, end + 1).map_or(end, |(_, e)| e)
                } else {
                    end
                };
                while k < chars.len() && chars[k].0 < skip_to {
                    k += 1;
                }
            }
            None => k += 1,
        }
    }
}

/// A dotted quad starting at byte `i`, with what follows it not continuing a word or a
/// dotted number.
pub(super) fn quad_at(bytes: &[u8], mut i: usize) -> Option<(Ipv4Addr, usize)> {
    let mut parts = [0u8; 4];
    for (n, part) in parts.iter_mut().enumerate() {
        if n > 0 {
            if bytes.get(i) != Some(&b'.') {
                return None;
            }
            i += 1;
        }
        let digits = bytes[i.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if !(1..=3).contains(&digits) {
            return None;
        }
        let value: u32 = bytes[i..i + digits]
            .iter()
            .fold(0, |v, b| v * 10 + u32::from(b - b'0'));
        *part = u8::try_from(value).ok()?;
        i += digits;
    }
    let continues = match bytes.get(i) {
        None => false,
        Some(b) if b.is_ascii_alphanumeric() || *b == b'_' => true,
        Some(b'.') => bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphanumeric()),
        Some(_) => false,
    };
    (!continues).then_some((Ipv4Addr::from(parts), i))
}
