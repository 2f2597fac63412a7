//! MX records: `10 mx1.example.net.`

use serde::{Deserialize, Serialize};

use crate::malformed::{quote, Malformed};
use crate::name::normalize_domain;

/// One mail exchanger of a domain.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MxRecord {
    /// Lower is tried first.
    pub preference: u16,
    /// Normalised host name; `"."` for a null MX (RFC 7505: the domain accepts no mail).
    pub exchange: String,
}

impl MxRecord {
    /// True for RFC 7505's `0 .`: the domain says it receives no mail at all.
    pub fn is_null(&self) -> bool {
        self.exchange == "."
    }
}

/// Reads one MX record in presentation form: a preference (0–65535) and a host name.
///
/// ```
/// let mx = hopscope_lookup::parse_mx("10 MX1.Example.NET.").unwrap();
/// assert_eq!((mx.preference, mx.exchange.as_str()), (10, "mx1.example.net"));
/// ```
pub fn parse_mx(rdata: &str) -> Result<MxRecord, Malformed> {
    let mut words = rdata.split_ascii_whitespace();
    let (Some(preference), Some(exchange), None) = (words.next(), words.next(), words.next())
    else {
        return Err(Malformed::new(format!(
            "the MX record {} is not a preference followed by a host name",
            quote(rdata)
        )));
    };
    let preference = preference.parse::<u16>().map_err(|_| {
        Malformed::new(format!(
            "the MX record {} has a preference that is not a number from 0 to 65535",
            quote(rdata)
        ))
    })?;
    let exchange = if exchange == "." {
        ".".to_owned()
    } else {
        normalize_domain(exchange)
            .map_err(|e| Malformed::new(format!("the MX record {}: {e}", quote(rdata))))?
    };
    Ok(MxRecord {
        preference,
        exchange,
    })
}

/// Reads an MX RRset: every record must parse; the list comes back in the order a sender tries
/// them (preference, then name), without duplicates.
pub fn parse_mx_set(records: &[String]) -> Result<Vec<MxRecord>, Malformed> {
    let mut list = records
        .iter()
        .map(|r| parse_mx(r))
        .collect::<Result<Vec<_>, _>>()?;
    list.sort();
    list.dedup();
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_sorts() {
        let set = parse_mx_set(&[
            "20 b.example.".into(),
            "10 a.example.".into(),
            "10 a.example".into(),
        ])
        .unwrap();
        assert_eq!(
            set,
            vec![
                MxRecord {
                    preference: 10,
                    exchange: "a.example".into()
                },
                MxRecord {
                    preference: 20,
                    exchange: "b.example".into()
                }
            ]
        );
    }

    #[test]
    fn null_mx() {
        assert!(parse_mx("0 .").unwrap().is_null());
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(
            parse_mx("mx.example.").unwrap_err().reason(),
            "the MX record \"mx.example.\" is not a preference followed by a host name"
        );
        assert_eq!(
            parse_mx("70000 mx.example.").unwrap_err().reason(),
            "the MX record \"70000 mx.example.\" has a preference that is not a number from 0 to 65535"
        );
        assert!(parse_mx("10 <script>").is_err());
        assert!(parse_mx("").is_err());
    }
}
