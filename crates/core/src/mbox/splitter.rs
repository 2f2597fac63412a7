//! The incremental splitter: an mbox fed in chunks of any size, messages out with their place
//! in the file and only their header block.
//!
//! The state is a line tracker (is the line so far blank? is it still `From `?) and the mode
//! the current line is read in. Bodies are skipped a line at a time with `memchr2` (newline or
//! NUL) and never kept; only header blocks are copied, each up to [`MAX_HEADER_BYTES`]. So the
//! memory is bounded whatever the input: a few header blocks and a handful of counters.
//!
//! Content-Length (mboxcl2) is the one place that needs look-ahead. The count is trusted only if
//! the bytes at `body start + length` are a `From ` line (optionally after one line break) or
//! the end of the input; until that point is reached, separators found inside the counted body
//! are kept as *tentative* messages, each with its header block. If the count lands, they were
//! body text and are dropped; if it does not, they were real and are emitted. At most
//! [`MAX_TENTATIVE`] are kept: a body with more unquoted separators than that is taken at its
//! separators' word, which bounds the memory of this look-ahead.

use std::mem;

use super::{MessagePart, PartNote, SplitStats, MAX_HEADER_BYTES};
use crate::sniff::{self, FileKind, SNIFF_LEN};

/// Separators found inside a Content-Length body that are kept until the length is checked.
pub const MAX_TENTATIVE: usize = 16;

const FROM: &[u8; 5] = b"From ";
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Splits an mbox read in chunks. See the [module documentation](super) for the rules.
///
/// ```
/// use hopscope_core::mbox::MboxSplitter;
///
/// let mbox = b"From a@example.org Fri Nov 22 05:20:40 2024\nSubject: one\n\nbody\n\n\
///              From b@example.org Fri Nov 22 05:21:00 2024\nSubject: two\n";
/// let mut splitter = MboxSplitter::new();
/// let mut parts = Vec::new();
/// for chunk in mbox.chunks(7) {
///     parts.extend(splitter.push(chunk));
/// }
/// parts.extend(splitter.finish());
/// assert_eq!(parts.len(), 2);
/// assert_eq!(parts[0].header, b"Subject: one\n");
/// assert_eq!((parts[0].number, parts[0].offset, parts[0].length), (1, 44, 19));
/// assert_eq!(&mbox[44..44 + 19], b"Subject: one\n\nbody\n");
/// assert_eq!(parts[1].header, b"Subject: two\n");
/// ```
#[derive(Debug)]
pub struct MboxSplitter {
    mode: Mode,
    /// Absolute offset of the next byte to interpret.
    pos: u64,
    /// Bytes pushed so far (ahead of `pos` while bytes wait in `start` or `probe`).
    pushed: u64,
    line: Line,
    /// Messages begun and not yet emitted. The last one is the one being read; the ones before
    /// it are only ever more than one inside a Content-Length body (see the module docs).
    open: Vec<Building>,
    /// Where the Content-Length of `open[0]` says its body ends.
    cl_end: Option<u64>,
    /// The mode to go back to when the bytes at `cl_end` do not confirm the count.
    mode_before_probe: Mode,
    /// The first bytes, until they are sniffed (without a byte order mark and leading NULs).
    start: Vec<u8>,
    /// Bytes dropped before `start`: its offset in the input.
    lead: u64,
    /// Whether a byte order mark was looked for.
    bom_checked: bool,
    /// Bytes from a Content-Length landing point, until they are checked.
    probe: Vec<u8>,
    ready: Vec<MessagePart>,
    stats: SplitStats,
    finished: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Collecting the first bytes to sniff.
    Start,
    /// Not a mailbox: everything is counted and ignored.
    Rejected,
    /// Before the first message: only blank lines (and NUL bytes) so far.
    Preamble,
    /// Inside a `From ` separator line; the next line starts a message.
    Separator,
    /// Reading (and copying) the header block of the last open message.
    Header,
    /// Skipping a body.
    Body,
    /// Collecting the bytes at a Content-Length landing point.
    Probe,
}

/// What is known about the current line: only its start matters.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// Absolute offset of its first byte.
    start: u64,
    /// The line so far is `""` or `"\r"`: it may turn out blank.
    blank_so_far: bool,
    /// The line so far is `"From "[..n]`, for this n.
    from_matched: Option<u8>,
    /// The previous line was blank, or this line starts the input or follows NUL bytes: a
    /// `From ` line here is a separator.
    separator_position: bool,
    /// Where the blank line (or NUL run) before this line began: where a message that ends at a
    /// separator on this line ends.
    gap_start: u64,
    /// Inside a run of NUL bytes.
    in_nul_run: bool,
    /// Length of the header copy when this line began (to drop a blank line's `\r`).
    header_len_at_start: usize,
}

impl Line {
    fn new(start: u64, separator_position: bool, gap_start: u64) -> Line {
        Line {
            start,
            blank_so_far: true,
            from_matched: Some(0),
            separator_position,
            gap_start,
            in_nul_run: false,
            header_len_at_start: 0,
        }
    }

    /// Whether the line is past its special start: neither blank nor `From ` any more.
    fn is_ordinary(&self) -> bool {
        !self.blank_so_far && self.from_matched.is_none()
    }
}

/// A message being read.
#[derive(Debug, Clone)]
struct Building {
    offset: u64,
    /// Set when a separator (or the end of a counted body) ends it.
    end: Option<u64>,
    header: Vec<u8>,
    header_done: bool,
    too_long: bool,
    nul_in_header: bool,
    /// Text before the first separator (a lone .eml), not a message after a `From ` line.
    preamble: bool,
}

impl Building {
    fn new(offset: u64, preamble: bool) -> Building {
        Building {
            offset,
            end: None,
            header: Vec::new(),
            header_done: false,
            too_long: false,
            nul_in_header: false,
            preamble,
        }
    }

    fn capture(&mut self, bytes: &[u8]) {
        if self.too_long {
            return;
        }
        let room = MAX_HEADER_BYTES - self.header.len();
        if bytes.len() > room {
            self.header.extend_from_slice(&bytes[..room]);
            self.too_long = true;
        } else {
            self.header.extend_from_slice(bytes);
        }
    }
}

impl Default for MboxSplitter {
    fn default() -> Self {
        MboxSplitter::new()
    }
}

impl MboxSplitter {
    pub fn new() -> MboxSplitter {
        MboxSplitter {
            mode: Mode::Start,
            pos: 0,
            pushed: 0,
            line: Line::new(0, true, 0),
            open: Vec::new(),
            cl_end: None,
            mode_before_probe: Mode::Body,
            start: Vec::new(),
            lead: 0,
            bom_checked: false,
            probe: Vec::new(),
            ready: Vec::new(),
            stats: SplitStats::default(),
            finished: false,
        }
    }

    /// Reads the next chunk (any size, including empty) and returns the messages it completed,
    /// in file order. A message is only complete once the next separator (or the end, see
    /// [`finish`](Self::finish)) has been read.
    pub fn push(&mut self, chunk: &[u8]) -> impl Iterator<Item = MessagePart> + '_ {
        debug_assert!(!self.finished, "push after finish");
        if !self.finished {
            self.pushed += chunk.len() as u64;
            self.stats.bytes = self.pushed;
            self.feed(chunk);
        }
        self.ready.drain(..)
    }

    /// Ends the input: returns the last messages. Pushing after this is a mistake and ignored.
    pub fn finish(&mut self) -> impl Iterator<Item = MessagePart> + '_ {
        if !self.finished {
            self.finished = true;
            self.end_of_input();
        }
        self.ready.drain(..)
    }

    /// Counts so far; complete after [`finish`](Self::finish).
    pub fn stats(&self) -> SplitStats {
        self.stats
    }

    /// `Some(kind)` once the first bytes show that this is not a mailbox at all (a JPEG, a ZIP,
    /// binary data…). The splitter then yields nothing more, so a caller may stop reading.
    pub fn not_a_mailbox(&self) -> Option<FileKind> {
        self.stats.kind.filter(|k| k.rules_out_mailbox())
    }

    // ---- the machine ----------------------------------------------------------------------

    /// Interprets `bytes`, which start at `self.pos`.
    fn feed(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            match self.mode {
                Mode::Start => {
                    let take = bytes.len().min(SNIFF_LEN.saturating_sub(self.start.len()));
                    self.start.extend_from_slice(&bytes[..take]);
                    bytes = &bytes[take..];
                    self.strip_start();
                    if self.start_is_decidable() {
                        self.decide_start();
                    }
                }
                Mode::Rejected => {
                    self.pos += bytes.len() as u64;
                    return;
                }
                Mode::Probe => {
                    let landing = self.cl_end.unwrap_or(self.pos);
                    self.probe.push(bytes[0]);
                    bytes = &bytes[1..];
                    if let Some(valid) = probe_decision(&self.probe, false) {
                        self.settle_probe(landing, valid);
                    }
                }
                _ => {
                    // Stop at a Content-Length landing point to look at what is there.
                    let limit = match self.cl_end {
                        Some(end) if end >= self.pos => {
                            (end - self.pos).min(bytes.len() as u64) as usize
                        }
                        _ => bytes.len(),
                    };
                    if limit == 0 {
                        self.enter_probe();
                        continue;
                    }
                    let used = self.scan(&bytes[..limit]);
                    bytes = &bytes[used..];
                }
            }
        }
    }

    /// Drops a byte order mark and NUL bytes from the front of the sniffing buffer (counting
    /// the NULs as garbage), so that a zero-filled start cannot fill the buffer.
    fn strip_start(&mut self) {
        if !self.bom_checked {
            if self.start.starts_with(BOM) {
                self.start.drain(..BOM.len());
                self.lead += BOM.len() as u64;
                self.bom_checked = true;
            } else if !BOM.starts_with(&self.start) {
                self.bom_checked = true;
            } else {
                return; // a part of a byte order mark: wait for the rest
            }
        }
        let nuls = self.start.iter().take_while(|&&b| b == 0).count();
        if nuls > 0 {
            self.start.drain(..nuls);
            self.lead += nuls as u64;
            self.stats.garbage_bytes += nuls as u64;
        }
    }

    /// Whether the first bytes say enough. The rules only look at a fixed amount (16 bytes, the
    /// first line, or [`SNIFF_LEN`]), so the answer does not depend on the chunk sizes.
    fn start_is_decidable(&self) -> bool {
        let v = &self.start;
        v.len() >= SNIFF_LEN
            || v.len() >= 16
                && (first_line_complete(v) || sniff::sniff(&v[..16]).rules_out_mailbox())
    }

    /// Sniffs the first bytes, then reads them as the mailbox's start.
    fn decide_start(&mut self) {
        self.bom_checked = true;
        let start = mem::take(&mut self.start);
        let mut kind = sniff::sniff(&start);
        if kind == FileKind::Empty && start.is_empty() && self.stats.garbage_bytes > 0 {
            kind = FileKind::Binary; // only NUL bytes
        }
        self.stats.kind = Some(kind);
        self.pos = self.lead;
        if kind.rules_out_mailbox() {
            self.mode = Mode::Rejected;
        } else {
            self.mode = Mode::Preamble;
            self.line = Line::new(self.pos, true, self.pos);
        }
        self.feed(&start);
    }

    /// Reads lines in the scanning modes; returns how many bytes were used (all of them, or up
    /// to a mode change that `feed` must handle).
    fn scan(&mut self, bytes: &[u8]) -> usize {
        let mut i = 0;
        while i < bytes.len() {
            if !matches!(
                self.mode,
                Mode::Preamble | Mode::Separator | Mode::Header | Mode::Body
            ) {
                break;
            }
            if self.line.in_nul_run {
                let run = bytes[i..].iter().take_while(|&&b| b == 0).count();
                self.stats.garbage_bytes += run as u64;
                i += run;
                self.pos += run as u64;
                if i < bytes.len() {
                    // The run is over: a new line starts here, where a separator may stand.
                    self.line = Line::new(self.pos, true, self.line.gap_start);
                    self.line.header_len_at_start = self.header_len();
                }
                continue;
            }
            let b = bytes[i];
            if b == 0 {
                // The next turn counts the run.
                self.nul(self.pos);
                continue;
            }
            if self.line.is_ordinary() && b != b'\n' {
                // The middle of a line: skip (or copy) to the next newline or NUL.
                let rest = &bytes[i..];
                let n = memchr::memchr2(b'\n', 0, rest).unwrap_or(rest.len());
                if self.mode == Mode::Header {
                    self.capture(&rest[..n]);
                }
                i += n;
                self.pos += n as u64;
                continue;
            }
            self.byte(b);
            i += 1;
            if self.mode == Mode::Probe {
                break;
            }
            // A Content-Length body may have just begun (header end) with a landing point
            // within these bytes: `feed` must cut there.
            if let Some(end) = self.cl_end {
                if self.pos >= end {
                    break;
                }
                if end - self.pos < (bytes.len() - i) as u64 {
                    break;
                }
            }
        }
        i
    }

    fn header_len(&self) -> usize {
        self.open.last().map_or(0, |m| m.header.len())
    }

    fn capture(&mut self, bytes: &[u8]) {
        if let Some(m) = self.open.last_mut() {
            m.capture(bytes);
        }
    }

    /// One byte at the start of a line (or a newline or NUL anywhere); `self.pos` is its offset.
    fn byte(&mut self, b: u8) {
        let at = self.pos;
        if b == b'\n' {
            if self.mode == Mode::Header {
                self.capture(b"\n");
            }
            self.pos += 1;
            self.end_of_line(at);
            return;
        }
        let len = at - self.line.start;
        // What the line was so far, while it was still special: `\r` or a part of `From `.
        let so_far: &[u8] = if self.line.blank_so_far {
            &b"\r"[..len.min(1) as usize]
        } else {
            &FROM[..(len as usize).min(FROM.len())]
        };
        // Update what the line may still be.
        self.line.blank_so_far = self.line.blank_so_far && len == 0 && b == b'\r';
        self.line.from_matched = match self.line.from_matched {
            Some(n) if FROM.get(n as usize) == Some(&b) => Some(n + 1),
            _ => None,
        };
        if self.mode == Mode::Preamble && self.line.is_ordinary() {
            // Text before any separator: a message of its own (a lone .eml), from this line.
            let mut m = Building::new(self.line.start, true);
            m.capture(so_far);
            self.open.push(m);
            self.mode = Mode::Header;
        }
        if self.mode == Mode::Header {
            self.capture(&[b]);
        }
        self.pos += 1;
        if self.line.from_matched == Some(FROM.len() as u8) {
            self.line.from_matched = None;
            if self.line.separator_position && matches!(self.mode, Mode::Preamble | Mode::Body) {
                self.separator(self.line.start);
            }
        }
    }

    /// A newline at `at` ends the current line.
    fn end_of_line(&mut self, at: u64) {
        let blank = self.line.blank_so_far;
        let next = at + 1;
        match self.mode {
            Mode::Separator => {
                self.begin_message(next);
                self.line = Line::new(next, false, next);
                return;
            }
            Mode::Header if blank => {
                let keep = self.line.header_len_at_start;
                if let Some(m) = self.open.last_mut() {
                    if !m.too_long {
                        m.header.truncate(keep);
                    }
                    m.header_done = true;
                }
                self.mode = Mode::Body;
                self.start_counted_body(next);
            }
            _ => {}
        }
        let gap = if blank { self.line.start } else { next };
        self.line = Line::new(next, blank, gap);
        self.line.header_len_at_start = self.header_len();
    }

    /// NUL bytes: damage (a crash leaves zero-filled blocks). They end the line, and a `From `
    /// right after them is a separator, so a zeroed gap cannot swallow the next message.
    fn nul(&mut self, at: u64) {
        match self.mode {
            Mode::Separator => {
                // The separator line ends here; its message starts damaged.
                self.begin_message(at);
                self.nul_in_header();
            }
            Mode::Header => self.nul_in_header(),
            _ => {}
        }
        let gap = if self.line.separator_position && at == self.line.start {
            self.line.gap_start
        } else {
            at
        };
        self.line = Line::new(at, true, gap);
        self.line.in_nul_run = true;
    }

    fn nul_in_header(&mut self) {
        let keep = self.line.header_len_at_start;
        if let Some(m) = self.open.last_mut() {
            if !m.too_long {
                m.header.truncate(keep);
            }
            m.nul_in_header = true;
            m.header_done = true;
        }
        self.mode = Mode::Body;
    }

    fn begin_message(&mut self, offset: u64) {
        self.open.push(Building::new(offset, false));
        self.mode = Mode::Header;
    }

    /// A `From ` separator line starts at `at`.
    fn separator(&mut self, at: u64) {
        let end = self.line.gap_start.min(at);
        if let Some(m) = self.open.last_mut() {
            m.end = Some(end);
        }
        if self.cl_end.is_some() {
            // Inside a counted body: keep it open until the count is checked.
            if self.open.len() > MAX_TENTATIVE {
                self.cl_end = None;
                self.emit_all_but_last_open();
                // The last one just ended too.
                self.emit_open();
            }
        } else {
            self.emit_open();
        }
        self.mode = Mode::Separator;
    }

    /// After a header block ending before `body_start`: a Content-Length to check, if any.
    fn start_counted_body(&mut self, body_start: u64) {
        if self.open.len() != 1 || self.cl_end.is_some() {
            return;
        }
        let m = &self.open[0];
        if m.preamble || m.too_long || m.nul_in_header {
            return;
        }
        if let Some(length) = content_length(&m.header) {
            self.cl_end = Some(body_start.saturating_add(length));
            if self.cl_end == Some(self.pos) {
                self.enter_probe();
            }
        }
    }

    fn enter_probe(&mut self) {
        self.mode_before_probe = self.mode;
        self.mode = Mode::Probe;
    }

    /// The bytes at a landing point are known: the count was right (`valid`) or not.
    fn settle_probe(&mut self, landing: u64, valid: bool) {
        let probe = mem::take(&mut self.probe);
        self.cl_end = None;
        if valid {
            // Separators inside the counted body were body text.
            self.open.truncate(1);
            if let Some(m) = self.open.first_mut() {
                m.end = None;
            }
            self.mode = Mode::Body;
            self.line = Line::new(landing, true, landing);
        } else {
            self.emit_all_but_last_open();
            self.mode = self.mode_before_probe;
            if self.open.last().is_some_and(|m| m.end.is_some()) {
                // The last separator ended it; its `From ` line is being read.
                self.emit_open();
                self.mode = Mode::Separator;
            }
        }
        self.pos = landing;
        self.feed(&probe);
    }

    fn emit_all_but_last_open(&mut self) {
        let keep = self.open.pop();
        for m in mem::take(&mut self.open) {
            self.emit(m, None);
        }
        self.open.extend(keep);
    }

    fn emit_open(&mut self) {
        if let Some(m) = self.open.pop() {
            self.emit(m, None);
        }
        debug_assert!(self.open.is_empty());
    }

    fn emit(&mut self, m: Building, note: Option<PartNote>) {
        let end = m.end.unwrap_or(self.pos).max(m.offset);
        let note = if m.nul_in_header {
            Some(PartNote::NulBytes)
        } else if m.too_long {
            Some(PartNote::HeaderTooLong)
        } else {
            note
        };
        self.stats.messages += 1;
        self.ready.push(MessagePart {
            number: self.stats.messages,
            offset: m.offset,
            length: end - m.offset,
            header: m.header,
            note,
        });
    }

    fn end_of_input(&mut self) {
        if self.mode == Mode::Start {
            self.decide_start();
        }
        if self.cl_end == Some(self.pos) && self.mode != Mode::Probe {
            // The count lands exactly on the end of the input.
            self.enter_probe();
        }
        if self.mode == Mode::Probe {
            let landing = self.cl_end.unwrap_or(self.pos);
            let valid = probe_decision(&self.probe, true).unwrap_or(false);
            self.settle_probe(landing, valid);
        }
        if self.cl_end.take().is_some() {
            // The count points past the end: it was wrong; the separators stand.
            self.emit_all_but_last_open();
            if self.open.last().is_some_and(|m| m.end.is_some()) {
                self.emit_open();
                self.mode = Mode::Separator;
            }
        }
        match self.mode {
            Mode::Separator => {
                // `From ` at the very end: an empty message, so separators and messages match.
                self.open.push(Building::new(self.pos, false));
                self.emit_open();
            }
            Mode::Header => {
                let mid_line = self.pos > self.line.start && !self.line.in_nul_run;
                let truncated = mid_line && self.open.last().is_some_and(|m| !m.preamble);
                if let Some(m) = self.open.pop() {
                    self.emit(m, truncated.then_some(PartNote::Truncated));
                }
            }
            Mode::Body => self.emit_open(),
            Mode::Preamble => {
                if self.stats.kind == Some(FileKind::Mail) || self.stats.kind.is_none() {
                    self.stats.kind = Some(FileKind::Empty);
                }
            }
            Mode::Start | Mode::Rejected | Mode::Probe => {}
        }
    }
}

/// Whether the sniffing buffer holds a complete line that is not blank (as the sniff sees it).
fn first_line_complete(bytes: &[u8]) -> bool {
    sniff::first_line(bytes).is_some_and(|(_, complete)| complete)
}

/// What the bytes at a Content-Length landing point say: `Some(true)` a separator (or the
/// end) is there, `Some(false)` it is not, `None` more bytes are needed.
fn probe_decision(probe: &[u8], at_end: bool) -> Option<bool> {
    const LANDINGS: [&[u8]; 3] = [b"From ", b"\nFrom ", b"\r\nFrom "];
    if LANDINGS.iter().any(|l| probe.starts_with(l)) {
        return Some(true);
    }
    if at_end {
        return Some(matches!(probe, b"" | b"\n" | b"\r\n"));
    }
    let possible = LANDINGS.iter().any(|l| l.starts_with(probe));
    if possible {
        None
    } else {
        Some(false)
    }
}

/// The value of a `Content-Length:` header in a header block, if one is there and readable.
fn content_length(header: &[u8]) -> Option<u64> {
    const NAME: &[u8] = b"content-length:";
    header.split(|&b| b == b'\n').find_map(|line| {
        let head = line.get(..NAME.len())?;
        if !head.eq_ignore_ascii_case(NAME) {
            return None;
        }
        let value = line[NAME.len()..].trim_ascii();
        if value.is_empty() || value.len() > 18 || !value.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(value).ok()?.parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::super::{split_mbox, split_parts};
    use super::*;

    /// Splits `input` pushing chunks of the given sizes in turn (cycled).
    pub(super) fn split_in(input: &[u8], sizes: &[usize]) -> (Vec<MessagePart>, SplitStats) {
        let mut splitter = MboxSplitter::new();
        let mut parts = Vec::new();
        let mut rest = input;
        let mut sizes = sizes.iter().cycle();
        while !rest.is_empty() {
            let n = (*sizes.next().unwrap()).clamp(1, rest.len());
            parts.extend(splitter.push(&rest[..n]));
            rest = &rest[n..];
        }
        parts.extend(splitter.finish());
        (parts, splitter.stats())
    }

    /// Splits whole and in every small chunk size, checks they agree, returns the result.
    fn split(input: &[u8]) -> (Vec<MessagePart>, SplitStats) {
        let whole = split_parts(input);
        for sizes in [&[1][..], &[2], &[3], &[7], &[1, 5, 2, 64]] {
            assert_eq!(split_in(input, sizes), whole, "chunks {sizes:?}");
        }
        for part in &whole.0 {
            let message = &input[part.offset as usize..(part.offset + part.length) as usize];
            assert!(message.starts_with(&part.header), "{part:?}");
        }
        whole
    }

    /// `(header, whole message)` per part, as text.
    fn texts(input: &[u8]) -> Vec<(String, String)> {
        split(input)
            .0
            .iter()
            .map(|p| {
                let m = &input[p.offset as usize..(p.offset + p.length) as usize];
                (
                    String::from_utf8_lossy(&p.header).into_owned(),
                    String::from_utf8_lossy(m).into_owned(),
                )
            })
            .collect()
    }

    fn pairs<'a>(expected: &[(&'a str, &'a str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(h, m)| (h.to_string(), m.to_string()))
            .collect()
    }

    #[test]
    fn three_messages_lf_and_crlf() {
        let lf = "From a Mon\nSubject: 1\nX: y\n\nbody 1\n\nFrom b Tue\nSubject: 2\n\nbody 2\n\n\
                  From c Wed\nSubject: 3\n\nbody 3\n";
        assert_eq!(
            texts(lf.as_bytes()),
            pairs(&[
                ("Subject: 1\nX: y\n", "Subject: 1\nX: y\n\nbody 1\n"),
                ("Subject: 2\n", "Subject: 2\n\nbody 2\n"),
                ("Subject: 3\n", "Subject: 3\n\nbody 3\n"),
            ])
        );
        let crlf = lf.replace('\n', "\r\n");
        let got = texts(crlf.as_bytes());
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].0, "Subject: 1\r\nX: y\r\n");
        assert_eq!(got[2].1, "Subject: 3\r\n\r\nbody 3\r\n");
        let (parts, stats) = split(crlf.as_bytes());
        assert_eq!(
            parts.iter().map(|p| p.number).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        assert_eq!(stats.messages, 3);
        assert_eq!(stats.kind, Some(FileKind::Mail));
        assert_eq!(stats.bytes, crlf.len() as u64);
    }

    #[test]
    fn from_in_a_paragraph_or_quoted_is_body() {
        let mbox = "From a\nSubject: 1\n\nbody\nFrom here on\n>From quoted\n\n>From x\n";
        assert_eq!(texts(mbox.as_bytes()).len(), 1);
    }

    #[test]
    fn a_lone_eml_is_one_message_from_its_first_line() {
        let eml = "\r\n\r\nReceived: from a by b; x\r\nSubject: s\r\n\r\nbody\r\nFrom me\r\n";
        assert_eq!(
            texts(eml.as_bytes()),
            pairs(&[(
                "Received: from a by b; x\r\nSubject: s\r\n",
                "Received: from a by b; x\r\nSubject: s\r\n\r\nbody\r\nFrom me\r\n"
            )])
        );
        // Headers only, without a final line break: complete, not truncated.
        let (parts, _) = split(b"Subject: s\nReceived: x");
        assert_eq!(parts[0].note, None);
        assert_eq!(parts[0].header, b"Subject: s\nReceived: x");
        // A text preamble before the first separator is a message too.
        let text =
            "Microsoft Mail Internet Headers Version 2.0\nReceived: x\n\nFrom a\nSubject: 2\n";
        let got = texts(text.as_bytes());
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[0].0,
            "Microsoft Mail Internet Headers Version 2.0\nReceived: x\n"
        );
        assert_eq!(got[1].0, "Subject: 2\n");
    }

    #[test]
    fn preamble_lines_that_start_like_from_or_cr() {
        assert_eq!(texts(b"Fro: x\n")[0].0, "Fro: x\n");
        assert_eq!(texts(b"\rX: y\n")[0].0, "\rX: y\n");
        assert_eq!(texts(b"\r\nFrom a\nS: 1\n")[0].0, "S: 1\n");
    }

    #[test]
    fn byte_order_mark_and_offsets() {
        let mbox = "\u{feff}From a Mon\nSubject: 1\n";
        let (parts, _) = split(mbox.as_bytes());
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].offset, 3 + 11);
        assert_eq!(parts[0].header, b"Subject: 1\n");
    }

    #[test]
    fn empty_and_blank_inputs_have_no_message() {
        for input in [&b""[..], b"\n\n", b"\r\n", b"\xEF\xBB\xBF"] {
            let (parts, stats) = split(input);
            assert!(parts.is_empty(), "{input:?}");
            assert_eq!(stats.kind, Some(FileKind::Empty), "{input:?}");
        }
    }

    #[test]
    fn empty_messages_have_empty_headers() {
        let got = texts(b"From a Mon\n\nFrom b Tue\n");
        assert_eq!(got, pairs(&[("", ""), ("", "")]));
        let got = texts(b"From a Mon\n\nbody without headers\n");
        assert_eq!(got, pairs(&[("", "\nbody without headers\n")]));
        let (parts, _) = split(b"From a Mon");
        assert_eq!((parts.len(), parts[0].length), (1, 0));
    }

    #[test]
    fn files_that_are_not_mailboxes_are_named_at_once() {
        let jpeg = [
            &[0xFF, 0xD8, 0xFF, 0xE0][..],
            &[b'x'; 5000],
            b"\n\nFrom a\nS: 1\n",
        ]
        .concat();
        let cases: [(&[u8], FileKind); 4] = [
            (&jpeg, FileKind::Jpeg),
            (
                b"PK\x03\x04\x14\x00\x00\x00\x08\x00\x1c\x5d\x6a\x3f\x00\x00",
                FileKind::Zip,
            ),
            (b"%PDF-1.4\n%\xc7\xec\x8f\xa2\n5 0 obj\n", FileKind::Pdf),
            (b"\x01\x02\x03binary\n\nFrom a\nS: 1\n", FileKind::Binary),
        ];
        for (input, kind) in cases {
            let mut splitter = MboxSplitter::new();
            let first: Vec<_> = splitter
                .push(&input[..input.len().min(SNIFF_LEN)])
                .collect();
            assert!(first.is_empty());
            assert_eq!(splitter.not_a_mailbox(), Some(kind));
            let (parts, stats) = split(input);
            assert!(parts.is_empty());
            assert_eq!(stats.kind, Some(kind));
        }
        // Text is not ruled out: it may be a preamble, or a lone message.
        let mut splitter = MboxSplitter::new();
        let _ = splitter.push(b"Dear Bob,\n");
        assert_eq!(splitter.not_a_mailbox(), None);
    }

    #[test]
    fn nul_garbage_between_messages_is_counted_and_cannot_swallow_one() {
        // A zero-filled block, then the next message right after it (no line break).
        let mbox = b"From a\nSubject: 1\n\nbody 1\n\0\0\0\0From b\nSubject: 2\n\nbody 2\n";
        let (parts, stats) = split(mbox);
        assert_eq!(parts.len(), 2);
        assert_eq!(stats.garbage_bytes, 4);
        assert_eq!(parts[1].header, b"Subject: 2\n");
        let first = &mbox[parts[0].offset as usize..][..parts[0].length as usize];
        assert_eq!(first, b"Subject: 1\n\nbody 1\n");
        // After a blank line, the blank line is still the gap.
        let mbox = b"From a\nS: 1\n\nb\n\n\0\0From b\nS: 2\n";
        let got = texts(mbox);
        assert_eq!(got[0].1, "S: 1\n\nb\n");
        // NUL bytes at the very start are garbage, not a reason to give up.
        let (parts, stats) = split(b"\0\0\0From a\nS: 1\n");
        assert_eq!((parts.len(), stats.garbage_bytes), (1, 3));
        let (parts, stats) = split(b"\0\0\0");
        assert_eq!((parts.len(), stats.kind), (0, Some(FileKind::Binary)));
    }

    #[test]
    fn nul_bytes_in_a_header_block_are_noted() {
        let (parts, stats) = split(b"From a\nSubject: 1\nX-Bad: \0\0\0\nTo: b\n\nbody\n");
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].note, Some(PartNote::NulBytes));
        assert_eq!(parts[0].header, b"Subject: 1\n");
        assert_eq!(stats.garbage_bytes, 3);
        let (parts, _) = split(b"From a\0\0From b\nS: 2\n");
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].note, Some(PartNote::NulBytes));
        assert_eq!(parts[1].header, b"S: 2\n");
    }

    #[test]
    fn truncated_last_message_is_noted() {
        let (parts, _) = split(b"From a\nS: 1\n\nbody\n\nFrom b\nReceived: from x by y; Mon, 1 Ja");
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].note, None);
        assert_eq!(parts[1].note, Some(PartNote::Truncated));
        // A complete last header line is a header-only message, not a cut one.
        let (parts, _) = split(b"From a\nS: 1\n");
        assert_eq!(parts[0].note, None);
        // A body cut short cannot be told from a short body.
        let (parts, _) = split(b"From a\nS: 1\n\nbody that stops mid");
        assert_eq!(parts[0].note, None);
    }

    #[test]
    fn long_header_blocks_are_cut_and_noted() {
        let long = [
            &b"From a\nSubject: "[..],
            &vec![b'x'; MAX_HEADER_BYTES + 10],
            b"\nTo: b\n\nbody\n\nFrom b\nS: 2\n",
        ]
        .concat();
        let (parts, _) = split_in(&long, &[65_536]);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].note, Some(PartNote::HeaderTooLong));
        assert_eq!(parts[0].header.len(), MAX_HEADER_BYTES);
        assert_eq!(parts[1].header, b"S: 2\n");
        assert_eq!(split_parts(&long).0, parts);
    }

    #[test]
    fn a_huge_body_without_separators_is_not_kept() {
        // 8 MB of body in 64 KB chunks: one message, and only its header is held.
        let mut splitter = MboxSplitter::new();
        let mut parts: Vec<MessagePart> = splitter.push(b"Received: x\nSubject: big\n\n").collect();
        let block = vec![b'A'; 65_536];
        let line_block: Vec<u8> = block
            .chunks(76)
            .flat_map(|c| c.iter().copied().chain([b'\n']))
            .collect();
        for _ in 0..128 {
            parts.extend(splitter.push(&line_block));
            assert!(splitter.start.capacity() <= SNIFF_LEN);
            assert!(splitter.open.iter().all(|m| m.header.capacity() < 1024));
        }
        parts.extend(splitter.finish());
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].header, b"Received: x\nSubject: big\n");
        assert_eq!(parts[0].length, 26 + 128 * line_block.len() as u64);
    }

    #[test]
    fn content_length_is_followed_when_it_lands_on_a_separator() {
        // mboxcl2: an unquoted `From ` paragraph in the body, and a right count.
        let body = "Hi\n\nFrom the desk of Bob\n";
        let mbox = format!(
            "From a\nContent-Length: {}\nSubject: 1\n\n{body}\nFrom b\nSubject: 2\n\nx\n",
            body.len()
        );
        let got = texts(mbox.as_bytes());
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            got[0].1,
            format!("Content-Length: {}\nSubject: 1\n\n{body}", body.len())
        );
        assert_eq!(got[1].0, "Subject: 2\n");
        // The same at the end of the file, with and without a final line break.
        for tail in ["", "\n", "\r\n"] {
            let mbox = format!("From a\nContent-Length: {}\n\n{body}{tail}", body.len());
            assert_eq!(texts(mbox.as_bytes()).len(), 1, "{tail:?}");
        }
        // CRLF, and a separator straight after the counted bytes.
        let mbox = format!(
            "From a\r\nContent-Length: {}\r\n\r\n{body}From b\r\nS: 2\r\n",
            body.len()
        );
        assert_eq!(texts(mbox.as_bytes()).len(), 2);
    }

    #[test]
    fn a_wrong_content_length_falls_back_to_separators() {
        let body = "Hi\n\nFrom the desk of Bob\nS: x\n";
        for length in [3, 10, body.len() + 3, 999_999] {
            let mbox = format!(
                "From a\nContent-Length: {length}\nSubject: 1\n\n{body}\nFrom b\nSubject: 2\n\nx\n"
            );
            let got = texts(mbox.as_bytes());
            assert_eq!(got.len(), 3, "length {length}: {got:?}");
            assert_eq!(got[1].0, "S: x\n");
            assert_eq!(got[2].0, "Subject: 2\n");
        }
        // Unreadable values are ignored.
        for value in ["-5", "12abc", "", "99999999999999999999"] {
            let mbox = format!("From a\nContent-Length: {value}\n\nb\n\nFrom b\nS: 2\n");
            assert_eq!(texts(mbox.as_bytes()).len(), 2, "{value:?}");
        }
    }

    #[test]
    fn many_separators_in_a_counted_body_bound_the_look_ahead() {
        let mut body = String::new();
        for i in 0..(MAX_TENTATIVE + 5) {
            body.push_str(&format!("\nFrom x{i}\nS: {i}\n"));
        }
        // A count past the end: every separator stands.
        let mbox = format!("From a\nContent-Length: 999999\n\n{body}");
        let (parts, _) = split(mbox.as_bytes());
        assert_eq!(parts.len(), MAX_TENTATIVE + 6);
        // A right count: the look-ahead gave up after MAX_TENTATIVE, so they stand too.
        let mbox = format!("From a\nContent-Length: {}\n\n{body}", body.len());
        let (parts, _) = split(mbox.as_bytes());
        assert_eq!(parts.len(), MAX_TENTATIVE + 6);
        // Below the limit a right count wins.
        let short: String = (0..3).map(|i| format!("\nFrom x{i}\nS: {i}\n")).collect();
        let mbox = format!("From a\nContent-Length: {}\n\n{short}", short.len());
        assert_eq!(split(mbox.as_bytes()).0.len(), 1);
    }

    #[test]
    fn agrees_with_split_mbox_on_plain_mailboxes() {
        let mbox =
            "From a Mon\nSubject: 1\n\nbody 1\n\n\nFrom b Tue\r\nSubject: 2\r\n\r\nbody\r\n\r\n\
                    From c\n\nFrom d\nX: 1";
        let whole: Vec<&[u8]> = split_mbox(mbox.as_bytes());
        let parts = split(mbox.as_bytes()).0;
        let ours: Vec<&[u8]> = parts
            .iter()
            .map(|p| &mbox.as_bytes()[p.offset as usize..(p.offset + p.length) as usize])
            .collect();
        assert_eq!(ours, whole);
    }

    #[test]
    fn never_panics_on_odd_pieces() {
        let pieces: [&[u8]; 10] = [
            b"From ",
            b"\n",
            b"\r\n",
            b"\r",
            b"x",
            b"\xef\xbb\xbf",
            b"\0",
            b"Content-Length: 2\n",
            b"S: 1\n",
            b"",
        ];
        let mut total = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        let input = [a, b, c, d].concat();
                        total += split(&input).0.len();
                        assert!(!split_mbox(&input).is_empty(), "{input:?}");
                    }
                }
            }
        }
        assert!(total > 0);
    }
}

/// Chunking never changes the result; on plain mailboxes the split is `split_mbox`'s.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::super::{split_mbox, split_parts};
    use super::tests::split_in;
    use proptest::prelude::*;

    const PIECES: &[&[u8]] = &[
        b"From a@b Mon Jan  1 00:00:00 2024\n",
        b"From ",
        b"From x\r\n",
        b">From y\n",
        b"\n",
        b"\r\n",
        b"\r",
        b"Subject: hi\n",
        b"Received: from a by b; Mon, 1 Jan 2024\r\n",
        b"Content-Length: 5\n",
        b"Content-Length: 0\n",
        b"Content-Length: 40\r\n",
        b"body text ",
        b"\0",
        b"\0\0\0\0",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\t folded\n",
        b"hello\n\nFrom z\n",
    ];

    fn mbox() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|p| p.concat())
    }

    /// Without the things only the splitter reads (NUL bytes, Content-Length, a preamble).
    fn plain_mbox() -> impl Strategy<Value = Vec<u8>> {
        let plain: Vec<&[u8]> = PIECES
            .iter()
            .copied()
            .filter(|p| !p.contains(&0) && !p.starts_with(b"Content"))
            .collect();
        prop::collection::vec(prop::sample::select(plain), 0..40)
            .prop_map(|p| [&b"From a\n"[..], &p.concat()].concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn any_chunking_gives_the_same_messages(
            input in mbox(),
            sizes in prop::collection::vec(1usize..20, 1..8),
        ) {
            let whole = split_parts(&input);
            prop_assert_eq!(&split_in(&input, &sizes), &whole);
            let mut end = 0;
            for (i, p) in whole.0.iter().enumerate() {
                prop_assert_eq!(p.number, i as u64 + 1);
                prop_assert!(p.offset >= end, "messages in order, not overlapping");
                end = p.offset + p.length;
                prop_assert!(end <= input.len() as u64);
                if p.note.is_none() {
                    let m = &input[p.offset as usize..end as usize];
                    prop_assert!(m.starts_with(&p.header));
                }
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(input in prop::collection::vec(any::<u8>(), 0..600), size in 1usize..50) {
            let whole = split_parts(&input);
            prop_assert_eq!(&split_in(&input, &[size]), &whole);
        }

        #[test]
        fn plain_mailboxes_split_like_split_mbox(input in plain_mbox()) {
            let parts = split_parts(&input).0;
            let ours: Vec<&[u8]> = parts
                .iter()
                .map(|p| &input[p.offset as usize..(p.offset + p.length) as usize])
                .collect();
            prop_assert_eq!(ours, split_mbox(&input));
        }
    }
}
