//! A realistic mbox for benchmarks, deterministic from a seed.
//!
//! Header blocks are the real shapes of the core's fixtures (`crates/core/tests/fixtures/*/
//! *.eml`: every MTA dialect, 2 to 12 Received lines, Authentication-Results, DKIM…), with
//! From, To, Subject, Date and Message-ID rewritten per message (senders drawn from 400
//! organisations with a long-tailed popularity). Bodies have a long-tailed size: log-normal
//! text with a median of 4 KB, and 6% of the messages carry a base64 attachment whose size
//! follows a Pareto law from 150 KB (capped at 12 MB), so a gigabyte holds about 20,000
//! messages, as a Gmail Takeout does. Some body lines start with `>From ` (mboxrd quoting) or
//! `From` in a paragraph, as real ones do.

#![allow(dead_code)]

use std::io::{self, Write};
use std::path::Path;

/// SplitMix64: small, fast and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u1 = self.unit().max(1e-12);
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

/// The header blocks of the fixtures, without the fields rewritten per message.
pub fn header_shapes(fixtures: &Path) -> io::Result<Vec<String>> {
    let mut paths = Vec::new();
    for dir in std::fs::read_dir(fixtures)? {
        let dir = dir?.path();
        if dir.is_dir() {
            for file in std::fs::read_dir(&dir)? {
                let file = file?.path();
                if file.extension().is_some_and(|e| e == "eml") {
                    paths.push(file);
                }
            }
        }
    }
    paths.sort();
    let mut shapes = Vec::new();
    for path in paths {
        let text = String::from_utf8_lossy(&std::fs::read(&path)?).replace("\r\n", "\n");
        let header = text.split("\n\n").next().unwrap_or("");
        let mut kept = String::new();
        let mut skipping = false;
        for line in header.lines() {
            let continuation = line.starts_with([' ', '\t']);
            if !continuation {
                let name = line.split(':').next().unwrap_or("").to_ascii_lowercase();
                skipping = matches!(
                    name.as_str(),
                    "from"
                        | "to"
                        | "subject"
                        | "date"
                        | "message-id"
                        | "content-type"
                        | "mime-version"
                        | "content-length"
                );
            }
            if !skipping {
                kept.push_str(line);
                kept.push('\n');
            }
        }
        if kept.contains("Received:") {
            shapes.push(kept);
        }
    }
    Ok(shapes)
}

const WORDS: &[&str] = &[
    "the",
    "report",
    "meeting",
    "invoice",
    "quarterly",
    "update",
    "please",
    "find",
    "attached",
    "thanks",
    "regards",
    "schedule",
    "project",
    "review",
    "budget",
    "draft",
    "final",
    "team",
    "customer",
    "order",
    "shipping",
    "account",
    "password",
    "security",
    "notice",
    "weekly",
    "from",
    "with",
    "about",
    "lunch",
    "friday",
    "monday",
    "contract",
    "signed",
    "question",
];

/// Writes about `bytes` bytes of mbox to `out`; returns the number of messages.
pub fn write_mbox(
    out: &mut impl Write,
    bytes: u64,
    seed: u64,
    shapes: &[String],
) -> io::Result<u64> {
    assert!(!shapes.is_empty(), "no header shapes");
    let mut rng = Rng::new(seed);
    // One megabyte each of base64 and of text, sliced for bodies.
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut base64 = Vec::with_capacity(1 << 20);
    while base64.len() < 1 << 20 {
        for _ in 0..76 {
            base64.push(alphabet[rng.below(64)]);
        }
        base64.push(b'\n');
    }
    let mut text = String::with_capacity(1 << 20);
    let mut line = String::new();
    while text.len() < 1 << 20 {
        let word = WORDS[rng.below(WORDS.len())];
        if line.len() + word.len() + 1 > 72 {
            text.push_str(&line);
            text.push('\n');
            line.clear();
            match rng.below(40) {
                0 => text.push_str(">From the archive, as quoted by mboxrd writers\n"),
                1 => text.push('\n'),
                _ => {}
            }
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    let text = text.as_bytes();
    let orgs: Vec<String> = (0..400).map(|i| format!("org{i:03}.example")).collect();

    let mut written = 0u64;
    let mut messages = 0u64;
    // 2019-01-01 .. 2025-12-31
    let (start, span) = (1_546_300_800i64, 7 * 365 * 86_400i64);
    while written < bytes {
        messages += 1;
        let shape = &shapes[rng.below(shapes.len())];
        // Popularity falls off like 1/rank: a few partners send most of the mail.
        let rank = ((orgs.len() as f64).powf(rng.unit()) as usize - 1).min(orgs.len() - 1);
        let org = &orgs[rank];
        let when = start + (rng.next() % span as u64) as i64;
        let mut m = Vec::with_capacity(8192);
        writeln!(m, "From sender{}@{org} {}", rng.below(50), asctime(when))?;
        m.extend_from_slice(shape.as_bytes());
        write!(
            m,
            "From: Sender {} <sender{}@{org}>\nTo: Bob <bob@recipient.example>\n\
             Subject: {} {} {}\nDate: {}\nMessage-ID: <{:016x}@{org}>\nMIME-Version: 1.0\n",
            rank,
            rng.below(50),
            WORDS[rng.below(WORDS.len())],
            WORDS[rng.below(WORDS.len())],
            messages,
            rfc2822(when),
            rng.next()
        )?;
        // Body: log-normal text, median 4 KB.
        let text_len = ((4000f64.ln() + rng.normal()).exp() as usize).clamp(200, 900_000);
        let attachment = (rng.below(100) < 6).then(|| {
            let pareto = 150_000.0 / rng.unit().max(1e-9).powf(1.0 / 1.3);
            (pareto as usize).min(12 << 20)
        });
        if let Some(size) = attachment {
            m.extend_from_slice(
                b"Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\n\
                  Content-Type: text/plain; charset=utf-8\n\n",
            );
            push_slice(&mut m, text, text_len, &mut rng);
            m.extend_from_slice(
                b"\n--b1\nContent-Type: application/pdf; name=\"report.pdf\"\n\
                  Content-Transfer-Encoding: base64\n\n",
            );
            push_slice(&mut m, &base64, size, &mut rng);
            m.extend_from_slice(b"\n--b1--\n");
        } else {
            m.extend_from_slice(b"Content-Type: text/plain; charset=utf-8\n\n");
            push_slice(&mut m, text, text_len, &mut rng);
        }
        m.push(b'\n');
        out.write_all(&m)?;
        written += m.len() as u64;
    }
    Ok(messages)
}

/// About `len` bytes of `source` from a random line, wrapping, ending with a line break.
fn push_slice(m: &mut Vec<u8>, source: &[u8], len: usize, rng: &mut Rng) {
    let mut left = len;
    let mut at = rng.below(source.len());
    // Start on a line.
    at = source[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(0, |i| at + i + 1);
    while left > 0 {
        if at >= source.len() {
            at = 0;
        }
        let take = left.min(source.len() - at);
        m.extend_from_slice(&source[at..at + take]);
        left -= take;
        at += take;
    }
    if m.last() != Some(&b'\n') {
        m.push(b'\n');
    }
}

const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn civil(t: i64) -> (i64, usize, u32, u32, u32, u32, usize) {
    let c = hopscope_core::date::Civil::from_unix(t);
    (
        c.year,
        c.month as usize,
        c.day,
        c.hour,
        c.minute,
        c.second,
        c.weekday as usize,
    )
}

/// `Fri Nov 22 05:20:40 2024`, as mbox `From ` lines write dates.
fn asctime(t: i64) -> String {
    let (y, mo, d, h, mi, s, wd) = civil(t);
    format!(
        "{} {} {d:2} {h:02}:{mi:02}:{s:02} {y}",
        DAYS[wd],
        MONTHS[mo - 1]
    )
}

/// `Fri, 22 Nov 2024 05:20:40 +0000`.
fn rfc2822(t: i64) -> String {
    let (y, mo, d, h, mi, s, wd) = civil(t);
    format!(
        "{}, {d} {} {y} {h:02}:{mi:02}:{s:02} +0000",
        DAYS[wd],
        MONTHS[mo - 1]
    )
}
