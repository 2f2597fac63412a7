//! What the hops add up to: delays, trust, the headline, the warnings.

use std::fmt;

use crate::ascii::IgnoreCase;
use crate::model::{Hop, Overall, Scope, Severity, Summary, Trust, Verdict, Warning, Weakest};
use crate::net;

/// Pieces and numbers pushed onto a sentence: the sentences nearly every report has (the
/// headline of an encrypted route, its notes, the chain and trust warnings) are written
/// without the formatting machinery, whose dispatch costs more than the copies.
trait Put {
    fn put(&mut self, piece: &str) -> &mut Self;
    fn num(&mut self, n: impl Into<u64>) -> &mut Self;
}

impl Put for String {
    fn put(&mut self, piece: &str) -> &mut Self {
        self.push_str(piece);
        self
    }

    fn num(&mut self, n: impl Into<u64>) -> &mut Self {
        let mut n = n.into();
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[at..] {
            self.push(char::from(d));
        }
        self
    }
}

/// The delay of `hop` since the previous dated hop, whose time `previous` holds (and which this
/// moves on): hops get theirs as they are made, oldest first. Hops without a date are skipped
/// over.
pub(crate) fn set_delay(hop: &mut Hop, previous: &mut Option<i64>) {
    if let Some(ts) = hop.timestamp {
        hop.delay_seconds = previous.map(|p| ts.saturating_sub(p));
        *previous = Some(ts);
    }
}

/// Marks hops written before the message reached the recipient's own servers.
///
/// The newest Received header is written by the recipient's side; walking back in time, hops
/// stay trusted while the receiving server belongs to the same organisation (or names no host,
/// as Google's internal hops do). The first hop received by someone else, and all before it,
/// were written by servers the recipient does not control. Returns the oldest trusted hop.
///
/// Hops come here unverified, as the analysis makes them, and so marked: the walk stops where
/// the chain of trust does, so a mailbox-sized paste's older hops are not visited again.
pub(crate) fn set_trust(hops: &mut [Hop], marks: &mut Marks) -> Option<u32> {
    // The recipient's organisation: that of the newest receiving server with one, met by the
    // walk below before any other (so each name's organisation is worked out once).
    let mut recipient_org: Option<std::borrow::Cow<str>> = None;
    let mut trusted_from = None;
    for (hop, mark) in hops.iter_mut().zip(marks.0.iter_mut()).rev() {
        debug_assert!(hop.trust == Trust::Unverified && *mark & UNVERIFIED != 0);
        let by_org = hop.by.as_deref().and_then(net::organisation);
        let same = match (by_org, &recipient_org) {
            (Some(a), Some(b)) => net::same_organisation(&a, b),
            // A receiving server named only by address, or not at all, cannot break the chain.
            (None, _) => true,
            (Some(a), None) => {
                recipient_org = Some(a);
                true
            }
        };
        if !same && hop.scope != Scope::Local {
            break;
        }
        trusted_from = Some(hop.index);
        hop.trust = Trust::Recipient;
        *mark &= !UNVERIFIED;
    }
    trusted_from
}

/// `hop 3`, `hops 2 and 3`, `hops 2, 3, 8, 9, 14 and 8,859 more`: at most a handful named, so a
/// 100,000-hop paste does not make a 600 KB sentence. Written straight into the sentence that
/// names the hops by `write_to`; as `Display` (for the rarer sentences still made by
/// `format!`), through a string of its own.
struct HopList<'a>(&'a [u32]);

impl HopList<'_> {
    fn write_to(&self, out: &mut String) {
        const NAMED: usize = 5;
        let (named, last) = match self.0 {
            [] => return,
            [one] => {
                out.put("hop ").num(*one);
                return;
            }
            all if all.len() > NAMED + 1 => (&all[..NAMED], None),
            [init @ .., last] => (init, Some(last)),
        };
        out.put("hops ");
        for (i, n) in named.iter().enumerate() {
            if i > 0 {
                out.put(", ");
            }
            out.num(*n);
        }
        match last {
            Some(last) => out.put(" and ").num(*last),
            None => out
                .put(" and ")
                .num((self.0.len() - NAMED) as u64)
                .put(" more"),
        };
    }
}

impl fmt::Display for HopList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write_to(&mut out);
        f.write_str(&out)
    }
}

/// What the headline and the warnings ask of each hop, a few bits each, written as each hop is
/// made. A hop is large, and a mailbox-sized paste's hops are long out of the cache when the
/// summary runs: the dozen questions below are asked of these instead (two bytes a hop), and
/// no pass after the hops are made reads them all again.
pub(crate) struct Marks(Vec<u16>);

const WIRED: u16 = 1;
const ENCRYPTED: u16 = 1 << 1;
const PLAINTEXT: u16 = 1 << 2;
const UNKNOWN: u16 = 1 << 3;
const HANDOFF: u16 = 1 << 4;
const EXTERNAL: u16 = 1 << 5;
const SKEWED: u16 = 1 << 6;
const SLOW: u16 = 1 << 7;
const UNPARSED: u16 = 1 << 8;
const UNVERIFIED: u16 = 1 << 9;
/// See [`breaks_chain`]: asked here, while the hop is at hand.
const BREAKS_CHAIN: u16 = 1 << 10;
/// The grade as one more than its place in [`crate::model::Grade`] (0: none), in the top bits.
const GRADE_SHIFT: u16 = 12;

impl Marks {
    pub(crate) fn with_capacity(hops: usize) -> Marks {
        Marks(Vec::with_capacity(hops))
    }

    /// Marks `hop`, the next in time order after `before`, once its number and delay are set
    /// (and its trust, which [`set_trust`] settles when every hop is made).
    pub(crate) fn push(&mut self, hop: &Hop, before: Option<&Hop>) {
        debug_assert_eq!(hop.index as usize, self.0.len() + 1);
        let mut m = match hop.verdict {
            Verdict::Encrypted => ENCRYPTED,
            Verdict::Plaintext => PLAINTEXT,
            Verdict::Unknown => UNKNOWN,
        };
        if hop.scope != Scope::Local {
            m |= WIRED;
        }
        if hop.scope == Scope::External {
            m |= EXTERNAL;
        }
        if hop.is_handoff() {
            m |= HANDOFF;
        }
        match hop.delay_seconds {
            Some(d) if d < 0 => m |= SKEWED,
            Some(d) if d > LONG_DELAY => m |= SLOW,
            _ => {}
        }
        if !hop.diagnostics.is_empty() {
            m |= UNPARSED;
        }
        if hop.trust == Trust::Unverified {
            m |= UNVERIFIED;
        }
        if let Some(g) = hop.grade {
            m |= (g as u16 + 1) << GRADE_SHIFT;
        }
        if before.is_some_and(|b| breaks_chain(b, hop)) {
            m |= BREAKS_CHAIN;
        }
        self.0.push(m);
    }

    /// How many hops have every mark of `all`.
    fn count(&self, all: u16) -> usize {
        self.0.iter().filter(|&&m| m & all == all).count()
    }

    /// The numbers of the hops with every mark of `all` (a hop's number is its place plus
    /// one).
    fn indices(&self, all: u16) -> Vec<u32> {
        self.indices_without(all, 0)
    }

    /// The numbers of the hops with every mark of `all` and none of `none`, in order. The
    /// headline's lists are told apart this way (one pass each), never by searching one list
    /// for each member of another: a 100,000-hop paste made that the square of its hops.
    ///
    /// One pass, pushing: most lists are empty (no allocation) or a few hops long; a long one
    /// grows a handful of times, where counting first would read every mark twice.
    #[inline]
    fn indices_without(&self, all: u16, none: u16) -> Vec<u32> {
        let mask = all | none;
        let mut out = Vec::new();
        for (i, &m) in self.0.iter().enumerate() {
            if m & mask == all {
                out.push(i as u32 + 1);
            }
        }
        out
    }

    /// The first hop of the worst grade, if any hop is graded.
    fn weakest(&self) -> Option<usize> {
        self.0
            .iter()
            .map(|m| m >> GRADE_SHIFT)
            .enumerate()
            .filter(|&(_, g)| g > 0)
            .fold(None, |acc: Option<(usize, u16)>, (i, g)| match acc {
                Some((_, worst)) if worst >= g => acc,
                _ => Some((i, g)),
            })
            .map(|(i, _)| i)
    }
}

/// The headline's notes, each starting `; `: hand-offs that say nothing and local hops.
/// Written straight into the headline by `write_to`; as `Display`, through a string of their
/// own.
struct Notes<'a> {
    handoffs: &'a [u32],
    local: usize,
}

impl Notes<'_> {
    fn write_to(&self, out: &mut String) {
        if !self.handoffs.is_empty() {
            let (is, does, it) = if self.handoffs.len() == 1 {
                ("is a hand-off", "does", "it")
            } else {
                ("are hand-offs", "do", "they")
            };
            out.put("; ");
            HopList(self.handoffs).write_to(out);
            out.put(" ")
                .put(is)
                .put(" inside the receiving organisation that ")
                .put(does)
                .put(" not say how ")
                .put(it)
                .put(" travelled");
        }
        match self.local {
            0 => {}
            1 => {
                out.put("; 1 more hop stayed on one machine");
            }
            l => {
                out.put("; ")
                    .num(l as u64)
                    .put(" more hops stayed on one machine");
            }
        }
    }
}

impl fmt::Display for Notes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write_to(&mut out);
        f.write_str(&out)
    }
}

fn route(hop: &Hop) -> String {
    let from = hop
        .from
        .rdns
        .as_deref()
        .or(hop.from.helo.as_deref())
        .or(hop.from.ip.as_deref());
    let by = hop.by.as_deref().unwrap_or("an unnamed server");
    match from {
        Some(from) => format!("{from} → {by}"),
        None => format!("into {by}"),
    }
}

fn hops_with_routes(hops: &[Hop], indices: &[u32]) -> String {
    if let [one] = indices {
        return format!("hop {one} ({})", route(numbered(hops, *one)));
    }
    HopList(indices).to_string()
}

/// The hop numbered `number`: the analysis numbers hops by their place, from 1 (read by place,
/// not searched for: the headline looks up each hop it names).
fn numbered<'h, 'a>(hops: &'h [Hop<'a>], number: u32) -> &'h Hop<'a> {
    let hop = &hops[number as usize - 1];
    debug_assert_eq!(hop.index, number);
    hop
}

pub(crate) fn summarise(
    hops: &[Hop],
    marks: &Marks,
    trusted_from: Option<u32>,
    looks_like_email: bool,
) -> Summary {
    let count = |v: u16| marks.count(v) as u32;
    let exposed_hops = marks.indices(WIRED | PLAINTEXT);
    let unknown_hops = marks.indices(WIRED | UNKNOWN);
    // Hand-offs inside the receiving organisation that name no sender (Google's delivery
    // line) describe no connection: they are listed as not stated, but never decide the
    // overall status.
    let handoffs = marks.indices(WIRED | HANDOFF);
    let judged_unknown = marks.indices_without(WIRED | UNKNOWN, HANDOFF);
    let encrypted_wire = marks.count(WIRED | ENCRYPTED);
    let wire = marks.count(WIRED);
    let local = hops.len() - wire;
    // Hops between servers that describe a connection: the ones the headline judges.
    let judged = wire - handoffs.len();

    let weakest = marks.weakest().and_then(|i| {
        let h = &hops[i];
        Some(Weakest {
            hop: h.index,
            grade: h.grade?,
            reason: h.grade_reason.as_deref().unwrap_or_default().to_owned(),
        })
    });

    let mut dated = hops.iter().filter_map(|h| h.timestamp);
    let transit_seconds = match (dated.next(), dated.next_back()) {
        (Some(a), Some(b)) => Some(b.saturating_sub(a)),
        _ => None,
    };

    let external_plain = marks.indices(PLAINTEXT | EXTERNAL);
    let internal_plain = marks.indices_without(WIRED | PLAINTEXT, EXTERNAL);
    let overall = if hops.is_empty() {
        Overall::NoHops
    } else if wire == 0 {
        Overall::LocalOnly
    } else if !external_plain.is_empty() {
        Overall::Exposed
    } else if !internal_plain.is_empty() {
        Overall::PlaintextInternal
    } else if !judged_unknown.is_empty() || judged == 0 {
        Overall::Incomplete
    } else {
        Overall::AllEncrypted
    };

    let n = judged;
    let notes = Notes {
        handoffs: &handoffs,
        local,
    };
    let headline = match overall {
        Overall::NoHops if !looks_like_email => {
            "This does not look like email headers.".to_string()
        }
        Overall::NoHops => "No Received headers: there is no route to check.".to_string(),
        Overall::LocalOnly => format!(
            "This message never left one machine ({}): there is no network hop to judge.",
            if local == 1 {
                "1 local hop".to_string()
            } else {
                format!("{local} local hops")
            }
        ),
        Overall::AllEncrypted => {
            let mut h = String::with_capacity(200);
            if n == 1 {
                h.put("Encrypted on the one hop between servers that these headers show");
            } else {
                h.put("Encrypted on every hop between servers that these headers show (")
                    .num(n as u64)
                    .put(" of ")
                    .num(n as u64)
                    .put(")");
            }
            notes.write_to(&mut h);
            h.put(".");
            h
        }
        Overall::Exposed => {
            // Crossing the Internet is shown by a public sending address; a hop between names
            // alone only fails to show a private network, and the sentence says just that.
            let public = external_plain.iter().all(|&i| {
                numbered(hops, i)
                    .from
                    .ip
                    .as_deref()
                    .and_then(net::parse_ip)
                    .is_some()
            });
            let mut detail = if public {
                format!(
                    "{} crossed the Internet in plaintext",
                    hops_with_routes(hops, &external_plain)
                )
            } else {
                let (it, was) = if external_plain.len() == 1 {
                    ("it", "was")
                } else {
                    ("they", "were")
                };
                format!(
                    "{} {was} not encrypted, and nothing shows that {it} stayed on a private network",
                    hops_with_routes(hops, &external_plain)
                )
            };
            // Lines written before the recipient's own servers could have been made up by the
            // sender: a claim resting only on them says so.
            let unverified = marks.count(PLAINTEXT | EXTERNAL | UNVERIFIED) == external_plain.len();
            if unverified {
                detail.push_str(&format!(
                    " (by {} written before the message reached the recipient's servers, which cannot be verified)",
                    if external_plain.len() == 1 { "a line" } else { "lines" }
                ));
            }
            if !internal_plain.is_empty() {
                let was = if internal_plain.len() == 1 {
                    "was"
                } else {
                    "were"
                };
                detail.push_str(&format!(
                    "; {} {was} plaintext on a private network",
                    HopList(&internal_plain)
                ));
            }
            format!("Encrypted on {encrypted_wire} of {n} hops between servers — {detail}.")
        }
        Overall::PlaintextInternal => {
            let was = if internal_plain.len() == 1 {
                "was"
            } else {
                "were"
            };
            let unknown_note = if judged_unknown.is_empty() {
                String::new()
            } else {
                format!(" ({} not saying)", HopList(&judged_unknown))
            };
            format!(
                "No plaintext across the Internet{unknown_note}, but {} {was} plaintext on a private network; encrypted on {encrypted_wire} of {n} hops between servers.",
                hops_with_routes(hops, &internal_plain)
            )
        }
        Overall::Incomplete if n == 0 => {
            format!("No hop in these headers says how it travelled between servers{notes}.")
        }
        Overall::Incomplete => {
            let u = judged_unknown.len();
            let says = if u == 1 {
                "hop doesn't say whether it"
            } else {
                "hops don't say whether they"
            };
            format!("No plaintext hop seen, but {u} {says} used TLS ({}); encrypted on {encrypted_wire} of {n}{notes}.", HopList(&judged_unknown))
        }
    };

    Summary {
        overall,
        headline,
        hops: hops.len() as u32,
        encrypted: count(ENCRYPTED),
        plaintext: count(PLAINTEXT),
        unknown: count(UNKNOWN),
        local: local as u32,
        exposed_hops,
        unknown_hops,
        weakest,
        transit_seconds,
        trusted_from,
    }
}

/// Whether `hop`'s sender belongs to another organisation than the receiving server of the hop
/// `before` it, by every name it has: neither its HELO name nor its reverse-DNS name matches.
/// Only names with a registrable domain count; local hand-offs and unnamed servers never do.
fn breaks_chain(before: &Hop, hop: &Hop) -> bool {
    if hop.scope == Scope::Local {
        return false;
    }
    let Some(by) = before.by.as_deref() else {
        return false;
    };
    // A reverse-DNS name written as the HELO name (as most are) has the same organisation: it
    // is not worked out twice.
    let helo = hop.from.helo.as_deref();
    let rdns = hop.from.rdns.as_deref().filter(|&r| Some(r) != helo);
    // A sender named as the server that received the hop before, written the same (as in most
    // chains), joins up whatever their organisation: none is worked out. (A plain comparison:
    // `same_host` costs more than it saves on the usual chain.)
    if helo == Some(by) || rdns == Some(by) {
        return false;
    }
    // A sender without a name (Google's `by 2002:a05:…` hand-offs) breaks nothing: the
    // receiver's organisation is not needed.
    if helo.is_none() && rdns.is_none() {
        return false;
    }
    let Some(receiver) = net::organisation(by) else {
        return false;
    };
    let mut named = false;
    let mut joined = false;
    for name in [helo, rdns]
        .into_iter()
        .flatten()
        .filter_map(net::organisation)
    {
        named = true;
        joined |= net::same_organisation(&name, &receiver);
    }
    named && !joined
}

/// A delay beyond which we say something: a week.
const LONG_DELAY: i64 = 7 * 24 * 3600;

pub(crate) fn warnings(
    marks: &Marks,
    tls_required: Option<&str>,
    received_count: usize,
) -> Vec<Warning> {
    let mut out = Vec::new();
    let mut push = |code: &str, severity, message: String, hops: Vec<u32>| {
        out.push(Warning {
            code: code.into(),
            severity,
            message,
            hops,
        });
    };
    let skewed = marks.indices(SKEWED);
    if !skewed.is_empty() {
        push(
            "clock_skew",
            Severity::Warning,
            format!("Time runs backwards at {}: the servers' clocks disagree (or a header was added later), so delays there are not reliable.", HopList(&skewed)),
            skewed,
        );
    }
    let slow = marks.indices(SLOW);
    if !slow.is_empty() {
        push(
            "long_delay",
            Severity::Info,
            format!(
                "More than a week passed before {}: a queue, a retry, or a wrong clock.",
                HopList(&slow)
            ),
            slow,
        );
    }
    if tls_required.is_some_and(|v| v.trim().eq_ignore_case("no")) {
        push(
            "tls_required_no",
            Severity::Warning,
            "The sender set \"TLS-Required: No\" (RFC 8689): it asked servers to deliver even where TLS or its checks fail.".into(),
            Vec::new(),
        );
    }
    let unparsed = marks.indices(UNPARSED);
    if !unparsed.is_empty() {
        push(
            "unparsed_received",
            Severity::Info,
            format!(
                "Hopscope did not understand all of {}; see the hop details.",
                HopList(&unparsed)
            ),
            unparsed,
        );
    }
    let unverified = marks.indices(UNVERIFIED);
    if !unverified.is_empty() {
        let last = unverified.iter().max().copied().unwrap_or(0);
        // One string, written once (this warning is on nearly every message).
        const REST: &str = " written before the message reached the recipient's own servers. They are probably genuine, but nothing proves it: a sender can add such lines.";
        let mut message = String::with_capacity(REST.len() + 20);
        if unverified.len() == 1 {
            message.push_str("Hop 1 was");
        } else {
            message.put("Hops 1–").num(last).put(" were");
        }
        message.push_str(REST);
        push("unverified_hops", Severity::Info, message, unverified);
    }
    let breaks = marks.indices(BREAKS_CHAIN);
    if !breaks.is_empty() {
        push(
            "chain_break",
            Severity::Info,
            {
                let mut m = String::with_capacity(240);
                m.put("The chain does not join up at ");
                HopList(&breaks).write_to(&mut m);
                m.put(": the sending server named there belongs to another organisation than the server that received the hop before. A step may be missing from the headers, or a server names itself differently.");
                m
            },
            breaks,
        );
    }
    if received_count == 0 {
        push("no_received", Severity::Warning, "There is no Received header, so there is no route to check. Paste the full headers of the message as received.".into(), Vec::new());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::HopList;

    #[test]
    fn a_chain_that_does_not_join_up_is_noted() {
        let text = "Received: from relay.example.org (relay.example.org [192.0.2.7]) by mx.example.net with ESMTPS; Sun, 22 Nov 2026 05:20:42 +0000\n\
                    Received: from app.example.com (app.example.com [198.51.100.4]) by out.example.com with ESMTPS; Sun, 22 Nov 2026 05:20:40 +0000\n";
        let report = crate::analyze(text);
        let w = report
            .warnings
            .iter()
            .find(|w| w.code == "chain_break")
            .expect("noted");
        assert_eq!(w.hops, [2]);
        let joined = text.replace("relay.example.org", "out.example.com");
        assert!(!crate::analyze(&joined)
            .warnings
            .iter()
            .any(|w| w.code == "chain_break"));
    }

    #[test]
    fn numbers_are_put_as_decimal() {
        use super::Put;
        for n in [0u64, 7, 10, 99, 100, 4_294_967_295, u64::MAX] {
            let mut s = String::from("x");
            s.num(n);
            assert_eq!(s, format!("x{n}"));
        }
    }

    #[test]
    fn hop_lists_stay_short() {
        assert_eq!(HopList(&[3]).to_string(), "hop 3");
        assert_eq!(HopList(&[2, 3]).to_string(), "hops 2 and 3");
        assert_eq!(
            HopList(&[1, 2, 3, 4, 5, 6]).to_string(),
            "hops 1, 2, 3, 4, 5 and 6"
        );
        let many: Vec<u32> = (1..=100_000).collect();
        assert_eq!(
            HopList(&many).to_string(),
            "hops 1, 2, 3, 4, 5 and 99995 more"
        );
    }
}
