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
mod load;
pub mod policy;
mod route_svg;
pub mod state;
pub mod visible;

/// Mounts the app into `<body>`.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}

/// Mounts the app into `element` (the browser tests render into their own container).
pub fn start_in(element: web_sys::Element) -> yew::AppHandle<app::App> {
    yew::Renderer::<app::App>::with_root(element).render()
}
