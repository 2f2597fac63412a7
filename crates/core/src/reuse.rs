//! Buffers kept per thread from one analysis to the next.
//!
//! Reading a header block needs a few working lists (its lines, its fields, the lexer's
//! tokens) that the report does not keep. Whoever analyses many messages — the CLI over many
//! files, an audit over a mailbox, the engine's worker — would allocate them afresh for each
//! message, and they are among the largest allocations of an analysis (the allocator's slow
//! path). Each thread keeps the last ones instead; a nested analysis (a forwarded message read
//! inside another) finds the slot empty and allocates its own. A buffer grown by a huge input
//! is dropped, not kept: what stays per thread is small. Without the `speed` feature (the
//! page's own wasm, whose analyses run in the engine) nothing is kept: fewer first-load bytes.

use std::cell::Cell;
use std::thread::LocalKey;

/// The most a kept buffer may hold, in bytes of capacity.
const KEEP_BYTES: usize = 64 * 1024;

/// The thread's kept vector in `slot`, empty, or a new one.
pub(crate) fn take<T>(slot: &'static LocalKey<Cell<Vec<T>>>) -> Vec<T> {
    if !cfg!(feature = "speed") {
        return Vec::new();
    }
    let mut v = slot.take();
    // Kept empty already; cleared again so the compiler knows it is (the `reserve` and
    // `extend` that follow compile shorter: 0.5k instructions per analysis).
    v.clear();
    v
}

/// Keeps `v` in `slot` for the next analysis on this thread, unless it grew too large.
pub(crate) fn keep<T>(slot: &'static LocalKey<Cell<Vec<T>>>, mut v: Vec<T>) {
    if cfg!(feature = "speed") && v.capacity() * std::mem::size_of::<T>() <= KEEP_BYTES {
        v.clear();
        slot.set(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static SLOT: Cell<Vec<u64>> = const { Cell::new(Vec::new()) };
    }

    #[cfg(feature = "speed")]
    #[test]
    fn kept_buffers_come_back_empty_and_huge_ones_are_dropped() {
        let mut v = take(&SLOT);
        v.extend([1, 2, 3]);
        let capacity = v.capacity();
        keep(&SLOT, v);
        let again = take(&SLOT);
        assert!(again.is_empty());
        assert_eq!(again.capacity(), capacity, "the same buffer");
        // A nested user finds the slot empty.
        assert_eq!(take(&SLOT).capacity(), 0);
        keep(&SLOT, Vec::with_capacity(KEEP_BYTES / 8 + 1));
        assert_eq!(take(&SLOT).capacity(), 0, "too large to keep");
    }
}
