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
use std::net::IpAddr;
use std::ops::Range;

pub use crate::model::Redaction;
use crate::model::{Report, Text};
use crate::net;

mod pseudonyms;
mod scan;

use pseudonyms::{fresh, private_v4, public_v4, v6, v6_doc};
use scan::*;

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
/// (A hop's text borrowed from the input is copied when it is visited: redaction may change it.)
fn each_field(report: &mut Report, mut f: impl FnMut(Field, &mut String)) {
    fn opt(field: Field, value: &mut Option<String>, f: &mut impl FnMut(Field, &mut String)) {
        if let Some(value) = value {
            f(field, value);
        }
    }
    fn opt_text(field: Field, value: &mut Option<Text>, f: &mut impl FnMut(Field, &mut String)) {
        if let Some(value) = value {
            f(field, value.to_mut());
        }
    }
    for hop in &mut report.hops {
        opt_text(Field::Host, &mut hop.from.helo, &mut f);
        opt_text(Field::Host, &mut hop.from.rdns, &mut f);
        opt_text(Field::Text, &mut hop.from.ip, &mut f);
        opt_text(Field::Host, &mut hop.by, &mut f);
        opt_text(Field::Text, &mut hop.software, &mut f);
        opt_text(Field::Text, &mut hop.via, &mut f);
        opt_text(Field::Text, &mut hop.id, &mut f);
        opt_text(Field::Text, &mut hop.for_, &mut f);
        f(Field::Text, hop.scope_evidence.text.to_mut());
        for evidence in &mut hop.evidence {
            f(Field::Text, evidence.text.to_mut());
        }
        opt_text(Field::Text, &mut hop.grade_reason, &mut f);
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

#[cfg(test)]
mod tests;
