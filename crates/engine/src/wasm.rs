//! The JavaScript boundary: [`serve`] takes one request (a plain object posted by the page) and
//! answers through `reply(message, transfer)`, which `static/engine-worker.js` turns into
//! `postMessage` (in a worker) or a queued call (on the page's thread).
//!
//! Requests: `{id, kind, …}`. Replies: `{id, type: "piece", data}` (a transfer piece of a
//! report, its `ArrayBuffer` transferred), `{id, type: "progress", done, total}`, then exactly
//! one of `{id, type: "done", result}` and `{id, type: "error", message}`. ARCHITECTURE.md ("The
//! engine") lists the kinds.

use std::io::{self, Read, Seek, SeekFrom};

use hopscope_core::share::Redaction;
use js_sys::{Array, ArrayBuffer, Function, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, FileReaderSync};

use crate::file::{self, MsgFile, NotMsg, Opened};
use crate::lookup;
use crate::text::{self, LoadedText};

/// Serves one request. Never rejects for a request it understands: failures are `error`
/// replies with a sentence for the person.
#[wasm_bindgen]
pub async fn serve(request: JsValue, reply: Function, control: JsValue) {
    let replies = Replies {
        id: get(&request, "id"),
        reply,
    };
    let kind = get(&request, "kind").as_string().unwrap_or_default();
    let outcome = match kind.as_str() {
        "analyze" => analyze(&request, &replies),
        "lookup" => lookup(&request).await,
        "open" => open(&request, &replies).await,
        "share" => share(&request, &replies),
        "link" => link(&request, &replies),
        "example" => example(&request),
        "markdown" => export(&request, crate::markdown),
        "svg" => export(&request, crate::svg),
        "bench" => bench(&request),
        "audit" => crate::wasm_audit::audit(&request, &replies, &control).await,
        "audit-plan" => crate::wasm_audit::plan(&request).await,
        "audit-report" => crate::wasm_audit::report(&request),
        "audit-share" => crate::wasm_audit::share(&request),
        "audit-link" => crate::wasm_audit::link(&request),
        other => Err(format!("The engine has no request called “{other}”.")),
    };
    match outcome {
        Ok(result) => replies.send("done", &[("result", result)], None),
        Err(message) => replies.send("error", &[("message", message.into())], None),
    }
}

pub(crate) struct Replies {
    id: JsValue,
    reply: Function,
}

impl Replies {
    pub(crate) fn send(&self, kind: &str, fields: &[(&str, JsValue)], transfer: Option<&Array>) {
        let message = Object::new();
        let _ = Reflect::set(&message, &"id".into(), &self.id);
        let _ = Reflect::set(&message, &"type".into(), &kind.into());
        for (key, value) in fields {
            let _ = Reflect::set(&message, &(*key).into(), value);
        }
        let transfer = transfer.cloned().unwrap_or_default();
        let _ = self.reply.call2(&JsValue::NULL, &message, &transfer);
    }

    /// Posts each piece as its own message, its buffer transferred (not copied).
    fn pieces(&self, pieces: Vec<Vec<u8>>) {
        let count = pieces.len();
        for (index, piece) in pieces.into_iter().enumerate() {
            let buffer = Uint8Array::from(piece.as_slice()).buffer();
            let fields = [
                ("data", buffer.clone().into()),
                ("index", (index as u32).into()),
                ("count", (count as u32).into()),
            ];
            self.send("piece", &fields, Some(&Array::of1(&buffer)));
        }
    }

    fn progress(&self, done: f64, total: f64) {
        self.send(
            "progress",
            &[("done", done.into()), ("total", total.into())],
            None,
        );
    }
}

pub(crate) fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// `{kind: "analyze", text, part?}` → pieces, then `done` with the domains the report offers to
/// look up (`{domains: json, recipient?: [domain, where], sender?: [domain, where]}`), or
/// nothing when it names none.
fn analyze(request: &JsValue, replies: &Replies) -> Result<JsValue, String> {
    let text = get(request, "text").as_string().unwrap_or_default();
    let part = get(request, "part").as_f64().map(|part| part as u32);
    let report = match part {
        Some(part) => hopscope_core::analyze_part(&text, part),
        None => hopscope_core::analyze(&text),
    };
    replies.pieces(hopscope_core::share::transfer::encode(
        &report,
        crate::HOPS_PER_PIECE,
    ));
    let Some(targets) = lookup::targets(&report, &text) else {
        return Ok(JsValue::UNDEFINED);
    };
    let result = Object::new();
    let _ = Reflect::set(&result, &"domains".into(), &targets.json.into());
    for (role, target) in [
        ("recipient", &targets.recipient),
        ("sender", &targets.sender),
    ] {
        if let Some((domain, found_in)) = target {
            let pair = Array::of2(&domain.into(), &found_in.into());
            let _ = Reflect::set(&result, &role.into(), &pair);
        }
    }
    Ok(result.into())
}

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (the worker's, or the window's when the engine runs on the page).
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(url: &str, init: &Object) -> Result<js_sys::Promise, JsValue>;

    /// `AbortSignal.timeout(ms)`, where the browser has it.
    #[wasm_bindgen(catch, js_namespace = AbortSignal, js_name = timeout)]
    fn abort_after(ms: u32) -> Result<JsValue, JsValue>;
}

/// `{kind: "lookup", domains, role, resolver}` → `done` with what the domain of `role`
/// (`recipient`, `sender`) among `domains` (from an `analyze` reply) publishes, asked of the
/// DNS-over-HTTPS service `resolver` (`google`, `cloudflare`): `{domain, heading, note,
/// resolver, items: [[status, label, text]…], findings: [[tone, slug, sentence]…],
/// requirement?: [domain, mta_sts_enforce, why, dane, why]}`. Only DNS names derived from the
/// domain are sent (in the request URLs), to that service only; never cookies or a referrer.
async fn lookup(request: &JsValue) -> Result<JsValue, String> {
    let string = |key: &str| get(request, key).as_string().unwrap_or_default();
    let service = lookup::service(&string("resolver"))
        .ok_or("Choose one of the DNS-over-HTTPS services offered.")?;
    let mut questions = lookup::DomainQuestions::new(&string("domains"), &string("role"))?;
    loop {
        let queries = questions.next_queries();
        if queries.is_empty() {
            break;
        }
        // Every request of a round starts before the first answer is awaited.
        let pending: Vec<_> = queries
            .into_iter()
            .map(|query| {
                let url = hopscope_lookup::doh::request_url(service.endpoint(), &query);
                (query, global_fetch(&url, &fetch_init()))
            })
            .collect();
        for (query, started) in pending {
            let answer = match started {
                Ok(promise) => doh_answer(promise, &query, service).await,
                Err(error) => lookup::no_response(timed_out(&error), service),
            };
            questions.record(&query, answer);
        }
    }
    let shown = questions.finish();
    let result = Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = Reflect::set(&result, &key.into(), &value);
    };
    let rows = |rows: &[[String; 3]]| -> JsValue {
        rows.iter()
            .map(|row| {
                row.iter()
                    .map(|s| JsValue::from(s.as_str()))
                    .collect::<Array>()
            })
            .collect::<Array>()
            .into()
    };
    set("domain", shown.domain.as_str().into());
    set("heading", shown.heading.as_str().into());
    set("note", shown.note.as_str().into());
    set("resolver", service.label().into());
    set("items", rows(&shown.items));
    set("findings", rows(&shown.findings));
    if let Some(requirement) = &shown.requirement {
        let (mta_sts, mta_sts_why) = lookup::looked_words(&requirement.mta_sts_enforce);
        let (dane, dane_why) = lookup::looked_words(&requirement.dane);
        let fields = [
            requirement.domain.as_str(),
            mta_sts,
            mta_sts_why,
            dane,
            dane_why,
        ];
        set(
            "requirement",
            fields
                .iter()
                .map(|s| JsValue::from(*s))
                .collect::<Array>()
                .into(),
        );
    }
    Ok(result.into())
}

/// A GET that carries nothing but its URL: no cookies, no referrer, no cache, no redirects
/// (which could lead to another origin), the JSON `Accept` header Cloudflare needs, and a
/// timeout.
fn fetch_init() -> Object {
    let init = Object::new();
    let set = |key: &str, value: &JsValue| {
        let _ = Reflect::set(&init, &key.into(), value);
    };
    let headers = Object::new();
    let _ = Reflect::set(
        &headers,
        &"accept".into(),
        &hopscope_lookup::doh::ACCEPT.into(),
    );
    set("headers", &headers);
    set("credentials", &"omit".into());
    set("cache", &"no-store".into());
    set("redirect", &"error".into());
    set("referrerPolicy", &"no-referrer".into());
    set("mode", &"cors".into());
    if let Ok(signal) = abort_after(lookup::TIMEOUT_MS) {
        set("signal", &signal);
    }
    init
}

/// Whether a rejected request was stopped by its timeout.
fn timed_out(error: &JsValue) -> bool {
    let name = get(error, "name").as_string().unwrap_or_default();
    name == "TimeoutError" || name == "AbortError"
}

/// Waits for a DoH response and reads it (its body within the same timeout).
async fn doh_answer(
    started: js_sys::Promise,
    query: &hopscope_lookup::Query,
    service: hopscope_lookup::doh::DohService,
) -> hopscope_lookup::DnsAnswer {
    let response = match JsFuture::from(started).await {
        Ok(response) => response,
        Err(error) => return lookup::no_response(timed_out(&error), service),
    };
    let status = get(&response, "status").as_f64().unwrap_or(0.0) as u16;
    let body = get(&response, "text")
        .dyn_into::<Function>()
        .ok()
        .and_then(|text| text.call0(&response).ok())
        .and_then(|promise| promise.dyn_into::<js_sys::Promise>().ok());
    let body = match body {
        Some(promise) => JsFuture::from(promise).await,
        None => Err(JsValue::UNDEFINED),
    };
    match body {
        Ok(body) => lookup::answer(status, &body.as_string().unwrap_or_default(), query),
        Err(error) => lookup::no_response(timed_out(&error), service),
    }
}

/// `{kind: "bench", text, runs}` → `done` with `{runs, ms, hops}`: the analysis of `text`,
/// `runs` times, timed with `performance.now()` around the core alone (no transfer, no
/// page). For the benchmark in `tests/e2e/bench.test.mjs`, which prints the figures beside
/// the native ones (`cargo bench -p hopscope-core`); nothing in the page sends it.
fn bench(request: &JsValue) -> Result<JsValue, String> {
    let text = get(request, "text").as_string().unwrap_or_default();
    let runs = get(request, "runs").as_f64().unwrap_or(1.0).max(1.0) as u32;
    let performance = get(&js_sys::global(), "performance");
    let now = get(&performance, "now")
        .dyn_into::<Function>()
        .map_err(|_| "This browser has no performance.now().".to_owned())?;
    let clock = || {
        now.call0(&performance)
            .ok()
            .and_then(|t| t.as_f64())
            .unwrap_or(0.0)
    };
    let start = clock();
    let mut hops = 0;
    for _ in 0..runs {
        hops += std::hint::black_box(hopscope_core::analyze(std::hint::black_box(&text)))
            .hops
            .len();
    }
    let ms = clock() - start;
    let result = Object::new();
    for (key, value) in [("runs", f64::from(runs)), ("ms", ms), ("hops", hops as f64)] {
        let _ = Reflect::set(&result, &key.into(), &value.into());
    }
    Ok(result.into())
}

/// `{kind: "example", example}` → `done` with the text of the example of that id.
fn example(request: &JsValue) -> Result<JsValue, String> {
    let id = get(request, "example").as_string().unwrap_or_default();
    crate::examples::text(&id)
        .map(JsValue::from)
        .ok_or_else(|| format!("There is no example called “{id}”."))
}

/// `{kind: "link", payload}` → the link's report as pieces, then `done`; or `error` with the
/// sentence that says what is wrong with the link.
fn link(request: &JsValue, replies: &Replies) -> Result<JsValue, String> {
    let payload = get(request, "payload").as_string().unwrap_or_default();
    replies.pieces(crate::open_link(&payload)?);
    Ok(JsValue::UNDEFINED)
}

/// `{kind: "share", report: [ArrayBuffer…], redaction: [emails, ips, hostnames, message_ids,
/// subject]}` → the shared report's pieces, then `done` with `{payload}`.
fn share(request: &JsValue, replies: &Replies) -> Result<JsValue, String> {
    let flags: Vec<bool> = Array::from(&get(request, "redaction"))
        .iter()
        .map(|flag| flag.is_truthy())
        .collect();
    let flag = |n: usize| flags.get(n).copied().unwrap_or(true);
    let redaction = Redaction {
        emails: flag(0),
        ips: flag(1),
        hostnames: flag(2),
        message_ids: flag(3),
        subject: flag(4),
    };
    let report = pieces(&get(request, "report"));
    let shared = crate::share(&slices(&report), redaction).map_err(|e| e.to_string())?;
    replies.pieces(shared.pieces);
    let result = Object::new();
    let _ = Reflect::set(&result, &"payload".into(), &shared.payload.into());
    Ok(result.into())
}

/// `{kind: "markdown" | "svg", report: [ArrayBuffer…]}` → `done` with the text.
fn export(
    request: &JsValue,
    render: fn(&[&[u8]]) -> Result<String, hopscope_core::share::transfer::TransferError>,
) -> Result<JsValue, String> {
    let report = pieces(&get(request, "report"));
    render(&slices(&report))
        .map(JsValue::from)
        .map_err(|e| e.to_string())
}

fn pieces(value: &JsValue) -> Vec<Vec<u8>> {
    Array::from(value)
        .iter()
        .map(|piece| Uint8Array::new(&piece).to_vec())
        .collect()
}

fn slices(pieces: &[Vec<u8>]) -> Vec<&[u8]> {
    pieces.iter().map(Vec::as_slice).collect()
}

/// `{kind: "open", file: Blob, name}` → `done` with `{kind: "text", text, note}` or
/// `{kind: "msg", messages: [{label, depth, headers, reason}], notes}`; `progress` while a
/// large text file is read.
async fn open(request: &JsValue, replies: &Replies) -> Result<JsValue, String> {
    let name = get(request, "name")
        .as_string()
        .unwrap_or_else(|| "The file".to_owned());
    let blob: Blob = get(request, "file")
        .dyn_into()
        .map_err(|_| format!("{name} could not be read: it is not a file."))?;
    let size = blob.size();
    let unreadable = || {
        format!(
            "Could not read {name}. If it is on a network drive or in a cloud folder, save a \
             local copy and try again."
        )
    };
    let sync = SyncBlob::new(&blob);
    let head = match &sync {
        Some(sync) => sync.read(0, HEAD_BYTES.min(size as u64)),
        None => read_async(&blob.slice_with_f64_and_f64(0.0, HEAD_BYTES as f64).ok()).await,
    }
    .ok_or_else(unreadable)?;
    if file::is_msg(&name, &head) {
        let outcome = match sync {
            // In a worker, a large file: only the parts the reader asks for are read (never an
            // attachment's content). Each read costs the browser about 1 ms, so a 60 MB file
            // with ~1,000 sectors of its sector table takes a second; smaller files are read
            // whole, at once.
            Some(sync) if size as u64 > READ_WHOLE_BYTES => {
                let reader = file::Windowed::new(size as u64, |start, end| sync.read(start, end));
                file::open_msg(&name, reader)
            }
            Some(sync) => {
                let bytes = sync.read(0, size as u64).ok_or_else(unreadable)?;
                file::open_msg(&name, io::Cursor::new(bytes))
            }
            // On the page's thread there is no synchronous reading: the file is read whole,
            // unless the reader would refuse it for its size anyway.
            None if size as u64 > hopscope_msg::DEFAULT_MAX_FILE_SIZE => {
                file::open_msg(&name, HeadOnly::new(head, size as u64))
            }
            None => {
                let bytes = read_async(&Some(blob.clone()))
                    .await
                    .ok_or_else(unreadable)?;
                file::open_msg(&name, io::Cursor::new(bytes))
            }
        };
        match outcome {
            Ok(opened) => return Ok(opened_js(&opened)),
            Err(NotMsg::Refused(message)) => return Err(message),
            Err(NotMsg::Text) => {}
        }
    }
    text::check_size(&name, size)?;
    let bytes = match SyncBlob::new(&blob) {
        Some(sync) => sync.read_all(size as u64, replies).ok_or_else(unreadable)?,
        None => read_async(&Some(blob)).await.ok_or_else(unreadable)?,
    };
    file::open_text(&name, &bytes).map(|opened| opened_js(&opened))
}

/// `.msg` files up to this size are read whole in a worker; larger ones part by part.
const READ_WHOLE_BYTES: u64 = 16 << 20;

/// Enough of a file to tell what it is (the `.msg` reader sniffs its first 4 KB).
const HEAD_BYTES: u64 = 4096;

fn opened_js(opened: &Opened) -> JsValue {
    let object = Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = Reflect::set(&object, &key.into(), &value);
    };
    match opened {
        Opened::Text(LoadedText { text, note }) => {
            set("kind", "text".into());
            set("text", text.into());
            set("note", note.as_deref().map_or(JsValue::NULL, JsValue::from));
        }
        Opened::Msg(MsgFile { messages, notes }) => {
            set("kind", "msg".into());
            let list = Array::new();
            for message in messages {
                let item = Object::new();
                let text =
                    |value: &Option<String>| value.as_deref().map_or(JsValue::NULL, JsValue::from);
                let _ = Reflect::set(&item, &"label".into(), &message.label.as_str().into());
                let _ = Reflect::set(&item, &"depth".into(), &message.depth.into());
                let _ = Reflect::set(&item, &"headers".into(), &text(&message.headers));
                let _ = Reflect::set(&item, &"reason".into(), &text(&message.reason));
                list.push(&item);
            }
            set("messages", list.into());
            set(
                "notes",
                notes
                    .iter()
                    .map(|n| JsValue::from(n.as_str()))
                    .collect::<Array>()
                    .into(),
            );
        }
    }
    object.into()
}

/// The bytes of a blob, read with `Blob.arrayBuffer()`.
async fn read_async(blob: &Option<Blob>) -> Option<Vec<u8>> {
    let buffer = JsFuture::from(blob.as_ref()?.array_buffer()).await.ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}

/// A blob read synchronously with `FileReaderSync`, which only workers have.
struct SyncBlob {
    blob: Blob,
    reader: FileReaderSync,
}

/// Text files are read in slices of this size, with a progress message after each.
const SLICE_BYTES: u64 = 4 << 20;

impl SyncBlob {
    fn new(blob: &Blob) -> Option<SyncBlob> {
        Some(SyncBlob {
            blob: blob.clone(),
            reader: FileReaderSync::new().ok()?,
        })
    }

    fn read(&self, start: u64, end: u64) -> Option<Vec<u8>> {
        let slice = self
            .blob
            .slice_with_f64_and_f64(start as f64, end as f64)
            .ok()?;
        let buffer: ArrayBuffer = self.reader.read_as_array_buffer(&slice).ok()?;
        Some(Uint8Array::new(&buffer).to_vec())
    }

    fn read_all(&self, size: u64, replies: &Replies) -> Option<Vec<u8>> {
        let mut bytes = Vec::with_capacity(size as usize);
        while (bytes.len() as u64) < size {
            let start = bytes.len() as u64;
            let slice = self.read(start, (start + SLICE_BYTES).min(size))?;
            if slice.is_empty() {
                break;
            }
            bytes.extend_from_slice(&slice);
            if size > SLICE_BYTES {
                replies.progress(bytes.len() as f64, size as f64);
            }
        }
        Some(bytes)
    }
}

/// A file known only by its first bytes and its size: enough for the `.msg` reader to say what
/// the file is and that it is too large, which it does before reading anything else.
pub(crate) struct HeadOnly {
    head: io::Cursor<Vec<u8>>,
    size: u64,
}

impl HeadOnly {
    pub(crate) fn new(head: Vec<u8>, size: u64) -> Self {
        HeadOnly {
            head: io::Cursor::new(head),
            size,
        }
    }
}

impl Read for HeadOnly {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        self.head.read(out)
    }
}

impl Seek for HeadOnly {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let pos = seek(self.head.position(), self.size, to)?;
        self.head.set_position(pos);
        Ok(pos)
    }
}

use crate::file::seek;
