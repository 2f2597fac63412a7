//! Writing reports one after another in the chosen format.
//!
//! One message gives one report: a pretty JSON object, or one Markdown or text report. Several
//! messages give JSON Lines (one compact object per line, in input order), or Markdown/text
//! reports each introduced by its source and separated by a rule. Share links are one per
//! line, however many messages there are.
//!
//! Reports of inputs that do not look like email are held back until one that does arrives.
//! If none ever does, nothing reaches standard output and the caller exits 1: a script then
//! sees either real reports or an error, never a stream of empty ones.

use std::io::{self, Write};

use hopscope_core::aggregate::{render as audit, AuditReport};
use hopscope_core::render::{markdown, one_line, text};
use hopscope_core::share::{self, Redaction};
use hopscope_core::Report;
use hopscope_lookup::MessageLookup;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Markdown,
    Text,
    /// A share link (see [`Share`]).
    Link,
}

/// Where share links point and what they hide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    pub base_url: String,
    pub redaction: Redaction,
}

/// How one report becomes text: the format and its settings. Shared by the threads that
/// render reports side by side (`hopscope analyze` with several files).
#[derive(Debug, Clone)]
pub struct Renderer {
    format: Format,
    color: bool,
    /// More than one message (several files, or an mbox): JSON Lines, sources and rules.
    multi: bool,
    share: Share,
}

pub struct Output<W: Write> {
    out: W,
    renderer: Renderer,
    reports: usize,
    seen_email: bool,
    held: Vec<u8>,
}

impl<W: Write> Output<W> {
    pub fn new(out: W, format: Format, color: bool, multi: bool) -> Self {
        Output {
            out,
            renderer: Renderer {
                format,
                color,
                multi,
                share: Share {
                    base_url: crate::DEFAULT_BASE_URL.to_string(),
                    redaction: Redaction::default(),
                },
            },
            reports: 0,
            seen_email: false,
            held: Vec::new(),
        }
    }

    /// Sets where links of [`Format::Link`] point and what they hide.
    pub fn with_share(mut self, share: Share) -> Self {
        self.renderer.share = share;
        self
    }

    /// How this output renders a report, for rendering on other threads
    /// ([`Output::write_rendered`] then writes what they made).
    pub fn renderer(&self) -> &Renderer {
        &self.renderer
    }

    /// Writes one report; `source` names where it came from (a file, a message of an mbox).
    #[cfg(test)]
    pub fn report(&mut self, source: &str, report: &Report) -> io::Result<()> {
        self.report_with_lookup(source, report, None)
    }

    /// Writes one report with what `--lookup` found for it, if anything: the `lookup` key in
    /// JSON, a "Looked up" section in Markdown and text (share links carry the report only).
    pub fn report_with_lookup(
        &mut self,
        source: &str,
        report: &Report,
        lookup: Option<&MessageLookup>,
    ) -> io::Result<()> {
        let chunk = self.renderer.render(source, report, lookup)?;
        self.write_rendered(&chunk, report.looks_like_email)
    }

    /// Writes a report [`Renderer::render`] made (here or on another thread), after the
    /// separator its place in the output needs.
    pub fn write_rendered(&mut self, chunk: &str, looks_like_email: bool) -> io::Result<()> {
        let separator = self.renderer.separator(self.reports == 0);
        self.reports += 1;
        let chunk = format!("{separator}{chunk}");
        if looks_like_email && !self.seen_email {
            self.seen_email = true;
            self.out.write_all(&self.held)?;
            self.held = Vec::new();
        }
        if self.seen_email {
            self.out.write_all(chunk.as_bytes())
        } else {
            self.held.extend_from_slice(chunk.as_bytes());
            Ok(())
        }
    }

    /// Writes the totals of an mbox run after its reports (Markdown and text only: JSON Lines
    /// must stay one report per line, so the caller shows JSON runs' totals elsewhere).
    pub fn summary(&mut self, aggregate: &AuditReport) -> io::Result<()> {
        let chunk = match self.renderer.format {
            Format::Json | Format::Link => return Ok(()),
            Format::Markdown => format!("\n---\n\n{}", audit::markdown(aggregate)),
            Format::Text => format!(
                "\n{}\n{}",
                self.renderer.rule("Summary"),
                audit::text(aggregate)
            ),
        };
        if self.seen_email {
            self.out.write_all(chunk.as_bytes())
        } else {
            self.held.extend_from_slice(chunk.as_bytes());
            Ok(())
        }
    }

    /// Flushes what was written. Held reports (no input looked like email) are dropped.
    pub fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl Renderer {
    /// Whether reports may be rendered on several threads and written in input order with the
    /// same result: not share links, which warn on standard error as they are made.
    pub fn parallel(&self) -> bool {
        self.format != Format::Link
    }

    /// What goes before a report: nothing before the first, a rule (Markdown) or a blank line
    /// (text) between reports of several messages.
    fn separator(&self, first: bool) -> &'static str {
        match (self.format, self.multi, first) {
            (_, _, true) | (_, false, _) | (Format::Json | Format::Link, _, _) => "",
            (Format::Markdown, true, false) => "\n---\n\n",
            (Format::Text, true, false) => "\n",
        }
    }

    /// One report as text, without the separator before it.
    pub fn render(
        &self,
        source: &str,
        report: &Report,
        lookup: Option<&MessageLookup>,
    ) -> io::Result<String> {
        let json = |pretty: bool| -> io::Result<String> {
            // Without a lookup the report is written as it is: `flatten` would send every key
            // through serde's map path, which costs as much as the analysis itself. JSON Lines
            // (many reports) are written by sonic-rs, whose strings and keys are escaped
            // sixteen bytes at a time: 52k -> 38k instructions per report of 4 KB, the same
            // bytes as serde_json's (tested below).
            let mut out = match (lookup, pretty) {
                (None, true) => serde_json::to_string_pretty(report)?,
                (None, false) => sonic_rs::to_string(report).map_err(io::Error::other)?,
                (Some(_), true) => serde_json::to_string_pretty(&WithLookup { report, lookup })?,
                (Some(_), false) => serde_json::to_string(&WithLookup { report, lookup })?,
            };
            out.push('\n');
            Ok(out)
        };
        let markdown = || {
            let md = markdown::markdown(report);
            match lookup {
                Some(l) => with_markdown_section(md, &hopscope_lookup::render::markdown(l)),
                None => md,
            }
        };
        let text = || {
            let mut t = text::text(report, self.color);
            if let Some(l) = lookup {
                t.push('\n');
                t.push_str(&hopscope_lookup::render::text(l));
            }
            t
        };
        Ok(match (self.format, self.multi) {
            (Format::Json, multi) => json(!multi)?,
            (Format::Markdown, false) => markdown(),
            (Format::Markdown, true) => {
                format!("**Source:** {}\n\n{}", markdown::escape(source), markdown())
            }
            (Format::Text, false) => text(),
            (Format::Text, true) => format!("{}\n{}", self.rule(source), text()),
            (Format::Link, _) => {
                let link = share::link(&self.share.base_url, report, self.share.redaction);
                let payload = link.len() - link.find('#').map_or(0, |i| i + 1);
                if payload > share::MAX_PAYLOAD {
                    eprintln!(
                        "hopscope: the link for {} is {payload} characters long; the page \
                         opens links of up to {} characters.",
                        one_line(source),
                        share::MAX_PAYLOAD
                    );
                }
                link + "\n"
            }
        })
    }

    /// `── label ─────…`, 72 columns wide for short labels.
    fn rule(&self, label: &str) -> String {
        let label = one_line(label);
        let fill = 72usize.saturating_sub(label.chars().count() + 4).max(3);
        let line = format!("── {label} {}", "─".repeat(fill));
        if self.color {
            format!("\x1b[1m{line}\x1b[0m")
        } else {
            line
        }
    }
}

/// A report's JSON with the `lookup` key added after every key of the report, which stay as
/// they are (`docs/SCHEMA.md`). Without a lookup, exactly the report's JSON.
#[derive(Serialize)]
struct WithLookup<'a> {
    #[serde(flatten)]
    report: &'a Report<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lookup: Option<&'a MessageLookup>,
}

/// The report's Markdown with `section` before its closing line (the rule and "Generated by
/// Hopscope"), or at its end.
fn with_markdown_section(mut md: String, section: &str) -> String {
    const FOOTER: &str = "---\n_Generated by Hopscope";
    match md.rfind(FOOTER) {
        Some(at) => md.insert_str(at, &format!("{}\n\n", section.trim_end())),
        None => {
            md.push('\n');
            md.push_str(section);
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(email: bool) -> Report<'static> {
        let mut r = hopscope_core::analyze("");
        r.looks_like_email = email;
        r
    }

    fn run(format: Format, multi: bool, reports: &[bool]) -> String {
        let mut buf = Vec::new();
        let mut out = Output::new(&mut buf, format, false, multi);
        for (i, email) in reports.iter().enumerate() {
            out.report(&format!("m{i}"), &report(*email)).unwrap();
        }
        out.finish().unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn single_json_is_one_object() {
        let out = run(Format::Json, false, &[true]);
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value["looks_like_email"], true);
    }

    #[test]
    fn json_lines_keep_every_message_in_order() {
        let out = run(Format::Json, true, &[false, true, false]);
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let flags: Vec<_> = lines
            .iter()
            .map(|v| v["looks_like_email"].clone())
            .collect();
        assert_eq!(flags, [false, true, false]);
    }

    #[test]
    fn nothing_printed_when_nothing_looks_like_email() {
        assert_eq!(run(Format::Json, true, &[false, false]), "");
        assert_eq!(run(Format::Text, false, &[false]), "");
    }

    #[test]
    fn links_are_one_per_line_and_decode_to_the_shared_report() {
        let mut buf = Vec::new();
        let share = Share {
            base_url: "https://hopscope.example/".into(),
            redaction: Redaction::ALL,
        };
        let mut out = Output::new(&mut buf, Format::Link, false, true).with_share(share);
        let reports = [report(true), report(true)];
        for (i, r) in reports.iter().enumerate() {
            out.report(&format!("m{i}"), r).unwrap();
        }
        out.finish().unwrap();
        let text = String::from_utf8(buf).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        for (line, r) in lines.iter().zip(&reports) {
            assert!(line.starts_with("https://hopscope.example/#r2."), "{line}");
            let shared = share::decode(line).unwrap();
            assert_eq!(shared, share::prepare(r, Redaction::ALL));
        }
    }

    #[test]
    fn without_a_lookup_the_json_is_the_reports_own() {
        let report = hopscope_core::analyze(
            "Received: from a (a [192.0.2.1]) by b with ESMTPS; Fri, 22 Nov 2024 05:20:40 +0000\n",
        );
        for multi in [false, true] {
            let mut buf = Vec::new();
            let mut out = Output::new(&mut buf, Format::Json, false, multi);
            out.report("m", &report).unwrap();
            out.finish().unwrap();
            let expected = if multi {
                serde_json::to_string(&report).unwrap()
            } else {
                serde_json::to_string_pretty(&report).unwrap()
            };
            assert_eq!(String::from_utf8(buf).unwrap(), expected + "\n");
        }
    }

    /// JSON Lines are written by sonic-rs (a third fewer instructions than serde_json, see
    /// `render`): byte for byte what serde_json writes, for every fixture, every fuzz seed
    /// and text holding every ASCII control character, quotes, backslashes and non-ASCII.
    #[test]
    fn json_lines_are_what_serde_json_writes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut inputs: Vec<Vec<u8>> = Vec::new();
        let mut dirs = vec![
            root.join("crates/core/tests/fixtures"),
            root.join("fuzz/corpus/analyze_bytes"),
        ];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_none_or(|e| e != "json") {
                    inputs.push(std::fs::read(&path).unwrap());
                }
            }
        }
        assert!(inputs.len() > 50, "{} inputs", inputs.len());
        let every_byte: String = (0u8..0x80).map(char::from).collect();
        inputs.push(
            format!(
                "Received: from a{every_byte} (b [192.0.2.1]) by c \"q\" \\ with ESMTPS (é ✉ 🔒 \u{2028}); \
                 Fri, 22 Nov 2024 05:20:40 +0000\nSubject: {every_byte} é\n\n"
            )
            .into_bytes(),
        );
        let output = Output::new(Vec::new(), Format::Json, false, true);
        let renderer = output.renderer();
        let modern = hopscope_core::policy::Policy::modern();
        for input in &inputs {
            let mut report = hopscope_core::analyze_bytes(input);
            for checked in [false, true] {
                if checked {
                    // With `--policy`, the report carries the check's answer too.
                    report.policy = Some(hopscope_core::policy::check(&report, &modern, None));
                }
                let written = renderer.render("m", &report, None).unwrap();
                let expected = serde_json::to_string(&report).unwrap() + "\n";
                assert_eq!(written, expected, "{}", String::from_utf8_lossy(input));
            }
        }
    }

    #[test]
    fn the_lookup_section_goes_before_the_footer() {
        let md = with_markdown_section(
            "## Report\n\nbody\n\n---\n_Generated by Hopscope — analysed locally_\n".into(),
            "### Looked up\n\nx\n",
        );
        assert_eq!(
            md,
            "## Report\n\nbody\n\n### Looked up\n\nx\n\n---\n_Generated by Hopscope — analysed locally_\n"
        );
        assert_eq!(with_markdown_section("a\n".into(), "b\n"), "a\n\nb\n");
    }

    #[test]
    fn text_and_markdown_name_sources_and_separate_them() {
        let text = run(Format::Text, true, &[true, true]);
        assert!(text.starts_with("── m0 ───"));
        assert!(text.contains("\n\n── m1 ───"));
        let md = run(Format::Markdown, true, &[true, true]);
        assert!(md.starts_with("**Source:** m0\n\n"));
        assert!(md.contains("\n---\n\n**Source:** m1\n\n"));
    }
}
