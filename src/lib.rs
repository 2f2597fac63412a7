//! Hopscope, the web page (library part: the app and its components): paste the headers of an email and see, hop by hop, whether it
//! travelled encrypted. Everything runs in the browser; the analysis is `hopscope_core`.
//!
//! Untrusted input: header text, and every string of a report opened from a share link, is only
//! ever rendered as text nodes (see `visible`), with hidden and direction-changing characters
//! shown as visible tokens; the SVG export escapes it for XML (`route_svg`).

pub mod app;
mod browser;
pub mod components;
pub mod examples;
mod format;
mod fragment;
mod highlight;
pub mod policy;
pub mod state;
pub mod visible;

/// Takes the function that imports the engine's module (`static/boot.js` hands it over once
/// the app has started); the engine is loaded only when it is first needed.
pub fn engine_loader(load: js_sys::Function) {
    browser::engine::set_loader(load);
}

/// Mounts the app into `<body>`.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}

/// Mounts the app into `element` (the browser tests render into their own container).
pub fn start_in(element: web_sys::Element) -> yew::AppHandle<app::App> {
    yew::Renderer::<app::App>::with_root(element).render()
}
