//! Arbitrary bytes into the streaming mbox splitter, pushed in chunks whose sizes the first
//! byte picks: it must never panic, chunking must never change the messages, and every
//! message must lie inside the input (see `hopscope_core::mbox::check_split`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&seed, input)) = data.split_first() else {
        return;
    };
    hopscope_core::mbox::check_split(input, seed);
});
