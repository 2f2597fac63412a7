//! Addresses and names: what is loopback, private, or the same organisation.

use std::borrow::Cow;
#[cfg(not(feature = "speed"))]
use std::fmt::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::ascii::IgnoreCase;

/// Parses an address as MTAs write it: `192.0.2.1`, `IPv6:2001:db8::1`, `::ffff:192.0.2.7`,
/// `fe80::1%eth0`, `192.0.2.1:4123`. IPv4-mapped IPv6 addresses become IPv4.
///
/// Called on many words of every hop, most of them host names: a word that cannot be an
/// address (a letter past `f`, a hyphen…) is refused before the standard parser runs.
pub(crate) fn parse_ip(written: &str) -> Option<IpAddr> {
    let s = written.trim_ascii();
    // Most words here are host names, refused by their first letter (past `f`, not the `I`
    // of `IPv6:`) before the searches below.
    let first = s.as_bytes().first().copied().unwrap_or(0);
    if !(first.is_ascii_hexdigit() || matches!(first, b'.' | b':' | b'I' | b'i')) {
        return None;
    }
    let s = match s.get(..5) {
        Some(head) if head.eq_ignore_case("IPv6:") => &s[5..],
        _ => s,
    };
    // A dotted IPv4 address, the usual case, is read at once (the pass below would only find
    // it has no colon and no zone, and so read it the same way).
    #[cfg(feature = "speed")]
    if let Some(v4) = parse_ipv4(s.as_bytes()) {
        return Some(IpAddr::V4(v4));
    }
    // One pass: the address ends at a zone id (`%eth0`), and anything else but hex digits,
    // dots and colons refuses the word. The colons tell the kind, so only one of the standard
    // parsers runs (`IpAddr`'s tries IPv4 first, then IPv6).
    let mut colons = 0;
    let mut end = s.len();
    for (i, c) in s.bytes().enumerate() {
        match c {
            b':' => colons += 1,
            b'%' => {
                end = i;
                break;
            }
            c if c.is_ascii_hexdigit() || c == b'.' => {}
            _ => return None,
        }
    }
    #[cfg(feature = "speed")]
    let zone_cut = end < s.len();
    let s = &s[..end];
    if s.len() < 2 {
        return None;
    }
    #[cfg(feature = "speed")]
    let ip = if colons == 0 {
        // Without a zone id, the text is the one read as IPv4 above: not read again.
        zone_cut
            .then(|| parse_ipv4(s.as_bytes()))
            .flatten()
            .map(IpAddr::V4)
    } else {
        parse_ipv6(s).map(IpAddr::V6)
    };
    // Without the `speed` feature (the page's own wasm), the one standard parser of both kinds:
    // fewer bytes.
    #[cfg(not(feature = "speed"))]
    let ip = s.parse().ok();
    ip.or_else(|| without_port(s, colons)).map(unmapped)
}

/// An IPv4-mapped IPv6 address (`::ffff:192.0.2.7`) as the IPv4 address it carries.
fn unmapped(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// `text.parse::<Ipv4Addr>()` without the standard parser's general machinery (a closure and
/// a rollback per part): 0.4k fewer instructions on the benchmark's typical block. Same
/// answers (tested below against it): four decimal parts of one to three digits, separated by
/// dots, each at most 255 and without leading zeros. Only with the `speed` feature.
#[cfg(feature = "speed")]
fn parse_ipv4(b: &[u8]) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut i = 0;
    for (k, octet) in octets.iter_mut().enumerate() {
        if k > 0 {
            if b.get(i) != Some(&b'.') {
                return None;
            }
            i += 1;
        }
        let start = i;
        let mut value = 0u32;
        while let Some(digit) = b.get(i).filter(|d| d.is_ascii_digit() && i - start < 3) {
            value = value * 10 + u32::from(digit - b'0');
            i += 1;
        }
        let digits = i - start;
        if digits == 0 || value > 255 || (digits > 1 && b[start] == b'0') {
            return None;
        }
        *octet = value as u8;
    }
    (i == b.len()).then_some(Ipv4Addr::from(octets))
}

/// `text.parse::<Ipv6Addr>()` in one pass: the standard parser tries an embedded IPv4 address
/// before every group and reads the groups after a `::` again as a second part, which costs
/// thousands of instructions on the few IPv6 addresses of a typical block. Same answers (tested
/// below against it): groups of one to four hex digits separated by `:`, at most one `::`
/// standing for one or more zero groups, and an IPv4 address only as the last two groups. Only
/// with the `speed` feature: the page's own wasm has the standard parser anyway.
#[cfg(feature = "speed")]
fn parse_ipv6(text: &str) -> Option<Ipv6Addr> {
    let b = text.as_bytes();
    let mut groups = [0u16; 8];
    let mut filled = 0;
    // Where the `::` stands among the groups.
    let mut gap = None;
    let mut i = 0;
    if b.starts_with(b"::") {
        if b.len() == 2 {
            return Some(Ipv6Addr::UNSPECIFIED);
        }
        gap = Some(0);
        i = 2;
    }
    // A group begins the text and follows every single `:`; the text may end after a `::`.
    loop {
        // A `::` stands for at least one zero group, so one fewer is written.
        let room = if gap.is_some() { 7 } else { 8 };
        if filled == room {
            return None;
        }
        let start = i;
        let mut group = 0u16;
        while let Some(digit) = b.get(i).and_then(|&c| char::from(c).to_digit(16)) {
            if i - start == 4 {
                return None;
            }
            group = group << 4 | digit as u16;
            i += 1;
        }
        if i == start {
            return None;
        }
        if b.get(i) == Some(&b'.') {
            // An IPv4 address: the last two groups, up to the end of the text.
            if filled + 2 > room {
                return None;
            }
            let [o1, o2, o3, o4] = parse_ipv4(&b[start..])?.octets();
            groups[filled] = u16::from_be_bytes([o1, o2]);
            groups[filled + 1] = u16::from_be_bytes([o3, o4]);
            filled += 2;
            break;
        }
        groups[filled] = group;
        filled += 1;
        match b.get(i) {
            None => break,
            Some(b':') => i += 1,
            Some(_) => return None,
        }
        if b.get(i) == Some(&b':') {
            if gap.is_some() {
                return None;
            }
            gap = Some(filled);
            i += 1;
            if i == b.len() {
                break;
            }
        }
    }
    match gap {
        None if filled == 8 => {}
        // The groups after the `::` go to the end, zeros in their place.
        Some(at) if filled < 8 => {
            let after = filled - at;
            groups.copy_within(at..filled, 8 - after);
            groups[at..8 - after].fill(0);
        }
        _ => return None,
    }
    Some(Ipv6Addr::from(groups))
}

/// An address written with the client's port after it, as some servers do:
/// `192.0.2.1:4123` (Momentum, Exim with `received_header_text` tweaks) or, for IPv6,
/// `2001:db8::7.33923` (Momentum writes the port after a dot). `colons` counts those in `s`.
fn without_port(s: &str, colons: usize) -> Option<IpAddr> {
    let (addr, port) = match colons {
        1 => s.split_once(':')?,
        0 => return None,
        _ => s.rsplit_once('.')?,
    };
    if port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let ip: IpAddr = addr.parse().ok()?;
    // `1:2` is no IPv4 with a port, nor `::1.2` an IPv6 one: the kinds must match.
    (ip.is_ipv4() == (colons == 1)).then_some(ip)
}

/// An address as the standard library writes it (RFC 5952 for IPv6), borrowing `written` (the
/// text it was read from) when that is already the same, as IPv4 nearly always is. Written
/// without the formatting machinery (IPv6 too with the `speed` feature): this runs for every
/// hop's sender.
pub(crate) fn ip_text(ip: IpAddr, written: &str) -> Cow<'_, str> {
    let mut out = [0u8; 45];
    let n = match ip {
        IpAddr::V4(v4) => write_v4(v4, &mut out, 0),
        #[cfg(feature = "speed")]
        IpAddr::V6(v6) => write_v6(v6, &mut out),
        #[cfg(not(feature = "speed"))]
        IpAddr::V6(_) => {
            let mut rest = Unwritten(written.as_bytes());
            return if write!(rest, "{ip}").is_ok() && rest.0.is_empty() {
                Cow::Borrowed(written)
            } else {
                Cow::Owned(ip.to_string())
            };
        }
    };
    if out[..n] == *written.as_bytes() {
        return Cow::Borrowed(written);
    }
    // Hex digits, digits, dots and colons only: always ASCII.
    Cow::Owned(String::from_utf8(out[..n].to_vec()).unwrap_or_default())
}

/// Writes `v4` as `192.0.2.1` into `out` from `n` on; returns where it ends.
fn write_v4(v4: Ipv4Addr, out: &mut [u8; 45], mut n: usize) -> usize {
    for (i, octet) in v4.octets().into_iter().enumerate() {
        if i > 0 {
            out[n] = b'.';
            n += 1;
        }
        if octet >= 100 {
            out[n] = b'0' + octet / 100;
            n += 1;
        }
        if octet >= 10 {
            out[n] = b'0' + octet / 10 % 10;
            n += 1;
        }
        out[n] = b'0' + octet % 10;
        n += 1;
    }
    n
}

/// Writes `v6` as the standard library's `Display` does (RFC 5952: lower-case groups without
/// leading zeros, the first longest run of two or more zero groups as `::`, an IPv4-mapped
/// address as `::ffff:192.0.2.1`) into `out`; returns its length. Tested against `Display`.
#[cfg(feature = "speed")]
fn write_v6(v6: Ipv6Addr, out: &mut [u8; 45]) -> usize {
    if let Some(v4) = v6.to_ipv4_mapped() {
        out[..7].copy_from_slice(b"::ffff:");
        return write_v4(v4, out, 7);
    }
    let groups = v6.segments();
    // The first longest run of zero groups.
    let (mut zeros, mut zeros_len) = (0, 0);
    let mut i = 0;
    while i < 8 {
        let start = i;
        while i < 8 && groups[i] == 0 {
            i += 1;
        }
        if i - start > zeros_len {
            (zeros, zeros_len) = (start, i - start);
        }
        i += 1;
    }
    if zeros_len > 1 {
        let at = write_groups(out, &groups[..zeros], 0);
        out[at..at + 2].copy_from_slice(b"::");
        write_groups(out, &groups[zeros + zeros_len..], at + 2)
    } else {
        write_groups(out, &groups, 0)
    }
}

/// Writes `groups` in hex, separated by colons, into `out` from `at` on; returns the end.
#[cfg(feature = "speed")]
fn write_groups(out: &mut [u8; 45], groups: &[u16], mut at: usize) -> usize {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for (k, &g) in groups.iter().enumerate() {
        if k > 0 {
            out[at] = b':';
            at += 1;
        }
        let digits = (16 - g.leading_zeros() as usize).div_ceil(4).max(1);
        for d in (0..digits).rev() {
            out[at] = HEX[usize::from(g >> (4 * d) & 0xf)];
            at += 1;
        }
    }
    at
}

/// What is left of a text that is being written again: writing fails at the first difference,
/// so comparing a value's display with a text needs no string.
#[cfg(not(feature = "speed"))]
struct Unwritten<'a>(&'a [u8]);

#[cfg(not(feature = "speed"))]
impl std::fmt::Write for Unwritten<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let rest = self.0.strip_prefix(s.as_bytes()).ok_or(std::fmt::Error)?;
        self.0 = rest;
        Ok(())
    }
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

/// Whether a host name spells an IP address, as access providers and clouds name their
/// customers' machines: four numbers up to 255 in a row, separated by `-`, `.` or `_`, in
/// either order (`c-73-22-11-4.hsd1.ca.example.net`, `4.11.22.73.dyn.example.net`,
/// `ip-10-1-2-3.ec2.internal`); eight hex digits standing alone in a label or between dashes
/// (`host-c0000207.example.net`); or an IPv6 address with `-` for `:` (`2001-db8--7.example`).
/// Over-matching only hides a little more than asked, under-matching would leak an address.
pub(crate) fn embeds_ip(name: &str) -> bool {
    let b = name.as_bytes();
    let sep = |c: u8| matches!(c, b'-' | b'.' | b'_');
    // Decimal: a run of digit groups joined by single separators, four of them ≤ 255.
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let mut groups = 0;
        let mut j = i;
        loop {
            let start = j;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            let digits = &name[start..j];
            if digits.is_empty()
                || digits.len() > 3
                || digits.parse::<u16>().map_or(true, |n| n > 255)
            {
                break;
            }
            groups += 1;
            if groups == 4 {
                return true;
            }
            if j + 1 < b.len() && sep(b[j]) && b[j + 1].is_ascii_digit() {
                j += 1;
            } else {
                break;
            }
        }
        i = j.max(i + 1);
    }
    // Hex: eight hex digits (with a digit among them) between label or dash boundaries. The
    // separators are ASCII, so the name is split as bytes, without decoding characters.
    let hex_run = |part: &[u8]| {
        part.len() == 8
            && part.iter().all(u8::is_ascii_hexdigit)
            && part.iter().any(u8::is_ascii_digit)
    };
    if b.split(|&c| sep(c)).any(hex_run) {
        return true;
    }
    // IPv6 with dashes: a label of hex groups of up to four digits (a digit among them) or
    // empty ones, with at least five groups filled, or two and a `--`. One pass per label.
    b.split(|&c| c == b'.').any(|label| {
        let (mut filled, mut group, mut digit) = (0, 0, false);
        for &c in label {
            if c == b'-' {
                group = 0;
                continue;
            }
            if !c.is_ascii_hexdigit() || group == 4 {
                return false;
            }
            if group == 0 {
                filled += 1;
            }
            group += 1;
            digit |= c.is_ascii_digit();
        }
        digit && (filled >= 5 || (filled >= 2 && label.windows(2).any(|w| w == b"--")))
    })
}

/// Second-level labels under which registrations sit one level deeper (`example.co.uk`).
const SECOND_LEVEL: &[&str] = &[
    "co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go",
];

/// The organisation a host name belongs to, approximated as its registrable domain: the last
/// two labels, or three under a two-letter country code with a generic second level
/// (`mx.example.co.uk` → `example.co.uk`). A full public-suffix list would cost ~200 KB of wasm
/// for little gain on mail server names, so we accept this approximation.
///
/// One backward pass over the name: this runs for several names of every hop.
pub(crate) fn organisation(host: &str) -> Option<Cow<'_, str>> {
    let host = without_final_dots(host);
    let b = host.as_bytes();
    // The dots of the last three labels, from the end; an empty label or no dot is no name.
    let mut dots = [0usize; 3];
    let mut found = 0;
    // What is left of the name before the last dot found (`rposition` over it compiles to a
    // tighter loop than indexing).
    let mut before = b;
    while let Some(i) = before.iter().rposition(|&c| c == b'.') {
        if i + 1 == before.len() {
            return None;
        }
        if found < 3 {
            dots[found] = i;
        }
        found += 1;
        before = &b[..i];
    }
    if found == 0 || before.is_empty() {
        return None;
    }
    // All hex digits, dots and colons: maybe an address, which is no organisation. (Most
    // names fail this test at their first letter.)
    let letters = b
        .iter()
        .any(|&c| !(c.is_ascii_hexdigit() || c == b':' || c == b'.'));
    if !letters && parse_ip(host).is_some() {
        return None;
    }
    let tld = &host[dots[0] + 1..];
    let second = &host[dots.get(1).filter(|_| found > 1).map_or(0, |d| d + 1)..dots[0]];
    let keep =
        if found >= 2 && tld.len() == 2 && SECOND_LEVEL.iter().any(|s| s.eq_ignore_case(second)) {
            3
        } else {
            2
        };
    // The whole name when it has no more labels than that.
    let start = if found >= keep { dots[keep - 1] + 1 } else { 0 };
    // Borrowed when already lower case (almost always). A fold, not `any`: with no early exit
    // to take, the loop compiles to fewer instructions a byte.
    let org = &host[start..];
    Some(
        if org
            .bytes()
            .fold(false, |upper, b| upper | b.is_ascii_uppercase())
        {
            Cow::Owned(crate::ascii::lowercase(org))
        } else {
            Cow::Borrowed(org)
        },
    )
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
        "exchangelabs.com",
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
    without_final_dots(a).eq_ignore_case(without_final_dots(b))
}

/// `name` without the dots that end it (`mx.example.` → `mx.example`), as `trim_end_matches('.')`
/// but a byte at a time rather than through the char pattern machinery.
pub(crate) fn without_final_dots(name: &str) -> &str {
    let mut end = name.len();
    while end > 0 && name.as_bytes()[end - 1] == b'.' {
        end -= 1;
    }
    &name[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written IPv6 form is the standard library's, for every shape of zero runs.
    #[cfg(all(feature = "speed", not(target_arch = "wasm32")))]
    mod ipv6_text_as_std {
        use super::*;
        use proptest::prelude::*;

        fn ours(v6: Ipv6Addr) -> String {
            let mut out = [0u8; 45];
            let n = write_v6(v6, &mut out);
            String::from_utf8(out[..n].to_vec()).unwrap()
        }

        #[test]
        fn edge_cases() {
            for text in [
                "::",
                "::1",
                "1::",
                "1:0:0:1:0:0:0:1",
                "1:0:0:0:1:0:0:1",
                "0:0:1:0:0:1:0:0",
                "1:0:1:0:1:0:1:0",
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "2001:db8::7",
                "::ffff:192.0.2.1",
                "::192.0.2.1",
                "64:ff9b::192.0.2.1",
                "fe80::a:b0:c00:d000",
            ] {
                let v6: Ipv6Addr = text.parse().unwrap();
                assert_eq!(ours(v6), v6.to_string(), "{text}");
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(5000))]
            #[test]
            fn same_as_display(groups in proptest::array::uniform8(prop_oneof![
                Just(0u16), Just(1u16), Just(0xffff_u16), any::<u16>(), 0u16..0x100,
            ])) {
                let v6 = Ipv6Addr::from(groups);
                prop_assert_eq!(ours(v6), v6.to_string());
            }
        }
    }

    #[test]
    fn addresses() {
        assert_eq!(parse_ip("IPv6:2001:db8::1"), "2001:db8::1".parse().ok());
        assert_eq!(parse_ip("::ffff:192.0.2.7"), "192.0.2.7".parse().ok());
        assert_eq!(parse_ip("fe80::1%eth0"), "fe80::1".parse().ok());
        // An IPv4 address with a zone id is read past the zone; a version number is no address.
        assert_eq!(parse_ip("192.0.2.1%eth0"), "192.0.2.1".parse().ok());
        assert_eq!(parse_ip("192.0.2.1:25"), "192.0.2.1".parse().ok());
        assert_eq!(parse_ip("15.20.8158.12"), None);
        assert_eq!(parse_ip("mail.example"), None);
        assert_eq!(parse_ip("Ipv6:2001:db8::1"), "2001:db8::1".parse().ok());
        assert_eq!(parse_ip(" 192.0.2.1 "), "192.0.2.1".parse().ok());
        assert_eq!(parse_ip("beef.cafe"), None);
        for ip in [
            "0.0.0.0",
            "192.0.2.1",
            "10.100.9.255",
            "255.255.255.255",
            "2001:db8::1",
            "::1",
        ] {
            let parsed = parse_ip(ip).unwrap();
            assert_eq!(ip_text(parsed, ""), parsed.to_string());
            assert!(matches!(ip_text(parsed, ip), Cow::Borrowed(t) if t == ip));
        }
        // Written otherwise: the standard form, not the text.
        for (written, standard) in [
            ("2001:DB8:0::1", "2001:db8::1"),
            ("2001:db8::1:0", "2001:db8::1:0"),
            ("2001:db8:0:0:0:0:0:1", "2001:db8::1"),
            ("[192.0.2.1]", "192.0.2.1"),
        ] {
            let parsed = parse_ip(written.trim_matches(['[', ']'])).unwrap();
            assert_eq!(ip_text(parsed, written), standard);
        }
        assert_eq!(
            ip_text(parse_ip("2001:db8::1").unwrap(), "2001:db8::1:5"),
            "2001:db8::1"
        );
        assert_eq!(parse_ip("10.1.2.3:49601"), "10.1.2.3".parse().ok());
        assert_eq!(
            parse_ip("2001:db8:f400:7eaa::207.33923"),
            "2001:db8:f400:7eaa::207".parse().ok()
        );
        assert_eq!(parse_ip("10.1.2.3:"), None);
        assert_eq!(parse_ip("10.1.2:49601"), None);
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

    /// The hand parser's edge cases, each compared with the standard parser.
    #[cfg(feature = "speed")]
    #[test]
    fn ipv6_as_the_standard_library() {
        for text in [
            "::",
            "::1",
            "1::",
            "1::2",
            "2001:db8::1",
            "2001:DB8:0:0:0:0:0:1",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1:2:3::5:6:7:8",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "0000:0000:0000:0000:0000:0000:0000:0001",
            "::ffff:192.0.2.7",
            "::192.0.2.7",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5::1.2.3.4",
            "::1:2:3:4:5:1.2.3.4",
            "2001:db8:f400:7eaa::207",
            // Refused.
            "",
            ":",
            ":::",
            "1:::2",
            ":1::2",
            "1::2:",
            "1::2::3",
            "1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7:8::",
            "1:2:3:4:5:6:7::8",
            "::1:2:3:4:5:6:7:8",
            "12345::1",
            "::00000",
            "1:2:3:4:5:6:7:1.2.3.4",
            "1:2:3:4:5:6::1.2.3.4",
            "::1:2:3:4:5:6:1.2.3.4",
            "1.2.3.4::",
            "1:2:3:1.2.3.4",
            "::1.2.3.4:1",
            "::1.2.3.4.5",
            "::1.2.3",
            "::01.2.3.4",
            "::1.2.3.256",
            "::1.2.3.4a",
            "::a.2.3.4",
            "::1234.1.1.1",
            "::1.2.3.4 ",
            "::g",
            "::1%eth0",
            "::é",
        ] {
            assert_eq!(parse_ipv6(text), text.parse().ok(), "{text:?}");
        }
    }

    /// The hand IPv4 parser's edge cases, each compared with the standard parser.
    #[cfg(feature = "speed")]
    #[test]
    fn ipv4_as_the_standard_library() {
        for text in [
            "",
            ".",
            "0.0.0.0",
            "255.255.255.255",
            "256.0.0.1",
            "1.2.3",
            "1.2.3.4.",
            ".1.2.3.4",
            "01.2.3.4",
            "1.2.3.04",
            "1.2.3.00",
            "0.0.0.00",
            "1..2.3",
            "1.2.3.4 ",
            "1234.1.1.1",
            "1.2.3.1000",
            "999.1.1.1",
            "1.2.3.4:25",
            "١.٢.٣.٤",
            "+1.2.3.4",
            "1.2.3.-4",
        ] {
            assert_eq!(parse_ipv4(text.as_bytes()), text.parse().ok(), "{text:?}");
        }
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
        assert_eq!(organisation(".example.net"), None);
        assert_eq!(organisation("example.net").as_deref(), Some("example.net"));
        assert_eq!(
            organisation("a.b.c.example.net").as_deref(),
            Some("example.net")
        );
        assert_eq!(organisation("co.uk").as_deref(), Some("co.uk"));
        assert_eq!(
            organisation("example.co.uk").as_deref(),
            Some("example.co.uk")
        );
        assert_eq!(organisation("2001:db8::1"), None);
        assert_eq!(organisation("cafe.be").as_deref(), Some("cafe.be"));
    }
}

/// The hand IPv4 and IPv6 parsers accept what the standard ones accept, and read the same
/// address.
#[cfg(all(test, feature = "speed", not(target_arch = "wasm32")))]
mod properties {
    use super::{parse_ipv4, parse_ipv6};
    use proptest::prelude::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    const PIECES: &[&str] = &[
        "0",
        "1",
        "7",
        "a",
        "F",
        "db8",
        "ffff",
        "FFFF",
        "0000",
        "12345",
        "00000",
        "2001",
        ":",
        "::",
        ":::",
        ".",
        "1.2.3.4",
        "192.0.2.7",
        "255",
        "256",
        "01",
        "0.0",
        "9",
        "g",
        "-",
        " ",
        "%",
        "é",
        "[",
    ];

    /// Address-like text: pieces of addresses and junk in any order.
    fn pieces() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..14).prop_map(|p| p.concat())
    }

    /// A real address as it may be written: any case, leading zeros, one run of zero groups
    /// or another as `::`, or its last two groups as an IPv4 address; sometimes with a byte
    /// changed, so that near misses are tried too.
    fn written() -> impl Strategy<Value = String> {
        (
            prop::array::uniform8(prop_oneof![Just(0u16), Just(1u16), any::<u16>()]),
            prop::array::uniform8(0usize..4),
            any::<bool>(),
            (0usize..9, 0usize..9),
            any::<bool>(),
            prop::option::of((
                any::<prop::sample::Index>(),
                prop::sample::select(b":.0aG9".as_slice()),
            )),
        )
            .prop_map(|(groups, zeros, upper, (from, to), ipv4, change)| {
                let mut parts: Vec<String> = groups
                    .iter()
                    .zip(zeros)
                    .map(|(g, z)| {
                        let hex = format!("{g:x}");
                        let hex = if upper { hex.to_uppercase() } else { hex };
                        format!("{}{hex}", "0".repeat(z.min(4 - hex.len().min(4))))
                    })
                    .collect();
                if ipv4 {
                    let [a, b, c, d] = [
                        groups[6] >> 8,
                        groups[6] & 255,
                        groups[7] >> 8,
                        groups[7] & 255,
                    ];
                    parts.truncate(6);
                    parts.push(format!("{a}.{b}.{c}.{d}"));
                }
                let (from, to) = (from.min(to).min(parts.len()), from.max(to).min(parts.len()));
                let mut text = if from < to {
                    format!("{}::{}", parts[..from].join(":"), parts[to..].join(":"))
                } else {
                    parts.join(":")
                };
                if let Some((at, byte)) = change {
                    let at = at.index(text.len());
                    text.replace_range(at..at + 1, std::str::from_utf8(&[byte]).unwrap());
                }
                text
            })
    }

    /// An IPv4 address as it may be written: parts with leading zeros or past 255 at times, and
    /// sometimes with a byte changed, dropped or added.
    fn written_v4() -> impl Strategy<Value = String> {
        (
            prop::array::uniform4(prop_oneof![Just(0u32), 0u32..10, 0u32..256, 0u32..1200]),
            prop::array::uniform4(0usize..3),
            prop::option::of((
                any::<prop::sample::Index>(),
                prop::sample::select(b".0919x: ".as_slice()),
                0u8..3,
            )),
        )
            .prop_map(|(parts, zeros, change)| {
                let mut text = parts
                    .iter()
                    .zip(zeros)
                    .map(|(p, z)| format!("{}{p}", "0".repeat(z)))
                    .collect::<Vec<_>>()
                    .join(".");
                if let Some((at, byte, how)) = change {
                    let at = at.index(text.len());
                    let byte = std::str::from_utf8(&[byte]).unwrap().to_owned();
                    match how {
                        0 => text.replace_range(at..at + 1, &byte),
                        1 => {
                            text.remove(at);
                        }
                        _ => text.insert_str(at, &byte),
                    }
                }
                text
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5000, ..ProptestConfig::default() })]

        #[test]
        fn pieces_parse_as_the_standard_library(text in pieces()) {
            prop_assert_eq!(parse_ipv6(&text), text.parse::<Ipv6Addr>().ok(), "{:?}", text);
        }

        #[test]
        fn written_addresses_parse_as_the_standard_library(text in written()) {
            prop_assert_eq!(parse_ipv6(&text), text.parse::<Ipv6Addr>().ok(), "{:?}", text);
        }

        #[test]
        fn pieces_parse_as_the_standard_ipv4_parser(text in pieces()) {
            prop_assert_eq!(parse_ipv4(text.as_bytes()), text.parse::<Ipv4Addr>().ok(), "{:?}", text);
        }

        #[test]
        fn written_ipv4_addresses_parse_as_the_standard_library(text in written_v4()) {
            prop_assert_eq!(parse_ipv4(text.as_bytes()), text.parse::<Ipv4Addr>().ok(), "{:?}", text);
        }
    }
}
