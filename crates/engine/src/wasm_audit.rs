//! The mailbox audit's requests (`crate::audit` is the logic, tested natively):
//!
//! - `{kind: "audit", files: [File], labels: [string], first, csv}`: reads each file in 1 MiB
//!   slices (the next slice is already being read while this one is split and analysed), with
//!   `progress` replies `{bytes, messages, hops, encrypted, plaintext, unknown}` at most every
//!   100 ms, `csv` replies `{text}` when CSV rows are wanted, and `done` with
//!   `{state, stopped}`: the aggregate as JSON, for `audit-report`. The page's
//!   `{kind: "stop", target}` message (see `static/engine.js`) ends it after the current slice;
//!   the state then covers what was read and is marked partial.
//! - `{kind: "audit-plan", files, paths}` → `{order}`: which files of a chosen folder the CLI
//!   would read, in its order (indices into `files`).
//! - `{kind: "audit-report", states, partial}` → `{json, markdown, view}`.
//! - `{kind: "audit-share", json, redaction: [organisations, subjects, file_names]}` →
//!   `{payload}`; `{kind: "audit-link", payload}` → `{json, markdown, view, hidden}`.

use hopscope_core::aggregate::Aggregate;
use hopscope_core::share::AuditRedaction;
use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

use crate::audit::{self, Counts, FileAudit, CHUNK};
use crate::wasm::{get, Replies};

fn slice(blob: &Blob, start: u64, end: u64) -> Option<Promise> {
    blob.slice_with_f64_and_f64(start as f64, end as f64)
        .ok()
        .map(|b| b.array_buffer())
}

/// Waits for a slice being read; `false` when it could not be.
async fn read_into(pending: Option<Promise>, buf: &mut Vec<u8>) -> bool {
    let Some(pending) = pending else { return false };
    let Ok(buffer) = JsFuture::from(pending).await else {
        return false;
    };
    let array = Uint8Array::new(&buffer);
    buf.clear();
    buf.resize(array.length() as usize, 0);
    array.copy_to(buf);
    true
}

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in fields {
        let _ = Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

struct Progress<'a> {
    replies: &'a Replies,
    last: f64,
}

impl Progress<'_> {
    fn send(&mut self, bytes: u64, counts: Counts, force: bool) {
        let now = js_sys::Date::now();
        if !force && now - self.last < 100.0 {
            return;
        }
        self.last = now;
        self.replies.send(
            "progress",
            &[
                ("bytes", (bytes as f64).into()),
                ("messages", (counts.messages as f64).into()),
                ("hops", (counts.hops as f64).into()),
                ("encrypted", (counts.encrypted as f64).into()),
                ("plaintext", (counts.plaintext as f64).into()),
                ("unknown", (counts.unknown as f64).into()),
            ],
            None,
        );
    }
}

fn add(total: &Counts, file: Counts) -> Counts {
    Counts {
        messages: total.messages + file.messages,
        hops: total.hops + file.hops,
        encrypted: total.encrypted + file.encrypted,
        plaintext: total.plaintext + file.plaintext,
        unknown: total.unknown + file.unknown,
    }
}

pub async fn audit(
    request: &JsValue,
    replies: &Replies,
    control: &JsValue,
) -> Result<JsValue, String> {
    let files = Array::from(&get(request, "files"));
    let labels = Array::from(&get(request, "labels"));
    let first = get(request, "first").as_f64().unwrap_or(0.0) as u32;
    let want_csv = get(request, "csv").is_truthy();
    let stopped = get(control, "stopped").dyn_into::<Function>().ok();
    let is_stopped = || {
        stopped
            .as_ref()
            .and_then(|f| f.call0(&JsValue::NULL).ok())
            .is_some_and(|v| v.is_truthy())
    };
    let csv = |text: String| {
        if !text.is_empty() {
            replies.send("csv", &[("text", text.into())], None);
        }
    };
    if want_csv && first == 0 {
        csv(audit::csv_header().to_owned());
    }
    let mut aggregate = Aggregate::default();
    let mut counts = Counts::default();
    let mut progress = Progress { replies, last: 0.0 };
    let mut bytes_before = 0u64;
    let mut stop = false;
    let mut buf = Vec::with_capacity(CHUNK as usize);
    for i in 0..files.length() {
        if stop || is_stopped() {
            stop = true;
            break;
        }
        let blob: Blob = files
            .get(i)
            .dyn_into()
            .map_err(|_| "The audit was given something that is not a file.".to_owned())?;
        let label = labels.get(i).as_string().unwrap_or_default();
        let size = blob.size() as u64;
        let mut file = FileAudit::new(first + i, &label, want_csv);
        let mut pending = slice(&blob, 0, CHUNK.min(size));
        let mut offset = 0u64;
        let mut readable = true;
        let mut msg = false;
        loop {
            if !read_into(pending.take(), &mut buf).await {
                readable = false;
                break;
            }
            if offset == 0 && audit::is_msg(&buf) {
                let read = if size <= hopscope_msg::DEFAULT_MAX_FILE_SIZE {
                    let mut whole = Vec::new();
                    if !read_into(slice(&blob, 0, size), &mut whole).await {
                        readable = false;
                        break;
                    }
                    hopscope_msg::read(&whole)
                } else {
                    hopscope_msg::read_from(crate::wasm::HeadOnly::new(buf.clone(), size))
                };
                audit::add_msg(read, size, &mut file, &mut aggregate);
                msg = true;
                break;
            }
            let end = offset + buf.len() as u64;
            if end < size && file.wants_more() {
                pending = slice(&blob, end, (end + CHUNK).min(size));
            }
            file.push(&buf, &mut aggregate);
            offset = end;
            if want_csv {
                csv(file.take_csv());
            }
            progress.send(bytes_before + offset, add(&counts, file.counts), false);
            if is_stopped() {
                stop = true;
                break;
            }
            if buf.is_empty() || end >= size || !file.wants_more() {
                break;
            }
        }
        if !readable {
            aggregate.add_unreadable_file();
        } else if stop {
            file.stop(&mut aggregate);
        } else if !msg {
            file.finish(&mut aggregate);
        }
        if want_csv {
            csv(file.take_csv());
        }
        counts = add(&counts, file.counts);
        bytes_before += size;
        progress.send(bytes_before, counts, true);
    }
    aggregate.partial |= stop;
    let state = serde_json::to_string(&aggregate).map_err(|e| e.to_string())?;
    Ok(object(&[("state", state.into()), ("stopped", stop.into())]))
}

pub async fn plan(request: &JsValue) -> Result<JsValue, String> {
    let files = Array::from(&get(request, "files"));
    let paths: Vec<String> = Array::from(&get(request, "paths"))
        .iter()
        .map(|p| p.as_string().unwrap_or_default())
        .collect();
    let mut maildirs = std::collections::HashSet::new();
    for path in &paths {
        let folders: Vec<&str> = path.split('/').collect();
        for depth in 0..folders.len().saturating_sub(1) {
            if matches!(folders[depth], "cur" | "new") {
                maildirs.insert(folders[..depth].join("/"));
            }
        }
    }
    let mut order: Vec<usize> = Vec::new();
    let mut head = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        let name = path.rsplit('/').next().unwrap_or_default();
        head.clear();
        if !name.contains('.') {
            if let Ok(blob) = files.get(i as u32).dyn_into::<Blob>() {
                read_into(slice(&blob, 0, 5), &mut head).await;
            }
        }
        if audit::read_in_folder(path, &head, |dir| maildirs.contains(dir)) {
            order.push(i);
        }
    }
    order.sort_by(|&a, &b| audit::folder_order(&paths[a], &paths[b]));
    let order: Array = order.into_iter().map(|i| JsValue::from(i as u32)).collect();
    Ok(object(&[("order", order.into())]))
}

fn done_js(done: &audit::Done) -> Vec<(&'static str, JsValue)> {
    vec![
        ("json", done.json.as_str().into()),
        ("markdown", done.markdown.as_str().into()),
        ("view", done.view.as_str().into()),
    ]
}

pub fn report(request: &JsValue) -> Result<JsValue, String> {
    let states: Vec<String> = Array::from(&get(request, "states"))
        .iter()
        .map(|s| s.as_string().unwrap_or_default())
        .collect();
    let states: Vec<&str> = states.iter().map(String::as_str).collect();
    let partial = get(request, "partial").is_truthy();
    let done = audit::report(&states, partial)?;
    Ok(object(&done_js(&done)))
}

pub fn share(request: &JsValue) -> Result<JsValue, String> {
    let json = get(request, "json").as_string().unwrap_or_default();
    let flags: Vec<bool> = Array::from(&get(request, "redaction"))
        .iter()
        .map(|f| f.is_truthy())
        .collect();
    let flag = |n: usize, default: bool| flags.get(n).copied().unwrap_or(default);
    let redaction = AuditRedaction {
        organisations: flag(0, AuditRedaction::DEFAULT.organisations),
        subjects: flag(1, AuditRedaction::DEFAULT.subjects),
        file_names: flag(2, AuditRedaction::DEFAULT.file_names),
    };
    let payload = audit::share(&json, redaction)?;
    Ok(object(&[("payload", payload.into())]))
}

pub fn link(request: &JsValue) -> Result<JsValue, String> {
    let payload = get(request, "payload").as_string().unwrap_or_default();
    let (done, hidden) = audit::open_link(&payload)?;
    let mut fields = done_js(&done);
    let hidden: Array = hidden.into_iter().map(JsValue::from).collect();
    fields.push(("hidden", hidden.into()));
    Ok(object(&fields))
}
