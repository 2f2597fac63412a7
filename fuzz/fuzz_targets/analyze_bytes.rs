//! Arbitrary bytes into the analysis: it must never panic, and every report it gives must keep
//! its own promises (see `hopscope_core::check_invariants`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = hopscope_core::analyze(&text);
    hopscope_core::check_invariants(&text, &report);
});
