//! A lookup for one message: the recipient's and the sender's domains (chosen from the message
//! by `hopscope_core::domains`), what each publishes now, what that means for this message's
//! route, and what a policy that requires MTA-STS or DANE can make of it.
//!
//! Plain data (serde): the CLI prints it as the `lookup` key of a report's JSON
//! (`docs/SCHEMA.md`), and [`crate::render`] puts it into words. Building one does no I/O: the
//! front end looks the domains up (the CLI with `net::Lookup`, the page through DNS-over-HTTPS)
//! and hands the [`DomainPolicies`] in.

use hopscope_core::domains::{DomainSource, LookupDomain, LookupDomains};
use hopscope_core::policy::{Looked, RecipientLookup};
use serde::{Deserialize, Serialize};

use crate::answer::DnssecStatus;
use crate::assess::{assess, Finding, Topic};
use crate::model::{DomainPolicies, Item, MxTlsa, Problem};
use crate::mta_sts::Mode;
use crate::name::normalize_domain;
use crate::Malformed;

/// The sentence every lookup starts with.
pub const POLICIES_NOW: &str = "These are the policies the domains publish now, looked up after \
the message was delivered; they may have been different at delivery time. The verdicts of the \
hops come from the headers alone and do not change.";

/// Whose domain it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The recipient's: its policies are the ones the sending server should have honoured.
    Recipient,
    /// The sender's (From address): its policies protect mail sent *to* it, such as replies.
    Sender,
}

/// The lookups for one message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageLookup {
    /// [`POLICIES_NOW`].
    pub note: String,
    pub recipient: Option<DomainLookup>,
    pub sender: Option<DomainLookup>,
    /// How the domains were chosen, when that needs saying (sources that disagree, no domain).
    pub notes: Vec<String>,
}

/// One domain looked up for a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainLookup {
    pub role: Role,
    /// The domain, normalised when it could be (as found otherwise).
    pub domain: String,
    /// Where in the message the domain was found.
    pub found_in: DomainSource,
    /// The same in words: `the route: hop 3 was for bob@example.net`.
    pub found_in_words: String,
    /// The host that received the message into the recipient's servers (recipient only).
    pub received_by: Option<String>,
    /// Why the domain was not looked up at all (a name DNS cannot hold), else `None`.
    pub problem: Option<String>,
    /// What was found, item by item; `None` when not looked up.
    pub policies: Option<DomainPolicies>,
    /// What it means, one sentence each (see [`crate::assess`]).
    pub findings: Vec<Finding>,
    /// For a policy that requires MTA-STS or DANE (recipient only).
    pub requirement: Option<RecipientLookup>,
}

impl DomainLookup {
    /// Puts together what was looked up for `chosen` (`policies`: the lookup's result, or why
    /// the name could not be looked up).
    pub fn new(
        role: Role,
        chosen: &LookupDomain,
        received_by: Option<&str>,
        policies: Result<DomainPolicies, Malformed>,
    ) -> DomainLookup {
        let received_by = match role {
            Role::Recipient => received_by.map(str::to_owned),
            Role::Sender => None,
        };
        let mut lookup = DomainLookup {
            role,
            domain: normalize_domain(&chosen.domain).unwrap_or_else(|_| chosen.domain.clone()),
            found_in: chosen.source,
            found_in_words: chosen.describe(),
            received_by,
            problem: None,
            policies: None,
            findings: Vec::new(),
            requirement: None,
        };
        match policies {
            Err(why) => {
                lookup.problem = Some(format!(
                    "{} was not looked up: {}.",
                    hopscope_core::render::one_line(&chosen.domain),
                    why.reason()
                ));
                if role == Role::Recipient {
                    lookup.requirement = Some(RecipientLookup {
                        domain: lookup.domain.clone(),
                        mta_sts_enforce: Looked::CannotTell {
                            why: "the domain name cannot be looked up".into(),
                        },
                        dane: Looked::CannotTell {
                            why: "the domain name cannot be looked up".into(),
                        },
                    });
                }
            }
            Ok(policies) => {
                let mut findings = assess(&policies, lookup.received_by.as_deref()).findings;
                if role == Role::Sender {
                    // No MX of the sender's domain received this message: only a null MX is
                    // worth saying about its MX records.
                    findings.retain(|f| f.topic != Topic::Mx || f.slug == "mx-null");
                    findings.retain(|f| f.slug != "dane-not-looked-up");
                }
                lookup.findings = findings;
                if role == Role::Recipient {
                    lookup.requirement =
                        Some(recipient_lookup(&policies, lookup.received_by.as_deref()));
                }
                lookup.policies = Some(policies);
            }
        }
        lookup
    }
}

impl MessageLookup {
    /// The lookups of a message, from the domains chosen for it and a function that looks a
    /// domain up (the front end's resolver, or a cache of earlier answers).
    ///
    /// ```
    /// use hopscope_lookup::{DomainPolicies, MessageLookup, Role};
    ///
    /// let text = "Received: from a.example.org (a.example.org [192.0.2.1]) by mx.example.net \
    ///     with ESMTPS for <bob@example.net>; Sun, 22 Nov 2026 05:20:40 +0000\nFrom: a@example.org\n";
    /// let report = hopscope_core::analyze(text);
    /// let domains = hopscope_core::domains::lookup_domains(&report, text);
    /// // A lookup that finds nothing, in place of a resolver.
    /// let lookup = MessageLookup::new(&domains, |domain| {
    ///     let mut plan = hopscope_lookup::LookupPlan::new(domain)?;
    ///     plan.next_queries();
    ///     Ok(plan.finish())
    /// });
    /// let recipient = lookup.recipient.unwrap();
    /// assert_eq!((recipient.role, recipient.domain.as_str()), (Role::Recipient, "example.net"));
    /// assert_eq!(lookup.sender.unwrap().domain, "example.org");
    /// ```
    pub fn new(
        domains: &LookupDomains,
        mut look_up: impl FnMut(&str) -> Result<DomainPolicies, Malformed>,
    ) -> MessageLookup {
        let mut one = |role: Role, chosen: &Option<LookupDomain>| {
            chosen.as_ref().map(|c| {
                DomainLookup::new(role, c, domains.received_by.as_deref(), look_up(&c.domain))
            })
        };
        let recipient = one(Role::Recipient, &domains.recipient);
        let sender = one(Role::Sender, &domains.sender);
        MessageLookup {
            note: POLICIES_NOW.to_owned(),
            recipient,
            sender,
            notes: domains.notes.clone(),
        }
    }

    /// What a policy's recipient requirement can use: the recipient's lookup, if there is one.
    pub fn requirement(&self) -> Option<RecipientLookup> {
        match &self.recipient {
            Some(r) => r.requirement.clone(),
            None => Some(RecipientLookup {
                domain: String::new(),
                mta_sts_enforce: Looked::CannotTell {
                    why: "the message names no recipient domain".into(),
                },
                dane: Looked::CannotTell {
                    why: "the message names no recipient domain".into(),
                },
            }),
        }
    }
}

/// What `policies` settle for a policy that requires the recipient's domain to enforce TLS:
/// MTA-STS in `enforce` mode, and DANE for the MX that received the message (every looked-up
/// MX when the route does not name one of them). The same rules as [`assess`]'s
/// `mta-sts-enforce` and `dane-required` findings; a lookup that failed (timeout, SERVFAIL,
/// DNSSEC bogus, a policy file that could not be fetched) cannot tell, it never says no.
pub fn recipient_lookup(policies: &DomainPolicies, received_by: Option<&str>) -> RecipientLookup {
    RecipientLookup {
        domain: policies.domain.clone(),
        mta_sts_enforce: mta_sts_enforce(policies),
        dane: dane(policies, received_by),
    }
}

fn cannot_tell(what: &str, problem: &Problem) -> Looked {
    Looked::CannotTell {
        why: format!("{what}: {}", problem.describe()),
    }
}

fn mta_sts_enforce(p: &DomainPolicies) -> Looked {
    match &p.mta_sts_record {
        Item::Found { .. } => {}
        // Senders ignore a malformed record: no policy.
        Item::Problem {
            problem: Problem::NotPublished { .. } | Problem::Malformed { .. },
        } => return Looked::No,
        Item::Problem { problem } => return cannot_tell("the _mta-sts record", problem),
    }
    match &p.mta_sts_policy {
        Item::Found { value, .. } => (value.mode == Mode::Enforce).into(),
        Item::Problem {
            problem: Problem::Malformed { .. },
        } => Looked::No,
        Item::Problem { problem } => cannot_tell("the MTA-STS policy file", problem),
    }
}

fn dane(p: &DomainPolicies, received_by: Option<&str>) -> Looked {
    if p.tlsa.is_empty() {
        return match &p.mx {
            // A null MX, or a name that does not exist: no MX to protect.
            Item::Found { .. }
            | Item::Problem {
                problem: Problem::NotPublished { .. },
            } => Looked::No,
            Item::Problem { problem } => cannot_tell("the MX records", problem),
        };
    }
    let hosts: Vec<&MxTlsa> = match received_by.and_then(|h| normalize_domain(h).ok()) {
        Some(host) => match p.tlsa.iter().find(|t| t.mx == host) {
            Some(t) => vec![t],
            None => p.tlsa.iter().collect(),
        },
        None => p.tlsa.iter().collect(),
    };
    let mut unknown = Vec::new();
    for t in hosts {
        match &t.records {
            Item::Found {
                value,
                dnssec: Some(DnssecStatus::Secure),
            } if value.iter().any(|r| r.is_dane_usable()) => {}
            Item::Found { .. }
            | Item::Problem {
                problem: Problem::NotPublished { .. } | Problem::Malformed { .. },
            } => return Looked::No,
            Item::Problem { problem } => unknown.push(format!(
                "the TLSA records of {}: {}",
                t.mx,
                problem.describe()
            )),
        }
    }
    if unknown.is_empty() {
        Looked::Yes
    } else {
        Looked::CannotTell {
            why: unknown.join("; "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_mta_sts_policy, parse_mx, parse_tlsa, MtaStsRecord};

    fn found<T>(value: T, dnssec: Option<DnssecStatus>) -> Item<T> {
        Item::Found { value, dnssec }
    }

    fn problem<T>(problem: Problem) -> Item<T> {
        Item::Problem { problem }
    }

    fn policies(mode: &str, tlsa: Item<Vec<crate::Tlsa>>) -> DomainPolicies {
        DomainPolicies {
            domain: "example.net".into(),
            mta_sts_record: found(
                MtaStsRecord {
                    id: "1".into(),
                    extensions: vec![],
                },
                Some(DnssecStatus::Insecure),
            ),
            mta_sts_policy: found(
                parse_mta_sts_policy(
                    format!("version: STSv1\nmode: {mode}\nmx: *.example.net\nmax_age: 86400\n")
                        .as_bytes(),
                )
                .unwrap(),
                None,
            ),
            mx: found(
                vec![
                    parse_mx("10 mx1.example.net.").unwrap(),
                    parse_mx("20 mx2.example.net.").unwrap(),
                ],
                Some(DnssecStatus::Secure),
            ),
            tlsa: vec![
                MxTlsa {
                    mx: "mx1.example.net".into(),
                    records: tlsa,
                },
                MxTlsa {
                    mx: "mx2.example.net".into(),
                    records: problem(Problem::Timeout),
                },
            ],
            tls_rpt: problem(Problem::NotPublished { nxdomain: true }),
        }
    }

    fn secure_tlsa() -> Item<Vec<crate::Tlsa>> {
        found(
            vec![parse_tlsa(&format!("3 1 1 {}", "ab".repeat(32))).unwrap()],
            Some(DnssecStatus::Secure),
        )
    }

    #[test]
    fn mta_sts_enforce_yes_no_or_cannot_tell() {
        let p = policies("enforce", secure_tlsa());
        assert_eq!(mta_sts_enforce(&p), Looked::Yes);
        assert_eq!(
            mta_sts_enforce(&policies("testing", secure_tlsa())),
            Looked::No
        );
        let mut p = policies("enforce", secure_tlsa());
        p.mta_sts_policy = problem(Problem::FetchFailed {
            reason: "answered HTTP 404, not 200".into(),
        });
        assert_eq!(
            mta_sts_enforce(&p),
            Looked::CannotTell {
                why: "the MTA-STS policy file: answered HTTP 404, not 200".into()
            }
        );
        p.mta_sts_record = problem(Problem::ServFail { detail: None });
        assert_eq!(
            mta_sts_enforce(&p),
            Looked::CannotTell {
                why: "the _mta-sts record: the resolver failed to get an answer (SERVFAIL)".into()
            }
        );
        p.mta_sts_record = problem(Problem::Malformed { reason: "x".into() });
        assert_eq!(mta_sts_enforce(&p), Looked::No);
    }

    #[test]
    fn dane_for_the_receiving_mx_or_every_mx() {
        let p = policies("enforce", secure_tlsa());
        // The receiving MX has secure, usable TLSA records: the other's timeout does not matter.
        assert_eq!(dane(&p, Some("MX1.example.net.")), Looked::Yes);
        // Not known which MX received it: every MX counts, and one could not be told.
        assert_eq!(
            dane(&p, None),
            Looked::CannotTell {
                why: "the TLSA records of mx2.example.net: no answer in time".into()
            }
        );
        assert_eq!(dane(&p, Some("mx2.example.net")), dane(&p, None).clone());
        // Not validated, or PKIX only: no.
        let insecure = found(
            vec![parse_tlsa(&format!("3 1 1 {}", "ab".repeat(32))).unwrap()],
            Some(DnssecStatus::Insecure),
        );
        assert_eq!(
            dane(&policies("enforce", insecure), Some("mx1.example.net")),
            Looked::No
        );
        let pkix = found(
            vec![parse_tlsa(&format!("1 1 1 {}", "ab".repeat(32))).unwrap()],
            Some(DnssecStatus::Secure),
        );
        assert_eq!(
            dane(&policies("enforce", pkix), Some("mx1.example.net")),
            Looked::No
        );
        // Every MX: one without DANE makes it no, whatever the others.
        let none = policies("enforce", problem(Problem::NotPublished { nxdomain: true }));
        assert_eq!(dane(&none, None), Looked::No);
        // No MX at all.
        let mut p = policies("enforce", secure_tlsa());
        p.tlsa.clear();
        assert_eq!(dane(&p, None), Looked::No);
        p.mx = problem(Problem::Timeout);
        assert_eq!(
            dane(&p, None),
            Looked::CannotTell {
                why: "the MX records: no answer in time".into()
            }
        );
    }

    #[test]
    fn sender_lookups_say_nothing_about_the_receiving_mx() {
        let chosen = LookupDomain {
            domain: "Example.NET".into(),
            source: DomainSource::From,
            address: "a@Example.NET".into(),
            hop: None,
        };
        let sender = DomainLookup::new(
            Role::Sender,
            &chosen,
            Some("mx.elsewhere.example"),
            Ok(policies("enforce", secure_tlsa())),
        );
        assert_eq!(sender.domain, "example.net");
        assert_eq!(sender.received_by, None);
        assert_eq!(sender.requirement, None);
        let slugs: Vec<&str> = sender.findings.iter().map(|f| f.slug.as_str()).collect();
        assert_eq!(
            slugs,
            [
                "policy-now",
                "mta-sts-enforce",
                "dane-required",
                "dane-lookup-failed",
                "tls-rpt-none"
            ]
        );
        assert!(!slugs.iter().any(|s| s.starts_with("mx-")), "{slugs:?}");

        let unusable = DomainLookup::new(
            Role::Recipient,
            &LookupDomain {
                domain: "bad..name".into(),
                source: DomainSource::To,
                address: "x@bad..name".into(),
                hop: None,
            },
            None,
            normalize_domain("bad..name").map(|_| unreachable!()),
        );
        assert_eq!(
            unusable.problem.as_deref(),
            Some("bad..name was not looked up: the domain name \"bad..name\" has an empty label (two dots in a row, or a leading dot).")
        );
        assert!(matches!(
            unusable.requirement.unwrap().dane,
            Looked::CannotTell { .. }
        ));
    }
}
