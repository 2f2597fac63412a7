//! Every hop of every message as CSV rows, written message by message while an audit runs (the
//! rows are not kept: a mailbox has millions of hops).
//!
//! RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, quote or
//! line break, quotes doubled. Header text goes through [`one_line`] first (folding unfolded,
//! hidden characters shown as `⟨U+202E⟩` tokens). Spreadsheets run a cell that starts with `=`,
//! `+`, `-` or `@` (and some a tab or CR) as a formula, and headers are written by strangers;
//! such cells get a leading `'`, as OWASP recommends, so they open as text.
//!
//! ```
//! use hopscope_core::aggregate::{csv, MessageRef};
//!
//! let report = hopscope_core::analyze(
//!     "Received: from a.example (a.example [192.0.2.1]) by =HYPERLINK with ESMTP;\n\
//!      \x20Fri, 22 Nov 2024 05:20:40 +0000\n",
//! );
//! let source = MessageRef { file: 0, file_name: "in.mbox".into(), number: 7, offset: 1234, length: 99 };
//! let rows = csv::csv_rows(&report, &source);
//! assert!(csv::csv_header().starts_with("file,message,offset,hop,verdict"));
//! assert!(rows.starts_with("in.mbox,7,1234,1,plaintext,external,,,,a.example [192.0.2.1],'=HYPERLINK,"));
//! assert!(rows.ends_with("2024-11-22T05:20:40Z\r\n"));
//! ```

use std::borrow::Cow;
use std::fmt::Write as _;

use super::MessageRef;
use crate::model::Report;
use crate::render::one_line;
use crate::words;

/// The header line (with its CRLF).
pub fn csv_header() -> &'static str {
    "file,message,offset,hop,verdict,scope,version,cipher,grade,from,by,date\r\n"
}

/// The header line of an audit that checks a policy: two more columns, the message's answer
/// and the hop's (`pass`, `fail`, `cannot_tell`, `not_judged`), filled in by [`csv_rows`] for
/// reports that carry a policy check.
pub fn csv_header_with_policy() -> &'static str {
    "file,message,offset,hop,verdict,scope,version,cipher,grade,from,by,date,policy,hop_policy\r\n"
}

/// One row per hop of `report`, oldest hop first; empty when the report has no hop. A report
/// with a policy check (`Report::policy`) gets the two columns of [`csv_header_with_policy`].
pub fn csv_rows(report: &Report, source: &MessageRef) -> String {
    let mut out = String::new();
    let file = cell(&source.file_name);
    for hop in &report.hops {
        let policy = report.policy.as_ref().map(|check| {
            let hop_outcome = check
                .hops
                .iter()
                .find(|h| h.hop == hop.index)
                .map_or("", |h| h.outcome.slug());
            format!(",{},{hop_outcome}", check.outcome.slug())
        });
        let tls = hop.tls.as_ref();
        let version = tls.and_then(|t| t.version.as_deref()).unwrap_or("");
        let cipher = tls.and_then(|t| t.cipher.as_deref()).unwrap_or("");
        let grade = hop.grade.map_or("", words::grade_slug);
        let from = words::endpoint(&hop.from).unwrap_or_default();
        let _ = write!(
            out,
            "{file},{},{},{},{},{},{},{},{},{},{},{}{}\r\n",
            source.number,
            source.offset,
            hop.index,
            words::verdict_slug(hop.verdict),
            words::scope_slug(hop.scope),
            cell(version),
            cell(cipher),
            grade,
            cell(&from),
            cell(hop.by.as_deref().unwrap_or("")),
            cell(hop.date.as_deref().unwrap_or("")),
            policy.as_deref().unwrap_or(""),
        );
    }
    out
}

/// A field: made visible on one line, defused for spreadsheets, quoted when needed.
fn cell(text: &str) -> Cow<'_, str> {
    let visible = one_line(text);
    let defused: Cow<'_, str> = if visible.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{visible}"))
    } else {
        visible
    };
    if defused.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", defused.replace('"', "\"\"")))
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_defused() {
        assert_eq!(cell("mx.example.org"), "mx.example.org");
        assert_eq!(cell(""), "");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)"] {
            assert_eq!(cell(bad), format!("'{bad}"));
        }
        assert_eq!(cell("=cmd|' /C calc'!A0,x"), "\"'=cmd|' /C calc'!A0,x\"");
        // Line breaks and tabs are unfolded by one_line before anything else; a leading tab
        // becomes nothing a spreadsheet runs.
        assert_eq!(cell("a\r\n\tb"), "a b");
        assert_eq!(cell("\u{202e}evil"), "⟨U+202E⟩evil");
    }

    #[test]
    fn header_has_every_column_of_a_row() {
        let report = crate::analyze(
            "Received: from a (a [192.0.2.1]) by b with ESMTP; Fri, 22 Nov 2024 05:20:40 +0000\n",
        );
        let source = MessageRef {
            file: 0,
            file_name: "x,y.mbox".into(),
            number: 1,
            offset: 0,
            length: 1,
        };
        let rows = csv_rows(&report, &source);
        let columns = |line: &str| line.split(',').count();
        assert_eq!(rows.lines().count(), 1);
        // The file name holds a comma, so it is quoted: one more comma in the raw line.
        assert_eq!(
            columns(rows.trim_end()),
            columns(csv_header().trim_end()) + 1
        );
        assert!(rows.starts_with("\"x,y.mbox\",1,0,1,"), "{rows}");
        assert_eq!(csv_rows(&crate::analyze(""), &source), "");
    }

    #[test]
    fn policy_columns_when_the_report_was_checked() {
        let mut report = crate::analyze(
            "Received: from a (a [192.0.2.1]) by b with ESMTP; Fri, 22 Nov 2024 05:20:40 +0000\n\
             Received: from localhost (localhost [127.0.0.1]) by a with ESMTP; Fri, 22 Nov 2024 05:20:39 +0000\n",
        );
        report.policy = Some(crate::policy::check(
            &report,
            &crate::policy::Policy::encrypted(),
            None,
        ));
        let source = MessageRef {
            file: 0,
            file_name: "in.mbox".into(),
            number: 1,
            offset: 0,
            length: 1,
        };
        let rows = csv_rows(&report, &source);
        let lines: Vec<&str> = rows.lines().collect();
        assert!(lines[0].ends_with(",fail,not_judged"), "{rows}");
        assert!(lines[1].ends_with(",fail,fail"), "{rows}");
        let columns = |line: &str| line.split(',').count();
        assert_eq!(
            columns(lines[0]),
            columns(csv_header_with_policy().trim_end())
        );
    }
}
