//! Domain names as this crate keeps them: ASCII, lower case, without the trailing dot.

use crate::malformed::{quote, Malformed};

/// Checks and normalises a domain name typed by a person or found in a DNS answer.
///
/// Lower-cases it and drops one trailing dot (`Example.COM.` → `example.com`). Names are
/// compared case-insensitively everywhere (RFC 4343), so this one form is all the rest of the
/// crate sees. Internationalised names must come in their A-label (`xn--…`) form: converting
/// Unicode names (IDNA/UTS 46) needs tables that would weigh more than this whole crate in the
/// page, and the route's host names are already A-labels.
///
/// Underscores are allowed because the names looked up (`_mta-sts.…`, `_25._tcp.…`) have them.
///
/// ```
/// use hopscope_lookup::normalize_domain;
/// assert_eq!(normalize_domain(" Example.COM. ").unwrap(), "example.com");
/// assert!(normalize_domain("bad..name").is_err());
/// ```
pub fn normalize_domain(input: &str) -> Result<String, Malformed> {
    let trimmed = input.trim();
    let name = trimmed.strip_suffix('.').unwrap_or(trimmed);
    if name.is_empty() {
        return Err(Malformed::new("the domain name is empty"));
    }
    if !name.is_ascii() {
        return Err(Malformed::new(format!(
            "the domain name {} has non-ASCII characters: write it in its xn-- (A-label) form",
            quote(name)
        )));
    }
    if name.len() > 253 {
        return Err(Malformed::new(format!(
            "the domain name is {} characters long; DNS allows at most 253",
            name.len()
        )));
    }
    for label in name.split('.') {
        if label.is_empty() {
            return Err(Malformed::new(format!(
                "the domain name {} has an empty label (two dots in a row, or a leading dot)",
                quote(name)
            )));
        }
        if label.len() > 63 {
            return Err(Malformed::new(format!(
                "the domain name {} has a label longer than 63 characters",
                quote(name)
            )));
        }
        if let Some(bad) = label
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
        {
            return Err(Malformed::new(format!(
                "the domain name {} contains {}, which is not allowed in a host name",
                quote(name),
                quote(&bad.to_string())
            )));
        }
    }
    Ok(name.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_space_and_trailing_dot() {
        assert_eq!(
            normalize_domain("MX1.Example.NET.").unwrap(),
            "mx1.example.net"
        );
        assert_eq!(
            normalize_domain("_mta-sts.example.com").unwrap(),
            "_mta-sts.example.com"
        );
    }

    #[test]
    fn rejects_with_a_reason() {
        let cases = [
            ("", "the domain name is empty"),
            (".", "the domain name is empty"),
            ("a..b", "the domain name \"a..b\" has an empty label (two dots in a row, or a leading dot)"),
            ("bücher.de", "the domain name \"bücher.de\" has non-ASCII characters: write it in its xn-- (A-label) form"),
            ("a b.example", "the domain name \"a b.example\" contains \" \", which is not allowed in a host name"),
        ];
        for (input, reason) in cases {
            assert_eq!(
                normalize_domain(input).unwrap_err().reason(),
                reason,
                "{input}"
            );
        }
        assert!(normalize_domain(&"a".repeat(64)).is_err());
        assert!(normalize_domain(&["a"; 130].join(".")).is_err());
    }
}
