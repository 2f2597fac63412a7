//! DNS-over-HTTPS with JSON answers (`application/dns-json`), for the page.
//!
//! The page asks a public DoH service with `fetch()` (the browser glue lives in the app) and
//! hands the response text to [`parse_response`]. Google (`https://dns.google/resolve`) and
//! Cloudflare (`https://cloudflare-dns.com/dns-query`) serve the same JSON shape, with two
//! differences this module absorbs: Google writes TXT data unquoted with the strings already
//! joined, Cloudflare writes each string quoted (`"part one" "part two"`); and Cloudflare sends
//! types it has no text form for (TLSA among them) in RFC 3597's generic `\# len hex` form.
//!
//! Only the JSON API is used, not RFC 8484's binary `application/dns-message`: a DNS wire-format
//! codec would add more to the page than this whole crate, and the JSON carries what is needed —
//! the response code, the AD (authenticated data) bit, and the records.
//!
//! ```
//! use hopscope_lookup::{doh, DnsAnswer, DnssecStatus, Query, RecordType};
//!
//! let query = Query::new("_mta-sts.example.com", RecordType::Txt);
//! assert_eq!(
//!     doh::request_url(doh::DohService::Google.endpoint(), &query),
//!     "https://dns.google/resolve?name=_mta-sts.example.com&type=TXT"
//! );
//! let json = r#"{"Status":0,"AD":true,"Question":[{"name":"_mta-sts.example.com.","type":16}],
//!   "Answer":[{"name":"_mta-sts.example.com.","type":16,"TTL":300,"data":"\"v=STSv1; \" \"id=1\""}]}"#;
//! assert_eq!(
//!     doh::parse_response(json, &query).unwrap(),
//!     DnsAnswer::Records { records: vec!["v=STSv1; id=1".into()], dnssec: DnssecStatus::Secure }
//! );
//! ```

use serde::{Deserialize, Serialize};

use crate::answer::{DnsAnswer, DnssecStatus, Query, RecordType};
use crate::malformed::{quote, Malformed};
use crate::name::normalize_domain;

/// The `Accept` header to send: Cloudflare answers JSON only when asked for it.
pub const ACCEPT: &str = "application/dns-json";

/// The largest DoH response read: real answers for these queries are a few KB.
pub const MAX_RESPONSE_BYTES: usize = 256 * 1024;

/// The public DoH services known to answer browsers (CORS) with JSON. The page's CSP
/// `connect-src` must list exactly the endpoints offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DohService {
    Google,
    Cloudflare,
}

impl DohService {
    pub const ALL: [DohService; 2] = [DohService::Google, DohService::Cloudflare];

    /// The JSON endpoint, without query string.
    pub fn endpoint(self) -> &'static str {
        match self {
            DohService::Google => "https://dns.google/resolve",
            DohService::Cloudflare => "https://cloudflare-dns.com/dns-query",
        }
    }

    /// The name to show a person choosing where the domain name is sent.
    pub fn label(self) -> &'static str {
        match self {
            DohService::Google => "Google Public DNS (dns.google)",
            DohService::Cloudflare => "Cloudflare (cloudflare-dns.com)",
        }
    }
}

/// The GET URL asking `endpoint` for `query`: `…?name=<name>&type=<TXT|MX|TLSA>`.
///
/// No `do`/`cd` flags: the AD bit comes back without them, and asking for signatures would only
/// make answers larger. The name is percent-encoded beyond the host-name characters, so a
/// hostile name cannot add parameters.
pub fn request_url(endpoint: &str, query: &Query) -> String {
    let mut name = String::with_capacity(query.name.len());
    for b in query.name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
            name.push(b as char);
        } else {
            name.push_str(&format!("%{b:02X}"));
        }
    }
    format!("{endpoint}?name={name}&type={}", query.record_type.as_str())
}

#[derive(Deserialize)]
struct Response {
    #[serde(rename = "Status")]
    status: u32,
    #[serde(rename = "TC", default)]
    truncated: bool,
    #[serde(rename = "AD", default)]
    authenticated: bool,
    #[serde(rename = "Question", default)]
    question: Vec<Question>,
    #[serde(rename = "Answer", default)]
    answer: Vec<Record>,
    /// A string (Google) or a list of strings (Cloudflare's extended errors).
    #[serde(rename = "Comment", default)]
    comment: Option<Comment>,
}

/// Read by hand rather than as `serde_json::Value` or an untagged enum: both bring buffering
/// and map code into the page (about 5 KB of brotli) for one optional field.
enum Comment {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for Comment {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Comment;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Comment, E> {
                Ok(Comment::One(v.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Comment, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(Comment::Many(items))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[derive(Deserialize)]
struct Question {
    name: String,
}

#[derive(Deserialize)]
struct Record {
    #[serde(rename = "type")]
    record_type: u16,
    data: String,
}

/// Reads a DoH JSON response to `query`.
///
/// Status 0 (NOERROR) gives the records of the asked type (CNAMEs and signatures in the answer
/// section are skipped), or `NoRecords` when there are none; 3 (NXDOMAIN) gives `NoRecords`;
/// 2 (SERVFAIL) gives `DnssecBogus` when the service's comment blames DNSSEC, else `ServFail`;
/// other codes give `Failed`. The AD flag becomes [`DnssecStatus::Secure`], its absence
/// `Insecure`. Anything that is not such a response — not JSON, no `Status`, a question for
/// another name, record data that does not fit its type — is an error saying so.
pub fn parse_response(json: &str, query: &Query) -> Result<DnsAnswer, Malformed> {
    if json.len() > MAX_RESPONSE_BYTES {
        return Err(Malformed::new(format!(
            "the DNS-over-HTTPS answer is {} bytes, far more than any answer to this question",
            json.len()
        )));
    }
    let response: Response = serde_json::from_str(json).map_err(|e| {
        Malformed::new(format!(
            "the DNS-over-HTTPS service sent something that is not a DNS JSON answer ({e})"
        ))
    })?;
    for question in &response.question {
        if normalize_domain(&question.name).ok().as_deref() != Some(query.name.as_str()) {
            return Err(Malformed::new(format!(
                "the DNS-over-HTTPS answer is about {}, not {}",
                quote(&question.name),
                query.name
            )));
        }
    }
    if response.truncated {
        return Err(Malformed::new("the DNS-over-HTTPS answer was truncated"));
    }
    let dnssec = if response.authenticated {
        DnssecStatus::Secure
    } else {
        DnssecStatus::Insecure
    };
    let comment = response
        .comment
        .as_ref()
        .map(comment_text)
        .filter(|c| !c.is_empty());
    match response.status {
        0 => {
            let records = response
                .answer
                .iter()
                .filter(|r| r.record_type == query.record_type.code())
                .map(|r| record_text(query.record_type, &r.data))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(if records.is_empty() {
                DnsAnswer::NoRecords {
                    nxdomain: false,
                    dnssec,
                }
            } else {
                DnsAnswer::Records { records, dnssec }
            })
        }
        3 => Ok(DnsAnswer::NoRecords {
            nxdomain: true,
            dnssec,
        }),
        2 => {
            let blames_dnssec = comment.as_deref().is_some_and(|c| {
                let c = c.to_ascii_lowercase();
                c.contains("dnssec")
                    || c.contains("bogus")
                    || c.contains("rrsig")
                    || c.contains("dnskey")
            });
            Ok(if blames_dnssec {
                DnsAnswer::DnssecBogus { detail: comment }
            } else {
                DnsAnswer::ServFail { detail: comment }
            })
        }
        5 => Ok(DnsAnswer::Failed {
            reason: "the DNS service refused the question (REFUSED)".into(),
        }),
        code => Ok(DnsAnswer::Failed {
            reason: format!("the DNS service answered with error code {code}"),
        }),
    }
}

fn comment_text(comment: &Comment) -> String {
    let text = match comment {
        Comment::One(s) => s.clone(),
        Comment::Many(items) => items.join("; "),
    };
    // Shown to a person: keep it short and printable.
    text.chars().filter(|c| !c.is_control()).take(200).collect()
}

/// Turns one record's `data` into the presentation text the parsers read.
fn record_text(record_type: RecordType, data: &str) -> Result<String, Malformed> {
    match record_type {
        RecordType::Txt if data.starts_with('"') => unquote_txt(data),
        _ => Ok(data.to_owned()),
    }
}

/// Joins a TXT record written as quoted strings (`"v=STSv1; " "id=1"`), undoing `\"`, `\\` and
/// `\DDD` escapes. RFC 8461 and RFC 8460 records split over several strings are read joined
/// without separator, as RFC 7208 §3.3 does for SPF.
pub fn unquote_txt(data: &str) -> Result<String, Malformed> {
    let bad = || {
        Malformed::new(format!(
            "the TXT record {} has unbalanced quotes",
            quote(data)
        ))
    };
    let mut out: Vec<u8> = Vec::with_capacity(data.len());
    let mut bytes = data.bytes().peekable();
    loop {
        while bytes.next_if(|b| b.is_ascii_whitespace()).is_some() {}
        match bytes.next() {
            None => break,
            Some(b'"') => {}
            Some(_) => return Err(bad()),
        }
        loop {
            match bytes.next().ok_or_else(bad)? {
                b'"' => break,
                b'\\' => {
                    let first = bytes.next().ok_or_else(bad)?;
                    if first.is_ascii_digit() {
                        let mut value = u32::from(first - b'0');
                        for _ in 0..2 {
                            let d = bytes.next().filter(u8::is_ascii_digit).ok_or_else(bad)?;
                            value = value * 10 + u32::from(d - b'0');
                        }
                        out.push(u8::try_from(value).map_err(|_| bad())?);
                    } else {
                        out.push(first);
                    }
                }
                b => out.push(b),
            }
        }
    }
    // Policy records are ASCII; anything else shows up as U+FFFD and is refused by the parser.
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(name: &str, t: RecordType) -> Query {
        Query::new(name, t)
    }

    #[test]
    fn url_encodes_the_name() {
        assert_eq!(
            request_url(
                DohService::Cloudflare.endpoint(),
                &q("_25._tcp.mx.example.net", RecordType::Tlsa)
            ),
            "https://cloudflare-dns.com/dns-query?name=_25._tcp.mx.example.net&type=TLSA"
        );
        assert_eq!(
            request_url("https://x/q", &q("a&b=c", RecordType::Mx)),
            "https://x/q?name=a%26b%3Dc&type=MX"
        );
    }

    #[test]
    fn txt_unquoting() {
        assert_eq!(unquote_txt(r#""v=STSv1; id=1""#).unwrap(), "v=STSv1; id=1");
        assert_eq!(unquote_txt(r#""a" "b""#).unwrap(), "ab");
        assert_eq!(
            unquote_txt(r#""say \"hi\" \\ \065""#).unwrap(),
            r#"say "hi" \ A"#
        );
        assert!(unquote_txt(r#""open"#).is_err());
        assert!(unquote_txt(r#""a" b"#).is_err());
        assert!(unquote_txt(r#""\999""#).is_err());
        assert!(unquote_txt(r#""\1""#).is_err());
    }

    #[test]
    fn statuses() {
        let query = q("example.com", RecordType::Mx);
        let answer = |json: &str| parse_response(json, &query).unwrap();
        assert_eq!(
            answer(
                r#"{"Status":0,"AD":false,"Answer":[{"name":"example.com.","type":5,"data":"x.example."},{"name":"x.example.","type":15,"data":"10 mx.example.com."}]}"#
            ),
            DnsAnswer::Records {
                records: vec!["10 mx.example.com.".into()],
                dnssec: DnssecStatus::Insecure
            }
        );
        assert_eq!(
            answer(r#"{"Status":0,"AD":true}"#),
            DnsAnswer::NoRecords {
                nxdomain: false,
                dnssec: DnssecStatus::Secure
            }
        );
        assert_eq!(
            answer(r#"{"Status":3}"#),
            DnsAnswer::NoRecords {
                nxdomain: true,
                dnssec: DnssecStatus::Insecure
            }
        );
        assert_eq!(
            answer(r#"{"Status":2,"Comment":"Name servers timed out"}"#),
            DnsAnswer::ServFail {
                detail: Some("Name servers timed out".into())
            }
        );
        assert_eq!(
            answer(r#"{"Status":2,"Comment":["EDE(6): DNSSEC Bogus"]}"#),
            DnsAnswer::DnssecBogus {
                detail: Some("EDE(6): DNSSEC Bogus".into())
            }
        );
        assert_eq!(
            answer(r#"{"Status":5}"#),
            DnsAnswer::Failed {
                reason: "the DNS service refused the question (REFUSED)".into()
            }
        );
        assert_eq!(
            answer(r#"{"Status":4}"#),
            DnsAnswer::Failed {
                reason: "the DNS service answered with error code 4".into()
            }
        );
    }

    #[test]
    fn garbage_is_refused_clearly() {
        let query = q("example.com", RecordType::Txt);
        let reason = |json: &str| {
            parse_response(json, &query)
                .unwrap_err()
                .reason()
                .to_owned()
        };
        assert!(reason("<html>502 Bad Gateway</html>").starts_with(
            "the DNS-over-HTTPS service sent something that is not a DNS JSON answer ("
        ));
        assert!(reason(r#"{"Answer":[]}"#).contains("missing field `Status`"));
        assert!(reason(r#"{"Status":0,"Answer":{"data":"x"}}"#).starts_with(
            "the DNS-over-HTTPS service sent something that is not a DNS JSON answer"
        ));
        assert!(
            reason(r#"{"Status":0,"Answer":[{"type":99999,"data":"x"}]}"#)
                .contains("not a DNS JSON answer")
        );
        assert_eq!(
            reason(r#"{"Status":0,"Question":[{"name":"evil.example.","type":16}]}"#),
            "the DNS-over-HTTPS answer is about \"evil.example.\", not example.com"
        );
        assert_eq!(
            reason(r#"{"Status":0,"TC":true}"#),
            "the DNS-over-HTTPS answer was truncated"
        );
        assert_eq!(
            reason(r#"{"Status":0,"Answer":[{"type":16,"data":"\"unterminated"}]}"#),
            "the TXT record \"\"unterminated\" has unbalanced quotes"
        );
        assert!(reason(&" ".repeat(MAX_RESPONSE_BYTES + 1)).contains("bytes, far more"));
        assert!(reason("").contains("not a DNS JSON answer"));
    }
}
