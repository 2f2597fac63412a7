//! MTA-STS (RFC 8461): the `_mta-sts` TXT record, the policy file, and MX pattern matching.

use serde::{Deserialize, Serialize};

use crate::malformed::{quote, Malformed};
use crate::name::normalize_domain;

/// The largest policy file this crate reads: 64 KB. RFC 8461 §3.3 lets senders limit the size;
/// real policies are a few hundred bytes, so anything larger is a mistake or an attack.
pub const MAX_POLICY_BYTES: usize = 64 * 1024;

/// The `_mta-sts.<domain>` TXT record: it says a policy exists, and its `id` changes when the
/// policy changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MtaStsRecord {
    /// 1–32 letters and digits.
    pub id: String,
    /// Other `name=value` fields, kept as written (RFC 8461 allows extensions).
    pub extensions: Vec<(String, String)>,
}

/// The policy's `mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Senders must not deliver to an MX that does not match, or without valid TLS.
    Enforce,
    /// Senders deliver anyway but report failures (TLS-RPT).
    Testing,
    /// The domain withdrew its policy.
    None,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Enforce => "enforce",
            Mode::Testing => "testing",
            Mode::None => "none",
        }
    }
}

/// The policy file served at `https://mta-sts.<domain>/.well-known/mta-sts.txt`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MtaStsPolicy {
    pub mode: Mode,
    /// MX host patterns (`mail.example.com`, `*.example.net`), normalised, in file order.
    pub mx: Vec<String>,
    /// Seconds a sender may cache the policy (at most 31,557,600: one year).
    pub max_age: u64,
    /// Other `key: value` lines, kept as written.
    pub extensions: Vec<(String, String)>,
}

impl MtaStsPolicy {
    /// The first `mx` pattern that allows `host`, if any (RFC 8461 §4.1).
    pub fn matching_pattern(&self, host: &str) -> Option<&str> {
        self.mx
            .iter()
            .find(|p| mx_pattern_matches(p, host))
            .map(String::as_str)
    }
}

/// Where the policy of `domain` lives (RFC 8461 §3.2). `domain` should be normalised.
pub fn policy_url(domain: &str) -> String {
    format!("https://mta-sts.{domain}/.well-known/mta-sts.txt")
}

/// Does an MTA-STS `mx` pattern allow this MX host name? (RFC 8461 §4.1)
///
/// A plain pattern must equal the host name; `*.example.net` matches exactly one more label on
/// the left (`mx1.example.net`, not `example.net` and not `a.b.example.net`). Case and a trailing
/// dot do not matter.
///
/// ```
/// use hopscope_lookup::mx_pattern_matches;
/// assert!(mx_pattern_matches("*.example.net", "MX1.example.net."));
/// assert!(!mx_pattern_matches("*.example.net", "a.b.example.net"));
/// assert!(!mx_pattern_matches("*.example.net", "example.net"));
/// ```
pub fn mx_pattern_matches(pattern: &str, host: &str) -> bool {
    let (Ok(host), pattern) = (normalize_domain(host), pattern.trim()) else {
        return false;
    };
    match pattern.strip_prefix("*.") {
        Some(parent) => match (normalize_domain(parent), host.split_once('.')) {
            (Ok(parent), Some((first, rest))) => !first.is_empty() && rest == parent,
            _ => false,
        },
        None => normalize_domain(pattern).is_ok_and(|p| p == host),
    }
}

/// Reads the TXT records found at `_mta-sts.<domain>` (each record's strings already joined).
///
/// RFC 8461 §3.1: records that do not begin with `v=STSv1` are discarded; exactly one must
/// remain and it must be well-formed, otherwise the domain has no usable MTA-STS policy. The
/// error says which rule was broken.
///
/// ```
/// let rec = hopscope_lookup::parse_mta_sts_record(&["v=STSv1; id=20240101T000000;".into()]).unwrap();
/// assert_eq!(rec.id, "20240101T000000");
/// ```
pub fn parse_mta_sts_record(records: &[String]) -> Result<MtaStsRecord, Malformed> {
    let sts: Vec<&String> = records
        .iter()
        .filter(|r| r.starts_with("v=STSv1"))
        .collect();
    let record = match sts.as_slice() {
        [one] => one.as_str(),
        [] => {
            return Err(Malformed::new(format!(
                "none of the {} TXT record(s) begins with v=STSv1, so no MTA-STS policy is announced",
                records.len()
            )))
        }
        many => {
            return Err(Malformed::new(format!(
                "{} TXT records begin with v=STSv1; RFC 8461 requires exactly one, so senders ignore them all",
                many.len()
            )))
        }
    };
    let fields = split_fields(record, "v=STSv1", "MTA-STS record")?;
    let mut id = None;
    let mut extensions = Vec::new();
    for (name, value) in fields {
        if name == "id" {
            if id.is_some() {
                return Err(Malformed::new("the MTA-STS record has two id fields"));
            }
            if value.is_empty()
                || value.len() > 32
                || !value.chars().all(|c| c.is_ascii_alphanumeric())
            {
                return Err(Malformed::new(format!(
                    "the MTA-STS record's id {} must be 1 to 32 letters and digits",
                    quote(value)
                )));
            }
            id = Some(value.to_owned());
        } else {
            extensions.push((name.to_owned(), value.to_owned()));
        }
    }
    let id = id.ok_or_else(|| Malformed::new("the MTA-STS record has no id field"))?;
    Ok(MtaStsRecord { id, extensions })
}

/// Splits `v=…; name=value; …` records (MTA-STS and TLS-RPT share this shape): the version
/// must come first, fields are separated by `;` with optional spaces, one trailing `;` is fine.
pub(crate) fn split_fields<'a>(
    record: &'a str,
    version: &str,
    what: &str,
) -> Result<Vec<(&'a str, &'a str)>, Malformed> {
    let body = record.trim_end_matches([' ', '\t']);
    let body = body.strip_suffix(';').unwrap_or(body);
    let mut parts = body.split(';').map(|p| p.trim_matches([' ', '\t']));
    if parts.next() != Some(version) {
        return Err(Malformed::new(format!(
            "the {what} must begin with {version} followed by ';' (found {})",
            quote(record)
        )));
    }
    let mut fields = Vec::new();
    for part in parts {
        if part.is_empty() {
            return Err(Malformed::new(format!(
                "the {what} {} has an empty field between two ';'",
                quote(record)
            )));
        }
        let Some((name, value)) = part.split_once('=') else {
            return Err(Malformed::new(format!(
                "the {what} field {} is not of the form name=value",
                quote(part)
            )));
        };
        let name_ok = name.len() <= 32
            && name.starts_with(|c: char| c.is_ascii_alphanumeric())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
        // Values are printable ASCII without ';' and '=' (RFC 8461 sts-ext-value, RFC 8460).
        let value_ok = !value.is_empty()
            && value
                .chars()
                .all(|c| c.is_ascii_graphic() && c != ';' && c != '=');
        if !name_ok || !value_ok {
            return Err(Malformed::new(format!(
                "the {what} field {} is not well-formed",
                quote(part)
            )));
        }
        fields.push((name, value));
    }
    Ok(fields)
}

/// Reads an MTA-STS policy file (RFC 8461 §3.2) from the bytes the server sent.
///
/// Refuses files over [`MAX_POLICY_BYTES`], files that are not UTF-8, and files that break the
/// grammar; the error names the line. Blank lines and spaces at line ends are tolerated (many
/// servers add them and senders accept them); CRLF and LF both end lines.
///
/// ```
/// let policy = hopscope_lookup::parse_mta_sts_policy(
///     b"version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\nmax_age: 604800\n",
/// ).unwrap();
/// assert_eq!(policy.mode, hopscope_lookup::Mode::Enforce);
/// assert_eq!(policy.matching_pattern("mx2.example.net"), Some("*.example.net"));
/// ```
pub fn parse_mta_sts_policy(bytes: &[u8]) -> Result<MtaStsPolicy, Malformed> {
    if bytes.len() > MAX_POLICY_BYTES {
        return Err(Malformed::new(format!(
            "the policy file is {} bytes; a policy is a few lines, and Hopscope reads at most {MAX_POLICY_BYTES}",
            bytes.len()
        )));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Malformed::new(format!(
            "the policy file is not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(Malformed::new("the policy file is empty"));
    }
    let mut version = None;
    let mut mode = None;
    let mut max_age = None;
    let mut mx = Vec::new();
    let mut extensions = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        let number = index + 1;
        let line = line
            .strip_suffix('\r')
            .unwrap_or(line)
            .trim_end_matches([' ', '\t']);
        if line.is_empty() {
            continue;
        }
        let at = |why: String| Malformed::new(format!("line {number} of the policy file: {why}"));
        let Some((key, value)) = line.split_once(':') else {
            return Err(at(format!("{} is not of the form key: value", quote(line))));
        };
        let value = value.trim_start_matches([' ', '\t']);
        let once = |seen: bool| match seen {
            true => Err(at(format!("{key} appears a second time"))),
            false => Ok(()),
        };
        match key {
            "version" => {
                once(version.is_some())?;
                if value != "STSv1" {
                    return Err(at(format!(
                        "the version is {}; it must be STSv1",
                        quote(value)
                    )));
                }
                version = Some(());
            }
            "mode" => {
                once(mode.is_some())?;
                mode = Some(match value {
                    "enforce" => Mode::Enforce,
                    "testing" => Mode::Testing,
                    "none" => Mode::None,
                    other => {
                        return Err(at(format!(
                            "the mode is {}; it must be enforce, testing or none",
                            quote(other)
                        )))
                    }
                });
            }
            "max_age" => {
                once(max_age.is_some())?;
                let seconds = (value.len() <= 10
                    && !value.is_empty()
                    && value.bytes().all(|b| b.is_ascii_digit()))
                .then(|| value.parse::<u64>().ok())
                .flatten()
                .filter(|s| *s <= 31_557_600);
                let Some(seconds) = seconds else {
                    return Err(at(format!(
                        "max_age {} must be a number of seconds from 0 to 31557600 (one year)",
                        quote(value)
                    )));
                };
                max_age = Some(seconds);
            }
            "mx" => {
                let host = value.strip_prefix("*.").unwrap_or(value);
                match normalize_domain(host) {
                    Ok(normal) if value.starts_with("*.") => mx.push(format!("*.{normal}")),
                    Ok(normal) => mx.push(normal),
                    Err(_) => {
                        return Err(at(format!(
                            "the mx pattern {} is not a host name",
                            quote(value)
                        )))
                    }
                }
            }
            _ => {
                let key_ok = !key.is_empty()
                    && key.len() <= 32
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
                if !key_ok {
                    return Err(at(format!("{} is not a valid key", quote(key))));
                }
                extensions.push((key.to_owned(), value.to_owned()));
            }
        }
    }
    let missing = |what: &str| Malformed::new(format!("the policy file has no {what} line"));
    version.ok_or_else(|| missing("version"))?;
    let mode = mode.ok_or_else(|| missing("mode"))?;
    let max_age = max_age.ok_or_else(|| missing("max_age"))?;
    if mx.is_empty() && mode != Mode::None {
        return Err(Malformed::new(format!(
            "the policy file has no mx line; mode {} needs at least one",
            mode.as_str()
        )));
    }
    Ok(MtaStsPolicy {
        mode,
        mx,
        max_age,
        extensions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn txt(records: &[&str]) -> Result<MtaStsRecord, Malformed> {
        parse_mta_sts_record(&records.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn record_shapes_that_read() {
        assert_eq!(
            txt(&["v=STSv1; id=20160831085700Z;"]).unwrap().id,
            "20160831085700Z"
        );
        assert_eq!(txt(&["v=STSv1;id=abc"]).unwrap().id, "abc");
        assert_eq!(txt(&["v=STSv1 ; id=abc ; "]).unwrap().id, "abc");
        let ext = txt(&["v=STSv1; id=1; foo_bar=baz"]).unwrap();
        assert_eq!(ext.extensions, vec![("foo_bar".into(), "baz".into())]);
        // Unrelated records at the same name are discarded.
        assert_eq!(
            txt(&["google-site-verification=xyz", "v=STSv1; id=7"])
                .unwrap()
                .id,
            "7"
        );
    }

    #[test]
    fn record_errors_word_for_word() {
        let cases: &[(&[&str], &str)] = &[
            (&[], "none of the 0 TXT record(s) begins with v=STSv1, so no MTA-STS policy is announced"),
            (&["v=STSv1; id=1", "v=STSv1; id=2"], "2 TXT records begin with v=STSv1; RFC 8461 requires exactly one, so senders ignore them all"),
            (&["v=STSv1"], "the MTA-STS record has no id field"),
            (&["v=STSv1; id=abc-def"], "the MTA-STS record's id \"abc-def\" must be 1 to 32 letters and digits"),
            (&["v=STSv1; id=123456789012345678901234567890123"], "the MTA-STS record's id \"123456789012345678901234567890123\" must be 1 to 32 letters and digits"),
            (&["v=STSv1; id=1; id=2"], "the MTA-STS record has two id fields"),
            (&["v=STSv1;; id=1"], "the MTA-STS record \"v=STSv1;; id=1\" has an empty field between two ';'"),
            (&["v=STSv1; id"], "the MTA-STS record field \"id\" is not of the form name=value"),
            (&["v=STSv10; id=1"], "the MTA-STS record must begin with v=STSv1 followed by ';' (found \"v=STSv10; id=1\")"),
            (&["v=STSv1; id=1; x=a b"], "the MTA-STS record field \"x=a b\" is not well-formed"),
        ];
        for (records, reason) in cases {
            assert_eq!(txt(records).unwrap_err().reason(), *reason, "{records:?}");
        }
    }

    #[test]
    fn mx_patterns_per_rfc_8461_4_1() {
        let yes = [
            ("mail.example.com", "mail.example.com"),
            ("mail.example.com", "MAIL.EXAMPLE.COM."),
            ("*.example.net", "mx1.example.net"),
            ("*.Example.NET", "mx1.example.net"),
        ];
        let no = [
            ("*.example.net", "example.net"),
            ("*.example.net", "a.b.example.net"),
            ("*.example.net", "mx1.example.net.evil"),
            ("*.example.net", "mx1example.net"),
            ("mail.example.com", "mail2.example.com"),
            ("mail.example.com", "x.mail.example.com"),
            ("*", "example.net"),
            ("*example.net", "mxexample.net"),
            ("*.example.net", ".example.net"),
            ("*.example.net", ""),
        ];
        for (p, h) in yes {
            assert!(mx_pattern_matches(p, h), "{p} should match {h}");
        }
        for (p, h) in no {
            assert!(!mx_pattern_matches(p, h), "{p} should not match {h}");
        }
    }

    #[test]
    fn policy_modes() {
        let enforce = parse_mta_sts_policy(b"version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: *.Backup.example.com\r\nmax_age: 86400\r\n").unwrap();
        assert_eq!(enforce.mode, Mode::Enforce);
        assert_eq!(enforce.mx, vec!["mx1.example.com", "*.backup.example.com"]);
        assert_eq!(enforce.max_age, 86400);
        let testing =
            parse_mta_sts_policy(b"version: STSv1\nmode: testing\nmx: mx.example.com\nmax_age: 0")
                .unwrap();
        assert_eq!(testing.mode, Mode::Testing);
        let none =
            parse_mta_sts_policy(b"version: STSv1\nmode: none\nmax_age: 31557600\n\n").unwrap();
        assert_eq!((none.mode, none.mx.len()), (Mode::None, 0));
        let ext = parse_mta_sts_policy(
            b"mode:enforce\nmx:a.example\nmax_age:1\nversion:STSv1\nx-note: hi there  \n",
        )
        .unwrap();
        assert_eq!(ext.extensions, vec![("x-note".into(), "hi there".into())]);
    }

    #[test]
    fn policy_errors_word_for_word() {
        let cases: &[(&[u8], &str)] = &[
            (b"", "the policy file is empty"),
            (b"version: STSv1\nmode: enforced\nmx: a.example\nmax_age: 1", "line 2 of the policy file: the mode is \"enforced\"; it must be enforce, testing or none"),
            (b"version: STSv2\n", "line 1 of the policy file: the version is \"STSv2\"; it must be STSv1"),
            (b"version: STSv1\nmode: enforce\nmax_age: 1", "the policy file has no mx line; mode enforce needs at least one"),
            (b"version: STSv1\nmode: enforce\nmx: a.example", "the policy file has no max_age line"),
            (b"mode: none\nmax_age: 1", "the policy file has no version line"),
            (b"version: STSv1\nmax_age: 1", "the policy file has no mode line"),
            (b"version: STSv1\nmode: none\nmax_age: 31557601", "line 3 of the policy file: max_age \"31557601\" must be a number of seconds from 0 to 31557600 (one year)"),
            (b"version: STSv1\nmode: none\nmax_age: -1", "line 3 of the policy file: max_age \"-1\" must be a number of seconds from 0 to 31557600 (one year)"),
            (b"version: STSv1\nversion: STSv1", "line 2 of the policy file: version appears a second time"),
            (b"version: STSv1\nmx: *.*.example", "line 2 of the policy file: the mx pattern \"*.*.example\" is not a host name"),
            (b"version: STSv1\nmx: mail.*.example", "line 2 of the policy file: the mx pattern \"mail.*.example\" is not a host name"),
            (b"<html><body>Not found</body></html>", "line 1 of the policy file: \"<html><body>Not found</body></html>\" is not of the form key: value"),
            (b"version: STSv1\nmode: none\nmax_age: 1\nbad key: x", "line 4 of the policy file: \"bad key\" is not a valid key"),
            (b"version: STSv1\n\xff\xfe", "the policy file is not UTF-8 text (invalid byte at offset 15)"),
        ];
        for (bytes, reason) in cases {
            assert_eq!(
                parse_mta_sts_policy(bytes).unwrap_err().reason(),
                *reason,
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn huge_policy_is_refused_before_reading() {
        let mut huge = b"version: STSv1\nmode: none\nmax_age: 1\n".to_vec();
        huge.resize(MAX_POLICY_BYTES + 1, b'\n');
        assert_eq!(
            parse_mta_sts_policy(&huge).unwrap_err().reason(),
            "the policy file is 65537 bytes; a policy is a few lines, and Hopscope reads at most 65536"
        );
        huge.truncate(MAX_POLICY_BYTES);
        assert!(parse_mta_sts_policy(&huge).is_ok());
    }

    #[test]
    fn fixtures_in_tests_fixtures_policies() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/policies");
        let mut ran = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("txt") {
                continue;
            }
            let expected = std::fs::read_to_string(path.with_extension("expect")).unwrap();
            let actual = match parse_mta_sts_policy(&std::fs::read(&path).unwrap()) {
                Ok(p) => format!(
                    "mode={} mx={} max_age={}",
                    p.mode.as_str(),
                    p.mx.join(","),
                    p.max_age
                ),
                Err(e) => format!("error: {e}"),
            };
            assert_eq!(actual, expected.trim_end(), "{}", path.display());
            ran += 1;
        }
        assert!(ran >= 5, "ran {ran} policy fixtures");
    }
}
