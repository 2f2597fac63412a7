//! An audit report as a neutral view: sentences, labelled figures, tables of already-worded
//! cells with a sort key each, and the per-month series of a chart. A front end that cannot
//! afford its own wording (the page draws it from a few lines of DOM code, see
//! `static/audit.js`) renders this as text, and every word stays here, next to the Markdown and
//! text renderings it shares its helpers with.
//!
//! Nothing here is markup: every string is plain text (header-derived names are made visible
//! with [`one_line`]), for the front end to put into text nodes.
//!
//! ```
//! use hopscope_core::aggregate::{view, Aggregate};
//!
//! let view = view::view(&Aggregate::default().report());
//! assert_eq!(view.title, "0 messages, 0 hops (0 files, 0 bytes)");
//! assert!(view.tables.is_empty());
//! ```

use serde::Serialize;

use super::render::{
    certificates, cut, files_sentence, grades, hop_shares, named_list, percent, skipped_sentence,
    title,
};
use super::{AuditReport, OrgTable, Row, Totals};
use crate::model::ALL_OVERALLS;
use crate::render::one_line;
use crate::words;

/// The report in words, for a page to lay out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditView {
    /// `120 messages, 530 hops (2 files, 3.2 MB)`.
    pub title: String,
    pub partial: bool,
    /// Sentences to show first: cancelled, skipped messages, files that held no mailbox.
    pub notes: Vec<String>,
    /// The counts themselves (the page's `data-*` hooks).
    pub totals: Totals,
    /// Labelled figures: messages per overall state, hops, TLS.
    pub facts: Vec<Fact>,
    /// Organisations, ciphers, months, worst messages.
    pub tables: Vec<ViewTable>,
    /// Per month (UTC), oldest first: hops per verdict, for a chart.
    pub months: Vec<MonthBar>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViewTable {
    /// A stable name (`senders`, `receivers`, `ciphers`, `months`, `worst`).
    pub id: &'static str,
    pub heading: String,
    pub columns: Vec<Column>,
    /// The rows that sort.
    pub rows: Vec<ViewRow>,
    /// Rows that stay last whatever the order (the rest, the unknown).
    pub fixed: Vec<ViewRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub label: String,
    pub numeric: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViewRow {
    pub cells: Vec<String>,
    /// One sort key per cell.
    pub keys: Vec<Key>,
    /// For a worst message: where it is (file index, byte offset, length), to re-read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<[u64; 3]>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Key {
    Number(f64),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthBar {
    pub month: String,
    pub messages: u64,
    pub encrypted: u64,
    pub plaintext: u64,
    pub unknown: u64,
}

/// The view of `report`.
pub fn view(report: &AuditReport) -> AuditView {
    let t = &report.totals;
    let mut notes = Vec::new();
    if report.partial {
        notes.push(
            "Partial: the audit was cancelled; these counts cover part of the input.".to_owned(),
        );
    }
    notes.extend(skipped_sentence(report));
    notes.extend(files_sentence(report));
    let mut facts = Vec::new();
    let mut fact = |label: &str, value: String| {
        facts.push(Fact {
            label: label.to_owned(),
            value,
        })
    };
    for o in ALL_OVERALLS {
        let n = report.overall.get(o);
        if n > 0 {
            fact(
                words::overall_title(o),
                format!("{n} ({})", percent(n, t.analysed)),
            );
        }
    }
    if t.hops > 0 {
        fact("Hops", format!("{}: {}", t.hops, hop_shares(report)));
    }
    let tls = &report.tls;
    if tls.encrypted_hops > 0 {
        fact("TLS versions", named_list(&tls.versions));
        fact("Grades", grades(report));
        fact("Key exchange", named_list(&tls.key_exchanges));
        fact(
            "Post-quantum key exchange",
            format!(
                "{} of {} ({})",
                tls.post_quantum,
                words::count(tls.encrypted_hops, "encrypted hop", "encrypted hops"),
                percent(tls.post_quantum, tls.encrypted_hops)
            ),
        );
        if let Some(certs) = certificates(report) {
            fact("Client certificate, where stated", certs);
        }
    }
    if let Some(policy) = &report.policy {
        let m = &policy.messages;
        fact(
            &format!("Policy “{}”", one_line(&policy.name)),
            format!(
                "{} pass, {} fail, {} cannot tell",
                m.pass, m.fail, m.cannot_tell
            ),
        );
    }

    let mut tables = Vec::new();
    tables.extend(org_table(
        "senders",
        "Sending organisation (From address)",
        &report.senders,
        "(no From address)",
    ));
    tables.extend(org_table(
        "receivers",
        "Receiving organisation (entry into the recipient's servers)",
        &report.receivers,
        "(no hop in from the Internet)",
    ));
    if !tls.ciphers.rows.is_empty() {
        tables.push(ViewTable {
            id: "ciphers",
            heading: "Cipher suites".to_owned(),
            columns: columns(&[("Cipher", false), ("Hops", true), ("Worst grade", false)]),
            rows: tls
                .ciphers
                .rows
                .iter()
                .map(|c| {
                    let grade = c.worst_grade.map_or("—", words::grade_word);
                    row(vec![
                        text(one_line(&c.name).into_owned()),
                        number(c.hops),
                        (
                            grade.to_owned(),
                            Key::Number(c.worst_grade.map_or(-1.0, |g| g as u8 as f64)),
                        ),
                    ])
                })
                .collect(),
            fixed: Vec::new(),
        });
    }
    if !report.months.is_empty() {
        let mut fixed = Vec::new();
        if report.undated.messages > 0 {
            fixed.push(counts_row(text("undated".to_owned()), &report.undated));
        }
        tables.push(ViewTable {
            id: "months",
            heading: "Per month (UTC)".to_owned(),
            columns: counts_columns("Month"),
            rows: report
                .months
                .iter()
                .map(|m| counts_row(text(m.month.clone()), &m.counts))
                .collect(),
            fixed,
        });
    }
    if !report.worst.is_empty() {
        let cell = |s: Option<&str>| s.map_or_else(|| "—".to_owned(), |s| one_line(s).into_owned());
        tables.push(ViewTable {
            id: "worst",
            heading: "Worst messages".to_owned(),
            columns: columns(&[
                ("#", true),
                ("Concern", false),
                ("File", false),
                ("Message", true),
                ("Byte offset", true),
                ("Date", false),
                ("From", false),
                ("Entered at", false),
                ("Subject", false),
            ]),
            rows: report
                .worst
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let mut row = row(vec![
                        number(i as u64 + 1),
                        (
                            words::concern_word(w.concern).to_owned(),
                            Key::Number(w.concern as u8 as f64),
                        ),
                        text(one_line(&w.source.file_name).into_owned()),
                        number(w.source.number),
                        number(w.source.offset),
                        text(cell(w.date.as_deref())),
                        text(cell(w.sender.as_deref())),
                        text(cell(w.receiver.as_deref())),
                        text(cut(&cell(w.subject.as_deref()), 80)),
                    ]);
                    row.source = Some([u64::from(w.source.file), w.source.offset, w.source.length]);
                    row
                })
                .collect(),
            fixed: Vec::new(),
        });
    }
    let months = report
        .months
        .iter()
        .map(|m| MonthBar {
            month: m.month.clone(),
            messages: m.counts.messages,
            encrypted: m.counts.encrypted,
            plaintext: m.counts.plaintext,
            unknown: m.counts.unknown,
        })
        .collect();
    AuditView {
        title: title(report),
        partial: report.partial,
        notes,
        totals: *t,
        facts,
        tables,
        months,
    }
}

fn columns(spec: &[(&str, bool)]) -> Vec<Column> {
    spec.iter()
        .map(|(label, numeric)| Column {
            label: (*label).to_owned(),
            numeric: *numeric,
        })
        .collect()
}

fn text(cell: String) -> (String, Key) {
    let key = Key::Text(cell.to_lowercase());
    (cell, key)
}

fn number(n: u64) -> (String, Key) {
    (n.to_string(), Key::Number(n as f64))
}

fn row(cells: Vec<(String, Key)>) -> ViewRow {
    let (cells, keys) = cells.into_iter().unzip();
    ViewRow {
        cells,
        keys,
        source: None,
    }
}

/// Name, messages, the share of each overall state, hops and plaintext hops.
fn counts_columns(name: &str) -> Vec<Column> {
    let mut spec = vec![(name, false), ("Messages", true)];
    for o in ALL_OVERALLS {
        spec.push((words::overall_label(o), true));
    }
    spec.extend([("Hops", true), ("Plaintext hops", true)]);
    columns(&spec)
}

fn counts_row(name: (String, Key), row: &Row) -> ViewRow {
    let mut cells = vec![name, number(row.messages)];
    for o in ALL_OVERALLS {
        let n = row.overall.get(o);
        let share = if row.messages == 0 {
            0.0
        } else {
            n as f64 / row.messages as f64
        };
        cells.push((percent(n, row.messages), Key::Number(share)));
    }
    cells.extend([number(row.hops), number(row.plaintext)]);
    self::row(cells)
}

fn org_table(
    id: &'static str,
    heading: &str,
    table: &OrgTable,
    unknown_label: &str,
) -> Option<ViewTable> {
    if table.rows.is_empty() && table.unknown.messages == 0 {
        return None;
    }
    let mut fixed = Vec::new();
    if table.other.messages > 0 {
        fixed.push(counts_row(
            text("(other organisations)".to_owned()),
            &table.other,
        ));
    }
    if table.unknown.messages > 0 {
        fixed.push(counts_row(text(unknown_label.to_owned()), &table.unknown));
    }
    Some(ViewTable {
        id,
        heading: format!("{heading}, most messages first"),
        columns: counts_columns("Organisation"),
        rows: table
            .rows
            .iter()
            .map(|r| counts_row(text(one_line(&r.organisation).into_owned()), &r.counts))
            .collect(),
        fixed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::{analyze_part, Aggregate, MessageRef};
    use crate::mbox::split_parts;

    #[test]
    fn a_view_says_what_the_report_counts() {
        let mbox = b"From a Fri Nov 22 05:20:40 2024\n\
            Received: from a.example.org (a.example.org [192.0.2.1]) by mx.example.net\n\
            \x20 with ESMTP id 1; Fri, 22 Nov 2024 05:20:40 +0000\n\
            From: Alice <alice@example.org>\nSubject: <b>hi</b>\n\nHello\n\n\
            From b Fri Nov 22 05:20:40 2024\n\n\nno headers\n";
        let mut aggregate = Aggregate::default();
        let (parts, stats) = split_parts(mbox);
        for part in &parts {
            let source = MessageRef::new(0, "in.mbox", part);
            match analyze_part(part) {
                Ok(report) => aggregate.add(&report, source),
                Err(reason) => aggregate.skip(reason, source),
            }
        }
        aggregate.add_file(&stats);
        aggregate.partial = true;
        let view = view(&aggregate.report());
        assert_eq!(view.totals.messages, 2);
        assert_eq!(view.totals.plaintext, 1);
        assert!(view.notes[0].starts_with("Partial"), "{:?}", view.notes);
        assert!(view.notes[1].contains("skipped 1"), "{:?}", view.notes);
        let senders = view.tables.iter().find(|t| t.id == "senders").unwrap();
        assert_eq!(senders.rows[0].cells[0], "example.org");
        assert_eq!(senders.rows[0].cells.len(), senders.columns.len());
        assert_eq!(senders.rows[0].keys.len(), senders.columns.len());
        let worst = view.tables.iter().find(|t| t.id == "worst").unwrap();
        assert_eq!(worst.rows[0].source, Some([0, 32, parts[0].length]));
        assert_eq!(worst.rows[0].cells[8], "<b>hi</b>", "text, never markup");
        assert_eq!(view.months[0].month, "2024-11");
        assert_eq!(view.months[0].plaintext, 1);
    }
}
