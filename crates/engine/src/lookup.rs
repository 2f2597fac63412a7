//! The page's opt-in lookups of a message's domains (issue 13, part 3): what the recipient's
//! and the sender's domains publish now (MTA-STS, DANE, TLS-RPT), asked of a public
//! DNS-over-HTTPS service the person chose, only when they click.
//!
//! Everything but the requests themselves is here, in plain Rust tested natively: which domains
//! a report offers ([`targets`], sent to the page with each analysis), the questions and the
//! reading of the answers ([`DomainQuestions`], over `hopscope_lookup::LookupPlan` and
//! `doh::parse_response`), and the result in words ([`Shown`]): one line per item and one
//! sentence per finding, already worded, so that the page's first load only lists them.
//! `wasm.rs` does the `fetch()` (in the worker, under the worker script's Content-Security-Policy,
//! whose `connect-src` names exactly the services of [`DohService::ALL`]).
//!
//! ```
//! use hopscope_engine::lookup::{self, DomainQuestions};
//! use hopscope_lookup::DnsAnswer;
//!
//! let text = "Received: from a.example.org (a.example.org [192.0.2.1]) by mx1.example.net \
//!     with ESMTPS for <bob@example.net>; Sun, 22 Nov 2026 05:20:40 +0000\nFrom: a@example.org\n";
//! let report = hopscope_core::analyze(text);
//! let targets = lookup::targets(&report, text).unwrap();
//! assert_eq!(targets.recipient.as_ref().unwrap().0, "example.net");
//! let mut questions = DomainQuestions::new(&targets.json, "recipient").unwrap();
//! while let queries @ [_, ..] = questions.next_queries().as_slice() {
//!     for query in queries {
//!         // What `fetch()` would have brought back: here, a service that never answers.
//!         questions.record(query, DnsAnswer::Timeout);
//!     }
//! }
//! let shown = questions.finish();
//! assert!(shown.items.iter().all(|item| item[0] == "timeout" || item[0] == "not_looked_up"));
//! assert_eq!(shown.requirement.unwrap().domain, "example.net");
//! ```

use hopscope_core::domains::{lookup_domains, LookupDomain, LookupDomains};
use hopscope_core::policy::{Looked, RecipientLookup};
use hopscope_core::Report;
use hopscope_lookup::doh::{self, DohService};
use hopscope_lookup::{
    render, DnsAnswer, DomainLookup, LookupPlan, Problem, Query, Role, Tone, POLICIES_NOW,
};

/// How long one DoH request may take, in milliseconds, before its item says "no answer in
/// time". Real answers take a fraction of a second.
pub const TIMEOUT_MS: u32 = 5000;

/// The domains a report offers to look up: JSON to hand back with a lookup request (the core's
/// [`LookupDomains`], so that the lookup is about exactly what the page showed), and for each
/// role the domain and where in the message it was found, for the page's buttons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Targets {
    pub json: String,
    /// `(domain, where)`: `("example.net", "the route: hop 3 was for bob@example.net")`.
    pub recipient: Option<(String, String)>,
    pub sender: Option<(String, String)>,
}

/// The domains of `report` (made from `text`, the whole input: the part's text is found here),
/// or `None` when it names none.
pub fn targets(report: &Report, text: &str) -> Option<Targets> {
    if !report.looks_like_email {
        return None;
    }
    let text = hopscope_core::part_text(text, report.part);
    let domains = lookup_domains(report, &text);
    let shown = |chosen: &Option<LookupDomain>| {
        chosen
            .as_ref()
            .map(|c| (shown_text(&c.domain), shown_text(&c.describe())))
    };
    let (recipient, sender) = (shown(&domains.recipient), shown(&domains.sender));
    if recipient.is_none() && sender.is_none() {
        return None;
    }
    Some(Targets {
        json: serde_json::to_string(&domains).ok()?,
        recipient,
        sender,
    })
}

/// The service a request names (`google`, `cloudflare`: the names the page's select uses).
pub fn service(name: &str) -> Option<DohService> {
    match name {
        "google" => Some(DohService::Google),
        "cloudflare" => Some(DohService::Cloudflare),
        _ => None,
    }
}

/// The lookup of one domain of a message, fed answers by whoever fetches them.
pub struct DomainQuestions {
    role: Role,
    chosen: LookupDomain,
    received_by: Option<String>,
    /// The plan, or why the name cannot be looked up (then no question is asked).
    plan: Result<LookupPlan, hopscope_lookup::Malformed>,
}

impl DomainQuestions {
    /// The lookup of the `role` (`recipient` or `sender`) domain of `targets_json`
    /// ([`Targets::json`]); an error sentence for a request that does not fit.
    pub fn new(targets_json: &str, role: &str) -> Result<DomainQuestions, String> {
        let domains: LookupDomains = serde_json::from_str(targets_json)
            .map_err(|_| "The lookup request was damaged; reload the page and try again.")?;
        let (role, chosen) = match role {
            "recipient" => (Role::Recipient, domains.recipient),
            "sender" => (Role::Sender, domains.sender),
            _ => (Role::Sender, None),
        };
        let chosen = chosen.ok_or("This message names no such domain to look up.")?;
        Ok(DomainQuestions {
            role,
            plan: LookupPlan::new(&chosen.domain),
            chosen,
            received_by: domains.received_by,
        })
    }

    /// The questions to ask now (none once every answer is in, or for a name that cannot be
    /// looked up).
    pub fn next_queries(&mut self) -> Vec<Query> {
        match &mut self.plan {
            Ok(plan) => plan.next_queries(),
            Err(_) => Vec::new(),
        }
    }

    /// Records the answer to a query from [`next_queries`](Self::next_queries).
    pub fn record(&mut self, query: &Query, answer: DnsAnswer) {
        if let Ok(plan) = &mut self.plan {
            plan.record(query, answer);
        }
    }

    /// Everything found, in words. The MTA-STS policy file is never fetched by a page (a
    /// browser cannot read it across origins): its item says so.
    pub fn finish(self) -> Shown {
        let policies = self.plan.map(|mut plan| {
            if plan.policy_to_fetch().is_some() {
                plan.record_policy(Err(Problem::NotFetchableFromBrowser));
            }
            plan.finish()
        });
        let lookup = DomainLookup::new(
            self.role,
            &self.chosen,
            self.received_by.as_deref(),
            policies,
        );
        Shown::of(&lookup)
    }
}

/// What one domain's lookup found, worded for the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub domain: String,
    /// `Recipient's domain: example.net, from …. The message entered the recipient's servers at …`.
    pub heading: String,
    /// [`POLICIES_NOW`]: today's policies, not those at delivery; the verdicts do not change.
    pub note: String,
    /// Per item: `[status, label, text]` (status `found` or a problem's slug).
    pub items: Vec<[String; 3]>,
    /// Per finding: `[tone, slug, sentence]` (tone `good`, `neutral`, `warning`).
    pub findings: Vec<[String; 3]>,
    /// For a policy's recipient requirement (the recipient's domain only).
    pub requirement: Option<RecipientLookup>,
}

impl Shown {
    fn of(lookup: &DomainLookup) -> Shown {
        let items = render::lines(lookup)
            .into_iter()
            .map(|line| {
                [
                    line.status.to_owned(),
                    shown_text(&line.label),
                    shown_text(&line.found),
                ]
            })
            .collect();
        let findings = lookup
            .findings
            .iter()
            .filter(|f| f.slug != "policy-now")
            .map(|f| {
                let tone = match f.tone {
                    Tone::Good => "good",
                    Tone::Neutral => "neutral",
                    Tone::Warning => "warning",
                };
                [tone.to_owned(), f.slug.clone(), shown_text(&f.sentence)]
            })
            .collect();
        Shown {
            domain: shown_text(&lookup.domain),
            heading: shown_text(&render::heading(lookup)),
            note: POLICIES_NOW.to_owned(),
            items,
            findings,
            requirement: lookup.requirement.clone(),
        }
    }
}

/// Text for the page, which shows it as text: on one line, with hidden and direction-changing
/// characters as visible tokens (`⟨U+202E⟩`), as the page shows header text. DNS answers and
/// the message's addresses are a stranger's text.
fn shown_text(text: &str) -> String {
    hopscope_core::render::one_line(text).into_owned()
}

/// A requirement's point as the page receives it: `yes`, `no`, or `cannot_tell` with why.
pub fn looked_words(looked: &Looked) -> (&'static str, &str) {
    match looked {
        Looked::Yes => ("yes", ""),
        Looked::No => ("no", ""),
        Looked::CannotTell { why } => ("cannot_tell", why),
    }
}

/// The answer to `query` from a DoH response: its HTTP status and body.
pub fn answer(status: u16, body: &str, query: &Query) -> DnsAnswer {
    if status != 200 {
        return DnsAnswer::Failed {
            reason: format!("the DNS-over-HTTPS service answered HTTP {status}, not 200"),
        };
    }
    doh::parse_response(body, query).unwrap_or_else(DnsAnswer::garbage)
}

/// The answer to a request that got no response: it timed out, or the network (or the
/// browser: offline, a blocked request) failed.
pub fn no_response(timed_out: bool, service: DohService) -> DnsAnswer {
    if timed_out {
        return DnsAnswer::Timeout;
    }
    DnsAnswer::Failed {
        reason: format!(
            "{} could not be reached (offline, or the request was blocked by the network or \
             the browser)",
            service.label()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const MESSAGE: &str = "Received: from mx1.{d} (mx1.{d} [192.0.2.9]) by mx1.{d} with LMTP for <bob@{d}>; Sun, 22 Nov 2026 05:20:41 +0000\n\
        Received: from a.example.org (a.example.org [192.0.2.1]) by mx1.{d} with ESMTPS for <bob@{d}>; Sun, 22 Nov 2026 05:20:40 +0000\n\
        From: Alice <alice@example.org>\nTo: bob@{d}\nSubject: x\n";

    fn message(domain: &str) -> String {
        MESSAGE.replace("{d}", domain)
    }

    /// Runs the lookup of `domain`'s recipient with the answers of `tests/doh-stub/<service>`,
    /// as the page does (a missing file: no answer in time).
    fn run(domain: &str, service: DohService) -> Shown {
        let text = message(domain);
        let report = hopscope_core::analyze(&text);
        let targets = targets(&report, &text).unwrap();
        let mut questions = DomainQuestions::new(&targets.json, "recipient").unwrap();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/doh-stub");
        let folder = match service {
            DohService::Google => "google",
            DohService::Cloudflare => "cloudflare",
        };
        loop {
            let queries = questions.next_queries();
            if queries.is_empty() {
                break;
            }
            for query in queries {
                let url = doh::request_url(service.endpoint(), &query);
                assert!(url.starts_with(service.endpoint()), "{url}");
                let file = dir
                    .join(folder)
                    .join(&query.name)
                    .join(format!("{}.json", query.record_type.as_str()));
                let answer = match std::fs::read_to_string(file) {
                    Ok(body) => answer(200, &body, &query),
                    Err(_) => no_response(true, service),
                };
                questions.record(&query, answer);
            }
        }
        questions.finish()
    }

    fn column(rows: &[[String; 3]], n: usize) -> Vec<&str> {
        rows.iter().map(|row| row[n].as_str()).collect()
    }

    #[test]
    fn the_stub_domains_read_as_the_page_shows_them() {
        for service in DohService::ALL {
            let dane = run("dane.example", service);
            assert_eq!(
                column(&dane.items, 0),
                [
                    "found",
                    "not_fetchable_from_browser",
                    "found",
                    "found",
                    "not_published",
                    "found"
                ],
                "{service:?}"
            );
            assert_eq!(
                column(&dane.findings, 1),
                [
                    "mta-sts-policy-not-fetched",
                    "mx-listed",
                    "dane-required",
                    "tls-rpt-published"
                ]
            );
            assert!(
                dane.items[3][2].ends_with("; DNSSEC-validated"),
                "{:?}",
                dane.items[3]
            );
            let requirement = dane.requirement.unwrap();
            assert_eq!(requirement.dane, Looked::Yes);
            assert!(matches!(
                requirement.mta_sts_enforce,
                Looked::CannotTell { .. }
            ));
            assert!(dane
                .heading
                .starts_with("Recipient's domain: dane.example, from the route"));

            let servfail = run("servfail.example", service);
            assert_eq!(
                column(&servfail.items, 0),
                [
                    "servfail",
                    "not_looked_up",
                    "servfail",
                    "not_looked_up",
                    "servfail"
                ]
            );
            let garbage = run("garbage.example", service);
            assert!(
                garbage.items[0][2].contains("not a DNS JSON answer"),
                "{:?}",
                garbage.items
            );
            let timeout = run("timeout.example", service);
            assert_eq!(
                timeout.items[0],
                [
                    "timeout".to_owned(),
                    "MTA-STS record (_mta-sts.timeout.example TXT)".to_owned(),
                    "no answer in time".to_owned()
                ]
            );
            let nodnssec = run("nodnssec.example", service);
            assert_eq!(
                nodnssec.requirement.unwrap(),
                RecipientLookup {
                    domain: "nodnssec.example".into(),
                    mta_sts_enforce: Looked::No,
                    dane: Looked::No
                }
            );
            let malformed = run("malformed.example", service);
            assert_eq!(malformed.items[0][0], "malformed");
        }
    }

    #[test]
    fn a_request_is_about_the_domains_the_page_showed() {
        let text = message("dane.example");
        let report = hopscope_core::analyze(&text);
        let targets = targets(&report, &text).unwrap();
        assert_eq!(
            targets.sender,
            Some((
                "example.org".into(),
                "the From header (alice@example.org)".into()
            ))
        );
        let mut sender = DomainQuestions::new(&targets.json, "sender").unwrap();
        let names: Vec<String> = sender.next_queries().into_iter().map(|q| q.name).collect();
        assert_eq!(
            names,
            [
                "_mta-sts.example.org",
                "example.org",
                "_smtp._tls.example.org"
            ]
        );
        assert!(DomainQuestions::new("{", "recipient").is_err());
        assert!(DomainQuestions::new(&targets.json, "someone").is_err());
        assert_eq!(targets_of("no headers at all"), None);
        assert_eq!(service("cloudflare"), Some(DohService::Cloudflare));
        assert_eq!(service("evil"), None);
    }

    fn targets_of(text: &str) -> Option<Targets> {
        targets(&hopscope_core::analyze(text), text)
    }

    #[test]
    fn a_name_dns_cannot_hold_is_said_not_asked() {
        let text = "Received: from a.example.org (a.example.org [192.0.2.1]) by mx.example.net with ESMTPS; Sun, 22 Nov 2026 05:20:40 +0000\nFrom: a@bad..name\n";
        let targets = targets_of(text).unwrap();
        let mut questions = DomainQuestions::new(&targets.json, "sender").unwrap();
        assert!(questions.next_queries().is_empty());
        let shown = questions.finish();
        assert!(shown.items.is_empty());
        assert!(
            shown.heading.contains("was not looked up"),
            "{}",
            shown.heading
        );
    }

    #[test]
    fn a_strangers_text_is_shown_visibly() {
        let text = "Received: from a.example.org (a.example.org [192.0.2.1]) by mx.example.net with ESMTPS; Sun, 22 Nov 2026 05:20:40 +0000\nFrom: \u{202e}x@example.org\n";
        let targets = targets_of(text).unwrap();
        let (_, found_in) = targets.sender.unwrap();
        assert!(found_in.contains("⟨U+202E⟩"), "{found_in}");
        assert!(!found_in.contains('\u{202e}'));
    }

    #[test]
    fn failures_without_a_response() {
        let query = Query::new("example.net", hopscope_lookup::RecordType::Mx);
        assert_eq!(
            answer(503, "", &query),
            DnsAnswer::Failed {
                reason: "the DNS-over-HTTPS service answered HTTP 503, not 200".into()
            }
        );
        assert_eq!(no_response(true, DohService::Google), DnsAnswer::Timeout);
        let DnsAnswer::Failed { reason } = no_response(false, DohService::Cloudflare) else {
            panic!()
        };
        assert!(reason.starts_with("Cloudflare (cloudflare-dns.com) could not be reached"));
    }
}
