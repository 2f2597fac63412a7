//! Where a hop happened: inside one machine (local), on a private network or inside one
//! provider's own stated transport (internal), or over public addresses (external).
//!
//! Scope follows the network, not the organisation's name: a hop between two servers of one
//! organisation over public addresses crossed the Internet all the same. The rules form an
//! ordered table, from the most local down; the first that applies decides, and the text it
//! read is the scope's evidence. Each rule's shapes are tested below the table.

use std::net::IpAddr;
use std::ops::Range;

use super::endpoint::Sender;
use super::grammar::{trim, Clause, Keyword, Trace};
use super::protocol::{self, Class};
use super::{Header, Word};
use crate::ascii::IgnoreCase;
use crate::model::Scope;
use crate::net;
use crate::rules;

/// What the scope rules read about one hop.
pub(crate) struct Facts<'h, 'a> {
    pub header: &'h Header<'a, 'h>,
    pub from_clause: Option<&'h Clause>,
    pub sender: Sender<'a>,
    pub by: Option<&'a str>,
    pub by_ip: Option<IpAddr>,
    /// The protocol words after `with` (or in `via`), folding squashed.
    pub protocol: Option<&'h str>,
    pub class: Class,
    /// The provider wrote that the hop used its own transport (Google Transport Security).
    pub provider_transport: bool,
}

/// One scope rule: its name (the evidence rule, listed in `rules.rs`), the scope it gives, and
/// the test: `Some(span)` of the text that shows it when the rule applies.
pub(crate) struct Rule {
    pub name: &'static str,
    pub scope: Scope,
    pub applies: fn(&Facts<'_, '_>) -> Option<Range<usize>>,
}

/// Every scope rule, in the order they are tried.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        name: rules::LOCAL_PICKUP,
        scope: Scope::Local,
        applies: local_pickup,
    },
    Rule {
        name: rules::LOCAL_NO_WIRE_PROTOCOL,
        scope: Scope::Local,
        applies: no_wire_protocol,
    },
    Rule {
        name: rules::LOCAL_LMTP_DELIVERY,
        scope: Scope::Local,
        applies: lmtp_delivery,
    },
    Rule {
        name: rules::LOCAL_EXIM_LOCAL_PROTOCOL,
        scope: Scope::Local,
        applies: exim_local_protocol,
    },
    Rule {
        name: rules::LOCAL_NO_PEER_NO_WIRE,
        scope: Scope::Local,
        applies: no_peer_no_wire,
    },
    Rule {
        name: rules::LOCAL_LOOPBACK_CLIENT,
        scope: Scope::Local,
        applies: loopback_client,
    },
    Rule {
        name: rules::LOCAL_LOOPBACK_SERVER,
        scope: Scope::Local,
        applies: loopback_server,
    },
    Rule {
        name: rules::LOCAL_LOCALHOST,
        scope: Scope::Local,
        applies: localhost,
    },
    Rule {
        name: rules::LOCAL_SAME_HOST,
        scope: Scope::Local,
        applies: same_host,
    },
    Rule {
        name: rules::INTERNAL_PRIVATE_ADDRESS,
        scope: Scope::Internal,
        applies: private_address,
    },
    Rule {
        name: rules::INTERNAL_PROVIDER_TRANSPORT,
        scope: Scope::Internal,
        applies: provider_transport,
    },
    Rule {
        name: rules::EXTERNAL_SAME_ORGANISATION,
        scope: Scope::External,
        applies: same_organisation,
    },
    Rule {
        name: rules::INTERNAL_NO_PEER_RECORDED,
        scope: Scope::Internal,
        applies: no_peer_recorded,
    },
    Rule {
        name: rules::INTERNAL_NO_ADDRESS_RECORDED,
        scope: Scope::Internal,
        applies: no_address_recorded,
    },
    Rule {
        name: rules::EXTERNAL_PUBLIC_ADDRESS,
        scope: Scope::External,
        applies: public_address,
    },
];

/// Applies when no rule above does: nothing shows the hop stayed inside one network.
pub(crate) const FALLBACK: &str = rules::EXTERNAL_NOT_SHOWN_INTERNAL;

/// The scope of a hop, the rule that decided it and the span it read.
pub(crate) fn scope(f: &Facts<'_, '_>) -> (Scope, &'static str, Range<usize>) {
    for rule in RULES {
        if let Some(span) = (rule.applies)(f) {
            return (rule.scope, rule.name, span);
        }
    }
    (
        Scope::External,
        FALLBACK,
        f.sender_span().unwrap_or_else(|| f.whole()),
    )
}

impl Facts<'_, '_> {
    fn trace(&self) -> &Trace {
        self.header.trace
    }

    /// The whole value, trimmed.
    fn whole(&self) -> Range<usize> {
        trim(self.header.text, self.header.value.clone())
    }

    /// A clause from its keyword to its last token; `None` for a keyword with nothing after it.
    fn clause_span(&self, c: &Clause) -> Option<Range<usize>> {
        let last = self.trace().toks_of(c).last()?;
        Some(c.keyword_span.start..last.span.end)
    }

    fn sender_span(&self) -> Option<Range<usize>> {
        self.from_clause.and_then(|c| self.clause_span(c))
    }

    fn by_span(&self) -> Option<Range<usize>> {
        self.trace()
            .clause(Keyword::By)
            .and_then(|c| self.clause_span(c))
    }

    /// The `with` clause, or its keyword alone.
    fn with_span(&self) -> Option<Range<usize>> {
        self.trace()
            .clause(Keyword::With)
            .map(|c| self.clause_span(c).unwrap_or(c.keyword_span.clone()))
    }

    fn authenticated(&self) -> bool {
        self.protocol.is_some_and(protocol::is_authenticated)
    }

    fn sender_or_whole(&self) -> Range<usize> {
        self.sender_span().unwrap_or_else(|| self.whole())
    }
}

/// `from userid 1001` (Postfix pickup), `invoked by uid 89` / `invoked by alias` /
/// `invoked from network` / `invoked for bounce` (qmail), `from alice (uid 1000)` (dma): handed
/// over on the machine itself.
fn local_pickup(f: &Facts<'_, '_>) -> Option<Range<usize>> {
    let h = f.header;
    for at in h.at(Word::Uid).filter(|&at| h.before(at) == Some(b'(')) {
        let mut s = h.scan(at + "uid".len());
        if s.ws() && s.word(|b| b.is_ascii_digit()).is_some() && s.lit(")") {
            return Some(at - 1..s.pos);
        }
    }
    for at in h.at(Word::Userid) {
        // `from userid N`: look back over whitespace for `from`.
        let before = h.text[h.value.start..at].trim_end();
        let from =
            before.len() >= 4 && before.as_bytes()[before.len() - 4..].eq_ignore_case(b"from");
        let start = h.value.start + before.len() - 4;
        let mut s = h.scan(at + "userid".len());
        if from && h.word_start(start) && s.ws() && s.word(|b| b.is_ascii_digit()).is_some() {
            return Some(start..s.pos);
        }
    }
    for at in h.at(Word::Invoked) {
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

/// `with local`, `with mapi`, `ECSTREAM`…: no wire at all.
fn no_wire_protocol(f: &Facts<'_, '_>) -> Option<Range<usize>> {
    (f.class == Class::NoWire).then(|| f.with_span().unwrap_or_else(|| f.whole()))
}

/// LMTP delivers to the mailbox store next to the MTA; but a line that records a sending
/// address other than the loopback shows a hop between machines (a director in front of
/// mailbox back ends), which the address rules below place.
fn lmtp_delivery(f: &Facts<'_, '_>) -> Option<Range<usize>> {
    let lmtp = f.protocol.is_some_and(protocol::is_lmtp);
    (lmtp && f.sender.ip.as_ref().is_none_or(net::is_loopback))
        .then(|| f.with_span().unwrap_or_else(|| f.whole()))
}

/// Exim's `local-esmtp(s)`, `local-smtp`, `local-bsmtp`: submission on the machine itself.
fn exim_local_protocol(f: &Facts<'_, '_>) -> Option<Range<usize>> {
    f.protocol
        .is_some_and(protocol::is_exim_local)
        .then(|| f.with_span().unwrap_or_else(|| f.whole()))
}

/// No sending host and no wire protocol: a program handed the message over on the machine
/// (`(from alice@localhost) by ws (8.18.1/Submit)`, `(sSMTP sendmail emulation)`,
/// `with ECARTIS`).
fn no_peer_no_wire(f: &Facts<'_, '_>) -> Option<Range<usize>> {
    let wire = matches!(f.class, Class::Plain | Class::Tls | Class::Http);
    (f.from_clause.is_none() && !wire).then(|| f.by_span().unwrap_or_else(|| f.whole()))
}

fn loopback_client(f: &Facts<'_, '_>) -> Option<Range<usize>> {
    f.sender
        .ip
        .as_ref()
        .is_some_and(net::is_loopback)
        .then(|| f.sender_or_whole())
}

fn loopback_server(f: &Facts<'_, '_>) -> Option<Range<usize>> {
    f.by_ip
        .as_ref()
        .is_some_and(net::is_loopback)
        .then(|| f.by_span().unwrap_or_else(|| f.whole()))
}

/// The sender names itself `localhost` and no address contradicts it.
fn localhost(f: &Facts<'_, '_>) -> Option<Range<usize>> {
    let local = |n: &str| {
        ["localhost", "localhost.localdomain", "[local]"]
            .iter()
            .any(|l| n.eq_ignore_case(l))
    };
    let named = [f.sender.rdns, f.sender.helo]
        .into_iter()
        .flatten()
        .any(local);
    (named && f.sender.ip.is_none()).then(|| f.sender_or_whole())
}

/// A server talking to itself: the sender's name is the receiver's, over no address or a
/// private one.
///
/// Not for an authenticated submission: a server relaying to itself does not log in, while mox
/// writes its own name for the submitting client to hide it.
fn same_host(f: &Facts<'_, '_>) -> Option<Range<usize>> {
    let (by, name) = (f.by?, f.sender.rdns.or(f.sender.helo)?);
    // The protocol is read last: the names nearly always differ already.
    (net::same_host(by, name)
        && f.sender.ip.is_none_or(|ip| net::is_private(&ip))
        && !f.authenticated())
    .then(|| f.sender_or_whole())
}

fn private_address(f: &Facts<'_, '_>) -> Option<Range<usize>> {
    f.sender
        .ip
        .as_ref()
        .is_some_and(net::is_private)
        .then(|| f.sender_or_whole())
}

/// The provider wrote that the hop used its own transport between its data centres
/// (`(Google Transport Security)`, Google's documented ALTS).
fn provider_transport(f: &Facts<'_, '_>) -> Option<Range<usize>> {
    f.provider_transport.then(|| f.whole())
}

/// Servers of one organisation that talk over public addresses (or addresses the header does
/// not give) crossed the Internet all the same: the hop is external, and says whose. The
/// organisation is read from the reverse-DNS name the server looked up; the HELO name counts
/// only where the line records no address at all, since a client chooses its HELO (spam says
/// `HELO outlook.com` to Microsoft's front door). A name that spells the client's address
/// (`60-241-138-146.static.isp.example`) is a customer line of the provider, not its server.
fn same_organisation(f: &Facts<'_, '_>) -> Option<Range<usize>> {
    let peer = f
        .sender
        .rdns
        .or(f.sender.helo.filter(|_| f.sender.ip.is_none()))?;
    let (a, b) = (net::organisation(f.by?)?, net::organisation(peer)?);
    (net::same_organisation(&a, &b) && !net::embeds_ip(peer)).then(|| f.sender_or_whole())
}

/// No `from` part: a hand-off inside the receiving organisation (Google's `by 2002:a05:…`).
fn no_peer_recorded(f: &Facts<'_, '_>) -> Option<Range<usize>> {
    f.from_clause
        .is_none()
        .then(|| f.by_span().unwrap_or_else(|| f.whole()))
}

/// A peer with neither an address nor a dotted name (`from 7a3f2c (unknown)`): an internal
/// hand-off such as an API front end, not a connection from the Internet, where the server
/// would have recorded the address. Not for an authenticated submission: chasquid hides the
/// address of the user's program (`from laptop … with ESMTPSA`), which may be anywhere.
fn no_address_recorded(f: &Facts<'_, '_>) -> Option<Range<usize>> {
    let dotted = |n: Option<&str>| n.is_some_and(|n| n.contains('.') || n.contains(':'));
    // The protocol is read last: most lines record an address.
    (f.sender.ip.is_none()
        && !dotted(f.sender.helo)
        && !dotted(f.sender.rdns)
        && !f.authenticated())
    .then(|| f.sender_or_whole())
}

fn public_address(f: &Facts<'_, '_>) -> Option<Range<usize>> {
    f.sender.ip.is_some().then(|| f.sender_or_whole())
}

#[cfg(test)]
mod tests {
    use crate::model::Scope;

    /// The scope and rule of the one Received header in `raw`; the evidence is the input's text.
    fn scope(raw: &str) -> (Scope, String) {
        let hop = crate::received::hop::read_one(raw);
        assert_eq!(
            &raw[hop.scope_evidence.start..hop.scope_evidence.end],
            hop.scope_evidence.text
        );
        (hop.scope, hop.scope_evidence.rule.into_owned())
    }

    fn check(cases: &[(&str, Scope, &str)]) {
        for (raw, want, rule) in cases {
            assert_eq!(scope(raw), (*want, rule.to_string()), "{raw}");
        }
    }

    #[test]
    fn every_rule_has_a_test_below() {
        let tested = include_str!("scope.rs");
        for rule in super::RULES {
            assert!(
                tested.matches(&format!("\"{}\"", rule.name)).count() >= 1,
                "{}",
                rule.name
            );
        }
    }

    #[test]
    fn local_rules() {
        check(&[
            ("Received: by mx.example.net (Postfix, from userid 1001) id 1; d", Scope::Local, "local-pickup"),
            ("Received: (qmail 1234 invoked by uid 89); 22 Nov 2026 05:20:40 -0000", Scope::Local, "local-pickup"),
            ("Received: (qmail 1234 invoked from network); 22 Nov 2026 05:20:40 -0000", Scope::Local, "local-pickup"),
            ("Received: from a by b with mapi id 15.20.1; d", Scope::Local, "local-no-wire-protocol"),
            ("Received: from mx.example.net by imap.example.net (Dovecot) with LMTP id 1 for <b@example.net>; d", Scope::Local, "local-lmtp-delivery"),
            ("Received: from mx.example.net ([127.0.0.1]) by imap.example.net (Dovecot) with LMTP id 1; d", Scope::Local, "local-lmtp-delivery"),
            ("Received: from alice by mail.example.net with local-esmtps (Exim 4.98) id 1; d", Scope::Local, "local-exim-local-protocol"),
            ("Received: from alice (uid 1000)\n\t(envelope-from alice@host.example.com)\n\tid 1a2b3c\n\tby host.example.com (DragonFly Mail Agent v0.14 on host.example.com);\n\tSat, 05 Dec 2026 10:00:00 +0000", Scope::Local, "local-pickup"),
            ("Received: (from alice@localhost) by ws.example.net (8.18.1/8.18.1/Submit) id 1; d", Scope::Local, "local-no-peer-no-wire"),
            ("Received: from mx.example.net (localhost [127.0.0.1]) by mx.example.net (Postfix) with ESMTP id 1; d", Scope::Local, "local-loopback-client"),
            ("Received: from mx.example.net ([::1]) by mx.example.net (amavisd-new, port 10024) with ESMTP; d", Scope::Local, "local-loopback-client"),
            ("Received: from out.example.com by localhost (out.example.com [127.0.0.1]) (amavisd-new, port 10024) with ESMTP id 1; d", Scope::Local, "local-loopback-server"),
            ("Received: from localhost by mx.example.net with ESMTP; d", Scope::Local, "local-localhost"),
            ("Received: from srv1.example.net (srv1.example.net [fe80::1]) by srv1.example.net with ESMTP; d", Scope::Local, "local-same-host"),
        ]);
    }

    #[test]
    fn internal_rules() {
        check(&[
            ("Received: from a.example.net (a.example.net [10.1.2.5]) by b.example.net with ESMTP; d", Scope::Internal, "internal-private-address"),
            ("Received: from a.example.org (a.example.org [::ffff:192.168.1.4]) by b.example.net with ESMTP; d", Scope::Internal, "internal-private-address"),
            ("Received: from director-2 ([10.81.8.148]) by backend-7 ([10.81.8.246]) (Dovecot) with LMTP id 1; d", Scope::Internal, "internal-private-address"),
            ("Received: from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id x for <b@example.com> (Google Transport Security); d", Scope::Internal, "internal-provider-transport"),
            ("Received: by 2002:a05:6a10:1234:b0:5a1:2b3c:4d5e with SMTP id x; d", Scope::Internal, "internal-no-peer-recorded"),
            ("Received: from NDUzMjk0NDA (unknown) by geopod-ismtpd-1 (SG) with HTTP id x; d", Scope::Internal, "internal-no-address-recorded"),
        ]);
    }

    #[test]
    fn external_rules() {
        check(&[
            ("Received: from a.example.net (a.example.net [192.0.2.5]) by b.example.net with ESMTP; d", Scope::External, "external-same-organisation"),
            ("Received: from wlvexc00.example.org by warden3.example.org via smtpd with SMTP; d", Scope::External, "external-same-organisation"),
            ("Received: from a.example.org (a.example.org [192.0.2.5]) by b.example.net with ESMTP; d", Scope::External, "external-public-address"),
            // A HELO name does not make a hop internal when an address is recorded.
            ("Received: from outlook.com ([198.51.100.9]) by mx.outlook.com with ESMTP; d", Scope::External, "external-public-address"),
            // A name that spells the address is a customer's.
            ("Received: from 60-241-138-146.static.isp.example (60-241-138-146.static.isp.example [60.241.138.146]) by mail11.isp.example with ESMTP; d", Scope::External, "external-public-address"),
            ("Received: from a.example.org by b.example.net with ESMTP; d", Scope::External, "external-not-shown-internal"),
            // An authenticated client named like the server (mox) or with a bare name (chasquid).
            ("Received: from mail.example.com by mail.example.com ([198.51.100.10]) via tcp with ESMTPSA id 9q; d", Scope::External, "external-same-organisation"),
            ("Received: from laptop\n\tby mail.example.com (chasquid) with ESMTPSA\n\ttls TLS_CHACHA20_POLY1305_SHA256; d", Scope::External, "external-not-shown-internal"),
        ]);
    }
}
