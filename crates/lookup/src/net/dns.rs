//! DNS questions through hickory-resolver, turned into [`DnsAnswer`]s.

use std::str::FromStr;
use std::sync::Arc;

use hickory_resolver::config::{ConnectionConfig, NameServerConfig, ResolverConfig};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::{DnsError, NetError as HickoryError};
use hickory_resolver::proto::dnssec::{Proof, TrustAnchors};
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::{RData, RecordType as WireType};
use hickory_resolver::TokioResolver;

use super::{LookupOptions, NetError};
use crate::{DnsAnswer, DnssecStatus, Query, RecordType};

pub(super) struct Dns {
    resolver: TokioResolver,
    validate: bool,
}

impl Dns {
    pub(super) fn new(options: &LookupOptions) -> Result<Self, NetError> {
        let mut builder = match options.resolver {
            Some(addr) => {
                let connections = [ConnectionConfig::udp(), ConnectionConfig::tcp()]
                    .into_iter()
                    .map(|mut c| {
                        c.port = addr.port();
                        c
                    })
                    .collect();
                let mut server = NameServerConfig::udp_and_tcp(addr.ip());
                server.connections = connections;
                TokioResolver::builder_with_config(
                    ResolverConfig::from_name_servers(vec![server]),
                    TokioRuntimeProvider::default(),
                )
            }
            None => TokioResolver::builder_tokio().map_err(|e| {
                NetError::new(format!(
                    "could not read the system's DNS configuration ({e}); name a resolver with --resolver"
                ))
            })?,
        };
        let opts = builder.options_mut();
        opts.timeout = options.timeout;
        opts.attempts = 2;
        opts.validate = options.validate_dnssec;
        // Answers are wanted as the DNS has them now; a cache would only hide changes between
        // two runs of the same process.
        opts.cache_size = 0;
        if let Some(anchor) = &options.trust_anchor {
            let anchors = TrustAnchors::from_str(anchor).map_err(|e| {
                NetError::new(format!("the DNSSEC trust anchor could not be read: {e}"))
            })?;
            builder = builder.with_trust_anchor(Arc::new(anchors));
        }
        let resolver = builder
            .build()
            .map_err(|e| NetError::new(format!("could not set up the DNS resolver: {e}")))?;
        Ok(Dns {
            resolver,
            validate: options.validate_dnssec,
        })
    }

    /// Asks all `queries` at once; answers come back in the same order.
    pub(super) async fn query_all(&self, queries: &[Query]) -> Vec<DnsAnswer> {
        let mut tasks = tokio::task::JoinSet::new();
        for (index, query) in queries.iter().enumerate() {
            let dns = Dns {
                resolver: self.resolver.clone(),
                validate: self.validate,
            };
            let query = query.clone();
            tasks.spawn(async move { (index, dns.query(&query).await) });
        }
        let mut answers: Vec<Option<DnsAnswer>> = vec![None; queries.len()];
        while let Some(joined) = tasks.join_next().await {
            if let Ok((index, answer)) = joined {
                answers[index] = Some(answer);
            }
        }
        answers
            .into_iter()
            .map(|a| {
                a.unwrap_or(DnsAnswer::Failed {
                    reason: "the lookup task stopped unexpectedly".into(),
                })
            })
            .collect()
    }

    pub(super) async fn query(&self, query: &Query) -> DnsAnswer {
        let wire_type = match query.record_type {
            RecordType::Txt => WireType::TXT,
            RecordType::Mx => WireType::MX,
            RecordType::Tlsa => WireType::TLSA,
        };
        // A trailing dot: the name is absolute, so no search domain is ever appended.
        let name = format!("{}.", query.name);
        match self.resolver.lookup(name.as_str(), wire_type).await {
            Ok(lookup) => {
                let mut records = Vec::new();
                let mut proofs = Vec::new();
                for record in lookup.answers() {
                    let text = match &record.data {
                        RData::TXT(txt) => {
                            let joined: Vec<u8> = txt
                                .txt_data
                                .iter()
                                .flat_map(|s| s.iter().copied())
                                .collect();
                            String::from_utf8_lossy(&joined).into_owned()
                        }
                        RData::MX(mx) => format!("{} {}", mx.preference, mx.exchange),
                        RData::TLSA(tlsa) => format!(
                            "{} {} {} {}",
                            u8::from(tlsa.cert_usage),
                            u8::from(tlsa.selector),
                            u8::from(tlsa.matching),
                            tlsa.cert_data
                                .iter()
                                .map(|b| format!("{b:02x}"))
                                .collect::<String>()
                        ),
                        // CNAMEs on the way and signatures are not the asked records.
                        _ => continue,
                    };
                    records.push(text);
                    proofs.push(record.proof);
                }
                let dnssec = self.status(proofs.into_iter().min());
                if records.is_empty() {
                    DnsAnswer::NoRecords {
                        nxdomain: false,
                        dnssec,
                    }
                } else {
                    DnsAnswer::Records { records, dnssec }
                }
            }
            Err(e) => self.failure(e),
        }
    }

    /// The weakest proof of an RRset stands for all of it.
    fn status(&self, proof: Option<Proof>) -> DnssecStatus {
        if !self.validate {
            return DnssecStatus::Indeterminate;
        }
        match proof {
            Some(Proof::Secure) => DnssecStatus::Secure,
            Some(Proof::Insecure) => DnssecStatus::Insecure,
            Some(Proof::Bogus) => DnssecStatus::Bogus,
            _ => DnssecStatus::Indeterminate,
        }
    }

    fn failure(&self, error: HickoryError) -> DnsAnswer {
        match error {
            HickoryError::Timeout => DnsAnswer::Timeout,
            HickoryError::Dns(DnsError::NoRecordsFound(no)) => DnsAnswer::NoRecords {
                nxdomain: no.response_code == ResponseCode::NXDomain,
                // Without an NSEC proof the denial is not authenticated.
                dnssec: self.status(None).min_insecure(self.validate),
            },
            HickoryError::Dns(DnsError::Nsec {
                proof, response, ..
            }) => {
                let dnssec = self.status(Some(proof));
                if dnssec == DnssecStatus::Bogus {
                    return DnsAnswer::DnssecBogus {
                        detail: Some("the proof that nothing is published did not validate".into()),
                    };
                }
                DnsAnswer::NoRecords {
                    nxdomain: response.response_code == ResponseCode::NXDomain,
                    dnssec,
                }
            }
            HickoryError::Dns(DnsError::DnssecBogus) => DnsAnswer::DnssecBogus { detail: None },
            HickoryError::Dns(DnsError::ResponseCode(ResponseCode::ServFail)) => {
                DnsAnswer::ServFail { detail: None }
            }
            HickoryError::Dns(DnsError::ResponseCode(ResponseCode::Refused)) => DnsAnswer::Failed {
                reason: "the DNS server refused the question (REFUSED)".into(),
            },
            other => {
                let text = other.to_string();
                // hickory reports a resolver that never answered as an I/O or "no connections"
                // error after its attempts; both mean no answer in time to the person.
                if text.contains("timed out") {
                    DnsAnswer::Timeout
                } else {
                    DnsAnswer::Failed {
                        reason: format!("the DNS lookup failed: {text}"),
                    }
                }
            }
        }
    }
}

trait MinInsecure {
    fn min_insecure(self, validating: bool) -> DnssecStatus;
}

impl MinInsecure for DnssecStatus {
    /// An unauthenticated denial from a validating resolver: treat as not vouched for.
    fn min_insecure(self, validating: bool) -> DnssecStatus {
        if validating {
            DnssecStatus::Insecure
        } else {
            self
        }
    }
}
