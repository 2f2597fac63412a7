//! An audit report for people: Markdown for a ticket, plain text for a terminal.
//!
//! Both are pure functions of an [`AuditReport`]. Tables are cut to [`TABLE_ROWS`] rows (the
//! JSON has up to 1,000); every name that comes from a header (organisations, cipher names,
//! subjects) or from outside (file names) goes through [`one_line`], and through
//! [`markdown::escape`] for Markdown, so a hostile header cannot break the layout or the
//! terminal (see `render/mod.rs`).

use std::fmt::Write as _;

use super::{
    AuditReport, HopPolicyCounts, NamedCounts, OrgTable, PolicyCounts, PolicyTotals, Row,
    WorstMessage, ALL_SKIP_REASONS, REPORT_ROWS,
};
use crate::model::{CertCheck, Grade, Overall, ALL_OVERALLS};
use crate::render::{markdown, one_line};
use crate::words;

/// Rows of each table shown by the renderings.
pub const TABLE_ROWS: usize = 20;
/// Worst messages shown in text (Markdown shows all of them).
const WORST_IN_TEXT: usize = 20;

/// Plain text for a terminal.
pub fn text(report: &AuditReport) -> String {
    let mut out = String::new();
    let t = &report.totals;
    let _ = writeln!(out, "Audit: {}", title(report));
    if report.partial {
        out.push_str("  Partial: the audit was cancelled; these counts cover part of the input.\n");
    }
    if let Some(skipped) = skipped_sentence(report) {
        let _ = writeln!(out, "  {skipped}");
    }
    if let Some(files) = files_sentence(report) {
        let _ = writeln!(out, "  {files}");
    }
    if t.analysed > 0 {
        out.push_str("  Messages:\n");
        let rows: Vec<(&str, u64)> = ALL_OVERALLS
            .iter()
            .map(|o| (words::overall_title(*o), report.overall.get(*o)))
            .filter(|(_, n)| *n > 0)
            .collect();
        let width = rows
            .iter()
            .map(|(w, _)| w.chars().count())
            .max()
            .unwrap_or(0);
        for (word, n) in rows {
            let _ = writeln!(
                out,
                "    {word:<width$}  {n:>8}  {:>6}",
                percent(n, t.analysed)
            );
        }
    }
    if t.hops > 0 {
        let _ = writeln!(out, "  Hops: {}", hop_shares(report));
    }
    if let Some(policy) = &report.policy {
        let _ = writeln!(out, "  {}", policy_title(policy));
        let _ = writeln!(
            out,
            "    Messages: {}",
            policy_message_counts(&policy.messages, true)
        );
        let _ = writeln!(out, "    Hops: {}", policy_hop_counts(&policy.hops));
    }
    tls_text(&mut out, report);
    org_text(
        &mut out,
        "Sending organisations (From address)",
        &report.senders,
        "(no From address)",
    );
    org_text(
        &mut out,
        "Receiving organisations (where mail entered the recipient's servers)",
        &report.receivers,
        "(no hop in from the Internet)",
    );
    if report.policy.is_some() {
        policy_org_text(
            &mut out,
            "Policy per sending organisation, most failures first",
            &report.senders,
            "(no From address)",
        );
        policy_org_text(
            &mut out,
            "Policy per receiving organisation, most failures first",
            &report.receivers,
            "(no hop in from the Internet)",
        );
    }
    if !report.months.is_empty() {
        out.push_str("  Per month (date of the newest hop, UTC):\n");
        for m in &report.months {
            let _ = writeln!(out, "    {}  {}", m.month, row_text(&m.counts));
        }
        if report.undated.messages > 0 {
            let _ = writeln!(out, "    undated  {}", row_text(&report.undated));
        }
    }
    if !report.worst.is_empty() {
        out.push_str("  Worst messages:\n");
        for (i, w) in report.worst.iter().take(WORST_IN_TEXT).enumerate() {
            let _ = writeln!(out, "    {:>2}. {}", i + 1, worst_line(w));
        }
        if report.worst.len() > WORST_IN_TEXT {
            let _ = writeln!(
                out,
                "    … and {} more in the JSON report",
                report.worst.len() - WORST_IN_TEXT
            );
        }
    }
    out
}

/// Markdown for a ticket.
pub fn markdown(report: &AuditReport) -> String {
    let mut out = String::new();
    let t = &report.totals;
    let _ = writeln!(out, "## Audit: {}\n", markdown::escape(&title(report)));
    if report.partial {
        out.push_str(
            "**Partial:** the audit was cancelled; these counts cover part of the input.\n\n",
        );
    }
    if let Some(skipped) = skipped_sentence(report) {
        let _ = writeln!(out, "{}\n", markdown::escape(&skipped));
    }
    if let Some(files) = files_sentence(report) {
        let _ = writeln!(out, "{}\n", markdown::escape(&files));
    }
    if t.analysed > 0 {
        out.push_str("| Messages | Count | Share |\n|---|--:|--:|\n");
        for o in ALL_OVERALLS {
            let n = report.overall.get(o);
            if n > 0 {
                let _ = writeln!(
                    out,
                    "| {} | {n} | {} |",
                    words::overall_title(o),
                    percent(n, t.analysed)
                );
            }
        }
        out.push('\n');
    }
    if t.hops > 0 {
        let _ = writeln!(out, "Hops: {}.\n", hop_shares(report));
    }
    if let Some(policy) = &report.policy {
        let _ = writeln!(
            out,
            "**{}** Messages: {}. Hops: {}.\n",
            markdown::escape(&policy_title(policy)),
            policy_message_counts(&policy.messages, true),
            policy_hop_counts(&policy.hops)
        );
    }
    tls_markdown(&mut out, report);
    org_markdown(
        &mut out,
        "Sending organisation (From address)",
        &report.senders,
        "(no From address)",
    );
    org_markdown(
        &mut out,
        "Receiving organisation (entry into the recipient's servers)",
        &report.receivers,
        "(no hop in from the Internet)",
    );
    if report.policy.is_some() {
        policy_org_markdown(
            &mut out,
            "Policy per sending organisation",
            &report.senders,
            "(no From address)",
        );
        policy_org_markdown(
            &mut out,
            "Policy per receiving organisation",
            &report.receivers,
            "(no hop in from the Internet)",
        );
    }
    if !report.months.is_empty() {
        let _ = write!(out, "| Month (UTC) {}", row_header());
        for m in &report.months {
            let _ = writeln!(out, "| {} {}", m.month, row_cells(&m.counts));
        }
        if report.undated.messages > 0 {
            let _ = writeln!(out, "| undated {}", row_cells(&report.undated));
        }
        out.push('\n');
    }
    if !report.worst.is_empty() {
        out.push_str(
            "| # | Concern | File | Message | Byte offset | Date | From | Entered at | Subject |\n\
             |--:|---|---|--:|--:|---|---|---|---|\n",
        );
        for (i, w) in report.worst.iter().enumerate() {
            let cell = |s: Option<&str>| s.map_or_else(|| "—".to_owned(), md);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                i + 1,
                words::concern_word(w.concern),
                md(&w.source.file_name),
                w.source.number,
                w.source.offset,
                cell(w.date.as_deref()),
                cell(w.sender.as_deref()),
                cell(w.receiver.as_deref()),
                cell(w.subject.as_deref().map(|s| cut(s, 60)).as_deref()),
            );
        }
        out.push('\n');
    }
    out.push_str("_Generated by Hopscope — analysed locally_\n");
    out
}

/// `120 messages, 530 hops (2 files, 3.2 MB)`.
pub(super) fn title(report: &AuditReport) -> String {
    let t = &report.totals;
    let f = &report.files;
    format!(
        "{}, {} ({}, {})",
        words::count(t.messages, "message", "messages"),
        words::count(t.hops, "hop", "hops"),
        words::count(f.files, "file", "files"),
        size(f.bytes)
    )
}

/// `Analysed 118 of 120 messages; skipped 2: 1 not email headers, 1 cut off …`.
pub(super) fn skipped_sentence(report: &AuditReport) -> Option<String> {
    let t = &report.totals;
    if t.skipped == 0 {
        return None;
    }
    let reasons: Vec<String> = ALL_SKIP_REASONS
        .iter()
        .map(|r| (report.skipped.get(*r), words::skip_reason_word(*r)))
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{n} {w}"))
        .collect();
    Some(format!(
        "Analysed {} of {}; skipped {}: {}.",
        t.analysed,
        words::count(t.messages, "message", "messages"),
        t.skipped,
        reasons.join("; ")
    ))
}

/// What was wrong with files, if anything.
pub(super) fn files_sentence(report: &AuditReport) -> Option<String> {
    let f = &report.files;
    let mut parts = Vec::new();
    for (kind, n) in &f.not_mailbox {
        parts.push(format!(
            "{} not a mailbox ({})",
            words::count(*n, "file is", "files are"),
            words::file_kind_word(*kind)
        ));
    }
    if f.empty > 0 {
        parts.push(format!(
            "{} empty",
            words::count(f.empty, "file is", "files are")
        ));
    }
    if f.without_messages > 0 {
        parts.push(format!(
            "{} text without any message",
            words::count(f.without_messages, "file is", "files are")
        ));
    }
    if f.unreadable > 0 {
        parts.push(format!(
            "{} could not be read to the end",
            words::count(f.unreadable, "file", "files")
        ));
    }
    if f.garbage_bytes > 0 {
        parts.push(format!(
            "{} (damage) belong to no message",
            words::count(f.garbage_bytes, "NUL byte", "NUL bytes")
        ));
    }
    (!parts.is_empty()).then(|| format!("Files: {}.", parts.join("; ")))
}

/// `75.5% encrypted, 5.7% not encrypted, 18.9% not stated`.
pub(super) fn hop_shares(report: &AuditReport) -> String {
    let t = &report.totals;
    let mut out = format!(
        "{} encrypted, {} {}, {} {}",
        percent(t.encrypted, t.hops),
        percent(t.plaintext, t.hops),
        words::CountKind::Plaintext.word(),
        percent(t.unknown, t.hops),
        words::CountKind::Unknown.word()
    );
    if t.local > 0 {
        let _ = write!(
            out,
            " ({} {}, counted above too)",
            t.local,
            words::CountKind::Local.word()
        );
    }
    out
}

fn tls_text(out: &mut String, report: &AuditReport) {
    let tls = &report.tls;
    if tls.encrypted_hops == 0 {
        return;
    }
    let _ = writeln!(
        out,
        "  TLS on {}:",
        words::count(tls.encrypted_hops, "encrypted hop", "encrypted hops")
    );
    let _ = writeln!(
        out,
        "    Versions (weakest first): {}",
        named_list(&tls.versions)
    );
    let _ = writeln!(out, "    Grades: {}", grades(report));
    let _ = writeln!(
        out,
        "    Key exchange: {}; post-quantum {} ({})",
        named_list(&tls.key_exchanges),
        tls.post_quantum,
        percent(tls.post_quantum, tls.encrypted_hops)
    );
    if let Some(certs) = certificates(report) {
        let _ = writeln!(out, "    Client certificate, where stated: {certs}");
    }
    let ciphers = &tls.ciphers;
    if !ciphers.rows.is_empty() {
        out.push_str("    Ciphers (weakest first):\n");
        let shown = &ciphers.rows[..ciphers.rows.len().min(TABLE_ROWS)];
        let width = shown.iter().map(|c| width(&c.name)).max().unwrap_or(0);
        for c in shown {
            let grade = c.worst_grade.map_or("", words::grade_word);
            let name = one_line(&c.name);
            let line = format!(
                "      {name:<width$}  {:>8} {:<4} {grade}",
                c.hops,
                if c.hops == 1 { "hop" } else { "hops" }
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
        more(
            out,
            "      ",
            ciphers.rows.len(),
            "cipher suite",
            "cipher suites",
        );
    }
}

fn tls_markdown(out: &mut String, report: &AuditReport) {
    let tls = &report.tls;
    if tls.encrypted_hops == 0 {
        return;
    }
    let _ = writeln!(
        out,
        "TLS on {}: versions (weakest first) {}; grades {}; key exchange {}; post-quantum {} ({}).\n",
        words::count(tls.encrypted_hops, "encrypted hop", "encrypted hops"),
        md(&named_list(&tls.versions)),
        grades(report),
        md(&named_list(&tls.key_exchanges)),
        tls.post_quantum,
        percent(tls.post_quantum, tls.encrypted_hops)
    );
    if let Some(certs) = certificates(report) {
        let _ = writeln!(out, "Client certificate, where stated: {certs}.\n");
    }
    if !tls.ciphers.rows.is_empty() {
        out.push_str("| Cipher | Hops | Worst grade |\n|---|--:|---|\n");
        for c in tls.ciphers.rows.iter().take(TABLE_ROWS) {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                md(&c.name),
                c.hops,
                c.worst_grade.map_or("—", words::grade_word)
            );
        }
        out.push('\n');
        more(
            out,
            "",
            tls.ciphers.rows.len(),
            "cipher suite",
            "cipher suites",
        );
    }
}

/// `TLS1.2 100, TLS1.3 280, not stated 19` (names made visible).
pub(super) fn named_list(named: &NamedCounts) -> String {
    let mut parts: Vec<String> = named
        .rows
        .iter()
        .take(TABLE_ROWS)
        .map(|r| format!("{} {}", one_line(&r.name), r.hops))
        .collect();
    let cut: u64 = named.rows.iter().skip(TABLE_ROWS).map(|r| r.hops).sum();
    if named.other + cut > 0 {
        parts.push(format!("others {}", named.other + cut));
    }
    if named.not_stated > 0 {
        parts.push(format!(
            "{} {}",
            words::CountKind::Unknown.word(),
            named.not_stated
        ));
    }
    if parts.is_empty() {
        format!("none {}", words::CountKind::Unknown.word())
    } else {
        parts.join(", ")
    }
}

pub(super) fn grades(report: &AuditReport) -> String {
    let g = &report.tls.grades;
    let mut parts: Vec<String> = [
        (Grade::Strong, g.strong),
        (Grade::Good, g.good),
        (Grade::Weak, g.weak),
        (Grade::Broken, g.broken),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(grade, n)| format!("{} {n}", words::grade_word(grade)))
    .collect();
    if report.tls.ungraded > 0 {
        parts.push(format!("not graded {}", report.tls.ungraded));
    }
    parts.join(", ")
}

pub(super) fn certificates(report: &AuditReport) -> Option<String> {
    let c = &report.tls.client_certificate;
    if c.verified + c.not_verified + c.none == 0 {
        return None;
    }
    Some(format!(
        "{} {}, {} {}, {} {}",
        words::cert_slug(CertCheck::Verified),
        c.verified,
        words::cert_slug(CertCheck::NotVerified),
        c.not_verified,
        words::cert_slug(CertCheck::None),
        c.none
    ))
}

fn org_text(out: &mut String, heading: &str, table: &OrgTable, unknown_label: &str) {
    if table.rows.is_empty() && table.unknown.messages == 0 {
        return;
    }
    let _ = writeln!(out, "  {heading}, most messages first:");
    let shown = &table.rows[..table.rows.len().min(TABLE_ROWS)];
    let width = shown
        .iter()
        .map(|r| width(&r.organisation))
        .chain((table.unknown.messages > 0).then(|| unknown_label.chars().count()))
        .max()
        .unwrap_or(0);
    for r in shown {
        let name = one_line(&r.organisation);
        let _ = writeln!(out, "    {name:<width$}  {}", row_text(&r.counts));
    }
    let mut rest = table.other;
    for r in table.rows.iter().skip(TABLE_ROWS) {
        super::table::Tally::absorb(&mut rest, &r.counts);
    }
    if rest.messages > 0 {
        let label = format!("({} more)", others(table));
        let _ = writeln!(out, "    {label:<width$}  {}", row_text(&rest));
    }
    if table.unknown.messages > 0 {
        let _ = writeln!(
            out,
            "    {unknown_label:<width$}  {}",
            row_text(&table.unknown)
        );
    }
}

fn org_markdown(out: &mut String, heading: &str, table: &OrgTable, unknown_label: &str) {
    if table.rows.is_empty() && table.unknown.messages == 0 {
        return;
    }
    let _ = write!(out, "| {heading} {}", row_header());
    for r in table.rows.iter().take(TABLE_ROWS) {
        let _ = writeln!(out, "| {} {}", md(&r.organisation), row_cells(&r.counts));
    }
    let mut rest = table.other;
    for r in table.rows.iter().skip(TABLE_ROWS) {
        super::table::Tally::absorb(&mut rest, &r.counts);
    }
    if rest.messages > 0 {
        let _ = writeln!(out, "| ({} more) {}", others(table), row_cells(&rest));
    }
    if table.unknown.messages > 0 {
        let _ = writeln!(out, "| {unknown_label} {}", row_cells(&table.unknown));
    }
    out.push('\n');
}

/// `Policy “modern”: Every hop between servers is encrypted, …`
fn policy_title(policy: &PolicyTotals) -> String {
    format!(
        "Policy “{}”: {}",
        one_line(&policy.name),
        one_line(&policy.definition)
    )
}

/// `4 pass (66.7%), 1 fail (16.7%), 1 cannot tell (16.7%)`; without shares for table rows.
fn policy_message_counts(counts: &PolicyCounts, shares: bool) -> String {
    let total = counts.total();
    [
        (counts.pass, "pass"),
        (counts.fail, "fail"),
        (counts.cannot_tell, "cannot tell"),
    ]
    .iter()
    .map(|(n, word)| {
        if shares {
            format!("{n} {word} ({})", percent(*n, total))
        } else {
            format!("{n} {word}")
        }
    })
    .collect::<Vec<_>>()
    .join(", ")
}

/// `5 pass, 1 fail, 2 cannot tell, 2 not judged`.
fn policy_hop_counts(counts: &HopPolicyCounts) -> String {
    format!(
        "{} pass, {} fail, {} cannot tell, {} not judged",
        counts.pass, counts.fail, counts.cannot_tell, counts.not_judged
    )
}

/// The rows of an organisation table with policy counts, most failures first, then most
/// "cannot tell", then most messages, then by name; then the `other` and `unknown` rows.
fn policy_rows(table: &OrgTable, unknown_label: &str) -> Vec<(String, PolicyCounts)> {
    let mut rows: Vec<(String, PolicyCounts)> = table
        .rows
        .iter()
        .filter_map(|r| {
            r.counts
                .policy
                .map(|p| (one_line(&r.organisation).into_owned(), p))
        })
        .collect();
    rows.sort_by(|a, b| {
        b.1.fail
            .cmp(&a.1.fail)
            .then(b.1.cannot_tell.cmp(&a.1.cannot_tell))
            .then(b.1.total().cmp(&a.1.total()))
            .then(a.0.cmp(&b.0))
    });
    let mut rest = PolicyCounts::default();
    for (_, p) in rows.iter().skip(TABLE_ROWS) {
        rest.pass += p.pass;
        rest.fail += p.fail;
        rest.cannot_tell += p.cannot_tell;
    }
    let cut = rows.len().saturating_sub(TABLE_ROWS);
    rows.truncate(TABLE_ROWS);
    if let Some(p) = table.other.policy {
        rest.pass += p.pass;
        rest.fail += p.fail;
        rest.cannot_tell += p.cannot_tell;
    }
    if rest.total() > 0 {
        rows.push((format!("({} more)", others_count(table, cut)), rest));
    }
    if let Some(p) = table.unknown.policy.filter(|p| p.total() > 0) {
        rows.push((unknown_label.to_owned(), p));
    }
    rows
}

fn others_count(table: &OrgTable, cut: usize) -> String {
    if table.rows.len() < REPORT_ROWS && table.other.messages == 0 {
        words::count(cut as u64, "organisation", "organisations")
    } else {
        format!("{cut}+ organisations")
    }
}

fn policy_org_text(out: &mut String, heading: &str, table: &OrgTable, unknown_label: &str) {
    let rows = policy_rows(table, unknown_label);
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(out, "  {heading}:");
    let width = rows
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(0);
    for (name, p) in rows {
        let _ = writeln!(
            out,
            "    {name:<width$}  {:>8} {:<8}  {}",
            p.total(),
            if p.total() == 1 {
                "message"
            } else {
                "messages"
            },
            policy_message_counts(&p, false)
        );
    }
}

fn policy_org_markdown(out: &mut String, heading: &str, table: &OrgTable, unknown_label: &str) {
    let rows = policy_rows(table, unknown_label);
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "| {heading} | Messages | Pass | Fail | Cannot tell |\n|---|--:|--:|--:|--:|"
    );
    for (name, p) in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            markdown::escape(&name),
            p.total(),
            p.pass,
            p.fail,
            p.cannot_tell
        );
    }
    out.push('\n');
}

/// How many organisations the `more` row holds: exact when all were kept, else "many".
fn others(table: &OrgTable) -> String {
    let cut = table.rows.len().saturating_sub(TABLE_ROWS);
    if table.rows.len() < REPORT_ROWS && table.other.messages == 0 {
        words::count(cut as u64, "organisation", "organisations")
    } else {
        format!("{cut}+ organisations")
    }
}

/// `   120 messages   67.8% all encrypted    8.5% exposed   20.0% some hops not stated`.
fn row_text(row: &Row) -> String {
    let mut out = format!(
        "{:>8} {:<8}",
        row.messages,
        if row.messages == 1 {
            "message"
        } else {
            "messages"
        }
    );
    for o in [Overall::AllEncrypted, Overall::Exposed, Overall::Incomplete] {
        let _ = write!(
            out,
            "  {:>6} {}",
            percent(row.overall.get(o), row.messages),
            words::overall_label(o).to_lowercase()
        );
    }
    out
}

/// The columns after the name in Markdown tables of [`Row`]s, and the alignment line.
fn row_header() -> String {
    let mut out = String::from("| Messages |");
    for o in ALL_OVERALLS {
        let _ = write!(out, " {} |", words::overall_label(o));
    }
    out.push_str("\n|---|--:|");
    out.push_str(&"--:|".repeat(ALL_OVERALLS.len()));
    out.push('\n');
    out
}

fn row_cells(row: &Row) -> String {
    let mut out = format!("| {} |", row.messages);
    for o in ALL_OVERALLS {
        let _ = write!(out, " {} |", percent(row.overall.get(o), row.messages));
    }
    out
}

/// One worst message on one line.
fn worst_line(w: &WorstMessage) -> String {
    let mut out = format!(
        "{}: {} message {} (byte {})",
        words::concern_word(w.concern),
        one_line(&w.source.file_name),
        w.source.number,
        w.source.offset
    );
    if w.plaintext_hops > 0 {
        let _ = write!(
            out,
            ", {}",
            words::count(w.plaintext_hops, "plaintext hop", "plaintext hops")
        );
    }
    if let Some(date) = &w.date {
        let _ = write!(out, ", {}", one_line(date.get(..10).unwrap_or(date)));
    }
    if let Some(sender) = &w.sender {
        let _ = write!(out, ", from {}", one_line(sender));
    }
    if let Some(subject) = &w.subject {
        let _ = write!(out, ", “{}”", cut(&one_line(subject), 60));
    }
    out
}

/// Header-derived text for a Markdown cell.
fn md(text: &str) -> String {
    markdown::escape(&one_line(text))
}

/// At most `max` characters, with an ellipsis when cut.
pub(super) fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(max - 1).collect();
    s.push('…');
    s
}

/// `75.0%`; `—` when there is nothing to divide.
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "—".to_string();
    }
    format!("{:.1}%", part as f64 * 100.0 / whole as f64)
}

/// `3.2 MB` (decimal units, as file managers show them).
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        words::count(bytes, "byte", "bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// Width of a name once made visible, for column alignment.
fn width(s: &str) -> usize {
    one_line(s).chars().count()
}

fn more(out: &mut String, indent: &str, total: usize, one: &str, many: &str) {
    if total > TABLE_ROWS {
        let rest = (total - TABLE_ROWS) as u64;
        let noun = if rest == 1 { one } else { many };
        let _ = writeln!(out, "{indent}… and {rest} more {noun}");
        if indent.is_empty() {
            out.push('\n');
        }
    }
}
