//! Reaching the engine's pool of workers, which lives in `static/engine.js` (content-hashed
//! as `engine-<hash>.js`, named by the boot tag's `data-engine`).
//!
//! Nothing loads with the page: `boot.js` hands the app a function that imports that module
//! ([`set_loader`]), and the first request (or [`warm_up`]) calls it; requests made meanwhile
//! wait here. The module's `pool` starts module workers (or, where workers cannot run the
//! engine, runs it on this thread), queues, supersedes and cancels; this side numbers the
//! requests and hands each reply to the callback of its request. Writing the pool in
//! JavaScript rather than here keeps it out of the first load: measured, the same logic in
//! Rust cost the page's wasm about 1.3 KB brotli more, and the script costs nothing until it is
//! needed.
//!
//! Where the module cannot be loaded (or the page was not built by trunk, as in the browser
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
    /// `() => import(engine)`, from `boot.js`.
    loader: Option<js_sys::Function>,
    /// The listener for the pool's replies.
    _on_reply: Option<Closure<dyn FnMut(JsValue)>>,
    /// Who hears the lookup panel's result for the recipient's domain.
    on_recipient: Option<Rc<dyn Fn(JsValue)>>,
}

thread_local! {
    static ENGINE: RefCell<Engine> = RefCell::new(Engine {
        link: Link::NotLoaded,
        waiting: Vec::new(),
        next_id: 1,
        loader: None,
        _on_reply: None,
        on_recipient: None,
    });
}

/// Takes `boot.js`'s function that imports the engine's module; requests that were waiting for
/// it go ahead.
pub fn set_loader(loader: js_sys::Function) {
    let waiting = ENGINE.with(|engine| {
        let mut engine = engine.borrow_mut();
        engine.loader = Some(loader);
        matches!(engine.link, Link::Loading(_))
    });
    if waiting {
        import();
    }
}

/// The pool, once loaded. Calls into it happen with no borrow held: it may answer at once.
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
    for (key, value) in &request.fields {
        let _ = Reflect::set(&message, &(*key).into(), value);
    }
    // Last, so that no field can take their place.
    let _ = Reflect::set(&message, &"id".into(), &id.into());
    let _ = Reflect::set(&message, &"kind".into(), &request.kind.into());
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

/// Starts loading the engine's module (when `boot.js` has handed over the import; otherwise
/// when it does).
fn load(engine: &mut Engine) {
    if engine_url().is_none() {
        engine.link = Link::Unavailable;
        return;
    }
    engine.link = Link::Loading(Vec::new());
    if engine.loader.is_some() {
        // Once the caller's borrow has ended: the import answers in a later task anyway.
        yew::platform::spawn_local(async { import() });
    }
}

/// Calls the loader; its module's `pool` is the engine's, or the engine is unavailable.
fn import() {
    let Some(loader) = ENGINE.with(|engine| engine.borrow().loader.clone()) else {
        return;
    };
    let promise = loader
        .call0(&JsValue::NULL)
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    yew::platform::spawn_local(async move {
        let module = match promise {
            Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.ok(),
            None => None,
        };
        let pool = module
            .and_then(|m| Reflect::get(&m, &"pool".into()).ok())
            .filter(JsValue::is_object);
        match pool {
            Some(pool) => ready(pool.unchecked_into()),
            None => unavailable(),
        }
    });
}

/// The pool is there: it takes the requests that waited, and tells every reply.
fn ready(pool: Pool) {
    let on_reply = Closure::<dyn FnMut(JsValue)>::new(|reply: JsValue| deliver(&reply));
    pool.set_onreply(on_reply.as_ref().unchecked_ref());
    let queue = ENGINE.with(|engine| {
        let mut engine = engine.borrow_mut();
        engine._on_reply = Some(on_reply);
        match std::mem::replace(&mut engine.link, Link::Ready(pool.clone().into())) {
            Link::Loading(queue) => queue,
            // Loaded twice, or after it was given up on: keep what there was.
            other => {
                engine.link = other;
                Vec::new()
            }
        }
    });
    for (message, transfer, group) in &queue {
        pool.send(message, transfer, *group);
    }
    // The module was imported because the engine is wanted soon: start it if nothing has yet.
    pool.warm_up();
}

/// The module could not be loaded: every request waiting, and every later one, fails.
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

/// Hears the lookup panel (`engine.js`: plain DOM, loaded with the engine) say what the lookup
/// of the recipient's domain found, or that it no longer applies: `{type: "recipient",
/// requirement}`, a reply to no request.
pub fn watch_recipient(on_recipient: impl Fn(JsValue) + 'static) {
    ENGINE.with(|engine| engine.borrow_mut().on_recipient = Some(Rc::new(on_recipient)));
}

/// Hands a reply (`{id, type, …}`) to its request's callback; the last one forgets it.
fn deliver(reply: &JsValue) {
    let field = |name: &str| Reflect::get(reply, &name.into()).unwrap_or(JsValue::UNDEFINED);
    if field("type").as_string().as_deref() == Some("recipient") {
        let on_recipient = ENGINE.with(|engine| engine.borrow().on_recipient.clone());
        if let Some(on_recipient) = on_recipient {
            on_recipient(field("requirement"));
        }
        return;
    }
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
