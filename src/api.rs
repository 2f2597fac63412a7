//! The JavaScript API: `hopscope.analyze(text)` returns the report as a plain object with the
//! same shape as `hopscope analyze --format json` (docs/SCHEMA.md). `static/boot.js` puts these
//! exports on `window.hopscope` once the module has started.

use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Analyses email headers (or a whole message) and returns the report as a plain object.
/// Never throws for any text.
#[wasm_bindgen]
pub fn analyze(text: &str) -> Result<JsValue, JsValue> {
    let report = hopscope_core::analyze(text);
    // JSON-compatible: `None` becomes `null` (not `undefined`) and maps become plain objects, so
    // the result deep-equals the CLI's JSON.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    report
        .serialize(&serializer)
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The version of this build (`hopscope-app` crate version) and of the report schema.
#[wasm_bindgen]
pub fn version() -> String {
    format!(
        "{} (schema {})",
        env!("CARGO_PKG_VERSION"),
        hopscope_core::SCHEMA_VERSION
    )
}

/// Hands the app the function that imports its engine (`static/engine.js`, content-hashed):
/// called once by `static/boot.js`, not part of the embedding API.
#[wasm_bindgen]
pub fn engine_loader(load: js_sys::Function) {
    hopscope_app::engine_loader(load);
}
