//! The engine (`crates/engine`): the page's second WebAssembly module, with what the first
//! paint does not need. Started on first use in a module Web Worker (`pool.rs`), it analyses
//! the text (so that a 5 MB paste never blocks the page), opens files (Outlook `.msg`
//! included), makes share links and renders the Markdown and SVG exports.
//!
//! Each function here is one kind of request; the answer comes back through a callback, in a
//! later task. Reports travel both ways as `hopscope_core::share::transfer` pieces: the engine
//! posts a report as a head and then batches of hops, each its own message, and this side
//! decodes each piece as it arrives, so that even a 28,000-hop report never makes a long task.
//!
//! Where the engine cannot be loaded at all, analysis falls back to the page's own core (the
//! JavaScript API needs it on this thread anyway); the other requests say what failed.

mod pool;

use std::cell::RefCell;
use std::rc::Rc;

use hopscope_core::share::transfer::{self, Decoder};
use hopscope_core::share::Redaction;
use hopscope_core::Report;
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::JsValue;
use yew::{AttrValue, Callback};

use super::PickedFile;
use crate::state::MsgMessage;

use hopscope_core::policy::{Looked, RecipientLookup};
pub use pool::{cancel, set_loader, warm_up};
use pool::{Failure, Reply, Request};
use wasm_bindgen::JsCast;

/// Hops per piece when this side sends a report to the engine (as the engine does).
const HOPS_PER_PIECE: usize = 500;

/// Analyses `text` (or the message `part` inside it) in the engine. A newer analysis
/// supersedes one still waiting or running: only the last one is ever answered. Returns the
/// request's id, for [`cancel`].
pub fn analyze(
    text: AttrValue,
    part: Option<u32>,
    done: Callback<Result<Report<'static>, String>>,
) -> u32 {
    let mut fields = vec![("text", JsValue::from_str(&text))];
    if let Some(part) = part {
        fields.push(("part", part.into()));
    }
    let request = Request {
        kind: "analyze",
        fields,
        transfer: Vec::new(),
        supersedes: Some("analyze"),
    };
    let report = ReportPieces::default();
    pool::send(request, move |reply| match reply {
        Reply::Piece(data) => report.push(&data),
        Reply::Progress { .. } => {}
        Reply::Done(_) => done.emit(report.finish()),
        // Without an engine, the page's own core (the JavaScript API's) does the work.
        Reply::Failed(Failure::Unavailable) => done.emit(Ok(match part {
            Some(part) => hopscope_core::analyze_part(&text, part).into_owned(),
            None => hopscope_core::analyze(&text).into_owned(),
        })),
        Reply::Failed(failure) => done.emit(Err(failed("The analysis", failure))),
    })
}

/// Hears what the person's lookup of the recipient's domain found (`None`: it no longer
/// applies, the report names other domains). The lookups themselves — the button, the
/// resolver, the requests, the findings — are the engine's: `static/engine.js` draws them as
/// plain DOM into `#lookup`, so the page's first load carries none of it.
pub fn watch_recipient(done: Callback<Option<Rc<RecipientLookup>>>) {
    pool::watch_recipient(move |requirement| {
        done.emit(recipient_lookup(&requirement).map(Rc::new))
    });
}

/// `[domain, mta_sts_enforce, why, dane, why]`, each point `yes`, `no` or `cannot_tell`.
fn recipient_lookup(value: &JsValue) -> Option<RecipientLookup> {
    let fields: Array = value.clone().dyn_into().ok()?;
    let text = |i: u32| fields.get(i).as_string().unwrap_or_default();
    let looked = |i: u32| match text(i).as_str() {
        "yes" => Looked::Yes,
        "no" => Looked::No,
        _ => Looked::CannotTell { why: text(i + 1) },
    };
    Some(RecipientLookup {
        domain: text(0),
        mta_sts_enforce: looked(1),
        dane: looked(3),
    })
}

/// Where a file being opened has got to.
pub enum FileReply {
    /// Bytes read so far, of the whole.
    Progress(f64, f64),
    Opened(Result<Opened, String>),
}

/// What a file gave.
pub enum Opened {
    /// Text for the input box, and a note when something was changed (headers kept, bytes
    /// replaced).
    Text { text: String, note: Option<String> },
    /// An Outlook `.msg`: its own message and the attached ones, each with its headers or the
    /// reason it has none; and the reader's notes.
    Msg {
        messages: Vec<MsgMessage>,
        notes: Vec<String>,
    },
}

/// Opens a file the person picked or dropped. The engine reads it (in a worker, only the parts
/// it needs), so this thread never copies a large file. A newer file supersedes one still
/// being opened.
pub fn open_file(file: PickedFile, done: Callback<FileReply>) {
    let name = file.name();
    let request = Request {
        kind: "open",
        fields: vec![("file", file.0.into()), ("name", name.as_str().into())],
        transfer: Vec::new(),
        supersedes: Some("open"),
    };
    pool::send(request, move |reply| match reply {
        Reply::Progress { done: read, total } => done.emit(FileReply::Progress(read, total)),
        Reply::Piece(_) => {}
        Reply::Done(result) => done.emit(FileReply::Opened(opened(&result))),
        Reply::Failed(failure) => {
            let what = format!("Opening {name}");
            done.emit(FileReply::Opened(Err(failed(&what, failure))));
        }
    });
}

/// Opens a share link: the report its payload holds, or a sentence saying what is wrong with
/// the link. (Inflating and checking a link is the engine's: the page's first load does not
/// carry it.)
pub fn open_link(payload: &str, done: Callback<Result<Report<'static>, String>>) {
    let request = Request {
        kind: "link",
        fields: vec![("payload", payload.into())],
        transfer: Vec::new(),
        supersedes: Some("link"),
    };
    let report = ReportPieces::default();
    pool::send(request, move |reply| match reply {
        Reply::Piece(data) => report.push(&data),
        Reply::Progress { .. } => {}
        Reply::Done(_) => done.emit(report.finish()),
        Reply::Failed(Failure::Refused(message)) => done.emit(Err(message)),
        Reply::Failed(failure) => done.emit(Err(failed(
            "This link could not be opened: reading it",
            failure,
        ))),
    });
}

/// A share link for `report`, hiding what `redaction` says: the payload (`r2.…`) and the
/// report the link shows.
pub fn share_link(
    report: &Report,
    redaction: Redaction,
    done: Callback<Result<(String, Report<'static>), String>>,
) {
    let flags = [
        redaction.emails,
        redaction.ips,
        redaction.hostnames,
        redaction.message_ids,
        redaction.subject,
    ];
    let (pieces, transfer) = send_report(report);
    let request = Request {
        kind: "share",
        fields: vec![
            ("report", pieces.into()),
            (
                "redaction",
                flags
                    .iter()
                    .map(|&f| JsValue::from(f))
                    .collect::<Array>()
                    .into(),
            ),
        ],
        transfer,
        supersedes: Some("share"),
    };
    let shared = ReportPieces::default();
    pool::send(request, move |reply| match reply {
        Reply::Piece(data) => shared.push(&data),
        Reply::Progress { .. } => {}
        Reply::Done(result) => {
            let payload = Reflect::get(&result, &"payload".into())
                .ok()
                .and_then(|p| p.as_string());
            let link = match (payload, shared.finish()) {
                (Some(payload), Ok(report)) => Ok((payload, report)),
                (None, _) => Err("The share link could not be made.".to_owned()),
                (_, Err(message)) => Err(message),
            };
            done.emit(link);
        }
        Reply::Failed(failure) => done.emit(Err(failed("Making the link", failure))),
    });
}

/// The text of the built-in example `id` (the engine carries the texts).
pub fn example_text(id: &'static str, done: Callback<Result<String, String>>) {
    let request = Request {
        kind: "example",
        fields: vec![("example", id.into())],
        transfer: Vec::new(),
        supersedes: Some("example"),
    };
    pool::send(request, move |reply| match reply {
        Reply::Done(text) => done.emit(text.as_string().ok_or_else(String::new)),
        Reply::Failed(failure) => done.emit(Err(failed("Loading the example", failure))),
        Reply::Piece(_) | Reply::Progress { .. } => {}
    });
}

/// The report as Markdown.
pub fn markdown(report: &Report, done: Callback<Result<String, String>>) {
    export("markdown", report, done);
}

/// The report's route as an SVG document.
pub fn route_svg(report: &Report, done: Callback<Result<String, String>>) {
    export("svg", report, done);
}

fn export(kind: &'static str, report: &Report, done: Callback<Result<String, String>>) {
    let (pieces, transfer) = send_report(report);
    let request = Request {
        kind,
        fields: vec![("report", pieces.into())],
        transfer,
        supersedes: None,
    };
    pool::send(request, move |reply| match reply {
        Reply::Done(text) => done.emit(
            text.as_string()
                .ok_or_else(|| "The engine gave no text; try again.".to_owned()),
        ),
        Reply::Failed(failure) => done.emit(Err(failed("Making the file", failure))),
        Reply::Piece(_) | Reply::Progress { .. } => {}
    });
}

/// A report as transfer pieces for the engine: an array of `ArrayBuffer`s, and the same
/// buffers to transfer.
fn send_report(report: &Report) -> (Array, Vec<JsValue>) {
    let buffers: Vec<JsValue> = transfer::encode(report, HOPS_PER_PIECE)
        .iter()
        .map(|piece| Uint8Array::from(piece.as_slice()).buffer().into())
        .collect();
    (buffers.iter().collect(), buffers)
}

/// A report arriving in pieces, each decoded as its message arrives.
#[derive(Clone)]
struct ReportPieces(Rc<RefCell<Result<Option<Decoder>, ()>>>);

impl Default for ReportPieces {
    fn default() -> Self {
        ReportPieces(Rc::new(RefCell::new(Ok(None))))
    }
}

impl ReportPieces {
    fn push(&self, data: &JsValue) {
        let bytes = Uint8Array::new(data).to_vec();
        let mut state = self.0.borrow_mut();
        let next = match state.as_mut() {
            Ok(Some(decoder)) => decoder.push(&bytes).map(|()| None),
            Ok(None) => Decoder::new(&bytes).map(Some),
            Err(()) => return,
        };
        match next {
            Ok(Some(decoder)) => *state = Ok(Some(decoder)),
            Ok(None) => {}
            Err(_) => *state = Err(()),
        }
    }

    fn finish(&self) -> Result<Report<'static>, String> {
        let state = std::mem::replace(&mut *self.0.borrow_mut(), Ok(None));
        state
            .ok()
            .flatten()
            .and_then(|decoder| decoder.finish().ok())
            .ok_or_else(|| {
                "The report could not be read back from the engine. Reload the page and try \
                 again."
                    .to_owned()
            })
    }
}

/// A sentence for a failed request: "`what` failed: …".
fn failed(what: &str, failure: Failure) -> String {
    match failure {
        Failure::Refused(message) => message,
        Failure::Crashed(detail) => format!(
            "{what} failed because of a bug in Hopscope ({detail}). Your text is kept; please \
             try again, or reload the page."
        ),
        Failure::Unavailable => format!(
            "{what} needs a part of Hopscope that could not be loaded in this browser. Reload \
             the page and try again."
        ),
    }
}

/// The engine's answer to `open`: `{kind: "text", text, note}` or `{kind: "msg", messages,
/// notes}`.
fn opened(result: &JsValue) -> Result<Opened, String> {
    let get = |object: &JsValue, key: &str| Reflect::get(object, &key.into()).ok();
    let string = |object: &JsValue, key: &str| get(object, key).and_then(|v| v.as_string());
    match string(result, "kind").as_deref() {
        Some("text") => Ok(Opened::Text {
            text: string(result, "text").unwrap_or_default(),
            note: string(result, "note"),
        }),
        Some("msg") => {
            let list = |key: &str| {
                get(result, key)
                    .map(|v| Array::from(&v))
                    .unwrap_or_default()
            };
            let messages = list("messages")
                .iter()
                .map(|m| MsgMessage {
                    label: string(&m, "label").unwrap_or_default(),
                    depth: get(&m, "depth").and_then(|d| d.as_f64()).unwrap_or(0.0) as u32,
                    headers: string(&m, "headers"),
                    reason: string(&m, "reason"),
                })
                .collect();
            let notes = list("notes").iter().filter_map(|n| n.as_string()).collect();
            Ok(Opened::Msg { messages, notes })
        }
        _ => Err("The file could not be opened. Try again, or paste its headers.".to_owned()),
    }
}
