//! Reaching the engine's pool of workers, which lives in `static/engine.js` (content-hashed
//! as `engine-<hash>.js`; its name is the boot tag's `data-engine`).
//!
//! Nothing loads with the page: the first request (or [`warm_up`]) adds that file as a module
//! script, which announces its pool with a `hopscope-engine` event; requests made meanwhile
//! wait here. The pool starts module workers (or, where workers cannot run the engine, runs it
//! on this thread), queues, supersedes and cancels; this side numbers the requests and hands
//! each reply to the callback of its request. Writing the pool in JavaScript rather than here
//! keeps it out of the first load: measured, the same logic in Rust cost the page's wasm 7.5 KB
//! brotli, the script costs nothing until it is needed.
//!
//! Where the script cannot be loaded (or the page was not built by trunk, as in the browser
//! tests, and has no `data-engine`), every request fails with [`Failure::Unavailable`].
//!
//! Callbacks are called with no borrow of this state held, so they may send new requests.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `engine.js`'s pool.
    #[derive(Clone)]
    type Pool;

    #[wasm_bindgen(method)]
    fn send(this: &Pool, message: &Object, transfer: &Array, group: Option<&str>);

    #[wasm_bindgen(method)]
    fn cancel(this: &Pool, id: u32);

    #[wasm_bindgen(method, js_name = warmUp)]
    fn warm_up(this: &Pool);

    #[wasm_bindgen(method, setter)]
    fn set_onreply(this: &Pool, handler: &js_sys::Function);
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
    Progress {
        done: f64,
        total: f64,
    },
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

enum Link {
    NotLoaded,
    Loading(Vec<Queued>),
    /// The pool (kept as a plain value: it is only ever called through `pool()`).
    Ready(JsValue),
    Unavailable,
}

type Queued = (Object, Array, Option<&'static str>);

struct Engine {
    link: Link,
    /// The callbacks of the requests not yet done (a few at a time: a list is enough).
    waiting: Vec<(u32, OnReply)>,
    next_id: u32,
    /// The listeners for the script's announcement, its failure, and the pool's replies.
    _listeners: Vec<Closure<dyn FnMut(JsValue)>>,
}

thread_local! {
    static ENGINE: RefCell<Engine> = RefCell::new(Engine {
        link: Link::NotLoaded,
        waiting: Vec::new(),
        next_id: 1,
        _listeners: Vec::new(),
    });
}

/// The pool, once announced. Calls into it happen with no borrow held: it may answer at once.
fn pool() -> Option<Pool> {
    ENGINE.with(|engine| match &engine.borrow().link {
        Link::Ready(pool) => Some(pool.clone().unchecked_into()),
        _ => None,
    })
}

/// Sends a request; `on_reply` hears every reply. Returns its id, for [`cancel`].
pub fn send(request: Request, on_reply: impl Fn(Reply) + 'static) -> u32 {
    let message = Object::new();
    let transfer: Array = request.transfer.iter().collect();
    let on_reply: OnReply = Rc::new(on_reply);
    let (id, available) = ENGINE.with(|engine| {
        let mut engine = engine.borrow_mut();
        let id = engine.next_id;
        engine.next_id += 1;
        if matches!(engine.link, Link::NotLoaded) {
            load(&mut engine);
        }
        let available = !matches!(engine.link, Link::Unavailable);
        if available {
            engine.waiting.push((id, Rc::clone(&on_reply)));
        }
        (id, available)
    });
    let _ = Reflect::set(&message, &"id".into(), &id.into());
    let _ = Reflect::set(&message, &"kind".into(), &request.kind.into());
    for (key, value) in &request.fields {
        let _ = Reflect::set(&message, &(*key).into(), value);
    }
    if !available {
        on_reply(Reply::Failed(Failure::Unavailable));
        return id;
    }
    match pool() {
        Some(pool) => pool.send(&message, &transfer, request.supersedes),
        None => ENGINE.with(|engine| {
            if let Link::Loading(queue) = &mut engine.borrow_mut().link {
                if let Some(group) = request.supersedes {
                    queue.retain(|(_, _, g)| *g != Some(group));
                }
                queue.push((message, transfer, request.supersedes));
            }
        }),
    }
    id
}

/// Stops a request: dropped if it waits, its worker stopped if it runs. Nothing more is heard
/// of it.
pub fn cancel(id: u32) {
    ENGINE.with(|engine| {
        let mut engine = engine.borrow_mut();
        engine.waiting.retain(|(waiting, _)| *waiting != id);
        if let Link::Loading(queue) = &mut engine.link {
            queue.retain(|(message, _, _)| request_id(message) != Some(id));
        }
    });
    if let Some(pool) = pool() {
        pool.cancel(id);
    }
}

/// Starts the engine ahead of a request that is probably coming (the person reached for the
/// input), so that it is ready when the request comes. Never called at page load.
pub fn warm_up() {
    ENGINE.with(|engine| {
        let mut engine = engine.borrow_mut();
        if matches!(engine.link, Link::NotLoaded) {
            load(&mut engine);
        }
    });
    if let Some(pool) = pool() {
        pool.warm_up();
    }
}

fn request_id(message: &JsValue) -> Option<u32> {
    Reflect::get(message, &"id".into())
        .ok()?
        .as_f64()
        .map(|id| id as u32)
}

/// Adds `engine.js` as a module script; its pool arrives with the `hopscope-engine` event.
fn load(engine: &mut Engine) {
    let window = web_sys::window();
    let (Some(url), Some(window)) = (engine_url(), window) else {
        engine.link = Link::Unavailable;
        return;
    };
    engine.link = Link::Loading(Vec::new());
    let announced = Closure::<dyn FnMut(JsValue)>::new(|event: JsValue| {
        let pool = Reflect::get(&event, &"detail".into()).unwrap_or(JsValue::UNDEFINED);
        if pool.is_object() {
            ready(pool.unchecked_into());
        }
    });
    let failed = Closure::<dyn FnMut(JsValue)>::new(|_| unavailable());
    let _ = window
        .add_event_listener_with_callback("hopscope-engine", announced.as_ref().unchecked_ref());
    let added = window.document().and_then(|document| {
        let script = document.create_element("script").ok()?;
        script.set_attribute("type", "module").ok()?;
        script.set_attribute("src", &url).ok()?;
        script
            .add_event_listener_with_callback("error", failed.as_ref().unchecked_ref())
            .ok()?;
        document.head()?.append_child(&script).ok()
    });
    engine._listeners.extend([announced, failed]);
    if added.is_none() {
        engine.link = Link::Unavailable;
    }
}

/// The pool is there: it takes the requests that waited, and tells every reply.
fn ready(pool: Pool) {
    let on_reply = Closure::<dyn FnMut(JsValue)>::new(|reply: JsValue| deliver(&reply));
    pool.set_onreply(on_reply.as_ref().unchecked_ref());
    let queue = ENGINE.with(|engine| {
        let mut engine = engine.borrow_mut();
        engine._listeners.push(on_reply);
        match std::mem::replace(&mut engine.link, Link::Ready(pool.clone().into())) {
            Link::Loading(queue) => queue,
            // Announced twice, or after the script was given up on: keep what there was.
            other => {
                engine.link = other;
                Vec::new()
            }
        }
    });
    for (message, transfer, group) in &queue {
        pool.send(message, transfer, *group);
    }
}

/// The script could not be loaded: every request waiting, and every later one, fails.
fn unavailable() {
    let waiting: Vec<OnReply> = ENGINE.with(|engine| {
        let mut engine = engine.borrow_mut();
        engine.link = Link::Unavailable;
        engine
            .waiting
            .drain(..)
            .map(|(_, on_reply)| on_reply)
            .collect()
    });
    for on_reply in waiting {
        on_reply(Reply::Failed(Failure::Unavailable));
    }
}

/// Hands a reply (`{id, type, …}`) to its request's callback; the last one forgets it.
fn deliver(reply: &JsValue) {
    let field = |name: &str| Reflect::get(reply, &name.into()).unwrap_or(JsValue::UNDEFINED);
    let Some(id) = request_id(reply) else {
        return;
    };
    let kind = field("type").as_string().unwrap_or_default();
    let last = kind == "done" || kind == "error";
    let on_reply = ENGINE.with(|engine| {
        let mut engine = engine.borrow_mut();
        let at = engine
            .waiting
            .iter()
            .position(|(waiting, _)| *waiting == id)?;
        Some(if last {
            engine.waiting.remove(at).1
        } else {
            Rc::clone(&engine.waiting[at].1)
        })
    });
    let Some(on_reply) = on_reply else {
        return;
    };
    let reply = match kind.as_str() {
        "piece" => Reply::Piece(field("data")),
        "progress" => Reply::Progress {
            done: field("done").as_f64().unwrap_or(0.0),
            total: field("total").as_f64().unwrap_or(0.0),
        },
        "done" => Reply::Done(field("result")),
        _ => {
            let message = field("message").as_string().unwrap_or_default();
            Reply::Failed(match field("fatal").as_string().as_deref() {
                Some("unavailable") => Failure::Unavailable,
                Some(_) => Failure::Crashed(message),
                None => Failure::Refused(message),
            })
        }
    };
    on_reply(reply);
}

/// The engine's script: `data-engine` on the boot tag (hashed by the build). None where the
/// page was not built by trunk (the browser tests), which then has no engine.
fn engine_url() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let boot = document.get_element_by_id("hopscope-boot")?;
    boot.get_attribute("data-engine")
        .filter(|url| !url.is_empty())
}
