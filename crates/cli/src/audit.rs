//! `hopscope audit PATH...`: every message of mbox files, Maildir folders and trees of `.eml`
//! and `.msg` files, counted into one aggregate (the core's `aggregate` module).
//!
//! One reader thread walks the inputs in order and splits them (the splitter runs at several
//! GB/s, so one is enough), handing batches of header blocks over a bounded channel to N
//! analysis threads; each counts into its own `Aggregate`, and the aggregates are merged at
//! the end — the core guarantees the result does not depend on the split. With `--threads 1`
//! everything runs on the calling thread. Plain `std` threads and channels rather than rayon:
//! the work is a pipeline with one producer, which channels express directly, and it keeps
//! the binary free of another dependency. Measured on the 1 GB generated mailbox (2 cores):
//! rayon's `par_bridge` + `fold`/`reduce` over the same batches took the same time as these
//! threads (0.90–0.96 s against 0.88–0.96 s), and gave the same JSON. CSV rows, which are
//! written as messages are analysed, are put back in input order by batch number before they
//! are written.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use hopscope_core::aggregate::{self, csv, render, Aggregate, MessageRef, SkipReason};
use hopscope_core::policy::{self, Policy};
use hopscope_core::render::one_line;
use hopscope_core::words;
use indicatif::{ProgressBar, ProgressStyle};

use crate::source::{self, Batch, Input};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditFormat {
    Json,
    Markdown,
    Text,
    Csv,
}

/// Skipped messages named one by one on standard error; the rest are counted.
const SKIPS_NAMED: u64 = 10;

/// Runs an audit and prints its result. With a `policy`, every message is checked against it
/// and the aggregate counts the answers.
pub fn run(
    paths: &[PathBuf],
    format: AuditFormat,
    threads: usize,
    policy: Option<&Policy>,
) -> anyhow::Result<ExitCode> {
    let (inputs, ignored) = collect(paths)?;
    let progress = progress_bar(&inputs);
    let notes = Notes {
        bar: progress.clone(),
    };
    if ignored > 0 {
        notes.say(&format!(
            "ignored {} in folders: not .eml, .msg or mbox files, nor Maildir messages.",
            words::count(ignored, "file", "files")
        ));
    }
    let stdout_is_terminal = io::stdout().is_terminal();
    let mut out: Box<dyn Write> = if stdout_is_terminal {
        Box::new(io::stdout().lock())
    } else {
        Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout().lock()))
    };
    let mut writer = Writer {
        out: &mut out,
        csv: format == AuditFormat::Csv,
        bar: progress.clone().filter(|_| stdout_is_terminal),
        notes: &notes,
        skips_named: 0,
        skips: 0,
    };
    if writer.csv {
        writer.write(match policy {
            Some(_) => csv::csv_header_with_policy(),
            None => csv::csv_header(),
        })?;
    }
    let aggregate = if threads <= 1 {
        run_inline(&inputs, &mut writer, progress.as_ref(), &notes, policy)?
    } else {
        run_parallel(
            &inputs,
            threads,
            &mut writer,
            progress.as_ref(),
            &notes,
            policy,
        )?
    };
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    if writer.skips > SKIPS_NAMED {
        notes.say(&format!(
            "… and {} more skipped (counted in the report).",
            words::count(writer.skips - SKIPS_NAMED, "message", "messages")
        ));
    }
    let report = aggregate.report();
    let text = match format {
        AuditFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
        AuditFormat::Markdown => render::markdown(&report),
        AuditFormat::Text => render::text(&report),
        AuditFormat::Csv => String::new(),
    };
    writer.write(&text)?;
    out.flush()?;
    if report.totals.analysed == 0 {
        eprintln!(
            "hopscope: no message that looks like email was found ({} read).",
            words::count(report.files.files, "file", "files")
        );
        return Ok(ExitCode::from(1));
    }
    // The same codes as `analyze --policy`.
    Ok(match &report.policy {
        Some(p) if p.messages.fail > 0 => ExitCode::from(3),
        Some(p) if p.messages.cannot_tell > 0 => ExitCode::from(4),
        _ => ExitCode::SUCCESS,
    })
}

/// Reading, splitting and analysing on the calling thread.
fn run_inline(
    inputs: &[Input],
    writer: &mut Writer,
    progress: Option<&ProgressBar>,
    notes: &Notes,
    policy: Option<&Policy>,
) -> anyhow::Result<Aggregate> {
    let mut aggregate = Aggregate::default();
    let csv = writer.csv;
    for (i, input) in inputs.iter().enumerate() {
        let outcome = source::read(input, i as u32, progress, &mut |batch| {
            let done = analyse(batch, 0, &mut aggregate, csv, policy);
            writer.done(&done, progress, aggregate.messages())
        })?;
        file_done(&mut aggregate, input, outcome, notes);
    }
    Ok(aggregate)
}

/// One reader thread, `threads` analysis threads, results put back in order here.
fn run_parallel(
    inputs: &[Input],
    threads: usize,
    writer: &mut Writer,
    progress: Option<&ProgressBar>,
    notes: &Notes,
    policy: Option<&Policy>,
) -> anyhow::Result<Aggregate> {
    let csv = writer.csv;
    std::thread::scope(|scope| {
        // Bounded: the reader waits when the analysis falls behind, so memory stays bounded.
        let (job_tx, job_rx) = mpsc::sync_channel::<(u64, Batch)>(threads * 2);
        let job_rx = Arc::new(Mutex::new(job_rx));
        let (done_tx, done_rx) = mpsc::channel::<Done>();
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let job_rx = Arc::clone(&job_rx);
                let done_tx = done_tx.clone();
                scope.spawn(move || {
                    let mut aggregate = Aggregate::default();
                    loop {
                        let job = job_rx.lock().map(|rx| rx.recv());
                        let Ok(Ok((seq, batch))) = job else { break };
                        let done = analyse(batch, seq, &mut aggregate, csv, policy);
                        if done_tx.send(done).is_err() {
                            break;
                        }
                    }
                    aggregate
                })
            })
            .collect();
        drop(done_tx);
        drop(job_rx);
        let reader = scope.spawn(move || -> anyhow::Result<Aggregate> {
            let mut files = Aggregate::default();
            let mut seq = 0u64;
            for (i, input) in inputs.iter().enumerate() {
                let outcome = source::read(input, i as u32, progress, &mut |batch| {
                    job_tx
                        .send((seq, batch))
                        .map_err(|_| anyhow::anyhow!("the analysis stopped"))?;
                    seq += 1;
                    Ok(())
                })?;
                file_done(&mut files, input, outcome, notes);
            }
            Ok(files)
        });

        // Results come back in any order; CSV rows and notes go out in input order.
        let mut waiting: BTreeMap<u64, Done> = BTreeMap::new();
        let mut next = 0u64;
        let mut messages = 0u64;
        let mut result = Ok(());
        for done in done_rx.iter() {
            waiting.insert(done.seq, done);
            while let Some(done) = waiting.remove(&next) {
                messages += done.messages;
                if result.is_ok() {
                    result = writer.done(&done, progress, messages);
                }
                next += 1;
            }
            if result.is_err() {
                break;
            }
        }
        // On a write error this stops the workers, which stops the reader.
        drop(done_rx);
        let mut aggregate = Aggregate::default();
        for worker in workers {
            let part = worker
                .join()
                .map_err(|_| anyhow::anyhow!("an analysis thread panicked"))?;
            aggregate.merge(part);
        }
        let files = reader
            .join()
            .map_err(|_| anyhow::anyhow!("the reading thread panicked"))?;
        result?;
        aggregate.merge(files?);
        Ok(aggregate)
    })
}

/// What one batch gave.
struct Done {
    seq: u64,
    messages: u64,
    csv: String,
    /// The first few skipped messages of the batch, to name on standard error.
    skips: Vec<(MessageRef, SkipReason)>,
    skip_count: u64,
}

/// Analyses a batch into `aggregate`, checking each message against `policy` if there is one.
fn analyse(
    batch: Batch,
    seq: u64,
    aggregate: &mut Aggregate,
    want_csv: bool,
    policy: Option<&Policy>,
) -> Done {
    let mut done = Done {
        seq,
        messages: batch.parts.len() as u64,
        csv: String::new(),
        skips: Vec::new(),
        skip_count: 0,
    };
    for part in &batch.parts {
        let source = MessageRef::new(batch.file, &batch.label, part);
        match aggregate::analyze_part(part) {
            Ok(mut report) => {
                if let Some(policy) = policy {
                    report.policy = Some(policy::check(&report, policy, None));
                }
                if want_csv {
                    done.csv.push_str(&csv::csv_rows(&report, &source));
                }
                aggregate.add(&report, source);
            }
            Err(reason) => {
                done.skip_count += 1;
                if done.skips.len() < SKIPS_NAMED as usize {
                    done.skips.push((source.clone(), reason));
                }
                aggregate.skip(reason, source);
            }
        }
    }
    done
}

/// Counts a file once read, and says on standard error what was wrong with it, if anything.
fn file_done(aggregate: &mut Aggregate, input: &Input, outcome: source::Outcome, notes: &Notes) {
    let label = &input.label;
    if let Some(note) = &outcome.note {
        notes.say(&format!("{label}: {note}"));
    }
    if let Some(error) = &outcome.error {
        notes.say(&format!("{label}: cannot read it to the end: {error}"));
        aggregate.add_unreadable_file();
        return;
    }
    let stats = outcome.stats;
    aggregate.add_file(&stats);
    match stats.kind {
        Some(kind) if kind.rules_out_mailbox() && outcome.note.is_none() => notes.say(&format!(
            "{label}: not a mailbox: it looks like {}.",
            words::file_kind_word(kind)
        )),
        _ if stats.messages > 0 || outcome.note.is_some() => {}
        Some(hopscope_core::sniff::FileKind::Empty) | None => {
            notes.say(&format!("{label}: empty file."))
        }
        Some(_) => notes.say(&format!(
            "{label}: no message found: it is text that is not mail."
        )),
    }
    if stats.garbage_bytes > 0 {
        notes.say(&format!(
            "{label}: {} (a damaged file) skipped.",
            words::count(stats.garbage_bytes, "NUL byte", "NUL bytes")
        ));
    }
}

/// Standard output, kept in step with the progress bar.
struct Writer<'a> {
    out: &'a mut Box<dyn Write>,
    csv: bool,
    /// The bar, when standard output shares its terminal.
    bar: Option<ProgressBar>,
    notes: &'a Notes,
    skips_named: u64,
    skips: u64,
}

impl Writer<'_> {
    fn write(&mut self, text: &str) -> io::Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        match &self.bar {
            Some(bar) => bar.suspend(|| self.out.write_all(text.as_bytes())),
            None => self.out.write_all(text.as_bytes()),
        }
    }

    fn done(
        &mut self,
        done: &Done,
        progress: Option<&ProgressBar>,
        messages: u64,
    ) -> anyhow::Result<()> {
        self.write(&done.csv).context("writing the CSV rows")?;
        for (source, reason) in &done.skips {
            if self.skips_named < SKIPS_NAMED {
                self.skips_named += 1;
                self.notes.say(&format!(
                    "{}, message {} (byte {}): skipped: {}.",
                    source.file_name,
                    source.number,
                    source.offset,
                    words::skip_reason_word(*reason)
                ));
            }
        }
        self.skips += done.skip_count;
        if let Some(bar) = progress {
            bar.set_message(words::count(messages, "message", "messages"));
        }
        Ok(())
    }
}

/// Lines for standard error that do not tear the progress bar.
struct Notes {
    bar: Option<ProgressBar>,
}

impl Notes {
    fn say(&self, message: &str) {
        let line = format!("hopscope: {message}");
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
}

/// A bar on standard error when it is a terminal: bytes, speed, time left, messages.
fn progress_bar(inputs: &[Input]) -> Option<ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let total: Option<u64> = inputs.iter().map(|i| i.size).sum();
    let bar = match total {
        Some(total) => ProgressBar::new(total),
        None => ProgressBar::no_length(),
    };
    let template = if total.is_some() {
        "{wide_bar} {bytes}/{total_bytes} {bytes_per_sec} {msg}, {eta} left"
    } else {
        "{spinner} {bytes} {bytes_per_sec} {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(bar)
}

/// The files to read, in order: the paths as given, directories walked in name order. Returns
/// the number of files in directories that were left out (not mail by name or first line).
pub fn collect(paths: &[PathBuf]) -> anyhow::Result<(Vec<Input>, u64)> {
    let mut inputs = Vec::new();
    let mut ignored = 0;
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input {
                path: None,
                label: Arc::from(crate::input::STDIN_LABEL),
                size: None,
            });
            continue;
        }
        let meta =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", label(path)))?;
        if meta.is_dir() {
            walk(path, &mut inputs, &mut ignored)
                .with_context(|| format!("cannot read {}", label(path)))?;
        } else {
            // A file named on the command line that cannot be opened is bad usage (exit 2),
            // found before anything is printed; one found in a folder is counted instead.
            std::fs::File::open(path).with_context(|| format!("cannot read {}", label(path)))?;
            inputs.push(Input {
                path: Some(path.clone()),
                label: label(path).into(),
                size: Some(meta.len()),
            });
        }
    }
    Ok((inputs, ignored))
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, ignored: &mut u64) -> io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    let in_maildir = matches!(
        dir.file_name().and_then(|n| n.to_str()),
        Some("cur" | "new")
    );
    let is_maildir = entries
        .iter()
        .any(|e| matches!(e.file_name().to_str(), Some("cur" | "new")));
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            // A Maildir's `tmp/` holds messages still being written.
            if !(is_maildir && name == "tmp") {
                walk(&path, inputs, ignored)?;
            }
            continue;
        }
        if name.starts_with('.') {
            continue;
        }
        // Symbolic links to files are followed; to directories, not (no loops).
        let Ok(meta) = std::fs::metadata(&path) else {
            *ignored += 1;
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        if aggregate::audits_file(&name, in_maildir, || starts_with_from_line(&path)) {
            inputs.push(Input {
                label: label(&path).into(),
                path: Some(path),
                size: Some(meta.len()),
            });
        } else {
            *ignored += 1;
        }
    }
    Ok(())
}

/// Whether the file's first bytes are an mbox `From ` line.
fn starts_with_from_line(path: &Path) -> bool {
    use std::io::Read as _;
    let mut head = [0u8; 5];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"From ")
}

fn label(path: &Path) -> String {
    one_line(&path.display().to_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mail_names() {
        for name in [
            "a.eml",
            "B.EML",
            "x.msg",
            "All mail.mbox",
            "mbox",
            "old.mbx",
        ] {
            assert!(aggregate::is_mail_name(name), "{name}");
        }
        for name in ["a.txt", "Inbox.msf", "mbox.bak", "dovecot.index"] {
            assert!(!aggregate::is_mail_name(name), "{name}");
        }
    }
}
