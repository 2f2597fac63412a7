//! From one Received header to one [`Hop`]: who talked to whom, with what protocol, whether
//! it was encrypted, and where it happened.

use std::net::IpAddr;
use std::ops::Range;

use super::dialects::detect_all;
use super::grammar::{lex, trim, Clause, Keyword, TokKind, Trace};
use super::{evidence as ev, Findings, Header};
use crate::input::Field;
use crate::model::{Endpoint, Evidence, Hop, Scope, Tls, Trust, Verdict};
use crate::{date, net, tls};

/// What a protocol keyword says by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProtocolClass {
    /// `ESMTPS` and friends (the TLS units record these).
    Tls,
    /// A wire protocol without TLS: `SMTP`, `ESMTP`, `ESMTPA`, `LMTP`…
    Plain,
    /// `HTTP` from a webmail or API front end: the keyword does not say HTTP rather than
    /// HTTPS (servers write `HTTP` for both), so it is no evidence either way.
    Http,
    /// No wire at all: `local`, `mapi`, `ECSTREAM`, pickup…
    NoWire,
    /// Known software that states nothing about TLS when it did not use it
    /// (`Microsoft SMTP Server` without `(TLS)`): not evidence either way.
    Silent,
    /// Something we do not know.
    Other,
}

pub(crate) fn classify(protocol: &str) -> ProtocolClass {
    let p = protocol.trim().to_ascii_uppercase();
    if super::dialects::is_tls_keyword(&p) {
        return ProtocolClass::Tls;
    }
    // Exim's `local-…` protocols are submissions on the machine itself (`local-esmtps` was
    // already taken as TLS above).
    if p.starts_with("LOCAL-") {
        return ProtocolClass::NoWire;
    }
    match p.strip_prefix("UTF8").unwrap_or(&p) {
        "SMTP" | "ESMTP" | "ESMTPA" | "LMTP" | "LMTPA" => ProtocolClass::Plain,
        "HTTP" => ProtocolClass::Http,
        "LOCAL"
        | "MAPI"
        | "ECSTREAM"
        | "HTTPREST"
        | "INTERNET MAIL SERVICE"
        | "PICKUP"
        | "BSMTP"
        | "QMQP" => ProtocolClass::NoWire,
        "MICROSOFT SMTP SERVER" => ProtocolClass::Silent,
        _ if p.starts_with("MICROSOFT SMTPSVC") => ProtocolClass::Silent,
        _ => ProtocolClass::Other,
    }
}

/// Google's internal delivery line names its receiving machine by an address in
/// `2002:a…::/24` or a `*.google.com` name, and no sender.
fn is_google_handoff(by: Option<&str>) -> bool {
    by.is_some_and(|by| {
        let by = by.trim_end_matches('.');
        by.get(..6)
            .is_some_and(|p| p.eq_ignore_ascii_case("2002:a"))
            || by.len() > 11 && by[by.len() - 11..].eq_ignore_ascii_case(".google.com")
    })
}

fn is_lmtp(protocol: &str) -> bool {
    let p = protocol.to_ascii_uppercase();
    let p = p.strip_prefix("UTF8").unwrap_or(&p);
    p.starts_with("LMTP")
}

/// Everything about one hop except what depends on its neighbours (index, delay, trust).
pub(crate) fn analyse(text: &str, field: &Field) -> Hop {
    let value = field.value.clone();
    let trace = lex(text, value.clone());
    let header = Header::new(text, value.clone(), &trace);
    let mut found = Findings::default();
    detect_all(&header, &mut found);
    let mut diagnostics = trace.diagnostics.clone();

    let from_clause = trace.clause(Keyword::From);
    let from = from_clause
        .map(|c| endpoint(text, &trace, c))
        .unwrap_or_default();
    let by_clause = trace.clause(Keyword::By);
    let by = by_clause
        .and_then(|c| trace.first_word(text, c))
        .map(|(w, _)| w.to_string());
    let by_ip = by_clause.and_then(|c| clause_ip(text, c, &trace));

    // The protocol: `with` as written, else a protocol named in `via` (older Yahoo, Scalix).
    let with = trace
        .clause(Keyword::With)
        .and_then(|c| trace.leading_words(c).map(|s| (c, s)));
    // qmail writes the cipher in a comment before the keyword: `with (… encrypted) SMTP`.
    let via = trace
        .clause(Keyword::Via)
        .and_then(|c| trace.first_word(text, c).map(|(w, s)| (c, w, s)));
    let protocol_span = match (&with, &via) {
        (Some((c, span)), _) => Some(c.keyword_span.start..span.end),
        (None, Some((c, w, span))) if classify(w) != ProtocolClass::Other => {
            Some(c.keyword_span.start..span.end)
        }
        _ => None,
    };
    let protocol = match (&with, &via) {
        (Some((_, span)), _) => Some(squash(&text[span.clone()])),
        (None, Some((_, w, _))) if classify(w) != ProtocolClass::Other => Some(w.to_string()),
        _ => None,
    };
    let class = protocol.as_deref().map_or(ProtocolClass::Other, classify);
    if let (Some(p), ProtocolClass::Other) = (&protocol, class) {
        // Shown to the reader: the protocol is not one the rules know, so it counts as unknown.
        if !found.tls {
            diagnostics.push(format!(
                "The protocol \"{p}\" is not one Hopscope knows; it is not counted as plaintext."
            ));
        }
    }
    if trace.clauses.is_empty() && trace.leading.is_empty() {
        diagnostics.push("This Received header has no clause Hopscope can read.".into());
    }

    // The verdict, from all findings at once.
    let mut evidence = std::mem::take(&mut found.evidence);
    // A line that names no sending peer (no `from` part: Google's `by 2002:a05:… with SMTP id`)
    // describes a hand-off inside the receiving organisation, not a connection: its protocol
    // keyword says nothing about a wire, so it is never read as plaintext.
    let peer_recorded = from != Endpoint::default();
    let verdict = if found.tls {
        Verdict::Encrypted
    } else if class == ProtocolClass::Plain && peer_recorded {
        let span = protocol_span.clone().unwrap_or(value.clone());
        evidence.push(ev("plaintext-protocol", text, span));
        Verdict::Plaintext
    } else {
        let rule = match class {
            ProtocolClass::Plain if is_google_handoff(by.as_deref()) => "google-internal-handoff",
            ProtocolClass::Plain => "no-peer-recorded",
            ProtocolClass::NoWire => "no-wire-protocol",
            ProtocolClass::Http => "http-not-stated",
            _ => "no-tls-statement",
        };
        let span = protocol_span
            .clone()
            .unwrap_or_else(|| trim(text, value.clone()));
        evidence.push(ev(rule, text, span));
        Verdict::Unknown
    };

    let suite = found.cipher.as_deref().and_then(tls::parse_cipher);
    let tls_info = (verdict == Verdict::Encrypted).then(|| tls_details(&found, suite.as_ref()));
    let graded = tls_info
        .as_ref()
        .and_then(|t| tls::grade(t.version.as_deref(), suite.as_ref()));

    let (scope, scope_evidence) = scope(&ScopeInput {
        header: &header,
        from_clause,
        from: &from,
        by: by.as_deref(),
        by_ip,
        protocol: protocol.as_deref(),
        class,
        google_internal: evidence
            .iter()
            .any(|e| e.rule == "google-transport-security"),
    });

    // The date: after the last `;`, or a SendGrid-style timestamp at the end of the line.
    let timestamp = match &trace.date {
        Some(d) => {
            let ts = date::parse(&text[d.clone()]);
            if ts.is_none() {
                diagnostics.push(format!(
                    "The date \"{}\" could not be read.",
                    squash(&text[d.clone()])
                ));
            }
            ts
        }
        None => {
            let found = date::find_go_date(&text[value.clone()]).map(|(_, ts)| ts);
            if found.is_none() {
                diagnostics.push("This Received header has no date.".into());
            }
            found
        }
    };

    let clause_word = |kw| {
        trace
            .clause(kw)
            .and_then(|c| trace.first_word(text, c))
            .map(|(w, _)| w.to_string())
    };
    Hop {
        index: 0,
        from,
        by,
        software: software(&header).or(found.software.take()),
        via: via.map(|(_, w, _)| w.to_string()),
        protocol,
        id: clause_word(Keyword::Id),
        for_: clause_word(Keyword::For)
            .map(|w| w.trim_matches(|c| c == '<' || c == '>').to_string()),
        date: timestamp.map(date::rfc3339),
        timestamp,
        delay_seconds: None,
        verdict,
        scope,
        scope_evidence,
        trust: Trust::Recipient,
        tls: tls_info,
        grade: graded.as_ref().map(|g| g.0),
        grade_reason: graded.map(|g| g.1),
        evidence,
        diagnostics,
        raw: text[field.whole()].to_string(),
        raw_start: field.name.start,
    }
}

/// Collapses folding whitespace for display (`Microsoft\n SMTP Server` → `Microsoft SMTP Server`).
fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn tls_details(found: &Findings, suite: Option<&tls::CipherSuite>) -> Tls {
    let key_exchange = found.key_exchange.clone().or_else(|| {
        suite
            .and_then(|s| s.kex)
            .filter(|k| *k != "RSA")
            .map(String::from)
    });
    Tls {
        version: found.version.map(String::from),
        cipher: found.cipher.clone(),
        cipher_iana: suite.map(|s| s.iana.clone()),
        // Only what the header writes; the suite's own key size is shown through its name.
        bits: found.bits,
        post_quantum: key_exchange.as_deref().is_some_and(tls::is_post_quantum),
        key_exchange,
        peer_certificate: found.cert,
    }
}

/// The sending side: HELO name, reverse-DNS name and address, from the shapes
/// `from helo (rdns [ip])` (Postfix, Sendmail), `from rdns ([ip] helo=helo)` (Exim),
/// `from rdns (HELO helo) (ip)` (qmail), `from helo (ip)` (Exchange), `from [ip]`.
///
/// These run on every hop, so they scan tokens by hand instead of running regexes: the
/// benchmark showed regex captures here costing more than the whole of mail-parser's parse.
fn endpoint(text: &str, trace: &Trace, c: &Clause) -> Endpoint {
    let toks = trace.toks_of(c);
    let first_word = toks
        .first()
        .filter(|t| matches!(t.kind, TokKind::Word | TokKind::Literal))
        .map(|t| &text[t.span.clone()]);
    let ip = clause_ip(text, c, trace);
    let comments = || {
        toks.iter()
            .filter(|t| t.kind == TokKind::Comment)
            .map(|t| comment_inner(&text[t.span.clone()]))
    };

    let explicit_helo = comments().find_map(explicit_helo).map(String::from);
    let rdns_in_comment = comments().find_map(|inner| {
        let mut words = inner.split_ascii_whitespace();
        let name = words.next()?;
        let next = words.next()?;
        let plausible = name.as_bytes()[0].is_ascii_alphanumeric() && !name.contains('=');
        (plausible && next.starts_with('[')).then(|| name.trim_end_matches('.').to_string())
    });

    let is_name = |w: &&str| {
        !w.starts_with('[') && net::parse_ip(w).is_none() && !w.eq_ignore_ascii_case("unknown")
    };
    let (helo, rdns) = match explicit_helo {
        Some(h) => (
            Some(h),
            first_word
                .filter(is_name)
                .map(|w| w.trim_end_matches('.').to_string()),
        ),
        None => (
            first_word.map(|w| w.to_string()),
            rdns_in_comment.filter(|r| !r.eq_ignore_ascii_case("unknown")),
        ),
    };
    Endpoint {
        helo,
        rdns,
        ip: ip.map(|ip| ip.to_string()),
    }
}

/// A comment without its outer parentheses.
fn comment_inner(comment: &str) -> &str {
    let s = comment.strip_prefix('(').unwrap_or(comment);
    s.strip_suffix(')').unwrap_or(s)
}

/// `helo=NAME` (Exim) or a comment starting `HELO NAME` / `EHLO NAME` (qmail, Courier).
fn explicit_helo(inner: &str) -> Option<&str> {
    let after = if let Some(at) = find_ascii_ci(inner, "helo=") {
        &inner[at + 5..]
    } else if inner.len() > 5
        && (inner.as_bytes()[..5].eq_ignore_ascii_case(b"helo ")
            || inner.as_bytes()[..5].eq_ignore_ascii_case(b"ehlo "))
    {
        // The five bytes are ASCII, so byte 5 is a character boundary.
        inner[5..].trim_start()
    } else {
        return None;
    };
    let end = after
        .find(|c: char| c.is_ascii_whitespace() || matches!(c, ')' | ']' | '('))
        .unwrap_or(after.len());
    (end > 0).then(|| &after[..end])
}

/// Byte offset of `needle` (lower case) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

fn clause_span(trace: &Trace, c: &Clause) -> Option<Range<usize>> {
    let toks = trace.toks_of(c);
    Some(toks.first()?.span.start..toks.last()?.span.end)
}

/// The address the server saw: the first `[address literal]` or bare address inside the
/// clause's comments (`from [192.168.1.20] (gw.example [203.0.113.77])`: the literal in front is
/// only what the client claimed), else a literal standing as the clause's first word.
fn clause_ip(text: &str, c: &Clause, trace: &Trace) -> Option<IpAddr> {
    let toks = trace.toks_of(c);
    toks.iter()
        .filter(|t| t.kind == TokKind::Comment)
        .find_map(|t| ip_in_comment(&text[t.span.clone()]))
        .or_else(|| {
            toks.iter()
                .filter(|t| t.kind == TokKind::Literal)
                .find_map(|t| {
                    net::parse_ip(text[t.span.clone()].trim_matches(|c| c == '[' || c == ']'))
                })
        })
        .or_else(|| {
            toks.first()
                .and_then(|t| net::parse_ip(&text[t.span.clone()]))
        })
}

/// An address in a comment: `[192.0.2.1]`, `[IPv6:2001:db8::1]`, `[192.0.2.1]:4123`, or bare
/// (`(192.0.2.9)`, Exchange's `(2603:10a6:20b:1::1)`). Literals win over bare words.
fn ip_in_comment(comment: &str) -> Option<IpAddr> {
    let inner = comment_inner(comment);
    let mut rest = inner;
    while let Some(open) = rest.find('[') {
        // `helo=[192.168.2.14]` is what the client claimed, not the address the server saw.
        let before = rest[..open].trim_end();
        let claimed = before.len() >= 4
            && before.as_bytes()[before.len() - 4..].eq_ignore_ascii_case(b"helo")
            || before.len() >= 5
                && before.as_bytes()[before.len() - 5..].eq_ignore_ascii_case(b"helo=");
        let after = &rest[open + 1..];
        let close = after.find(']')?;
        if !claimed {
            if let Some(ip) = net::parse_ip(&after[..close]) {
                return Some(ip);
            }
        }
        rest = &after[close + 1..];
    }
    inner
        .split(|c: char| c.is_ascii_whitespace() || matches!(c, '(' | ')' | ',' | ';'))
        .filter(|w| {
            w.len() >= 2
                && (w.contains('.') || w.contains(':'))
                && (w.as_bytes()[0].is_ascii_hexdigit() || w.starts_with(':'))
        })
        .find_map(net::parse_ip)
}

/// Receiving software named in a comment: `(Postfix)`, `(Exim 4.98)`, `(8.17.1/8.17.1)`…
fn software(h: &Header<'_>) -> Option<String> {
    const NAMES: &[&str] = &[
        "Postfix",
        "Exim ",
        "Stalwart SMTP",
        "Haraka/",
        "OpenSMTPD",
        "Dovecot",
        "amavisd-new",
        "amavis",
        "Cyrus",
        "CommuniGate Pro",
        "ecelerity ",
        "Courier",
        "qmail ",
        "MailEnable",
        "Zimbra",
        "Halon",
        "maddy",
    ];
    for t in h.trace.toks.iter().filter(|t| t.kind == TokKind::Comment) {
        let inner = comment_inner(&h.text[t.span.clone()]).trim();
        let name = inner.split([',', '(', ')']).next().unwrap_or("").trim();
        if name.is_empty() || name.len() > 40 {
            continue;
        }
        if NAMES.iter().any(|n| {
            name.as_bytes()
                .get(..n.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(n.as_bytes()))
        }) {
            let name = if name.starts_with("qmail ") {
                "qmail"
            } else {
                name
            };
            return Some(name.to_string());
        }
        // Sendmail writes its version pair: `(8.17.1/8.17.1)`.
        if let Some((v, _)) = name.split_once('/') {
            if v.split('.').count() == 3
                && v.split('.')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            {
                return Some(format!("Sendmail {v}"));
            }
        }
    }
    if h.contains("microsoft smtp server") {
        return Some("Microsoft Exchange".into());
    }
    if h.contains("google transport security") || h.contains("by mx.google.com") {
        return Some("Google".into());
    }
    None
}

/// `from userid 1001` (Postfix pickup), `invoked by uid 89` / `invoked by alias` /
/// `invoked from network` / `invoked for bounce` (qmail): handed over on the machine itself.
fn local_pickup(h: &Header<'_>) -> Option<Range<usize>> {
    for at in h.find_all("from").filter(|&at| h.word_start(at)) {
        let mut s = h.scan(at + "from".len());
        if s.ws() && s.lit("userid") && s.ws() && s.word(|b| b.is_ascii_digit()).is_some() {
            return Some(at..s.pos);
        }
    }
    for at in h.find_all("invoked").filter(|&at| h.word_start(at)) {
        let mut s = h.scan(at + "invoked".len());
        let tail = s.optional(|s| {
            let word = s.lit_any(&["by", "from", "for"])?;
            let next: &[&'static str] = match word {
                "by" => &["uid", "alias"],
                "from" => &["network"],
                _ => &["bounce"],
            };
            s.lit_any(next)
        });
        if tail.is_some() {
            return Some(at..s.pos);
        }
    }
    None
}

struct ScopeInput<'a> {
    header: &'a Header<'a>,
    from_clause: Option<&'a Clause>,
    from: &'a Endpoint,
    by: Option<&'a str>,
    by_ip: Option<IpAddr>,
    protocol: Option<&'a str>,
    class: ProtocolClass,
    google_internal: bool,
}

/// Where the hop happened, and the text that shows it. Rules run from the most local down.
fn scope(s: &ScopeInput<'_>) -> (Scope, Evidence) {
    let header = s.header;
    let (text, trace) = (header.text, header.trace);
    let whole = trim(text, header.value.clone());
    let from_span = s
        .from_clause
        .and_then(|c| clause_span(trace, c))
        .map(|r| s.from_clause.map_or(r.start, |c| c.keyword_span.start)..r.end);
    let by_span = trace
        .clause(Keyword::By)
        .and_then(|c| clause_span(trace, c).map(|r| c.keyword_span.start..r.end));
    let with_span = trace
        .clause(Keyword::With)
        .map(|c| c.keyword_span.start..clause_span(trace, c).map_or(c.keyword_span.end, |r| r.end));
    if let Some(span) = local_pickup(header) {
        return (Scope::Local, ev("local-pickup", text, span));
    }
    if s.class == ProtocolClass::NoWire {
        return (
            Scope::Local,
            ev("local-no-wire-protocol", text, with_span.unwrap_or(whole)),
        );
    }
    // LMTP delivers to the mailbox store next to the MTA; but a line that records a sending
    // address other than the loopback shows a hop between machines (a director in front of
    // mailbox back ends), which the address rules below place.
    let from_ip = s.from.ip.as_deref().and_then(net::parse_ip);
    if s.protocol.is_some_and(is_lmtp) && from_ip.as_ref().is_none_or(net::is_loopback) {
        return (
            Scope::Local,
            ev("local-lmtp-delivery", text, with_span.unwrap_or(whole)),
        );
    }
    // Exim's `local-esmtp(s)`, `local-smtp`, `local-bsmtp`: submission on the machine itself.
    if s.protocol
        .is_some_and(|p| p.len() > 6 && p.as_bytes()[..6].eq_ignore_ascii_case(b"local-"))
    {
        return (
            Scope::Local,
            ev(
                "local-exim-local-protocol",
                text,
                with_span.unwrap_or(whole),
            ),
        );
    }
    // No sending host and no wire protocol: a program handed the message over on the machine
    // (`(from alice@localhost) by ws (8.18.1/Submit)`, `(sSMTP sendmail emulation)`,
    // `with ECARTIS`).
    if s.from_clause.is_none()
        && !matches!(
            s.class,
            ProtocolClass::Plain | ProtocolClass::Tls | ProtocolClass::Http
        )
    {
        return (
            Scope::Local,
            ev(
                "local-no-peer-no-wire",
                text,
                by_span.clone().unwrap_or(whole),
            ),
        );
    }
    if from_ip.as_ref().is_some_and(net::is_loopback) {
        return (
            Scope::Local,
            ev("local-loopback-client", text, from_span.unwrap_or(whole)),
        );
    }
    if s.by_ip.as_ref().is_some_and(net::is_loopback) {
        return (
            Scope::Local,
            ev("local-loopback-server", text, by_span.unwrap_or(whole)),
        );
    }
    let names = [s.from.rdns.as_deref(), s.from.helo.as_deref()];
    if names.iter().flatten().any(|n| {
        ["localhost", "localhost.localdomain", "[local]"]
            .iter()
            .any(|l| n.eq_ignore_ascii_case(l))
    }) && from_ip.is_none()
    {
        return (
            Scope::Local,
            ev("local-localhost", text, from_span.unwrap_or(whole)),
        );
    }
    if let (Some(by), Some(name)) = (s.by, s.from.rdns.as_deref().or(s.from.helo.as_deref())) {
        if net::same_host(by, name) && from_ip.is_none_or(|ip| net::is_private(&ip)) {
            return (
                Scope::Local,
                ev(
                    "local-same-host",
                    text,
                    from_span.clone().unwrap_or(whole.clone()),
                ),
            );
        }
    }
    if from_ip.as_ref().is_some_and(net::is_private) {
        return (
            Scope::Internal,
            ev("internal-private-address", text, from_span.unwrap_or(whole)),
        );
    }
    if s.google_internal {
        return (
            Scope::Internal,
            ev("internal-provider-transport", text, whole),
        );
    }
    // Same organisation: the reverse-DNS name the server looked up; the HELO name only when
    // the line records no address at all, since a client chooses its HELO (spam says `HELO
    // outlook.com` to Microsoft's front door). A name that spells the client's address
    // (`60-241-138-146.static.isp.example`) is a customer line of the provider, not one of its
    // own servers.
    let peer_name = s
        .from
        .rdns
        .as_deref()
        .or(s.from.helo.as_deref().filter(|_| from_ip.is_none()))
        .filter(|name| !net::embeds_ip(name));
    // Servers of one organisation that talk over public addresses (or addresses the header
    // does not give) crossed the Internet all the same: the hop is external, and says whose.
    if let (Some(by), Some(peer)) = (s.by, peer_name) {
        if let (Some(a), Some(b)) = (net::organisation(by), net::organisation(peer)) {
            if net::same_organisation(&a, &b) {
                return (
                    Scope::External,
                    ev(
                        "external-same-organisation",
                        text,
                        from_span.unwrap_or(whole),
                    ),
                );
            }
        }
    }
    if s.from_clause.is_none() {
        return (
            Scope::Internal,
            ev("internal-no-peer-recorded", text, by_span.unwrap_or(whole)),
        );
    }
    // A peer with neither an address nor a host name (`from 7a3f2c (unknown)`): an internal
    // hand-off such as an API front end, not a connection from the Internet, where the server
    // would have recorded the address.
    let dotted = |n: &Option<String>| {
        n.as_deref()
            .is_some_and(|n| n.contains('.') || n.contains(':'))
    };
    if from_ip.is_none() && !dotted(&s.from.helo) && !dotted(&s.from.rdns) {
        return (
            Scope::Internal,
            ev(
                "internal-no-address-recorded",
                text,
                from_span.unwrap_or(whole),
            ),
        );
    }
    match from_ip {
        Some(_) => (
            Scope::External,
            ev("external-public-address", text, from_span.unwrap_or(whole)),
        ),
        None => (
            Scope::External,
            ev(
                "external-not-shown-internal",
                text,
                from_span.unwrap_or(whole),
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::header_block;

    fn hop(raw: &str) -> Hop {
        let block = header_block(raw);
        analyse(raw, &block.fields[0])
    }

    #[test]
    fn postfix_pq_hop() {
        let h = hop("Received: from mail.example.org (mail.example.org [203.0.113.5])\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\n\t key-exchange X25519MLKEM768 server-signature RSA-PSS (4096 bits) server-digest SHA256)\n\t(No client certificate requested)\n\tby mx.example.net (Postfix) with ESMTPS id 4Xy1Zt2abcz9sVq\n\tfor <bob@example.net>; Sun, 22 Nov 2026 05:20:40 +0000 (UTC)\n");
        assert_eq!(h.verdict, Verdict::Encrypted);
        assert_eq!(h.scope, Scope::External);
        assert_eq!(h.from.helo.as_deref(), Some("mail.example.org"));
        assert_eq!(h.from.rdns.as_deref(), Some("mail.example.org"));
        assert_eq!(h.from.ip.as_deref(), Some("203.0.113.5"));
        assert_eq!(h.by.as_deref(), Some("mx.example.net"));
        assert_eq!(h.software.as_deref(), Some("Postfix"));
        assert_eq!(h.protocol.as_deref(), Some("ESMTPS"));
        assert_eq!(h.id.as_deref(), Some("4Xy1Zt2abcz9sVq"));
        assert_eq!(h.for_.as_deref(), Some("bob@example.net"));
        assert_eq!(h.date.as_deref(), Some("2026-11-22T05:20:40Z"));
        let tls = h.tls.unwrap();
        assert_eq!(tls.version.as_deref(), Some("TLS1.3"));
        assert_eq!(tls.key_exchange.as_deref(), Some("X25519MLKEM768"));
        assert!(tls.post_quantum);
        assert_eq!(h.grade, Some(crate::model::Grade::Strong));
    }

    #[test]
    fn verdicts_are_honest() {
        let cases = [
            ("Received: from a.example (a.example [192.0.2.1]) by b.example (Postfix) with ESMTP id 1; Sun, 22 Nov 2026 05:20:40 +0000", Verdict::Plaintext),
            ("Received: from a.example by b.example with SMTP id 1 (version=TLS1.2, cipher=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256); Sun, 22 Nov 2026 05:20:40 +0000", Verdict::Encrypted),
            ("Received: from a.example by b.example; Sun, 22 Nov 2026 05:20:40 +0000", Verdict::Unknown),
            ("Received: (qmail 1234 invoked by uid 89); 22 Nov 2026 05:20:40 -0000", Verdict::Unknown),
            ("Received: from a by b with mapi id 15.20.1; Sun, 22 Nov 2026 05:20:40 +0000", Verdict::Unknown),
            ("Received: from a by b with XYZZY; Sun, 22 Nov 2026 05:20:40 +0000", Verdict::Unknown),
            ("Received: from a by b via HTTP; Sun, 22 Nov 2026 05:20:40 +0000", Verdict::Unknown),
            ("Received: from a by b via SMTP; Sun, 22 Nov 2026 05:20:40 +0000", Verdict::Plaintext),
            ("Received: by 2002:a05:6a10:1234:b0:5a1:2b3c:4d5e with SMTP id x; Sun, 22 Nov 2026 05:20:40 -0800 (PST)", Verdict::Unknown),
            ("Received: by mail.example.net with ESMTP id x; Sun, 22 Nov 2026 05:20:40 -0800", Verdict::Unknown),
            ("Received: by mail.example.net with ESMTPS id x; Sun, 22 Nov 2026 05:20:40 -0800", Verdict::Encrypted),
            ("Received: garbage ((( [[[", Verdict::Unknown),
        ];
        for (raw, want) in cases {
            assert_eq!(hop(raw).verdict, want, "{raw}");
        }
    }

    #[test]
    fn scopes() {
        let cases = [
            ("Received: from mx.example.net (localhost [127.0.0.1]) by mx.example.net (Postfix) with ESMTP id 1; d", Scope::Local),
            ("Received: by mx.example.net (Postfix, from userid 1001) id 1; d", Scope::Local),
            ("Received: from mx.example.net by imap.example.net (Dovecot) with LMTP id 1 for <b@example.net>; d", Scope::Local),
            ("Received: from mx.example.net ([127.0.0.1]) by imap.example.net (Dovecot) with LMTP id 1; d", Scope::Local),
            ("Received: from director-2 ([10.81.8.148]) by backend-7 ([10.81.8.246]) (Dovecot) with LMTP id 1; d", Scope::Internal),
            ("Received: from a.example.net (a.example.net [10.0.0.5]) by b.example.org with ESMTP; d", Scope::Internal),
            ("Received: from a.example.net (a.example.net [192.0.2.5]) by b.example.net with ESMTP; d", Scope::External),
            ("Received: from a.example.net (a.example.net [10.1.2.5]) by b.example.net with ESMTP; d", Scope::Internal),
            ("Received: by 2002:a05:6a10:1234:b0:5a1:2b3c:4d5e with SMTP id x; d", Scope::Internal),
            ("Received: from a.example.org (a.example.org [192.0.2.5]) by b.example.net with ESMTP; d", Scope::External),
            ("Received: from mx.example.net ([::1]) by mx.example.net (amavisd-new, port 10024) with ESMTP; d", Scope::Local),
            ("Received: from a.example.org (a.example.org [::ffff:192.168.1.4]) by b.example.net with ESMTP; d", Scope::Internal),
        ];
        for (raw, want) in cases {
            let h = hop(raw);
            assert_eq!(h.scope, want, "{raw}: {:?}", h.scope_evidence);
            assert_eq!(
                &raw[h.scope_evidence.start..h.scope_evidence.end],
                h.scope_evidence.text
            );
        }
    }

    #[test]
    fn endpoints() {
        let cases = [
            ("Received: from mail.example ([192.0.2.1] helo=smtp.example) by b; d", (Some("smtp.example"), Some("mail.example"), Some("192.0.2.1"))),
            ("Received: from [192.0.2.1] (helo=smtp.example) by b; d", (Some("smtp.example"), None, Some("192.0.2.1"))),
            ("Received: from unknown (HELO smtp.example) (192.0.2.9) by b with SMTP; d", (Some("smtp.example"), None, Some("192.0.2.9"))),
            ("Received: from AM6PR04MB1.eurprd04.prod.outlook.com (2603:10a6:20b:1::1) by AM0PR04MB2.eurprd04.prod.outlook.com with HTTPS; d", (Some("AM6PR04MB1.eurprd04.prod.outlook.com"), None, Some("2603:10a6:20b:1::1"))),
            ("Received: from smtp.example (unknown [IPv6:2001:db8::5]) by b; d", (Some("smtp.example"), None, Some("2001:db8::5"))),
        ];
        for (raw, (helo, rdns, ip)) in cases {
            let h = hop(raw);
            assert_eq!(
                (
                    h.from.helo.as_deref(),
                    h.from.rdns.as_deref(),
                    h.from.ip.as_deref()
                ),
                (helo, rdns, ip),
                "{raw}"
            );
        }
    }
}
