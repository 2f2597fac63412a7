//! Redaction: stable pseudonyms for addresses, names and identifiers before a report is shared.
//!
//! One [`Redactor`] serves one report, so the same original always gets the same pseudonym in
//! every field of that report, and different originals get different pseudonyms. Pseudonyms
//! keep the shape of what they replace, so the shared report still reads as a route:
//!
//! | what | becomes | redacted when |
//! | --- | --- | --- |
//! | mailbox `alice@example.com` | `user-1@example.com` (the local part) | `emails` |
//! | host `mx.example.net`, `relay.example.net` | `host-1.domain-1.example`, `host-2.domain-1.example` | `hostnames` |
//! | registrable domain `example.net` | `domain-1.example` | `hostnames` |
//! | single-label name `laptop` | `host-3` | `hostnames` |
//! | private IPv4 (RFC 1918, CGNAT, link-local) | `10.0.0.1`, `10.0.0.2`, … | `ips` |
//! | other IPv4 | `192.0.2.1`…, then `198.51.100.x`, `203.0.113.x`, then `198.18.0.0/15` | `ips` |
//! | private IPv6 (`fc00::/7`, `fe80::/10`) | `fd00::1`, … | `ips` |
//! | other IPv6 | `2001:db8::1`, … | `ips` |
//! | Message-ID `<abc@host.example.com>` | `<id-1@redacted.example>` | `message_ids` |
//!
//! Kept as they are: loopback and unspecified addresses, `localhost`, `localhost.localdomain`
//! and `unknown` (what servers write when they know no name); none of them identifies anyone.
//!
//! The domain of a mailbox is a host name: it follows `hostnames`, its local part follows
//! `emails`. So the default (emails only) gives `user-1@example.com`, and everything gives
//! `user-1@domain-1.example`. A Message-ID is replaced whole under `message_ids`; otherwise
//! only its domain follows `hostnames`. With `emails`, the `From` and `To` fields of the
//! message lose their display names (usually a person's name) and keep only the redacted
//! addresses. A pseudonym never equals an original found in the same report.
//!
//! What is read: every string of the report that can carry such values — the hop's HELO name,
//! reverse-DNS name, IP, `by`, software, `via`, id, `for`, the texts of its evidence, grade
//! reason and diagnostics; the headline and weakest-hop reason; warning messages;
//! Authentication-Results (`authserv-id` and each result's details such as
//! `smtp.mailfrom=…`); the message's subject, From, To and Message-ID; the report's
//! diagnostics. Never touched: verdicts, scopes, trust, grades, TLS details (version, cipher,
//! key exchange), protocols, dates, rule names, warning codes and authentication
//! methods/results. Hop ids (queue ids) are kept apart from what they contain: they are not
//! Message-IDs.
//!
//! Finding values in free text is done by hand, in linear time: mailboxes (`local@domain`),
//! IPv4 dotted quads (four parts, each at most 255, not inside a longer dotted number such as
//! an Exchange build `15.20.8489.25` or a Sendmail version pair `8.16.0.42/8.16.0.42`), IPv6
//! addresses (parsed by the standard library), and host names: names seen in the structured
//! fields (HELO, rDNS, `by`, mailbox domains) wherever they appear, plus any dotted name whose
//! last label looks like a top-level domain (two letters, or a known one such as `com`,
//! `example`, `internal`). `TLSv1.3`, `TLS_AES_256_GCM_SHA384` or `smtp.mailfrom` are not
//! host names.

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::ops::Range;

pub use crate::model::Redaction;
use crate::model::Report;
use crate::net;

/// Applies `redaction` to every string field of `report` that can carry an address or a name.
pub(super) fn apply(report: &mut Report, redaction: Redaction) {
    if redaction == Redaction::NONE {
        return;
    }
    let mut r = Redactor::new(redaction);
    r.learn(report);
    each_field(report, |field, value| r.redact_field(field, value));
}

/// How a string field is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// A host name as a server wrote it (HELO, rDNS, `by`, authserv-id): learnt as a known
    /// name, then read as text.
    Host,
    /// Free text.
    Text,
    /// A From or To header: mailboxes with display names.
    Mailboxes,
    /// The Message-ID header: its ids are learnt, then read as text.
    MessageId,
    /// The Subject: replaced whole under `subject`, else read as text.
    Subject,
}

/// Calls `f` on every string field that redaction reads, always in the same order (which
/// decides the pseudonyms' numbers).
fn each_field(report: &mut Report, mut f: impl FnMut(Field, &mut String)) {
    fn opt(field: Field, value: &mut Option<String>, f: &mut impl FnMut(Field, &mut String)) {
        if let Some(value) = value {
            f(field, value);
        }
    }
    for hop in &mut report.hops {
        opt(Field::Host, &mut hop.from.helo, &mut f);
        opt(Field::Host, &mut hop.from.rdns, &mut f);
        opt(Field::Text, &mut hop.from.ip, &mut f);
        opt(Field::Host, &mut hop.by, &mut f);
        opt(Field::Text, &mut hop.software, &mut f);
        opt(Field::Text, &mut hop.via, &mut f);
        opt(Field::Text, &mut hop.id, &mut f);
        opt(Field::Text, &mut hop.for_, &mut f);
        f(Field::Text, &mut hop.scope_evidence.text);
        for evidence in &mut hop.evidence {
            f(Field::Text, &mut evidence.text);
        }
        opt(Field::Text, &mut hop.grade_reason, &mut f);
        for diagnostic in &mut hop.diagnostics {
            f(Field::Text, diagnostic);
        }
    }
    f(Field::Text, &mut report.summary.headline);
    if let Some(weakest) = &mut report.summary.weakest {
        f(Field::Text, &mut weakest.reason);
    }
    for warning in &mut report.warnings {
        f(Field::Text, &mut warning.message);
    }
    for results in &mut report.authentication.results {
        f(Field::Host, &mut results.authserv_id);
        for result in &mut results.results {
            opt(Field::Text, &mut result.detail, &mut f);
        }
    }
    let message = &mut report.message;
    opt(Field::Subject, &mut message.subject, &mut f);
    opt(Field::Mailboxes, &mut message.from, &mut f);
    opt(Field::Mailboxes, &mut message.to, &mut f);
    opt(Field::MessageId, &mut message.message_id, &mut f);
    for diagnostic in &mut report.diagnostics {
        f(Field::Text, &mut diagnostic.message);
    }
}

/// A value found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// `local@domain`; `at` is the byte offset of the `@`.
    Mailbox {
        at: usize,
    },
    /// A login name after `authenticated user` or `Authenticated sender:`.
    Login,
    /// An IP address; `mapped` when written as an IPv4-mapped IPv6 address.
    Ip {
        ip: IpAddr,
        mapped: bool,
    },
    Host,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Token {
    span: Range<usize>,
    kind: Kind,
}

/// Per-kind counters of pseudonyms handed out.
#[derive(Default)]
struct Counters {
    host: u64,
    domain: u64,
    user: u64,
    id: u64,
    private_v4: u64,
    public_v4: u64,
    private_v6: u64,
    public_v6: u64,
    host_ip: u64,
}

struct Redactor {
    red: Redaction,
    /// Host names seen in structured fields and mailbox domains (lowercase, no trailing dot).
    known_hosts: HashSet<String>,
    /// Message-IDs of the message (lowercase `local@domain`, without angle brackets).
    known_ids: HashSet<String>,
    /// Originals seen anywhere (lowercase names, their organisations, local parts, ids,
    /// addresses as the standard library writes them): pseudonyms avoid them.
    taken: HashSet<String>,
    /// Pseudonyms handed out, by kind and original: `h:` hosts, `d:` organisations, `u:`
    /// mailboxes and logins, `i:` Message-IDs, `a:` addresses. (One map of strings keeps the
    /// wasm small.)
    pseudonyms: HashMap<String, String>,
    counters: Counters,
}

/// Names that identify nobody and mean something as written.
const PLACEHOLDERS: &[&str] = &[
    "localhost",
    "localhost.localdomain",
    "localdomain",
    "unknown",
];

/// Last labels taken as top-level domains in free text, besides any two-letter label.
const TLDS: &[&str] = &[
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

/// The pseudonymous domain under which redacted Message-IDs live.
const ID_DOMAIN: &str = "redacted.example";

impl Redactor {
    fn new(red: Redaction) -> Self {
        Redactor {
            red,
            known_hosts: HashSet::new(),
            known_ids: HashSet::new(),
            taken: HashSet::new(),
            pseudonyms: HashMap::new(),
            counters: Counters::default(),
        }
    }

    /// First pass: the names of the structured fields, the Message-IDs, then every original
    /// value (so that no pseudonym equals one).
    fn learn(&mut self, report: &mut Report) {
        each_field(report, |field, value| match field {
            Field::Host => {
                if let Some(name) = host_shaped(value) {
                    self.known_hosts.insert(name);
                }
            }
            Field::MessageId => {
                for token in self.scan(value) {
                    if let Kind::Mailbox { .. } = token.kind {
                        self.known_ids
                            .insert(value[token.span.clone()].to_ascii_lowercase());
                    }
                }
            }
            Field::Text | Field::Mailboxes | Field::Subject => {}
        });
        each_field(report, |_, value| {
            for token in self.scan(value) {
                let text = &value[token.span.clone()];
                match token.kind {
                    Kind::Mailbox { at } => {
                        let at = at - token.span.start;
                        let (local, domain) = (&text[..at], &text[at + 1..]);
                        self.taken.insert(text.to_ascii_lowercase());
                        self.taken.insert(local.to_ascii_lowercase());
                        if let Some(ip) = net::parse_ip(domain) {
                            self.taken.insert(ip.to_string());
                        } else if let Some(name) = host_shaped(domain) {
                            self.known_hosts.insert(name);
                        }
                    }
                    Kind::Ip { ip, .. } => {
                        self.taken.insert(ip.to_string());
                    }
                    Kind::Host => {
                        self.taken.insert(normalise(text));
                    }
                    Kind::Login => {
                        self.taken.insert(text.to_ascii_lowercase());
                    }
                }
            }
        });
        let known: Vec<String> = self.known_hosts.iter().cloned().collect();
        for name in known {
            if let Some(org) = net::organisation(&name) {
                self.taken.insert(org.into_owned());
            }
            self.taken.insert(name);
        }
    }

    fn redact_field(&mut self, field: Field, value: &mut String) {
        match field {
            Field::Subject if self.red.subject => *value = SUBJECT_HIDDEN.to_owned(),
            Field::Mailboxes if self.red.emails => {
                let tokens = self.scan(value);
                let mut mailboxes: Vec<String> = Vec::new();
                for token in &tokens {
                    if let Kind::Mailbox { at } = token.kind {
                        let mailbox = self.mailbox(value, token.span.clone(), at);
                        if !mailboxes.contains(&mailbox) {
                            mailboxes.push(mailbox);
                        }
                    }
                }
                *value = if mailboxes.is_empty() {
                    self.rewrite(value, &tokens)
                } else {
                    mailboxes.join(", ")
                };
            }
            Field::MessageId if self.red.message_ids => {
                let tokens = self.scan(value);
                let has_id = tokens
                    .iter()
                    .any(|t| matches!(t.kind, Kind::Mailbox { .. }));
                *value = if has_id || value.trim().is_empty() {
                    self.rewrite(value, &tokens)
                } else {
                    // An id without `@` (`<12345>`): replaced whole.
                    let key = value.trim().to_ascii_lowercase();
                    format!("<{}>", self.message_id(&key))
                };
            }
            _ => {
                let tokens = self.scan(value);
                if !tokens.is_empty() {
                    *value = self.rewrite(value, &tokens);
                }
            }
        }
    }

    /// `text` with every token replaced by what the redaction asks for.
    fn rewrite(&mut self, text: &str, tokens: &[Token]) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for token in tokens {
            out.push_str(&text[last..token.span.start]);
            let original = &text[token.span.clone()];
            match &token.kind {
                Kind::Mailbox { at } => out.push_str(&self.mailbox(text, token.span.clone(), *at)),
                Kind::Ip { ip, mapped } if self.red.ips => {
                    let pseudonym = self.ip(*ip);
                    if *mapped && !pseudonym.contains(':') {
                        out.push_str("::ffff:");
                    }
                    out.push_str(&pseudonym);
                }
                Kind::Host if self.red.hostnames => out.push_str(&self.host(original)),
                Kind::Host if self.red.ips && net::embeds_ip(original) => {
                    out.push_str(&self.host_with_ip(original))
                }
                Kind::Login if self.red.emails => {
                    let key = format!("login:{}", original.to_ascii_lowercase());
                    out.push_str(&self.user(&key));
                }
                Kind::Ip { .. } | Kind::Host | Kind::Login => out.push_str(original),
            }
            last = token.span.end;
        }
        out.push_str(&text[last..]);
        out
    }

    /// The redacted form of the mailbox (or Message-ID) at `span` of `text`.
    fn mailbox(&mut self, text: &str, span: Range<usize>, at: usize) -> String {
        let whole = &text[span.clone()];
        let local = &text[span.start..at];
        let domain = &text[at + 1..span.end];
        let key = whole.to_ascii_lowercase();
        let is_id = self.known_ids.contains(&key);
        if is_id && self.red.message_ids {
            return self.message_id(&key);
        }
        let local = if self.red.emails && !is_id {
            self.user(&key)
        } else {
            local.to_owned()
        };
        let domain = match net::parse_ip(domain) {
            Some(ip) if self.red.ips => self.ip(ip),
            Some(_) => domain.to_owned(),
            None if self.red.hostnames => self.host(domain),
            None => domain.to_owned(),
        };
        format!("{local}@{domain}")
    }

    /// The pseudonym already handed out for `key`, or a new one from `make`.
    fn remembered(&mut self, key: String, make: impl FnOnce(&mut Self) -> String) -> String {
        if let Some(pseudonym) = self.pseudonyms.get(&key) {
            return pseudonym.clone();
        }
        let pseudonym = make(self);
        self.pseudonyms.insert(key, pseudonym.clone());
        pseudonym
    }

    /// The next `prefix-N` + `suffix` that is no original; `counter` picks the kind.
    fn next(
        &mut self,
        counter: fn(&mut Counters) -> &mut u64,
        prefix: &str,
        suffix: &str,
    ) -> String {
        let taken = &self.taken;
        fresh(
            counter(&mut self.counters),
            |n| format!("{prefix}-{n}{suffix}"),
            |c| taken.contains(c),
        )
    }

    fn user(&mut self, mailbox: &str) -> String {
        self.remembered(format!("u:{mailbox}"), |r| {
            r.next(|c| &mut c.user, "user", "")
        })
    }

    fn message_id(&mut self, id: &str) -> String {
        self.remembered(format!("i:{id}"), |r| {
            r.next(|c| &mut c.id, "id", &format!("@{ID_DOMAIN}"))
        })
    }

    /// `mx.example.net` → `host-1.domain-1.example`; `example.net` → `domain-1.example`;
    /// `laptop` → `host-2`.
    fn host(&mut self, name: &str) -> String {
        let key = normalise(name);
        if key.is_empty() || PLACEHOLDERS.contains(&key.as_str()) {
            return name.to_owned();
        }
        self.remembered(format!("h:{key}"), |r| match net::organisation(&key) {
            Some(org) => {
                let domain = r.remembered(format!("d:{org}"), |r| {
                    r.next(|c| &mut c.domain, "domain", ".example")
                });
                if org == key {
                    domain
                } else {
                    r.next(|c| &mut c.host, "host", &format!(".{domain}"))
                }
            }
            None => r.next(|c| &mut c.host, "host", ""),
        })
    }

    /// A name that spells an address (`host86-150-12-34.range86-150.example.net`), when
    /// addresses are hidden but names are not: everything left of its organisation becomes
    /// `ip-hidden-N`, which says what it stands for (`ip-hidden-1.example.net`).
    fn host_with_ip(&mut self, name: &str) -> String {
        let key = normalise(name);
        self.remembered(format!("e:{key}"), |r| {
            let org = net::organisation(&key).map(std::borrow::Cow::into_owned);
            let suffix = match org {
                Some(org) if org != key && !net::embeds_ip(&org) => format!(".{org}"),
                _ => String::new(),
            };
            r.next(|c| &mut c.host_ip, "ip-hidden", &suffix)
        })
    }

    /// The pseudonym of an address: same class (loopback, private, public), documentation
    /// ranges for public ones. IPv4-mapped addresses count as IPv4.
    fn ip(&mut self, ip: IpAddr) -> String {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        if ip.is_loopback() || ip.is_unspecified() {
            return ip.to_string();
        }
        self.remembered(format!("a:{ip}"), |r| {
            let taken = &r.taken;
            let is_taken = |c: &IpAddr| taken.contains(&c.to_string());
            let c = &mut r.counters;
            let pseudonym = match (ip, net::is_private(&ip)) {
                (IpAddr::V4(_), true) => fresh(&mut c.private_v4, private_v4, is_taken),
                (IpAddr::V4(_), false) => fresh(&mut c.public_v4, public_v4, is_taken),
                (IpAddr::V6(_), true) => fresh(&mut c.private_v6, |n| v6(0xfd00, n), is_taken),
                (IpAddr::V6(_), false) => fresh(&mut c.public_v6, v6_doc, is_taken),
            };
            pseudonym.to_string()
        })
    }

    // -----------------------------------------------------------------------------------------
    // Finding values in text

    /// The mailboxes, addresses and host names of `text`, in order, without overlaps.
    fn scan(&self, text: &str) -> Vec<Token> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        // (start, priority, token): mailboxes win over addresses, addresses over names.
        let mut found: Vec<(usize, u8, Token)> = Vec::new();
        for (k, &(_, c)) in chars.iter().enumerate() {
            if c == '@' {
                if let Some(token) = mailbox_at(text, &chars, k) {
                    found.push((token.span.start, 0, token));
                }
            }
        }
        scan_logins(text, &mut |t| found.push((t.span.start, 1, t)));
        scan_ipv6(text, &chars, &mut |t| found.push((t.span.start, 2, t)));
        scan_ipv4(text, &chars, &mut |t| found.push((t.span.start, 3, t)));
        self.scan_hosts(text, &chars, &mut |t| found.push((t.span.start, 4, t)));
        found.sort_by_key(|a| (a.0, a.1));
        let mut tokens: Vec<Token> = Vec::new();
        let mut end = 0;
        for (start, _, token) in found {
            if start >= end {
                end = token.span.end;
                tokens.push(token);
            }
        }
        tokens
    }

    /// Host names: maximal runs of name characters that are known names, end in a known name,
    /// or look like a name under a top-level domain.
    fn scan_hosts(&self, text: &str, chars: &[(usize, char)], push: &mut dyn FnMut(Token)) {
        let mut k = 0;
        while k < chars.len() {
            if !is_name_char(chars[k].1) {
                k += 1;
                continue;
            }
            let start = k;
            while k < chars.len() && is_name_char(chars[k].1) {
                k += 1;
            }
            let end = chars.get(k).map_or(text.len(), |&(i, _)| i);
            let run = &text[chars[start].0..end];
            let trimmed = run.trim_matches(|c| c == '.' || c == '-');
            if trimmed.is_empty() {
                continue;
            }
            let offset = chars[start].0 + (run.len() - run.trim_start_matches(['.', '-']).len());
            if self.is_host(trimmed) {
                push(Token {
                    span: offset..offset + trimmed.len(),
                    kind: Kind::Host,
                });
            }
        }
    }

    fn is_host(&self, word: &str) -> bool {
        // No host name is longer (RFC 1035); this also keeps the suffix search below linear.
        if word.len() > 253 {
            return false;
        }
        let key = word.to_ascii_lowercase();
        if PLACEHOLDERS.contains(&key.as_str()) {
            return false;
        }
        if self.known_hosts.contains(&key) {
            return true;
        }
        // Ends in a known name of two labels or more (`a.pps.filterd`).
        let mut rest = key.as_str();
        while let Some(dot) = rest.find('.') {
            rest = &rest[dot + 1..];
            if rest.contains('.') && self.known_hosts.contains(rest) {
                return true;
            }
        }
        looks_like_host(&key)
    }
}

/// Hands out the next pseudonym `make(n)` (n = 1, 2, …) that `taken` does not hold. The
/// counter only moves forward, so skipping costs at most one step per original overall; after
/// 10,000 skips in a row (only when a range wraps around) the candidate is taken anyway.
fn fresh<T>(counter: &mut u64, make: impl Fn(u64) -> T, taken: impl Fn(&T) -> bool) -> T {
    let mut tries = 0u32;
    loop {
        *counter += 1;
        let candidate = make(*counter);
        tries += 1;
        if !taken(&candidate) || tries > 10_000 {
            return candidate;
        }
    }
}

fn private_v4(n: u64) -> IpAddr {
    let k = (n - 1) % (254 * 256 * 256);
    let (a, rest) = (k / (254 * 256), k % (254 * 256));
    IpAddr::V4(Ipv4Addr::new(
        10,
        a as u8,
        (rest / 254) as u8,
        (rest % 254 + 1) as u8,
    ))
}

/// The documentation ranges (RFC 5737), then the benchmarking range 198.18.0.0/15.
fn public_v4(n: u64) -> IpAddr {
    const DOC: [[u8; 3]; 3] = [[192, 0, 2], [198, 51, 100], [203, 0, 113]];
    let k = n - 1;
    if k < 3 * 254 {
        let [a, b, c] = DOC[(k / 254) as usize];
        return IpAddr::V4(Ipv4Addr::new(a, b, c, (k % 254 + 1) as u8));
    }
    let k = (k - 3 * 254) % (2 * 256 * 254);
    let (b, rest) = (18 + k / (256 * 254), k % (256 * 254));
    IpAddr::V4(Ipv4Addr::new(
        198,
        b as u8,
        (rest / 254) as u8,
        (rest % 254 + 1) as u8,
    ))
}

fn v6(first: u16, n: u64) -> IpAddr {
    IpAddr::V6(Ipv6Addr::new(
        first,
        0,
        0,
        0,
        0,
        0,
        (n >> 16) as u16,
        n as u16,
    ))
}

/// `2001:db8::n` (RFC 3849).
fn v6_doc(n: u64) -> IpAddr {
    IpAddr::V6(Ipv6Addr::new(
        0x2001,
        0xdb8,
        0,
        0,
        0,
        0,
        (n >> 16) as u16,
        n as u16,
    ))
}

/// Lowercase, without a trailing dot.
fn normalise(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// Characters of host names (letters of any script for internationalised names).
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '-'
        || c == '_'
        || c == '.'
        || (!c.is_ascii() && c.is_alphanumeric())
}

/// Characters of the local part of a mailbox (RFC 5322 `atext` and dots; any letters).
fn is_local_char(c: char) -> bool {
    is_name_char(c) || "!#$%&'*+/=?^`{|}~".contains(c)
}

/// The name a structured field holds, if it is one name (not an address, not a placeholder).
fn host_shaped(value: &str) -> Option<String> {
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
fn looks_like_host(key: &str) -> bool {
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
fn mailbox_at(text: &str, chars: &[(usize, char)], k: usize) -> Option<Token> {
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
fn scan_logins(text: &str, push: &mut dyn FnMut(Token)) {
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

fn prev_char(chars: &[(usize, char)], k: usize) -> Option<char> {
    k.checked_sub(1).map(|p| chars[p].1)
}

/// IPv6 addresses: runs of hex digits, colons and dots (for an embedded IPv4) with at least two
/// colons that the standard library parses. A run starts after a non-word character or after
/// `IPv6:`; a zone (`%eth0`) is left as written.
fn scan_ipv6(text: &str, chars: &[(usize, char)], push: &mut dyn FnMut(Token)) {
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
fn scan_ipv4(text: &str, chars: &[(usize, char)], push: &mut dyn FnMut(Token)) {
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
fn quad_at(bytes: &[u8], mut i: usize) -> Option<(Ipv4Addr, usize)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    /// A report with one hop without names or addresses, with the fields `edit` sets,
    /// redacted with `red`.
    fn redacted(red: Redaction, edit: impl FnOnce(&mut Report)) -> Report {
        let mut report = crate::analyze(
            "Received: from a.example.org (a.example.org [203.0.113.5])\r\n\
             \tby b.example.net with ESMTPS id 1A2B; Sun, 22 Nov 2026 05:20:40 +0000\r\n",
        );
        let hop = &mut report.hops[0];
        hop.from = Endpoint::default();
        hop.by = None;
        hop.id = None;
        hop.scope_evidence.text.clear();
        report.summary.headline.clear();
        edit(&mut report);
        apply(&mut report, red);
        report
    }

    /// `text` as the subject of a report, redacted with `red` (but for the subject option,
    /// which would replace it whole: the subject is the free-text field these tests use).
    fn subject(red: Redaction, text: &str) -> String {
        let red = Redaction {
            subject: false,
            ..red
        };
        redacted(red, |r| r.message.subject = Some(text.to_owned()))
            .message
            .subject
            .unwrap()
    }

    #[test]
    fn addresses_spelt_in_host_names_are_hidden_with_addresses() {
        for name in [
            "host86-150-12-34.range86-150.btcentralplus.com",
            "ip-10-1-2-3.ec2.internal",
            "c-73-22-11-4.hsd1.ca.comcast.net",
            "1-2-3-4.static.example.net",
            "34.12.150.86.dyn.example.net",
            "host-c0000207.example.net",
            "ppp-203_0_113_9.example.org",
            "2001-db8--7.ipv6.example.net",
            "2001-db8-0-0-0-0-0-7.example.com",
        ] {
            assert!(net::embeds_ip(name), "{name}");
        }
        for name in [
            "mx.example.net",
            "mail-sor-f41.google.com",
            "AM6PR04MB1234.eurprd04.prod.outlook.com",
            "smtp-out-256.example.com",
            "mta-1-2.example.net",
            "deadbeef.example.com",
            "web-2026-11.example.org",
        ] {
            assert!(!net::embeds_ip(name), "{name}");
        }
        let ips_only = Redaction {
            ips: true,
            ..Redaction::NONE
        };
        let r = redacted(ips_only, |r| {
            r.hops[0].from.rdns = Some("c-73-22-11-4.hsd1.ca.comcast.net".into());
            r.hops[0].from.ip = Some("73.22.11.4".into());
            r.hops[0].scope_evidence.text =
                "from c-73-22-11-4.hsd1.ca.comcast.net ([73.22.11.4])".into();
        });
        let hop = &r.hops[0];
        assert_eq!(hop.from.rdns.as_deref(), Some("ip-hidden-1.comcast.net"));
        assert_eq!(
            hop.scope_evidence.text,
            format!(
                "from ip-hidden-1.comcast.net ([{}])",
                hop.from.ip.as_deref().unwrap()
            )
        );
        assert!(!format!("{r:?}").contains("73-22-11-4"));
        // Without `ips`, names stay as written.
        let kept = redacted(Redaction::NONE, |r| {
            r.hops[0].from.rdns = Some("c-73-22-11-4.hsd1.ca.comcast.net".into());
        });
        assert_eq!(
            kept.hops[0].from.rdns.as_deref(),
            Some("c-73-22-11-4.hsd1.ca.comcast.net")
        );
    }

    #[test]
    fn the_subject_can_be_hidden() {
        let hidden = Redaction {
            subject: true,
            ..Redaction::NONE
        };
        let r = redacted(hidden, |r| {
            r.message.subject = Some("Payroll for alice@example.com".into())
        });
        assert_eq!(r.message.subject.as_deref(), Some(SUBJECT_HIDDEN));
        assert_eq!(subject(Redaction::NONE, "Payroll"), "Payroll");
    }

    #[test]
    fn default_is_emails_only() {
        assert_eq!(
            Redaction::default(),
            Redaction {
                emails: true,
                ips: false,
                hostnames: false,
                message_ids: false,
                subject: false,
            }
        );
    }

    #[test]
    fn nothing_changes_without_redaction() {
        let text = "alice@example.com via mx.example.net [192.0.2.1] <id@x.example>";
        assert_eq!(subject(Redaction::NONE, text), text);
    }

    #[test]
    fn mailboxes_lose_their_local_part_and_keep_their_domain_by_default() {
        assert_eq!(
            subject(
                Redaction::default(),
                "Write to alice@example.com, Bob.Smith+tag@Example.COM or alice@EXAMPLE.com."
            ),
            "Write to user-1@example.com, user-2@Example.COM or user-1@EXAMPLE.com."
        );
    }

    #[test]
    fn everything_redacted_mailbox() {
        assert_eq!(
            subject(Redaction::ALL, "alice@mx.example.com"),
            "user-1@host-1.domain-1.example"
        );
    }

    #[test]
    fn the_same_mailbox_gets_the_same_pseudonym_everywhere() {
        let r = redacted(Redaction::default(), |r| {
            r.hops[0].for_ = Some("<bob@example.net>".into());
            r.message.to = Some("Bob <bob@example.net>".into());
            r.message.from = Some("\"alice@example.org\" <alice@example.org>".into());
            r.warnings.push(Warning {
                code: "x".into(),
                severity: Severity::Info,
                message: "Mail for bob@example.net".into(),
                hops: vec![],
            });
        });
        assert_eq!(r.hops[0].for_.as_deref(), Some("<user-1@example.net>"));
        // Display names go; the address is said once.
        assert_eq!(r.message.to.as_deref(), Some("user-1@example.net"));
        assert_eq!(r.message.from.as_deref(), Some("user-2@example.org"));
        assert_eq!(r.warnings[0].message, "Mail for user-1@example.net");
    }

    #[test]
    fn keys_before_mailboxes_stay() {
        assert_eq!(
            subject(
                Redaction::default(),
                "spf=pass smtp.mailfrom=hugo@example.com header.from=example.com \
                 (google.com: domain of hugo@example.com designates 198.51.100.101)"
            ),
            "spf=pass smtp.mailfrom=user-1@example.com header.from=example.com \
             (google.com: domain of user-1@example.com designates 198.51.100.101)"
        );
        assert_eq!(
            subject(
                Redaction::ALL,
                "smtp.mailfrom=hugo@example.com header.i=@example.com"
            ),
            "smtp.mailfrom=user-1@domain-1.example header.i=@domain-1.example"
        );
    }

    #[test]
    fn hosts_keep_their_shared_parent() {
        let r = redacted(Redaction::ALL, |r| {
            let hop = &mut r.hops[0];
            hop.by = Some("mx.example.net".into());
            hop.from.helo = Some("relay.example.net".into());
            hop.from.rdns = Some("example.net".into());
            hop.software = Some("MX.Example.Net.".into());
        });
        let hop = &r.hops[0];
        assert_eq!(hop.from.helo.as_deref(), Some("host-1.domain-1.example"));
        assert_eq!(hop.from.rdns.as_deref(), Some("domain-1.example"));
        assert_eq!(hop.by.as_deref(), Some("host-2.domain-1.example"));
        // Case and the trailing dot do not make another host.
        assert_eq!(hop.software.as_deref(), Some("host-2.domain-1.example."));
    }

    #[test]
    fn names_from_structured_fields_are_found_in_text_even_without_a_tld() {
        let r = redacted(Redaction::ALL, |r| {
            let hop = &mut r.hops[0];
            hop.from.helo = Some("pps.filterd".into());
            hop.from.rdns = Some("laptop".into());
            hop.scope_evidence.text =
                "from pps.filterd (laptop [10.1.2.3]) via x.pps.filterd".into();
        });
        let hop = &r.hops[0];
        assert_eq!(hop.from.helo.as_deref(), Some("domain-1.example"));
        assert_eq!(hop.from.rdns.as_deref(), Some("host-1"));
        assert_eq!(
            hop.scope_evidence.text,
            "from domain-1.example (host-1 [10.0.0.1]) via host-2.domain-1.example"
        );
    }

    #[test]
    fn placeholders_stay() {
        let r = redacted(Redaction::ALL, |r| {
            let hop = &mut r.hops[0];
            hop.from.helo = Some("localhost".into());
            hop.from.rdns = Some("unknown".into());
            hop.from.ip = Some("127.0.0.1".into());
            hop.by = Some("localhost.localdomain".into());
            hop.scope_evidence.text = "from localhost (unknown [127.0.0.1]) [::1]".into();
        });
        let hop = &r.hops[0];
        assert_eq!(hop.from.helo.as_deref(), Some("localhost"));
        assert_eq!(hop.from.rdns.as_deref(), Some("unknown"));
        assert_eq!(hop.from.ip.as_deref(), Some("127.0.0.1"));
        assert_eq!(hop.by.as_deref(), Some("localhost.localdomain"));
        assert_eq!(
            hop.scope_evidence.text,
            "from localhost (unknown [127.0.0.1]) [::1]"
        );
    }

    #[test]
    fn addresses_keep_their_class() {
        let ips = Redaction {
            ips: true,
            ..Redaction::NONE
        };
        assert_eq!(
            subject(
                ips,
                "[10.9.8.7] (172.16.0.1) 100.64.1.1 8.8.8.8 8.8.8.8 169.254.1.1 127.0.0.2 0.0.0.0"
            ),
            "[10.0.0.1] (10.0.0.2) 10.0.0.3 192.0.2.1 192.0.2.1 10.0.0.4 127.0.0.2 0.0.0.0"
        );
        assert_eq!(
            subject(
                ips,
                "(2a00:1450:4864::5) [IPv6:fe80::a1b2:c3d4%12] fc00::9 ::1 ::ffff:8.8.4.4 \
                 2A00:1450:4864:0::5."
            ),
            "(2001:db8::1) [IPv6:fd00::1%12] fd00::2 ::1 ::ffff:192.0.2.1 2001:db8::1."
        );
    }

    #[test]
    fn pseudonyms_never_equal_an_original() {
        let ips = Redaction {
            ips: true,
            ..Redaction::NONE
        };
        // 192.0.2.1 is itself an original: 203.0.113.9 must not become it.
        assert_eq!(
            subject(
                ips,
                "203.0.113.9 then 192.0.2.1, 2001:db8::1 and 2001:db8::7"
            ),
            "192.0.2.2 then 192.0.2.3, 2001:db8::2 and 2001:db8::3"
        );
        assert_eq!(
            subject(
                Redaction::ALL,
                "user-1@domain-1.example and bob@example.com"
            ),
            "user-2@domain-2.example and user-3@domain-3.example"
        );
    }

    #[test]
    fn tls_notations_and_version_numbers_are_not_names_or_addresses() {
        let texts = [
            "(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
            "key-exchange X25519MLKEM768 server-signature RSA-PSS (2048 bits) server-digest SHA256",
            "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8489.25",
            "with mapi id 15.02.1544.004",
            "(TLS1.2:ECDHE_RSA_AES_128_GCM_SHA256:128)",
            "(TLS: TLSv1.3,256bits,TLS_AES_256_GCM_SHA384)",
            "(version=TLSv1.2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256 verify=NOT)",
            "by relay (8.16.0.42/8.16.0.42) with ESMTP id 6596mKqQ019284",
            "(Exim 4.97.1) SSLv3 TLSv1 DHE-RSA-AES128-SHA RC4-MD5",
            "id d75a77b69052e-4f2b7c9a1a2si1234567cf.412.2026.04.08.07.30.12",
            "dkim=pass header.b=kFXlhppo header.s=selector2 header.i header.from dis=NONE",
            "Wed, 8 Apr 2026 14:30:11 +0000; 05:20:40 e.g. i.e. 1.2.3.4.5 v1.2.3.4",
            "TLS 1.2 with ECDHE key exchange and AES-256-GCM: good, with forward secrecy.",
        ];
        for text in texts {
            assert_eq!(subject(Redaction::ALL, text), text);
        }
    }

    #[test]
    fn message_ids_go_whole_or_keep_all_but_their_domain() {
        let edit = |r: &mut Report| {
            r.message.message_id = Some("<CAF=abc+1@mail.example.com>".into());
            r.diagnostics.push(Diagnostic {
                message: "In reply to <CAF=abc+1@mail.example.com>".into(),
                start: 0,
                end: 0,
            });
        };
        let r = redacted(Redaction::ALL, edit);
        assert_eq!(
            r.message.message_id.as_deref(),
            Some("<id-1@redacted.example>")
        );
        assert_eq!(
            r.diagnostics[0].message,
            "In reply to <id-1@redacted.example>"
        );
        // Not a mailbox, so `emails` alone keeps it.
        let r = redacted(Redaction::default(), edit);
        assert_eq!(
            r.message.message_id.as_deref(),
            Some("<CAF=abc+1@mail.example.com>")
        );
        let hostnames = Redaction {
            hostnames: true,
            ..Redaction::NONE
        };
        let r = redacted(hostnames, edit);
        assert_eq!(
            r.message.message_id.as_deref(),
            Some("<CAF=abc+1@host-1.domain-1.example>")
        );
        // An id without `@` goes whole.
        let r = redacted(Redaction::ALL, |r| {
            r.message.message_id = Some("<12345>".into())
        });
        assert_eq!(
            r.message.message_id.as_deref(),
            Some("<id-1@redacted.example>")
        );
    }

    #[test]
    fn logins_are_mailboxes() {
        assert_eq!(
            subject(
                Redaction::default(),
                "(SquirrelMail authenticated user frida) (Authenticated sender: bob@example.org)"
            ),
            "(SquirrelMail authenticated user user-1) (Authenticated sender: user-2@example.org)"
        );
    }

    #[test]
    fn internationalised_names_and_any_text_around_them() {
        assert_eq!(
            subject(
                Redaction::ALL,
                "«mail.bücher.de» — ünïcode — xn--bcher-kva.example"
            ),
            "«host-1.domain-1.example» — ünïcode — domain-2.example"
        );
        // Multi-byte characters next to every kind of value.
        let text = "é192.0.2.1é ✓alice@example.com✓ 🦀mx.example.net🦀 ∷fe80::1∷";
        let out = subject(Redaction::ALL, text);
        assert!(
            !out.contains("example.com") && !out.contains("mx.example.net"),
            "{out}"
        );
    }

    #[test]
    fn verdicts_tls_and_rules_are_never_touched() {
        let before = redacted(Redaction::NONE, |_| {});
        let after = redacted(Redaction::ALL, |_| {});
        for (a, b) in before.hops.iter().zip(&after.hops) {
            assert_eq!(
                (a.verdict, a.scope, a.grade, a.trust),
                (b.verdict, b.scope, b.grade, b.trust)
            );
            assert_eq!(a.tls, b.tls);
            assert_eq!(a.protocol, b.protocol);
            assert_eq!(a.scope_evidence.rule, b.scope_evidence.rule);
        }
        assert_eq!(before.summary.overall, after.summary.overall);
    }
}
