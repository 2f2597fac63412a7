//! TLS-RPT (RFC 8460): the `_smtp._tls.<domain>` TXT record saying where senders report TLS
//! failures.

use serde::{Deserialize, Serialize};

use crate::malformed::{quote, Malformed};
use crate::mta_sts::split_fields;

/// A domain's TLS reporting record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TlsRptRecord {
    /// Where reports go: `mailto:` and `https:` URIs, as written.
    pub rua: Vec<String>,
    pub extensions: Vec<(String, String)>,
}

/// Reads the TXT records found at `_smtp._tls.<domain>` (each record's strings joined).
///
/// RFC 8460 §3: records not beginning with `v=TLSRPTv1` are discarded; exactly one must remain,
/// with a `rua` field of one or more comma-separated `mailto:` or `https:` URIs.
///
/// ```
/// let rpt = hopscope_lookup::parse_tls_rpt_record(
///     &["v=TLSRPTv1; rua=mailto:tlsrpt@example.com,https://report.example.com/v1".into()],
/// ).unwrap();
/// assert_eq!(rpt.rua.len(), 2);
/// ```
pub fn parse_tls_rpt_record(records: &[String]) -> Result<TlsRptRecord, Malformed> {
    let rpt: Vec<&String> = records
        .iter()
        .filter(|r| r.starts_with("v=TLSRPTv1"))
        .collect();
    let record = match rpt.as_slice() {
        [one] => one.as_str(),
        [] => {
            return Err(Malformed::new(format!(
                "none of the {} TXT record(s) begins with v=TLSRPTv1",
                records.len()
            )))
        }
        many => {
            return Err(Malformed::new(format!(
                "{} TXT records begin with v=TLSRPTv1; RFC 8460 requires exactly one, so senders ignore them all",
                many.len()
            )))
        }
    };
    // A URI may itself contain '=' (https://…?a=b), which the shared field splitter refuses in
    // values, so rua is taken apart here first.
    let mut rua = None;
    let mut rest = Vec::new();
    let body = record.trim_end_matches([' ', '\t']);
    let body = body.strip_suffix(';').unwrap_or(body);
    for part in body.split(';').map(|p| p.trim_matches([' ', '\t'])) {
        match part.strip_prefix("rua=") {
            Some(uris) if rua.is_none() => rua = Some(uris),
            Some(_) => return Err(Malformed::new("the TLS-RPT record has two rua fields")),
            None => rest.push(part),
        }
    }
    let rest = rest.join(";");
    let fields = split_fields(&rest, "v=TLSRPTv1", "TLS-RPT record")?;
    let uris = rua.ok_or_else(|| Malformed::new("the TLS-RPT record has no rua field"))?;
    let rua: Vec<String> = uris
        .split(',')
        .map(|u| u.trim_matches([' ', '\t']).to_owned())
        .collect();
    for uri in &rua {
        let scheme_ok = ["mailto:", "https://"]
            .iter()
            .any(|s| uri.len() > s.len() && uri[..s.len()].eq_ignore_ascii_case(s));
        if !scheme_ok || !uri.chars().all(|c| c.is_ascii_graphic()) {
            return Err(Malformed::new(format!(
                "the TLS-RPT record's rua {} is not a mailto: or https: address",
                quote(uri)
            )));
        }
    }
    Ok(TlsRptRecord {
        rua,
        extensions: fields
            .into_iter()
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn txt(records: &[&str]) -> Result<TlsRptRecord, Malformed> {
        parse_tls_rpt_record(&records.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn reads() {
        assert_eq!(
            txt(&["v=TLSRPTv1; rua=mailto:r@example.com"]).unwrap().rua,
            vec!["mailto:r@example.com"]
        );
        assert_eq!(
            txt(&["v=TLSRPTv1;rua=mailto:a@example.com, https://r.example.com/x?y=z;"])
                .unwrap()
                .rua,
            vec!["mailto:a@example.com", "https://r.example.com/x?y=z"]
        );
        assert_eq!(
            txt(&["spf", "v=TLSRPTv1; rua=MAILTO:a@b.example"])
                .unwrap()
                .rua
                .len(),
            1
        );
    }

    #[test]
    fn errors_word_for_word() {
        let cases: &[(&[&str], &str)] = &[
            (&["v=spf1 -all"], "none of the 1 TXT record(s) begins with v=TLSRPTv1"),
            (&["v=TLSRPTv1; rua=mailto:a@b.example", "v=TLSRPTv1; rua=mailto:c@d.example"], "2 TXT records begin with v=TLSRPTv1; RFC 8460 requires exactly one, so senders ignore them all"),
            (&["v=TLSRPTv1"], "the TLS-RPT record has no rua field"),
            (&["v=TLSRPTv1; rua=ftp://x.example"], "the TLS-RPT record's rua \"ftp://x.example\" is not a mailto: or https: address"),
            (&["v=TLSRPTv1; rua=mailto:"], "the TLS-RPT record's rua \"mailto:\" is not a mailto: or https: address"),
            (&["v=TLSRPTv1; rua=mailto:a@b.example; rua=mailto:c@d.example"], "the TLS-RPT record has two rua fields"),
            (&["v=TLSRPTv1 rua=mailto:a@b.example"], "the TLS-RPT record must begin with v=TLSRPTv1 followed by ';' (found \"v=TLSRPTv1 rua=mailto:a@b.example\")"),
        ];
        for (records, reason) in cases {
            assert_eq!(txt(records).unwrap_err().reason(), *reason, "{records:?}");
        }
    }
}
