//! Share links come from strangers: decoding any text must never panic, never allocate beyond
//! its bound, and whatever decodes must encode again to a link that decodes to the same report.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(report) = hopscope_core::share::decode(text) {
        let again = hopscope_core::share::encode(&report, hopscope_core::share::Redaction::NONE);
        let back = hopscope_core::share::decode(&again).expect("a re-encoded report decodes");
        assert_eq!(back, hopscope_core::share::prepare(&report, hopscope_core::share::Redaction::NONE));
    }
    // Also as a payload body behind the current version prefix.
    let _ = hopscope_core::share::decode(&format!("r1.{text}"));
    // And as an audit link: whatever decodes re-encodes to the same shared audit.
    use hopscope_core::share::{decode_audit, encode_audit, prepare_audit};
    for candidate in [text.to_string(), format!("a1.{text}")] {
        if let Ok(shared) = decode_audit(&candidate) {
            let again = encode_audit(&shared.report, shared.redaction);
            let back = decode_audit(&again).expect("a re-encoded audit decodes");
            assert_eq!(back.report, prepare_audit(&shared.report, shared.redaction));
        }
    }
});
