//! Work on many items at once, results handed back in the items' order.
//!
//! `hopscope analyze` with many files reads, analyses and renders each on one of `threads`
//! threads and writes the reports in the order of the files, as one thread would: the output
//! is the same byte for byte, only sooner. Plain `std` threads and channels, as in the audit
//! (`audit.rs`).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Runs `work` on every item on `threads` threads and calls `done` with each item and its
/// result in the items' order, on the calling thread. Stops at the first error `done`
/// returns (the threads stop taking items) and returns it.
pub fn in_order<T, R, E>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
    mut done: impl FnMut(&T, R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, R)>();
        for _ in 0..threads.clamp(1, items.len().max(1)) {
            let tx = tx.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                if tx.send((i, work(item))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        // Results arrive in any order; each waits here until those before it are written.
        let mut waiting: BTreeMap<usize, R> = BTreeMap::new();
        let mut expected = 0;
        for (i, result) in rx {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&expected) {
                if let Err(e) = done(&items[expected], result) {
                    // The threads find no item left and stop; the receiver is dropped on return.
                    next.store(items.len(), Ordering::Relaxed);
                    return Err(e);
                }
                expected += 1;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order_whatever_the_threads() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [1, 2, 3, 8, 1000] {
            let mut seen = Vec::new();
            // Uneven work, so that later items often finish first.
            let work = |&n: &u64| {
                let spin = (n * 7919) % 2000;
                (0..spin).fold(n, |a, b| a.wrapping_mul(31).wrapping_add(b)) ^ n
            };
            in_order(&items, threads, work, |&n, r| {
                seen.push((n, r));
                Ok::<(), ()>(())
            })
            .unwrap();
            let want: Vec<_> = items.iter().map(|n| (*n, work(n))).collect();
            assert_eq!(seen, want, "{threads} threads");
        }
    }

    #[test]
    fn the_first_error_stops_the_run() {
        let items: Vec<u32> = (0..10_000).collect();
        let mut written = 0;
        let result = in_order(
            &items,
            4,
            |&n| n,
            |&n, _| {
                if n == 100 {
                    return Err(n);
                }
                written += 1;
                Ok(())
            },
        );
        assert_eq!(result, Err(100));
        assert_eq!(written, 100, "nothing after the error is handed back");
    }

    #[test]
    fn no_items_no_calls() {
        let items: Vec<u8> = Vec::new();
        let result = in_order(&items, 4, |_| 0, |_, _: i32| Err::<(), ()>(()));
        assert_eq!(result, Ok(()));
    }
}
