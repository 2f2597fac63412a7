//! The engine's workers: started on first use, a few at most, each serving one request at a
//! time; and, in a browser without (module) workers, the same engine on this thread.
//!
//! A request is a plain object `{id, kind, …}` posted to a free worker (a new one is started
//! while fewer than [`max_workers`] run, otherwise it waits in a queue). Replies come back as
//! messages `{id, type, …}`: `piece` and `progress` any number of times, then one `done` or
//! `error`, after which the worker takes the next request. A request may name a group it
//! *supersedes*: a newer request of the group drops the older ones still queued and stops the
//! one running by terminating its worker (see ARCHITECTURE.md for why stopping beats letting
//! it finish). Cancelling does the same for one request.
//!
//! Where the engine cannot start in a worker (no `Worker`, no module workers, a worker whose
//! script or wasm fails to load), it is loaded once on this thread instead (`engine-worker.js`
//! then announces itself with a `hopscope-engine` event and a stand-in with a worker's
//! interface); where that fails too, every request fails with [`Failure::Unavailable`], and
//! the caller falls back (analysis runs on the page's own core).
//!
//! Callbacks are called with no borrow of the pool held, so they may send new requests.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// A `Worker`, or `engine-worker.js`'s stand-in for one on this thread: anything with
    /// `postMessage`, `onmessage`, `onerror` and `terminate`.
    type Port;

    #[wasm_bindgen(constructor, js_class = "Worker", catch)]
    fn new_worker(url: &str, options: &Object) -> Result<Port, JsValue>;

    #[wasm_bindgen(method, catch, js_name = postMessage)]
    fn post(this: &Port, message: &JsValue, transfer: &Array) -> Result<(), JsValue>;

    #[wasm_bindgen(method, setter)]
    fn set_onmessage(this: &Port, handler: Option<&Function>);

    #[wasm_bindgen(method, setter)]
    fn set_onerror(this: &Port, handler: Option<&Function>);

    #[wasm_bindgen(method)]
    fn terminate(this: &Port);
}

/// One request for the engine.
pub struct Request {
    /// What to do: `analyze`, `open`, `share`, `markdown`, `svg` (the engine's `serve`).
    pub kind: &'static str,
    /// The request's other fields.
    pub fields: Vec<(&'static str, JsValue)>,
    /// Buffers handed to the engine rather than copied (they are unusable here afterwards).
    pub transfer: Vec<JsValue>,
    /// A newer request of this group supersedes older ones.
    pub supersedes: Option<&'static str>,
}

/// What the engine says about a request.
pub enum Reply {
    /// A piece of the result (an `ArrayBuffer`), in order.
    Piece(JsValue),
    Progress { done: f64, total: f64 },
    /// The request is done; its result.
    Done(JsValue),
    Failed(Failure),
}

/// Why a request failed.
pub enum Failure {
    /// The engine could not be loaded in this browser (or its files are missing).
    Unavailable,
    /// The engine stopped on this request (a bug); the worker was replaced.
    Crashed(String),
    /// The engine refused the request, with a sentence for the person.
    Refused(String),
}

type OnReply = Rc<dyn Fn(Reply)>;

struct Job {
    id: u32,
    group: Option<&'static str>,
    message: Object,
    transfer: Array,
    on_reply: OnReply,
}

struct Slot {
    key: u32,
    port: Port,
    /// The request it is serving.
    job: Option<Job>,
    /// Dropped replies of a request cancelled on this thread's engine, which cannot be stopped.
    ignoring: Option<u32>,
    /// Whether it has answered anything yet (a worker that fails before that failed to load).
    answered: bool,
    _on_message: Closure<dyn FnMut(JsValue)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

enum Backend {
    NotStarted,
    Workers(String),
    /// Loading `engine-worker.js` as a module script on this thread.
    Loading,
    ThisThread,
    Unavailable,
}

pub struct Pool {
    backend: Backend,
    slots: Vec<Slot>,
    queue: VecDeque<Job>,
    next_id: u32,
    next_key: u32,
    /// Keeps the listener for the engine's announcement on this thread.
    _announce: Option<Closure<dyn FnMut(JsValue)>>,
}

/// Calls to make once the pool is no longer borrowed.
type Calls = Vec<(OnReply, Reply)>;

thread_local! {
    static POOL: Rc<RefCell<Pool>> = Rc::new(RefCell::new(Pool {
        backend: Backend::NotStarted,
        slots: Vec::new(),
        queue: VecDeque::new(),
        next_id: 1,
        next_key: 1,
        _announce: None,
    }));
}

fn pool() -> Rc<RefCell<Pool>> {
    POOL.with(Rc::clone)
}

/// Runs `f` on the pool, then the callbacks it collected.
fn with_pool<T>(f: impl FnOnce(&mut Pool, &mut Calls) -> T) -> T {
    let mut calls = Calls::new();
    let result = {
        let pool = pool();
        let mut pool = pool.borrow_mut();
        f(&mut pool, &mut calls)
    };
    for (on_reply, reply) in calls {
        on_reply(reply);
    }
    result
}

/// Workers at most: one per core the browser reports, capped (each holds its own engine, a
/// few MB), and at least one.
pub fn max_workers() -> usize {
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
    (cores as usize).clamp(1, 4)
}

/// Sends a request; `on_reply` hears every reply. Returns its id, for [`cancel`].
pub fn send(request: Request, on_reply: impl Fn(Reply) + 'static) -> u32 {
    with_pool(|pool, calls| {
        let id = pool.next_id;
        pool.next_id += 1;
        let message = Object::new();
        let set = |key: &str, value: &JsValue| {
            let _ = Reflect::set(&message, &key.into(), value);
        };
        set("id", &id.into());
        set("kind", &request.kind.into());
        for (key, value) in &request.fields {
            set(key, value);
        }
        if let Some(group) = request.supersedes {
            pool.supersede(group, calls);
        }
        pool.queue.push_back(Job {
            id,
            group: request.supersedes,
            message,
            transfer: request.transfer.iter().collect(),
            on_reply: Rc::new(on_reply),
        });
        pool.pump(calls);
        id
    })
}

/// Stops a request: dropped if it waits, its worker stopped if it runs. Nothing more is heard
/// of it.
pub fn cancel(id: u32) {
    with_pool(|pool, calls| {
        pool.queue.retain(|job| job.id != id);
        if let Some(at) = pool.slots.iter().position(|s| s.job.as_ref().is_some_and(|j| j.id == id)) {
            pool.stop(at);
        }
        pool.pump(calls);
    });
}

/// Starts the engine ahead of a request that is probably coming (the person is about to paste
/// or drop), so that it is ready when the request comes. Starts nothing at page load.
pub fn warm_up() {
    with_pool(|pool, calls| {
        if pool.slots.is_empty() {
            pool.spawn(calls);
        }
    });
}

impl Pool {
    /// Drops queued requests of `group` and stops the running ones.
    fn supersede(&mut self, group: &str, _calls: &mut Calls) {
        self.queue.retain(|job| job.group != Some(group));
        while let Some(at) = self
            .slots
            .iter()
            .position(|s| s.job.as_ref().is_some_and(|j| j.group == Some(group)))
        {
            self.stop(at);
        }
    }

    /// Stops the request running in slot `at`. A worker is terminated and forgotten (a new one
    /// starts when needed); the engine on this thread cannot be stopped, so its remaining
    /// replies are ignored.
    fn stop(&mut self, at: usize) {
        if matches!(self.backend, Backend::ThisThread) {
            let slot = &mut self.slots[at];
            slot.ignoring = slot.job.take().map(|job| job.id);
            return;
        }
        let slot = self.slots.remove(at);
        slot.port.terminate();
    }

    /// Hands queued requests to free workers, starting workers as needed.
    fn pump(&mut self, calls: &mut Calls) {
        while !self.queue.is_empty() {
            let free = self
                .slots
                .iter()
                .position(|s| s.job.is_none() && s.ignoring.is_none());
            let at = match free {
                Some(at) => at,
                None if self.can_grow() => match self.spawn(calls) {
                    Some(at) => at,
                    None => break,
                },
                None => break,
            };
            let job = self.queue.pop_front().expect("queue is not empty");
            let slot = &mut self.slots[at];
            match slot.port.post(&job.message, &job.transfer) {
                Ok(()) => slot.job = Some(job),
                Err(error) => {
                    let message = error
                        .dyn_ref::<js_sys::Error>()
                        .map(|e| String::from(e.message()))
                        .unwrap_or_default();
                    calls.push((job.on_reply, Reply::Failed(Failure::Crashed(message))));
                }
            }
        }
        if matches!(self.backend, Backend::Unavailable) {
            for job in self.queue.drain(..) {
                calls.push((job.on_reply, Reply::Failed(Failure::Unavailable)));
            }
        }
    }

    fn can_grow(&self) -> bool {
        match self.backend {
            Backend::NotStarted => true,
            Backend::Workers(_) => self.slots.len() < max_workers(),
            Backend::ThisThread => self.slots.is_empty(),
            Backend::Loading | Backend::Unavailable => false,
        }
    }

    /// Starts a worker (or the engine on this thread) and returns its slot, if it is ready to
    /// take a request now.
    fn spawn(&mut self, calls: &mut Calls) -> Option<usize> {
        if matches!(self.backend, Backend::NotStarted) {
            self.backend = match engine_url() {
                Some(url) if has_worker() => Backend::Workers(url),
                Some(_) => return self.load_here(calls),
                None => Backend::Unavailable,
            };
        }
        let Backend::Workers(url) = &self.backend else {
            return None;
        };
        let options = Object::new();
        let _ = Reflect::set(&options, &"type".into(), &"module".into());
        let _ = Reflect::set(&options, &"name".into(), &"hopscope-engine".into());
        match Port::new_worker(url, &options) {
            Ok(port) => Some(self.add_slot(port)),
            // Module workers refused outright: the engine on this thread.
            Err(_) => self.load_here(calls),
        }
    }

    fn add_slot(&mut self, port: Port) -> usize {
        let key = self.next_key;
        self.next_key += 1;
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let data = Reflect::get(&event, &"data".into()).unwrap_or(JsValue::UNDEFINED);
            with_pool(|pool, calls| pool.on_message(key, &data, calls));
        });
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_event: JsValue| {
            with_pool(|pool, calls| pool.on_failure(key, calls));
        });
        port.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        port.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self.slots.push(Slot {
            key,
            port,
            job: None,
            ignoring: None,
            answered: false,
            _on_message: on_message,
            _on_error: on_error,
        });
        self.slots.len() - 1
    }

    fn on_message(&mut self, key: u32, data: &JsValue, calls: &mut Calls) {
        let Some(at) = self.slots.iter().position(|s| s.key == key) else {
            return;
        };
        let field = |name: &str| Reflect::get(data, &name.into()).unwrap_or(JsValue::UNDEFINED);
        let id = field("id").as_f64().map(|id| id as u32);
        let kind = field("type").as_string().unwrap_or_default();
        let slot = &mut self.slots[at];
        slot.answered = true;
        let last = kind == "done" || kind == "error";
        if slot.ignoring.is_some() && slot.ignoring == id {
            if last {
                slot.ignoring = None;
                self.pump(calls);
            }
            return;
        }
        let Some(job) = slot.job.as_ref().filter(|job| Some(job.id) == id) else {
            return;
        };
        let reply = match kind.as_str() {
            "piece" => Reply::Piece(field("data")),
            "progress" => Reply::Progress {
                done: field("done").as_f64().unwrap_or(0.0),
                total: field("total").as_f64().unwrap_or(0.0),
            },
            "done" => Reply::Done(field("result")),
            "error" => {
                let message = field("message").as_string().unwrap_or_default();
                match field("fatal").as_string().as_deref() {
                    // The engine's files did not load in this worker: try this thread.
                    Some("load") => return self.on_failure(key, calls),
                    Some(_) => {
                        let job = slot.job.take().expect("checked above");
                        self.stop_slot(key);
                        calls.push((job.on_reply, Reply::Failed(Failure::Crashed(message))));
                        self.pump(calls);
                        return;
                    }
                    None => Reply::Failed(Failure::Refused(message)),
                }
            }
            _ => return,
        };
        if last {
            let job = slot.job.take().expect("checked above");
            calls.push((job.on_reply, reply));
            self.pump(calls);
        } else {
            calls.push((Rc::clone(&job.on_reply), reply));
        }
    }

    /// Removes a slot after a crash: a worker is terminated; this thread's engine is marked
    /// unusable.
    fn stop_slot(&mut self, key: u32) {
        if let Some(at) = self.slots.iter().position(|s| s.key == key) {
            let slot = self.slots.remove(at);
            slot.port.terminate();
            if matches!(self.backend, Backend::ThisThread) {
                self.backend = Backend::Unavailable;
            }
        }
    }

    /// A worker failed to start (its script or the engine's wasm did not load), or raised an
    /// error outside any request. One that never answered means workers do not work here: its
    /// request (and every other worker's) goes back to the queue and the engine is loaded on
    /// this thread. Otherwise the worker is replaced and its request fails.
    fn on_failure(&mut self, key: u32, calls: &mut Calls) {
        let Some(at) = self.slots.iter().position(|s| s.key == key) else {
            return;
        };
        let never_answered = !self.slots[at].answered;
        match self.backend {
            Backend::Workers(_) if never_answered => {
                for slot in std::mem::take(&mut self.slots).into_iter().rev() {
                    slot.port.terminate();
                    if let Some(job) = slot.job {
                        self.queue.push_front(job);
                    }
                }
                self.load_here(calls);
            }
            Backend::ThisThread if never_answered => {
                self.backend = Backend::Unavailable;
                for slot in std::mem::take(&mut self.slots) {
                    if let Some(job) = slot.job {
                        calls.push((job.on_reply, Reply::Failed(Failure::Unavailable)));
                    }
                }
            }
            _ => {
                let slot = self.slots.remove(at);
                slot.port.terminate();
                if let Some(job) = slot.job {
                    let reply = Reply::Failed(Failure::Crashed(
                        "the engine stopped unexpectedly".to_owned(),
                    ));
                    calls.push((job.on_reply, reply));
                }
            }
        }
        self.pump(calls);
    }

    /// Loads `engine-worker.js` as a module script on this thread; it announces its stand-in
    /// port with a `hopscope-engine` event. Returns no slot: requests wait for the announcement.
    fn load_here(&mut self, calls: &mut Calls) -> Option<usize> {
        let (Some(url), Some(window)) = (engine_url(), web_sys::window()) else {
            self.backend = Backend::Unavailable;
            self.pump(calls);
            return None;
        };
        self.backend = Backend::Loading;
        let announce = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let port = Reflect::get(&event, &"detail".into()).unwrap_or(JsValue::UNDEFINED);
            with_pool(|pool, calls| {
                if matches!(pool.backend, Backend::Loading) && port.is_object() {
                    pool.backend = Backend::ThisThread;
                    pool.add_slot(port.unchecked_into());
                    pool.pump(calls);
                }
            });
        });
        let _ = window.add_event_listener_with_callback(
            "hopscope-engine",
            announce.as_ref().unchecked_ref(),
        );
        self._announce = Some(announce);
        let added = window.document().and_then(|document| {
            let script = document.create_element("script").ok()?;
            script.set_attribute("type", "module").ok()?;
            script.set_attribute("src", &url).ok()?;
            let failed = Closure::<dyn FnMut()>::new(|| {
                with_pool(|pool, calls| {
                    pool.backend = Backend::Unavailable;
                    pool.pump(calls);
                });
            });
            script
                .add_event_listener_with_callback("error", failed.as_ref().unchecked_ref())
                .ok()?;
            failed.forget();
            document.head()?.append_child(&script).ok()
        });
        if added.is_none() {
            self.backend = Backend::Unavailable;
            self.pump(calls);
        }
        None
    }
}

/// The engine's script: `data-engine` on the boot tag (hashed by the build). None where the
/// page was not built by trunk (the browser tests), which then has no engine.
fn engine_url() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let boot = document.get_element_by_id("hopscope-boot")?;
    boot.get_attribute("data-engine").filter(|url| !url.is_empty())
}

fn has_worker() -> bool {
    Reflect::has(&js_sys::global(), &"Worker".into()).unwrap_or(false)
}
