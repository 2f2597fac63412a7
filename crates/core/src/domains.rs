//! Which domains a lookup of TLS policies (MTA-STS, DANE, TLS-RPT) is about, and where in the
//! message each was found.
//!
//! The headers say whether each hop was encrypted; whether the recipient's domain *asks*
//! senders to insist on TLS is a question for DNS, about one domain. This module chooses that
//! domain from the message — no lookup happens here (the core does no I/O) — and says where it
//! came from, so a person can see why that domain was asked about:
//!
//! 1. the route: the `for` clause of the hop where the message entered the recipient's servers
//!    ([`crate::aggregate::receiving_hop`]): the envelope recipient that hop's MX accepted,
//!    which is the domain whose MX records and policies the sending server looked up;
//! 2. the first `Delivered-To` header (the newest: the final mailbox, written at delivery);
//! 3. the first address of `To` (which may not be the recipient at all: Bcc, mailing lists).
//!
//! The sender's domain is that of the `From` address: its policies protect mail sent *to* it
//! (replies), not this message, and front ends say so.
//!
//! ```
//! use hopscope_core::domains::{lookup_domains, DomainSource};
//!
//! let text = "Received: from mail.example.org (mail.example.org [192.0.2.1])\n\
//!     \tby mx.example.net with ESMTPS id 1 for <bob@Example.NET>; Sun, 22 Nov 2026 05:20:40 +0000\n\
//!     Delivered-To: bob@example.net\n\
//!     From: Alice <alice@example.org>\n\
//!     To: Bob <bob@example.net>\n";
//! let report = hopscope_core::analyze(text);
//! let domains = lookup_domains(&report, text);
//! let recipient = domains.recipient.unwrap();
//! assert_eq!((recipient.domain.as_str(), recipient.source), ("example.net", DomainSource::Route));
//! assert_eq!(recipient.describe(), "the route: hop 1 was for bob@Example.NET");
//! assert_eq!(domains.received_by.as_deref(), Some("mx.example.net"));
//! assert_eq!(domains.sender.unwrap().domain, "example.org");
//! ```

use serde::{Deserialize, Serialize};

use crate::aggregate::{receiving_hop, sender_domain};
use crate::model::Report;
use crate::render::one_line;

/// Where a domain was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DomainSource {
    /// The `for` clause of the hop where the message entered the recipient's servers.
    Route,
    /// The newest `Delivered-To` header.
    DeliveredTo,
    /// The first address of the `To` header.
    To,
    /// The `From` address.
    From,
}

impl DomainSource {
    /// `route`, `delivered_to`, `to`, `from`.
    pub fn slug(self) -> &'static str {
        match self {
            DomainSource::Route => "route",
            DomainSource::DeliveredTo => "delivered_to",
            DomainSource::To => "to",
            DomainSource::From => "from",
        }
    }
}

/// A domain to look up, and where it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupDomain {
    /// Lowercase, without a trailing dot. Not yet checked to be a usable DNS name.
    pub domain: String,
    pub source: DomainSource,
    /// The address as written (one line, hidden characters shown), e.g. `bob@example.net`.
    pub address: String,
    /// The hop whose `for` clause named it ([`DomainSource::Route`] only).
    pub hop: Option<u32>,
}

impl LookupDomain {
    /// Where it was found, in words: `the route: hop 3 was for bob@example.net`,
    /// `the Delivered-To header (bob@example.net)`, `the To header (bob@example.net)`,
    /// `the From header (alice@example.org)`.
    pub fn describe(&self) -> String {
        match self.source {
            DomainSource::Route => match self.hop {
                Some(hop) => format!("the route: hop {hop} was for {}", self.address),
                None => format!("the route: for {}", self.address),
            },
            DomainSource::DeliveredTo => format!("the Delivered-To header ({})", self.address),
            DomainSource::To => format!("the To header ({})", self.address),
            DomainSource::From => format!("the From header ({})", self.address),
        }
    }
}

/// The domains a lookup for one message is about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupDomains {
    /// The recipient's domain, from the first of the route, `Delivered-To` and `To` that names
    /// one.
    pub recipient: Option<LookupDomain>,
    /// The sender's domain (the `From` address).
    pub sender: Option<LookupDomain>,
    /// The host that received the message into the recipient's servers (the `by` of
    /// [`receiving_hop`]), to check against the recipient's MX records and MTA-STS patterns.
    pub received_by: Option<String>,
    /// Sentences about the choice: sources that name other domains, or why there is none.
    pub notes: Vec<String>,
}

/// Chooses the domains to look up for `report`, made from `text` (for a report of a message
/// inside another, the text of that message: [`crate::part_text`]). `text` is read only for
/// `Delivered-To`, which the report does not keep.
pub fn lookup_domains(report: &Report, text: &str) -> LookupDomains {
    let receiving = receiving_hop(report);
    let received_by = receiving
        .and_then(|h| h.by.as_deref())
        .map(|by| by.trim().trim_end_matches('.').to_ascii_lowercase())
        .filter(|by| !by.is_empty() && !by.starts_with('['));

    let route = receiving.and_then(|hop| {
        let written = hop.for_.as_deref()?;
        let (address, domain) = address_and_domain(written)?;
        Some(LookupDomain {
            domain,
            source: DomainSource::Route,
            address,
            hop: Some(hop.index),
        })
    });
    let delivered_to = first_field(text, "delivered-to").and_then(|value| {
        let (address, domain) = address_and_domain(&value)?;
        Some(LookupDomain {
            domain,
            source: DomainSource::DeliveredTo,
            address,
            hop: None,
        })
    });
    let mut notes = Vec::new();
    let to = report.message.to.as_deref().and_then(|value| {
        let mut found: Vec<(String, String)> = value
            .split(',')
            .filter_map(address_and_domain)
            .collect();
        let first = found.first().cloned()?;
        found.dedup_by(|a, b| a.1 == b.1);
        if found.len() > 1 {
            let mut domains: Vec<&str> = found.iter().map(|(_, d)| d.as_str()).collect();
            domains.sort_unstable();
            domains.dedup();
            if domains.len() > 1 {
                notes.push(format!(
                    "The To header names addresses at {} domains ({}); only its first address counts here.",
                    domains.len(),
                    one_line(&domains.join(", "))
                ));
            }
        }
        Some(LookupDomain {
            domain: first.1,
            source: DomainSource::To,
            address: first.0,
            hop: None,
        })
    });

    let candidates: Vec<&LookupDomain> =
        [&route, &delivered_to, &to].into_iter().flatten().collect();
    let recipient = candidates.first().map(|c| (*c).clone());
    match &recipient {
        Some(chosen) => {
            for other in &candidates[1..] {
                if other.domain != chosen.domain {
                    notes.push(format!(
                        "{} names another domain, {}; the recipient's domain was taken from {}.",
                        crate::words::capitalised(&other.describe()),
                        one_line(&other.domain),
                        chosen.describe()
                    ));
                }
            }
        }
        None => notes.push(
            "No recipient domain was found: the route does not say whom the message was for, and there \
             is no Delivered-To or To address."
                .to_owned(),
        ),
    }

    let sender = report.message.from.as_deref().and_then(|from| {
        let (address, domain) = address_and_domain(from)?;
        Some(LookupDomain {
            domain,
            source: DomainSource::From,
            address,
            hop: None,
        })
    });
    if sender.is_none() {
        notes.push("No sender domain was found: there is no From address.".to_owned());
    }
    LookupDomains {
        recipient,
        sender,
        received_by,
        notes,
    }
}

/// The address (as written, without angle brackets, made visible) and its domain (lowercase),
/// from a header value or `for` clause: `Bob <bob@Example.net>`, `<bob@example.net>`,
/// `bob@example.net (single recipient)`.
fn address_and_domain(value: &str) -> Option<(String, String)> {
    let domain = sender_domain(value)?;
    let address = match (value.rfind('<'), value.rfind('>')) {
        (Some(open), Some(close)) if open < close => &value[open + 1..close],
        _ => value
            .split_whitespace()
            .find(|w| w.contains('@'))
            .unwrap_or(value),
    };
    Some((one_line(address.trim()).into_owned(), domain))
}

/// The value of the first (newest) field called `name` in the header block of `text`.
fn first_field(text: &str, name: &str) -> Option<String> {
    let block = crate::input::header_block(text);
    block
        .fields
        .iter()
        .find(|f| text[f.name.clone()].eq_ignore_ascii_case(name))
        .map(|f| text[f.value.clone()].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENTRY: &str = "Received: from mail.example.org (mail.example.org [192.0.2.1])\n\tby mx.example.net with ESMTPS id 1 for <bob@example.net>; Sun, 22 Nov 2026 05:20:40 +0000\n";
    const NO_FOR: &str = "Received: from mail.example.org (mail.example.org [192.0.2.1])\n\tby mx.example.net with ESMTPS id 1; Sun, 22 Nov 2026 05:20:40 +0000\n";

    fn domains(text: &str) -> LookupDomains {
        lookup_domains(&crate::analyze(text), text)
    }

    #[test]
    fn the_route_comes_first_and_disagreements_are_said() {
        let text = format!(
            "{ENTRY}Delivered-To: bob@forwarded.example\nTo: Team <team@lists.example>\nFrom: a@example.org\n"
        );
        let d = domains(&text);
        let r = d.recipient.unwrap();
        assert_eq!(
            (r.domain.as_str(), r.source, r.hop),
            ("example.net", DomainSource::Route, Some(1))
        );
        assert_eq!(
            d.notes,
            [
                "The Delivered-To header (bob@forwarded.example) names another domain, forwarded.example; the recipient's domain was taken from the route: hop 1 was for bob@example.net.",
                "The To header (team@lists.example) names another domain, lists.example; the recipient's domain was taken from the route: hop 1 was for bob@example.net."
            ]
        );
    }

    #[test]
    fn delivered_to_then_to() {
        // The newest Delivered-To is the first in the header block.
        let text = format!("Delivered-To: bob@final.example\nDelivered-To: bob@first.example\n{NO_FOR}To: bob@final.example\n");
        let r = domains(&text).recipient.unwrap();
        assert_eq!(
            (r.domain.as_str(), r.source),
            ("final.example", DomainSource::DeliveredTo)
        );
        assert_eq!(r.describe(), "the Delivered-To header (bob@final.example)");

        let text =
            format!("{NO_FOR}To: \"Doe, John\" <john@a.example>, b@b.example\nFrom: x@y.example\n");
        let d = domains(&text);
        let r = d.recipient.unwrap();
        assert_eq!(
            (r.domain.as_str(), r.source, r.address.as_str()),
            ("a.example", DomainSource::To, "john@a.example")
        );
        assert_eq!(
            d.notes,
            ["The To header names addresses at 2 domains (a.example, b.example); only its first address counts here."]
        );
    }

    #[test]
    fn nothing_to_look_up() {
        let d = domains("Subject: hi\nX-Other: 1\n");
        assert_eq!(d.recipient, None);
        assert_eq!(d.sender, None);
        assert_eq!(d.received_by, None);
        assert_eq!(d.notes.len(), 2);
        assert!(d.notes[0].starts_with("No recipient domain was found"));
        // An undisclosed-recipients To and a for clause without an address give nothing.
        let d = domains("To: undisclosed-recipients:;\nFrom: <>\nReceived: from a (a [192.0.2.1]) by b.example with ESMTP for postmaster; Sun, 22 Nov 2026 05:20:40 +0000\n");
        assert_eq!((d.recipient, d.sender), (None, None));
    }

    #[test]
    fn hostile_addresses_are_one_visible_line() {
        let text = format!("{NO_FOR}To: <bob\u{202e}@evil\u{202e}.example>\n");
        let r = domains(&text).recipient.unwrap();
        assert_eq!(r.address, "bob⟨U+202E⟩@evil⟨U+202E⟩.example");
    }
}
