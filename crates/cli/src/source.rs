//! Reading mailboxes without holding them: a file (or standard input) is read in 1 MiB chunks
//! through the core's `MboxSplitter`, and its messages — header blocks only — are handed on in
//! batches. Memory is one chunk, one batch and the splitter's header block, whatever the file
//! size. An Outlook `.msg` (recognised by its first bytes) is read with `hopscope-msg` instead
//! and gives one message: its transport headers.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::Arc;

use hopscope_core::mbox::{MboxSplitter, MessagePart, SplitStats};
use hopscope_core::sniff::{self, FileKind};
use indicatif::ProgressBar;

/// Bytes read at a time.
const CHUNK: usize = 1 << 20;
/// A batch is handed on when it holds this many messages…
const BATCH_MESSAGES: usize = 256;
/// …or this many header bytes.
const BATCH_BYTES: usize = 4 << 20;

/// Where a mailbox comes from.
#[derive(Debug, Clone)]
pub struct Input {
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    /// The name used in messages and in the report (control characters made visible).
    pub label: Arc<str>,
    /// Size in bytes, when known (for the progress bar).
    pub size: Option<u64>,
}

/// Messages of one file, in file order.
pub struct Batch {
    pub file: u32,
    pub label: Arc<str>,
    pub parts: Vec<MessagePart>,
}

/// How reading one input ended.
pub struct Outcome {
    pub stats: SplitStats,
    /// A read error that stopped the file early (messages before it were handed on).
    pub error: Option<io::Error>,
    /// Why a `.msg` gave no message, in words for people.
    pub note: Option<String>,
}

/// Reads `input` to its end (or until it proves not to be a mailbox), handing batches to
/// `sink`. An error from `sink` stops the reading and is returned; read errors are reported in
/// the [`Outcome`].
pub fn read(
    input: &Input,
    file: u32,
    progress: Option<&ProgressBar>,
    sink: &mut dyn FnMut(Batch) -> anyhow::Result<()>,
) -> anyhow::Result<Outcome> {
    let mut reader: Box<dyn Read> = match &input.path {
        None => Box::new(io::stdin().lock()),
        Some(path) => match File::open(path) {
            Ok(f) => {
                if let Some(outcome) = read_msg(&f, input, file, progress, sink)? {
                    return Ok(outcome);
                }
                Box::new(f)
            }
            Err(e) => {
                return Ok(Outcome {
                    stats: SplitStats::default(),
                    error: Some(e),
                    note: None,
                })
            }
        },
    };
    let mut splitter = MboxSplitter::new();
    let mut buf = vec![0u8; CHUNK];
    let mut batch = Batcher::new(file, input.label.clone());
    let mut error = None;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                error = Some(e);
                break;
            }
        };
        for part in splitter.push(&buf[..n]) {
            batch.add(part, sink)?;
        }
        if let Some(bar) = progress {
            bar.inc(n as u64);
        }
        if splitter.not_a_mailbox().is_some() {
            // Nothing more will come out of it: do not read a 2 GB video to the end.
            break;
        }
    }
    for part in splitter.finish() {
        batch.add(part, sink)?;
    }
    batch.flush(sink)?;
    Ok(Outcome {
        stats: splitter.stats(),
        error,
        note: None,
    })
}

/// Collects parts into batches.
struct Batcher {
    file: u32,
    label: Arc<str>,
    parts: Vec<MessagePart>,
    bytes: usize,
}

impl Batcher {
    fn new(file: u32, label: Arc<str>) -> Batcher {
        Batcher {
            file,
            label,
            parts: Vec::new(),
            bytes: 0,
        }
    }

    fn add(
        &mut self,
        part: MessagePart,
        sink: &mut dyn FnMut(Batch) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        self.bytes += part.header.len();
        self.parts.push(part);
        if self.parts.len() >= BATCH_MESSAGES || self.bytes >= BATCH_BYTES {
            self.flush(sink)?;
        }
        Ok(())
    }

    fn flush(&mut self, sink: &mut dyn FnMut(Batch) -> anyhow::Result<()>) -> anyhow::Result<()> {
        if self.parts.is_empty() {
            return Ok(());
        }
        self.bytes = 0;
        sink(Batch {
            file: self.file,
            label: self.label.clone(),
            parts: std::mem::take(&mut self.parts),
        })
    }
}

/// An Outlook `.msg` (an OLE compound file): one message, its transport headers. `None` when
/// the file is not one, so that it is read as a mailbox.
fn read_msg(
    mut f: &File,
    input: &Input,
    file: u32,
    progress: Option<&ProgressBar>,
    sink: &mut dyn FnMut(Batch) -> anyhow::Result<()>,
) -> anyhow::Result<Option<Outcome>> {
    let mut head = [0u8; 8];
    let n = f.read(&mut head).unwrap_or(0);
    let is_msg = sniff::sniff(&head[..n]) == FileKind::Ole;
    if let Err(e) = f.seek(SeekFrom::Start(0)) {
        return Ok(Some(Outcome {
            stats: SplitStats::default(),
            error: Some(e),
            note: None,
        }));
    }
    if !is_msg {
        return Ok(None);
    }
    let size = f.metadata().map(|m| m.len()).unwrap_or(0);
    if let Some(bar) = progress {
        bar.inc(size);
    }
    let msg = match hopscope_msg::read_from(f) {
        Ok(msg) => msg,
        Err(e) => {
            return Ok(Some(Outcome {
                stats: SplitStats::msg_file(size, false),
                error: None,
                note: Some(e.to_string()),
            }))
        }
    };
    // Read as a message: it is mail, whatever its headers say.
    let stats = SplitStats::msg_file(size, true);
    let header = msg.transport_headers().unwrap_or_default();
    let note = msg.no_headers_reason().map(str::to_owned);
    sink(Batch {
        file,
        label: input.label.clone(),
        parts: vec![MessagePart::whole_file(size, header)],
    })?;
    Ok(Some(Outcome {
        stats,
        error: None,
        note,
    }))
}
