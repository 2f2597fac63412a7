//! Exports that leave the page as files: JSON, SVG, and printing.
//!
//! A download is a `Blob` in memory, an object URL for it (`blob:`, local to this tab) and a
//! temporary `<a download>` clicked once; the URL is revoked shortly after. Nothing is fetched
//! or sent anywhere. The few bindings web-sys would need extra features for (the `Blob`
//! constructor with a type, `URL.createObjectURL`) are declared here instead: the same glue,
//! without widening the app's web-sys feature list.

use hopscope_core::Report;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = Blob)]
    type TypedBlob;

    #[wasm_bindgen(constructor, js_class = "Blob", catch)]
    fn new(parts: &js_sys::Array, options: &js_sys::Object) -> Result<TypedBlob, JsValue>;

    #[wasm_bindgen(js_namespace = URL, js_name = createObjectURL, catch)]
    fn create_object_url(blob: &TypedBlob) -> Result<String, JsValue>;

    #[wasm_bindgen(js_namespace = URL, js_name = revokeObjectURL)]
    fn revoke_object_url(url: &str);
}

/// Object URLs live this long after the click: the browser has taken the file by then.
const REVOKE_AFTER_MS: u32 = 10_000;

/// Saves `text` as a file named `name`. Quietly does nothing where the browser refuses.
pub fn download(name: &str, mime: &str, text: &str) {
    let _ = try_download(name, mime, text);
}

fn try_download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"type".into(), &mime.into())?;
    let blob = TypedBlob::new(&js_sys::Array::of1(&text.into()), &options)?;
    let url = create_object_url(&blob)?;
    let clicked = click_link(&url, name);
    gloo_timers::callback::Timeout::new(REVOKE_AFTER_MS, move || revoke_object_url(&url)).forget();
    clicked
}

/// A detached `<a href download>`, clicked once.
fn click_link(url: &str, name: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(JsValue::NULL)?;
    let link = document.create_element("a")?;
    link.set_attribute("href", url)?;
    link.set_attribute("download", name)?;
    link.dyn_into::<HtmlElement>()?.click();
    Ok(())
}

/// The report as pretty JSON, exactly the CLI's shape (`hopscope analyze --format json`).
/// Built by the browser's own `JSON.stringify` from the object the JavaScript API returns, so
/// the page carries no JSON serializer of its own.
pub fn report_json(report: &Report) -> Option<String> {
    let value = report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()?;
    let json = js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &2.into());
    Some(String::from(json.ok()?) + "\n")
}

/// Opens the browser's print dialog (where "Save as PDF" lives).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// The page's address without fragment or query: what a share link is built on.
pub fn page_base() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    location.origin().unwrap_or_default() + &location.pathname().unwrap_or_default()
}

/// Selects the whole text of the focused `<input>`, so the link is ready to copy by hand.
pub fn select_input(event: &yew::FocusEvent) {
    use yew::TargetCast;
    event
        .target_unchecked_into::<web_sys::HtmlInputElement>()
        .select();
}
