//! Plain text for terminals: the headline, one table row per hop (oldest first), then the
//! summary, warnings, authentication results and notes.
//!
//! Colour is optional and only ever added around text that is already safe: every
//! header-derived string goes through [`one_line`] first, so a hostile header cannot emit its
//! own escape sequences. Without colour the output is plain ASCII plus the header's own
//! (visible) characters, `—` and `→`.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::{cipher_cell, hops_suffix, one_line, scope_cell, tls_cell};
use crate::model::{Grade, Hop, Report, Scope, Severity, Verdict};
use crate::words::{self, Tone};

/// Shown for every value the report does not know.
const UNKNOWN: &str = "—";

/// Cells other than the last are cut to this many characters so one long value cannot push
/// the whole table off the screen. The last column (the route) is never cut.
const MAX_CELL: usize = 40;

/// ANSI styles. Only these fixed sequences are ever written, never anything from the input.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Bold,
    Dim,
    Green,
    Yellow,
    Red,
}

impl Style {
    fn code(self) -> &'static str {
        match self {
            Style::Plain => "",
            Style::Bold => "\x1b[1m",
            Style::Dim => "\x1b[2m",
            Style::Green => "\x1b[32m",
            Style::Yellow => "\x1b[33m",
            Style::Red => "\x1b[1;31m",
        }
    }
}

const RESET: &str = "\x1b[0m";

/// Renders a report for a terminal; ANSI colours only when `color` is true.
pub fn text(report: &Report, color: bool) -> String {
    let paint = |style: Style, s: &str| -> String {
        if color && style != Style::Plain {
            format!("{}{s}{RESET}", style.code())
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();

    let headline_style = if !report.looks_like_email {
        Style::Yellow
    } else {
        match words::overall_tone(report.summary.overall) {
            Tone::Good => Style::Green,
            Tone::Bad => Style::Red,
            Tone::Caution | Tone::Unstated => Style::Yellow,
            Tone::Neutral => Style::Plain,
        }
    };
    let _ = writeln!(
        out,
        "{}",
        paint(
            headline_style,
            &format!("Hopscope: {}", one_line(words::headline(report)))
        )
    );
    if !report.looks_like_email {
        let _ = writeln!(
            out,
            "Paste the message's raw headers, the lines starting with “Received:”."
        );
        for (program, how) in words::HEADER_SOURCES {
            let _ = writeln!(out, "  {program}: {how}");
        }
        return out;
    }

    message_lines(report, &mut out);
    out.push('\n');

    if !report.hops.is_empty() {
        hop_table(&report.hops, color, &mut out);
        out.push('\n');
    }

    if !report.hops.is_empty() {
        let _ = writeln!(
            out,
            "{}. {}",
            words::overall_title(report.summary.overall),
            one_line(&words::counts_sentence(report))
        );
    }
    if let Some(w) = &report.summary.weakest {
        let _ = writeln!(
            out,
            "{}: {}",
            paint(grade_style(w.grade), &words::weakest_label(w.hop, w.grade)),
            one_line(&w.reason)
        );
    }

    if let Some((title, lines)) = super::policy_lines(report) {
        out.push('\n');
        let _ = writeln!(out, "{}", paint(Style::Bold, "Policy:"));
        let _ = writeln!(out, "  {}", one_line(&title));
        for line in lines {
            let _ = writeln!(out, "  {}", one_line(&line));
        }
    }

    let certificates = super::certificate_lines(report);
    if !certificates.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "{}", paint(Style::Bold, "Certificates:"));
        for line in certificates {
            let _ = writeln!(out, "  {line}");
        }
    }

    if !report.warnings.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "{}", paint(Style::Bold, "Warnings:"));
        for w in &report.warnings {
            let (mark, style) = match w.severity {
                Severity::Warning => ("!", Style::Yellow),
                Severity::Info => ("i", Style::Plain),
            };
            let _ = write!(
                out,
                "  {} {}: {}",
                paint(style, mark),
                words::severity_word(w.severity),
                one_line(&w.message)
            );
            out.push_str(&hops_suffix(&w.hops));
            out.push('\n');
        }
    }

    authentication(report, color, &mut out);
    notes(report, color, &mut out);
    out
}

fn grade_style(grade: Grade) -> Style {
    match grade {
        Grade::Strong | Grade::Good => Style::Green,
        Grade::Weak => Style::Yellow,
        Grade::Broken => Style::Red,
    }
}

fn message_lines(report: &Report, out: &mut String) {
    let m = &report.message;
    let fields = [
        ("Subject", &m.subject),
        ("From", &m.from),
        ("To", &m.to),
        ("Date", &m.date),
        ("TLS-Required", &m.tls_required),
    ];
    for (name, value) in fields {
        if let Some(value) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            let label = format!("{name}:");
            let _ = writeln!(out, "  {label:<13} {}", one_line(value.trim()));
        }
    }
}

struct Cell {
    text: String,
    style: Style,
}

impl Cell {
    fn new(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
        }
    }

    /// Header-derived text: made visible and cut to [`MAX_CELL`].
    fn untrusted(value: Option<&str>) -> Cell {
        match value.map(str::trim).filter(|s| !s.is_empty()) {
            Some(v) => Cell::new(truncate(&one_line(v)), Style::Plain),
            None => Cell::new(UNKNOWN, Style::Dim),
        }
    }
}

fn truncate(s: &str) -> Cow<'_, str> {
    if s.chars().count() <= MAX_CELL {
        Cow::Borrowed(s)
    } else {
        let mut cut: String = s.chars().take(MAX_CELL - 1).collect();
        cut.push('…');
        Cow::Owned(cut)
    }
}

fn hop_table(hops: &[Hop], color: bool, out: &mut String) {
    const HEADERS: [&str; 9] = [
        "#",
        "Verdict",
        "Scope",
        "Protocol",
        "TLS",
        "Cipher",
        "Grade",
        "Delay",
        "From → By",
    ];
    let rows: Vec<Vec<Cell>> = hops.iter().map(hop_cells).collect();
    let mut widths: Vec<usize> = HEADERS.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.text.chars().count());
        }
    }
    let header_cells: Vec<Cell> = HEADERS.iter().map(|h| Cell::new(*h, Style::Bold)).collect();
    for row in std::iter::once(&header_cells).chain(&rows) {
        let mut line = String::from(" ");
        for (i, (cell, width)) in row.iter().zip(&widths).enumerate() {
            let last = i + 1 == row.len();
            let pad = width - cell.text.chars().count();
            // Numbers read best right-aligned: the hop number and the delay.
            let right = i == 0 || i == 7;
            line.push(' ');
            if right {
                line.extend(std::iter::repeat_n(' ', pad));
            }
            if color && cell.style != Style::Plain {
                let _ = write!(line, "{}{}{RESET}", cell.style.code(), cell.text);
            } else {
                line.push_str(&cell.text);
            }
            if !right && !last {
                line.extend(std::iter::repeat_n(' ', pad));
            }
            if !last {
                line.push(' ');
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

fn hop_cells(hop: &Hop) -> Vec<Cell> {
    let verdict_style = match (hop.verdict, hop.scope) {
        (Verdict::Encrypted, _) => Style::Green,
        // Plaintext inside one machine exposes nothing on a network.
        (Verdict::Plaintext, Scope::Local) => Style::Yellow,
        (Verdict::Plaintext, _) => Style::Red,
        (Verdict::Unknown, _) => Style::Yellow,
    };
    let tls = hop.tls.as_ref();
    let from = words::endpoint(&hop.from);
    let by = hop.by.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let route = format!(
        "{} → {}",
        from.as_deref().map_or(Cow::Borrowed(UNKNOWN), one_line),
        by.map_or(Cow::Borrowed(UNKNOWN), one_line)
    );
    vec![
        Cell::new(hop.index.to_string(), Style::Plain),
        Cell::new(words::verdict_word(hop.verdict), verdict_style),
        Cell::new(
            scope_cell(hop),
            if hop.scope == Scope::Local {
                Style::Dim
            } else {
                Style::Plain
            },
        ),
        Cell::untrusted(hop.protocol.as_deref()),
        Cell::untrusted(tls_cell(tls).as_deref()),
        Cell::untrusted(cipher_cell(tls).as_deref()),
        match hop.grade {
            Some(g) => Cell::new(words::grade_word(g), grade_style(g)),
            None => Cell::new(UNKNOWN, Style::Dim),
        },
        match hop.delay_seconds {
            Some(d) => Cell::new(words::duration(d), Style::Plain),
            None => Cell::new(UNKNOWN, Style::Dim),
        },
        Cell::new(route, Style::Plain),
    ]
}

fn authentication(report: &Report, color: bool, out: &mut String) {
    let auth = &report.authentication;
    if auth.results.is_empty() && auth.arc_sets == 0 {
        return;
    }
    out.push('\n');
    let title = "Authentication:";
    if color {
        let _ = writeln!(out, "{}{title}{RESET}", Style::Bold.code());
    } else {
        let _ = writeln!(out, "{title}");
    }
    let safe = |t: &str| one_line(t).into_owned();
    let result = |r: &str| {
        let style = match r {
            "pass" => Style::Green,
            "fail" | "permerror" | "softfail" => Style::Red,
            _ => Style::Plain,
        };
        if color && style != Style::Plain {
            format!("{}{}{RESET}", style.code(), one_line(r))
        } else {
            safe(r)
        }
    };
    for set in &auth.results {
        let _ = writeln!(
            out,
            "  {}:{}",
            safe(&set.authserv_id),
            super::auth_results_line(set, safe, result)
        );
    }
    if auth.arc_sets > 0 {
        let _ = writeln!(out, "  {}", crate::words::arc_sets(auth.arc_sets));
    }
}

fn notes(report: &Report, color: bool, out: &mut String) {
    let hop_notes = report
        .hops
        .iter()
        .flat_map(|h| h.diagnostics.iter().map(move |d| (Some(h.index), d)));
    let input_notes = report.diagnostics.iter().map(|d| (None, &d.message));
    let all: Vec<_> = input_notes.chain(hop_notes).collect();
    if all.is_empty() {
        return;
    }
    out.push('\n');
    if color {
        let _ = writeln!(out, "{}Notes:{RESET}", Style::Bold.code());
    } else {
        out.push_str("Notes:\n");
    }
    for (hop, message) in all {
        match hop {
            Some(h) => {
                let _ = writeln!(out, "  Hop {h}: {}", one_line(message));
            }
            None => {
                let _ = writeln!(out, "  {}", one_line(message));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tests::sample_report;

    #[test]
    fn renders_the_whole_report_without_colour() {
        let t = text(&sample_report(), false);
        let expected = "\
Hopscope: Hop 2 travelled in plaintext across the Internet.
  Subject:      Quarterly *report* <script>
  From:         Alice <alice@sender.example>
  To:           bob@recipient.example
  Date:         Fri, 22 Nov 2024 05:20:38 +0000

  #  Verdict        Scope     Protocol  TLS                                    Cipher                             Grade       Delay  From → By
  1  Encrypted      External  ESMTPS    TLS1.3, X25519MLKEM768 (post-quantum)  TLS_AES_256_GCM_SHA384 (256 bits)  Strong          —  mail.sender.example [192.0.2.10] → mx.recipient.example
  2  Not encrypted  External  SMTP      —                                      —                                  —       3 min 5 s  evil|<b>x</b>`code`⟨U+202E⟩txt.exe [198.51.100.7] → relay.recipient.example ⟨U+001B⟩[31mred
  3  Not stated     Local     —         —                                      —                                  —            -4 s  — → localhost

Not encrypted on at least one hop across the Internet. 3 hops: 1 encrypted, 1 not encrypted, 1 on one machine. In transit 3 min 1 s.
Weakest encrypted hop: hop 1 (Strong): Modern TLS 1.3.

Certificates:
  Hop 1: Client certificate not stated.
  Whether the sending server checked the receiving server's certificate (what MTA-STS and DANE enforce) is not recorded in Received headers.

Warnings:
  ! Warning: Clocks disagree between hop 2 and hop 3. (hops 2, 3)
  i Note: Nothing to verify.

Authentication:
  mx.recipient.example: spf=pass (smtp.mailfrom=sender.example); dkim=fail
  ARC: 1 set

Notes:
  Skipped 2 lines before the headers.
  Hop 2: Date could not be read.
";
        assert_eq!(t, expected);
    }

    #[test]
    fn hostile_text_cannot_reach_the_terminal() {
        for color in [false, true] {
            let t = text(&sample_report(), color);
            assert!(!t.contains('\u{202e}'));
            assert!(!t.contains('\r'));
            assert!(!t.contains("\x1b[31m"), "input escape passed through");
            if !color {
                assert!(!t.contains('\x1b'));
            }
        }
    }

    #[test]
    fn colour_only_when_asked() {
        let t = text(&sample_report(), true);
        assert!(t.starts_with("\x1b[1;31mHopscope: Hop 2"));
        assert!(t.contains("\x1b[32mEncrypted\x1b[0m"));
        assert!(t.contains("\x1b[1;31mNot encrypted\x1b[0m"));
        // Colour codes do not count towards the column widths.
        let plain = text(&sample_report(), false);
        let strip = |s: &str| {
            let mut out = String::new();
            let mut in_escape = false;
            for c in s.chars() {
                match (in_escape, c) {
                    (false, '\x1b') => in_escape = true,
                    (true, 'm') => in_escape = false,
                    (true, _) => {}
                    (false, c) => out.push(c),
                }
            }
            out
        };
        assert_eq!(strip(&t), plain);
    }

    #[test]
    fn long_cells_are_cut_but_the_route_is_not() {
        let mut r = sample_report();
        r.hops[0].protocol = Some("P".repeat(100).into());
        r.hops[0].by = Some("b".repeat(100).into());
        let t = text(&r, false);
        assert!(t.contains(&format!("{}…", "P".repeat(39))));
        assert!(!t.contains(&"P".repeat(41)));
        assert!(t.contains(&"b".repeat(100)));
    }

    #[test]
    fn not_email_says_what_to_paste() {
        let mut r = sample_report();
        r.looks_like_email = false;
        let t = text(&r, false);
        assert!(t.starts_with("Hopscope: This does not look like email headers.\n"));
        assert!(t.contains("Show original"));
        assert!(!t.contains("Verdict"));
    }

    #[test]
    fn deterministic() {
        assert_eq!(text(&sample_report(), true), text(&sample_report(), true));
    }
}
