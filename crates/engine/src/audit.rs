//! A mailbox audit in the page (issue 9): the engine's half. The page's workers each read a
//! share of the files chosen (a large mbox alone, small files in groups) in 1 MiB slices, feed
//! them to the core's `MboxSplitter` and count every message into a core `Aggregate`, exactly
//! as `hopscope audit` does (`crates/cli/src/source.rs`, `audit.rs`): same chunk size, same
//! early stop on a file that is not a mailbox, same `.msg` handling, same file numbers and
//! labels — so the page's JSON is the CLI's, byte for byte. The page's thread only routes
//! replies; the aggregates are merged here ([`report`]), in whichever worker is free.
//!
//! ```
//! use hopscope_core::aggregate::Aggregate;
//! use hopscope_engine::audit::{report, FileAudit};
//!
//! let mbox = b"From a Fri Nov 22 05:20:40 2024\n\
//!     Received: from a.example.org (a.example.org [192.0.2.1]) by mx.example.net\n\
//!     \x20 with ESMTP id 1; Fri, 22 Nov 2024 05:20:40 +0000\n\nHello\n";
//! let mut aggregate = Aggregate::default();
//! let mut file = FileAudit::new(0, "inbox.mbox", false);
//! file.push(mbox, &mut aggregate);
//! file.finish(&mut aggregate);
//! assert_eq!((file.counts.messages, file.counts.plaintext), (1, 1));
//! let state = serde_json::to_string(&aggregate).unwrap();
//! let done = report(&[state.as_str()], false).unwrap();
//! assert!(done.json.contains("\"plaintext\": 1"));
//! ```

use hopscope_core::aggregate::AuditReport;
use hopscope_core::aggregate::{self, csv, view, Aggregate, MessageRef};
use hopscope_core::mbox::{MboxSplitter, MessagePart, SplitStats};
use hopscope_core::share::{self, AuditRedaction};
use hopscope_core::sniff::{self, FileKind};

/// The CLI's read size (`crates/cli/src/source.rs`): a file that is not a mailbox stops after
/// its first chunk, and its counted bytes are those read, so the size must be the same.
pub const CHUNK: u64 = 1 << 20;

/// Running counts for the progress line and the page's `data-*` hooks while an audit runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub messages: u64,
    pub hops: u64,
    pub encrypted: u64,
    pub plaintext: u64,
    pub unknown: u64,
}

/// One file being audited: the splitter, and CSV rows when they are wanted.
pub struct FileAudit {
    splitter: MboxSplitter,
    file: u32,
    label: String,
    csv: Option<String>,
    pub counts: Counts,
}

impl FileAudit {
    /// `file` is the file's number in the whole audit (its place in the CLI's order) and
    /// `label` its name as the CLI would print it.
    pub fn new(file: u32, label: &str, want_csv: bool) -> FileAudit {
        FileAudit {
            splitter: MboxSplitter::new(),
            file,
            label: hopscope_core::render::one_line(label).into_owned(),
            csv: want_csv.then(String::new),
            counts: Counts::default(),
        }
    }

    /// Splits the next chunk and counts the messages it completed.
    pub fn push(&mut self, chunk: &[u8], aggregate: &mut Aggregate) {
        let parts: Vec<MessagePart> = self.splitter.push(chunk).collect();
        for part in &parts {
            self.count(part, aggregate);
        }
    }

    /// Whether reading on can still find messages (not for a JPEG, a ZIP…: the CLI stops too).
    pub fn wants_more(&self) -> bool {
        self.splitter.not_a_mailbox().is_none()
    }

    /// The end of the file: its last message, and the file counted.
    pub fn finish(&mut self, aggregate: &mut Aggregate) {
        let parts: Vec<MessagePart> = self.splitter.finish().collect();
        for part in &parts {
            self.count(part, aggregate);
        }
        aggregate.add_file(&self.splitter.stats());
    }

    /// A cancelled audit: the messages completed so far stay counted, the file as far as read.
    pub fn stop(&mut self, aggregate: &mut Aggregate) {
        aggregate.add_file(&self.splitter.stats());
        aggregate.partial = true;
    }

    /// The CSV rows written since the last call.
    pub fn take_csv(&mut self) -> String {
        self.csv.as_mut().map(std::mem::take).unwrap_or_default()
    }

    fn count(&mut self, part: &MessagePart, aggregate: &mut Aggregate) {
        let source = MessageRef::new(self.file, &self.label, part);
        self.counts.messages += 1;
        match aggregate::analyze_part(part) {
            Ok(report) => {
                let s = &report.summary;
                self.counts.hops += u64::from(s.hops);
                self.counts.encrypted += u64::from(s.encrypted);
                self.counts.plaintext += u64::from(s.plaintext);
                self.counts.unknown += u64::from(s.unknown);
                if let Some(rows) = &mut self.csv {
                    rows.push_str(&csv::csv_rows(&report, &source));
                }
                aggregate.add(&report, source);
            }
            Err(reason) => aggregate.skip(reason, source),
        }
    }
}

/// Whether a file's first bytes are an Outlook `.msg` (an OLE compound file), as the CLI tells.
pub fn is_msg(head: &[u8]) -> bool {
    sniff::sniff(&head[..head.len().min(8)]) == FileKind::Ole
}

/// Counts an Outlook `.msg` read with `hopscope-msg` (`read` is its result), as the CLI does:
/// one message, its transport headers; a file the reader refuses counts as not a mailbox.
pub fn add_msg(
    read: Result<hopscope_msg::Msg, hopscope_msg::MsgError>,
    size: u64,
    audit: &mut FileAudit,
    aggregate: &mut Aggregate,
) {
    if let Ok(msg) = &read {
        let part = MessagePart::whole_file(size, msg.transport_headers().unwrap_or_default());
        audit.count(&part, aggregate);
    }
    aggregate.add_file(&SplitStats::msg_file(size, read.is_ok()));
}

/// In a folder, which files the CLI reads (`crates/cli/src/audit.rs`, `walk`): the core's
/// [`aggregate::audits_file`] (`head`: the file's first bytes), never a dotfile or a Maildir's
/// `tmp/`. `path` is the file's path inside the chosen folder, `/`-separated;
/// `maildirs` says whether a folder (by its path) holds `cur` or `new`.
pub fn read_in_folder(path: &str, head: &[u8], maildirs: impl Fn(&str) -> bool) -> bool {
    let mut names = path.split('/');
    let name = names.next_back().unwrap_or_default();
    if name.starts_with('.') {
        return false;
    }
    let folders: Vec<&str> = path.split('/').collect();
    let folders = &folders[..folders.len() - 1];
    for depth in 1..folders.len() {
        if folders[depth] == "tmp" && maildirs(&folders[..depth].join("/")) {
            return false;
        }
    }
    let in_maildir = matches!(folders.last(), Some(&("cur" | "new")));
    aggregate::audits_file(name, in_maildir, || head.starts_with(b"From "))
}

/// The CLI's order of files in a folder: each folder's entries by name (bytes), recursively.
pub fn folder_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

/// What the page shows and exports once an audit is over.
pub struct Done {
    /// `hopscope audit --format json`, byte for byte.
    pub json: String,
    pub markdown: String,
    /// [`view::AuditView`] as JSON, for the page to lay out.
    pub view: String,
}

/// Merges the workers' aggregates (`serde_json` of `Aggregate`) into the report. `partial`
/// marks a cancelled audit.
pub fn report(states: &[&str], partial: bool) -> Result<Done, String> {
    let mut aggregate = Aggregate::default();
    for state in states {
        let part: Aggregate = serde_json::from_str(state)
            .map_err(|e| format!("A part of the audit could not be read back ({e})."))?;
        aggregate.merge(part);
    }
    aggregate.partial |= partial;
    Ok(done(&aggregate.report()))
}

fn done(report: &AuditReport) -> Done {
    Done {
        json: serde_json::to_string_pretty(report).unwrap_or_default() + "\n",
        markdown: aggregate::render::markdown(report),
        view: serde_json::to_string(&view::view(report)).unwrap_or_default(),
    }
}

/// An audit share link's payload (`a1.…`) for the report (`json`, as [`report`] made it).
pub fn share(json: &str, redaction: AuditRedaction) -> Result<String, String> {
    let report: AuditReport =
        serde_json::from_str(json).map_err(|e| format!("The report could not be read ({e})."))?;
    Ok(share::encode_audit(&report, redaction))
}

/// Opens an audit link: what it shows, and the kinds of value the sender hid.
pub fn open_link(payload: &str) -> Result<(Done, Vec<&'static str>), String> {
    let shared = share::decode_audit(payload).map_err(|e| e.to_string())?;
    Ok((done(&shared.report), shared.redaction.kinds()))
}

/// The CSV's first line, as `hopscope audit --format csv` writes it.
pub fn csv_header() -> &'static str {
    csv::csv_header()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str =
        "Received: from a.example.org (a.example.org [192.0.2.1]) by mx.example.net\n\
        \x20 with ESMTPS id 1; Fri, 22 Nov 2024 05:20:40 +0000\nFrom: a@example.org\n\nbody\n";

    fn mbox(n: usize) -> Vec<u8> {
        let mut out = Vec::new();
        for _ in 0..n {
            out.extend_from_slice(b"From x Fri Nov 22 05:20:40 2024\n");
            out.extend_from_slice(ONE.as_bytes());
            out.push(b'\n');
        }
        out
    }

    /// What the CLI does: one splitter over the file, one aggregate.
    fn cli_like(bytes: &[u8]) -> String {
        let mut aggregate = Aggregate::default();
        let (parts, stats) = hopscope_core::mbox::split_parts(bytes);
        for part in &parts {
            let source = MessageRef::new(0, "in.mbox", part);
            match aggregate::analyze_part(part) {
                Ok(r) => aggregate.add(&r, source),
                Err(reason) => aggregate.skip(reason, source),
            }
        }
        aggregate.add_file(&stats);
        done(&aggregate.report()).json
    }

    #[test]
    fn chunks_and_workers_give_the_clis_report() {
        let bytes = mbox(40);
        let mut states = Vec::new();
        // Two "workers": the same file can only be read by one, so two copies of half of it.
        let (a, b) = bytes.split_at(bytes.len() / 2 / (32 + ONE.len() + 1) * (32 + ONE.len() + 1));
        let mut counts = Counts::default();
        for (i, half) in [a, b].into_iter().enumerate() {
            let mut aggregate = Aggregate::default();
            let mut file = FileAudit::new(i as u32, "in.mbox", true);
            for chunk in half.chunks(7) {
                file.push(chunk, &mut aggregate);
            }
            file.finish(&mut aggregate);
            assert!(file.take_csv().contains("in.mbox,"));
            counts.messages += file.counts.messages;
            counts.hops += file.counts.hops;
            states.push(serde_json::to_string(&aggregate).unwrap());
        }
        let states: Vec<&str> = states.iter().map(String::as_str).collect();
        let merged = report(&states, false).unwrap();
        let whole: serde_json::Value = serde_json::from_str(&cli_like(&bytes)).unwrap();
        let parts: serde_json::Value = serde_json::from_str(&merged.json).unwrap();
        assert_eq!(parts["totals"], whole["totals"]);
        assert_eq!(counts.messages, 40);
        assert_eq!(counts.hops, whole["totals"]["hops"].as_u64().unwrap());
        // One worker, any chunking: byte for byte.
        let mut aggregate = Aggregate::default();
        let mut file = FileAudit::new(0, "in.mbox", false);
        for chunk in bytes.chunks(CHUNK as usize) {
            file.push(chunk, &mut aggregate);
        }
        file.finish(&mut aggregate);
        let state = serde_json::to_string(&aggregate).unwrap();
        assert_eq!(report(&[&state], false).unwrap().json, cli_like(&bytes));
    }

    #[test]
    fn a_cancelled_audit_is_partial_and_consistent() {
        let bytes = mbox(10);
        let mut aggregate = Aggregate::default();
        let mut file = FileAudit::new(0, "in.mbox", false);
        file.push(&bytes[..bytes.len() / 2], &mut aggregate);
        file.stop(&mut aggregate);
        let state = serde_json::to_string(&aggregate).unwrap();
        let done = report(&[&state], false).unwrap();
        let json: serde_json::Value = serde_json::from_str(&done.json).unwrap();
        assert_eq!(json["partial"], true);
        assert_eq!(json["totals"]["messages"], file.counts.messages);
        assert!(file.counts.messages < 10);
        assert!(done.markdown.contains("Partial"));
    }

    #[test]
    fn links_round_trip() {
        let bytes = mbox(3);
        let json = cli_like(&bytes);
        let payload = share(&json, AuditRedaction::DEFAULT).unwrap();
        assert!(payload.starts_with("a1."));
        let (opened, hidden) = open_link(&payload).unwrap();
        assert!(opened.json.contains("\"messages\": 3"));
        assert!(!hidden.is_empty());
        assert!(open_link("a1.<b>").is_err());
    }

    #[test]
    fn folders_are_read_as_the_cli_walks_them() {
        let maildir = |p: &str| p == "Mail";
        assert!(read_in_folder(
            "Mail/cur/1700000000.M1.host:2,S",
            b"",
            maildir
        ));
        assert!(!read_in_folder("Mail/tmp/1700000000.M1.host", b"", maildir));
        assert!(read_in_folder("x/a.EML", b"", maildir));
        assert!(read_in_folder("x/Inbox", b"From a", maildir));
        assert!(!read_in_folder("x/Inbox.msf", b"From a", maildir));
        assert!(!read_in_folder("x/.hidden.eml", b"", maildir));
        assert!(!read_in_folder("x/notes.txt", b"", maildir));
        let mut paths = vec!["a.b/x.eml", "a/z.eml", "a/b/y.eml", "A.eml"];
        paths.sort_by(|a, b| folder_order(a, b));
        assert_eq!(paths, ["A.eml", "a/b/y.eml", "a/z.eml", "a.b/x.eml"]);
    }
}
