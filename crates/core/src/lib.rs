//! Hopscope core: reads the Received chain of an email and tells, hop by hop, whether it
//! travelled encrypted, with the exact header text that proves each verdict.
//!
//! (Module documentation with a runnable example is completed below.)

pub mod model;
pub mod render;
pub mod tls;

pub use model::*;

/// Analyses pasted text: headers alone or a whole message. Never fails.
pub fn analyze(input: &str) -> Report {
    let _ = input;
    Report {
        schema: SCHEMA_VERSION,
        looks_like_email: false,
        hops: Vec::new(),
        summary: Summary {
            overall: Overall::NoHops,
            headline: String::new(),
            hops: 0,
            encrypted: 0,
            plaintext: 0,
            unknown: 0,
            local: 0,
            exposed_hops: Vec::new(),
            unknown_hops: Vec::new(),
            weakest: None,
            transit_seconds: None,
            trusted_from: None,
        },
        warnings: Vec::new(),
        authentication: Authentication::default(),
        message: MessageInfo::default(),
        diagnostics: Vec::new(),
    }
}

/// Like [`analyze`], for bytes that may not be valid UTF-8 (files). Invalid sequences become
/// U+FFFD; spans in the report refer to that decoded text.
pub fn analyze_bytes(input: &[u8]) -> Report {
    analyze(&String::from_utf8_lossy(input))
}
