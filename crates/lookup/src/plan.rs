//! The lookup plan: which questions to ask for a domain, in which order, and what the answers
//! make of it. One state machine for the page (DoH through `fetch()`) and the CLI (the `net`
//! feature), so both ask exactly the same questions and read the answers the same way.

use crate::answer::{DnsAnswer, Query, RecordType};
use crate::model::{DomainPolicies, Item, MxTlsa, Problem};
use crate::mta_sts::{parse_mta_sts_policy, parse_mta_sts_record, policy_url};
use crate::mx::{parse_mx_set, MxRecord};
use crate::name::normalize_domain;
use crate::tls_rpt::parse_tls_rpt_record;
use crate::tlsa::parse_tlsa;
use crate::Malformed;

/// At most this many MX hosts get a TLSA lookup. Real domains have one to five; a hostile zone
/// with hundreds must not turn one click into hundreds of requests.
pub const MAX_MX_HOSTS: usize = 10;

/// The lookups for one domain, fed by whoever can ask DNS.
///
/// Call [`next_queries`](Self::next_queries), answer each query with [`record`](Self::record)
/// (in any order, concurrently or not), and repeat until it returns nothing: the MX answer adds
/// one TLSA query per MX host. When [`policy_to_fetch`](Self::policy_to_fetch) gives a URL,
/// fetch it and pass the result to [`record_policy`](Self::record_policy) — or, in a browser,
/// pass [`Problem::NotFetchableFromBrowser`]. Then [`finish`](Self::finish).
///
/// ```
/// use hopscope_lookup::{DnsAnswer, DnssecStatus, LookupPlan, Problem, RecordType};
///
/// let mut plan = LookupPlan::new("Example.com").unwrap();
/// let first = plan.next_queries();
/// assert_eq!(first.len(), 3); // _mta-sts TXT, MX, _smtp._tls TXT
/// for query in &first {
///     let answer = match query.record_type {
///         RecordType::Mx => DnsAnswer::Records {
///             records: vec!["10 mx.example.com.".into()],
///             dnssec: DnssecStatus::Secure,
///         },
///         _ => DnsAnswer::NoRecords { nxdomain: true, dnssec: DnssecStatus::Secure },
///     };
///     plan.record(query, answer);
/// }
/// let tlsa = plan.next_queries();
/// assert_eq!(tlsa[0].name, "_25._tcp.mx.example.com");
/// plan.record(&tlsa[0], DnsAnswer::Timeout);
/// assert!(plan.next_queries().is_empty());
/// assert_eq!(plan.policy_to_fetch(), None); // no _mta-sts record, no policy to fetch
/// let policies = plan.finish();
/// assert_eq!(policies.tlsa[0].records.problem(), Some(&Problem::Timeout));
/// ```
#[derive(Debug, Clone)]
pub struct LookupPlan {
    domain: String,
    // Vectors, not B-tree maps: a plan holds at most 13 questions, and the map code would cost
    // the page more than the rest of the plan.
    asked: Vec<Query>,
    answers: Vec<(Query, DnsAnswer)>,
    policy_offered: bool,
    policy: Option<Item<crate::MtaStsPolicy>>,
}

impl LookupPlan {
    /// Starts the lookups for `domain` (normalised; an unusable name is refused here).
    pub fn new(domain: &str) -> Result<Self, Malformed> {
        let domain = normalize_domain(domain)?;
        // Every name asked must stay a valid DNS name with its prefix.
        normalize_domain(&format!("_mta-sts.{domain}"))?;
        Ok(LookupPlan {
            domain,
            asked: Vec::new(),
            answers: Vec::new(),
            policy_offered: false,
            policy: None,
        })
    }

    fn answer(&self, query: &Query) -> Option<&DnsAnswer> {
        self.answers
            .iter()
            .find(|(q, _)| q == query)
            .map(|(_, a)| a)
    }

    /// The normalised domain.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    fn sts_query(&self) -> Query {
        Query::new(format!("_mta-sts.{}", self.domain), RecordType::Txt)
    }

    fn mx_query(&self) -> Query {
        Query::new(self.domain.clone(), RecordType::Mx)
    }

    fn rpt_query(&self) -> Query {
        Query::new(format!("_smtp._tls.{}", self.domain), RecordType::Txt)
    }

    /// The MX hosts whose TLSA records count, once the MX answer is in: the listed hosts, or
    /// the domain itself when it publishes no MX (RFC 5321 §5.1 implicit MX, which RFC 7672
    /// §2.2.1 covers too). Empty for a null MX or a domain that does not exist.
    fn tlsa_hosts(&self) -> Option<Vec<String>> {
        let answer = self.answer(&self.mx_query())?;
        Some(match answer {
            DnsAnswer::Records { .. } => match Item::from_answer(answer, parse_mx_set) {
                Item::Found { value, .. } => {
                    // One host may be listed at two preferences; it is looked up once.
                    let mut hosts: Vec<String> = Vec::new();
                    for mx in value.iter().filter(|mx| !mx.is_null()) {
                        if !hosts.contains(&mx.exchange) && hosts.len() < MAX_MX_HOSTS {
                            hosts.push(mx.exchange.clone());
                        }
                    }
                    hosts
                }
                Item::Problem { .. } => Vec::new(),
            },
            DnsAnswer::NoRecords {
                nxdomain: false, ..
            } => vec![self.domain.clone()],
            _ => Vec::new(),
        })
    }

    fn tlsa_query(host: &str) -> Option<Query> {
        let name = normalize_domain(&format!("_25._tcp.{host}")).ok()?;
        Some(Query::new(name, RecordType::Tlsa))
    }

    /// The questions to ask now that have not been handed out yet. Each is handed out once.
    pub fn next_queries(&mut self) -> Vec<Query> {
        let mut wanted = vec![self.sts_query(), self.mx_query(), self.rpt_query()];
        wanted.extend(
            self.tlsa_hosts()
                .unwrap_or_default()
                .iter()
                .filter_map(|h| Self::tlsa_query(h)),
        );
        let mut fresh: Vec<Query> = Vec::new();
        for query in wanted {
            if !self.asked.contains(&query) && !fresh.contains(&query) {
                fresh.push(query);
            }
        }
        self.asked.extend(fresh.iter().cloned());
        fresh
    }

    /// Records the answer to a query handed out by [`next_queries`](Self::next_queries).
    /// Returns false (and ignores it) for a query that was not asked, so a confused or hostile
    /// caller cannot plant answers.
    pub fn record(&mut self, query: &Query, answer: DnsAnswer) -> bool {
        if !self.asked.contains(query) {
            return false;
        }
        match self.answers.iter_mut().find(|(q, _)| q == query) {
            Some((_, old)) => *old = answer,
            None => self.answers.push((query.clone(), answer)),
        }
        true
    }

    /// True while a handed-out query has no answer yet.
    pub fn is_waiting(&self) -> bool {
        self.asked.len() > self.answers.len()
    }

    /// The policy file's URL, once: when the `_mta-sts` TXT record is in and valid (RFC 8461
    /// §5: a sender fetches the policy only then).
    pub fn policy_to_fetch(&mut self) -> Option<String> {
        if self.policy_offered || self.policy.is_some() {
            return None;
        }
        let answer = self.answer(&self.sts_query())?;
        let record = Item::from_answer(answer, parse_mta_sts_record);
        record.value()?;
        self.policy_offered = true;
        Some(policy_url(&self.domain))
    }

    /// Records the policy fetch: the body as received (it is size-checked and parsed here), or
    /// the problem that stopped it.
    pub fn record_policy(&mut self, result: Result<&[u8], Problem>) {
        self.policy = Some(match result {
            Ok(body) => match parse_mta_sts_policy(body) {
                Ok(value) => Item::Found {
                    value,
                    dnssec: None,
                },
                Err(e) => Item::problem_of(Problem::Malformed {
                    reason: e.reason().to_owned(),
                }),
            },
            Err(problem) => Item::problem_of(problem),
        });
    }

    /// The item made of `query`'s answer, or `NotLookedUp` while it has none.
    fn item<T>(
        &self,
        query: &Query,
        parse: impl FnOnce(&[String]) -> Result<T, Malformed>,
    ) -> Item<T> {
        match self.answer(query) {
            Some(answer) => Item::from_answer(answer, parse),
            None => Item::problem_of(Problem::NotLookedUp {
                reason: "the lookup stopped before this answer came".into(),
            }),
        }
    }

    /// Everything found so far. Items still without an answer are `NotLookedUp`.
    pub fn finish(self) -> DomainPolicies {
        let mta_sts_record = self.item(&self.sts_query(), parse_mta_sts_record);
        let mta_sts_policy = match (&self.policy, &mta_sts_record) {
            (Some(policy), _) => policy.clone(),
            (None, Item::Found { .. }) => Item::problem_of(Problem::NotLookedUp {
                reason: "the policy file was not fetched".into(),
            }),
            (None, _) => Item::problem_of(Problem::NotLookedUp {
                reason: "there is no valid _mta-sts record announcing a policy".into(),
            }),
        };
        let mx: Item<Vec<MxRecord>> = self.item(&self.mx_query(), parse_mx_set);
        let tlsa = self
            .tlsa_hosts()
            .unwrap_or_default()
            .into_iter()
            .map(|host| {
                let records = match Self::tlsa_query(&host) {
                    None => Item::problem_of(Problem::Malformed {
                        reason: format!("_25._tcp.{host} is too long to be a DNS name"),
                    }),
                    Some(q) => self.item(&q, |records| {
                        records.iter().map(|r| parse_tlsa(r)).collect()
                    }),
                };
                MxTlsa { mx: host, records }
            })
            .collect();
        let tls_rpt = self.item(&self.rpt_query(), parse_tls_rpt_record);
        DomainPolicies {
            domain: self.domain,
            mta_sts_record,
            mta_sts_policy,
            mx,
            tlsa,
            tls_rpt,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::DnssecStatus;

    fn records(r: &[&str]) -> DnsAnswer {
        DnsAnswer::Records {
            records: r.iter().map(|s| s.to_string()).collect(),
            dnssec: DnssecStatus::Insecure,
        }
    }

    #[test]
    fn asks_each_question_once_and_ignores_strangers() {
        let mut plan = LookupPlan::new("example.org.").unwrap();
        let first = plan.next_queries();
        let names: Vec<_> = first
            .iter()
            .map(|q| format!("{} {}", q.name, q.record_type.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                "_mta-sts.example.org TXT",
                "example.org MX",
                "_smtp._tls.example.org TXT"
            ]
        );
        assert!(plan.next_queries().is_empty());
        assert!(plan.is_waiting());
        assert!(!plan.record(
            &Query::new("evil.example", RecordType::Mx),
            records(&["1 x.example."])
        ));
        plan.record(
            &first[1],
            records(&["10 b.example.org.", "5 a.example.org.", "0 ."]),
        );
        let tlsa: Vec<_> = plan.next_queries().into_iter().map(|q| q.name).collect();
        assert_eq!(tlsa, ["_25._tcp.a.example.org", "_25._tcp.b.example.org"]);
        let finished = plan.finish();
        assert_eq!(finished.tlsa.len(), 2);
        assert_eq!(
            finished.mta_sts_record.problem().map(Problem::slug),
            Some("not_looked_up")
        );
    }

    #[test]
    fn implicit_mx_and_nxdomain() {
        let mut plan = LookupPlan::new("example.org").unwrap();
        let q = plan.next_queries();
        plan.record(
            &q[1],
            DnsAnswer::NoRecords {
                nxdomain: false,
                dnssec: DnssecStatus::Secure,
            },
        );
        assert_eq!(plan.next_queries()[0].name, "_25._tcp.example.org");

        let mut plan = LookupPlan::new("example.org").unwrap();
        let q = plan.next_queries();
        plan.record(
            &q[1],
            DnsAnswer::NoRecords {
                nxdomain: true,
                dnssec: DnssecStatus::Secure,
            },
        );
        assert!(plan.next_queries().is_empty());
    }

    #[test]
    fn caps_tlsa_lookups() {
        let mut plan = LookupPlan::new("example.org").unwrap();
        let q = plan.next_queries();
        let many: Vec<String> = (0..50).map(|i| format!("{i} mx{i}.example.org.")).collect();
        plan.record(
            &q[1],
            DnsAnswer::Records {
                records: many,
                dnssec: DnssecStatus::Insecure,
            },
        );
        assert_eq!(plan.next_queries().len(), MAX_MX_HOSTS);
    }

    #[test]
    fn policy_offered_once_only_for_a_valid_record() {
        let mut plan = LookupPlan::new("example.org").unwrap();
        let q = plan.next_queries();
        assert_eq!(plan.policy_to_fetch(), None);
        plan.record(&q[0], records(&["v=STSv1; id=1"]));
        assert_eq!(
            plan.policy_to_fetch().as_deref(),
            Some("https://mta-sts.example.org/.well-known/mta-sts.txt")
        );
        assert_eq!(plan.policy_to_fetch(), None);
        plan.record_policy(Err(Problem::NotFetchableFromBrowser));
        assert_eq!(
            plan.finish().mta_sts_policy.problem(),
            Some(&Problem::NotFetchableFromBrowser)
        );

        let mut plan = LookupPlan::new("example.org").unwrap();
        let q = plan.next_queries();
        plan.record(&q[0], records(&["v=STSv1; id=no-dashes-allowed"]));
        assert_eq!(plan.policy_to_fetch(), None);
    }

    #[test]
    fn refuses_unusable_domains() {
        assert!(LookupPlan::new("").is_err());
        assert!(LookupPlan::new(&format!("{}.example", ["a"; 120].join("."))).is_err());
    }
}
