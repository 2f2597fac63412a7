//! The one error of the parsers: a record or file that does not say what it should, and why.

use std::fmt;

/// Why a record, policy file, name or DNS answer could not be read.
///
/// The reason is a plain-English sentence meant for the person reading the report ("the `mode`
/// line says `enforced`; it must be `enforce`, `testing` or `none`"), so front ends show it as it
/// is. Parsers never panic: every unreadable input ends here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    reason: String,
}

impl Malformed {
    pub(crate) fn new(reason: impl Into<String>) -> Self {
        Malformed {
            reason: reason.into(),
        }
    }

    /// The sentence saying what is wrong.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for Malformed {}

/// Quotes untrusted text for a reason sentence: at most 60 characters, control characters
/// escaped, so a hostile record cannot make a message long or break a terminal.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for (i, c) in text.chars().enumerate() {
        if i == 60 {
            out.push('…');
            break;
        }
        // Control characters and invisible format characters (BOM, bidi overrides, zero-width)
        // are shown as escapes: a reason must show exactly what is wrong.
        let invisible = matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}');
        if c.is_control() || invisible {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_bounds_and_escapes() {
        assert_eq!(quote("a\tb"), "\"a\\tb\"");
        assert_eq!(quote("\u{feff}x\u{202e}"), "\"\\u{feff}x\\u{202e}\"");
        let long = "x".repeat(100);
        assert_eq!(quote(&long).chars().count(), 63);
    }
}
