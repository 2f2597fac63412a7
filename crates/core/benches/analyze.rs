//! `cargo bench -p hopscope-core --bench analyze`
//!
//! Compares Hopscope's full analysis with a bare `mail_parser::MessageParser::parse_headers`
//! on the same input, at 1 KB, ~5 KB (a typical 10-hop header block), 100 KB and 10 MB, and
//! prints time per run, throughput and the ratio. A report, not a test: nothing here fails on a
//! busy machine. Targets: our analysis at least as fast as mail-parser's bare parse; a 10-hop
//! header block in ≤ 20 µs; 10 MB in ≤ 70 ms; cost linear in input size (the µs/hop column
//! stays flat). Every comparison is timed in alternating rounds, best round of each side (this
//! VM's speed drifts by tens of percent within a minute); the goals are restated under the
//! table.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

mod inputs;
use inputs::{sized, typical};

/// The system allocator, counting allocations: the benchmark prints how many one analysis
/// makes (each is a malloc and a free, and they add up across millions of messages).
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

/// One more allocation. The benchmark runs on one thread, so a plain load and store count
/// exactly; a locked `fetch_add` (some twenty cycles) would weigh on whichever side allocates
/// more.
fn count() {
    ALLOCATIONS.store(ALLOCATIONS.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations (and reallocations) one call of `f` makes.
fn allocations(f: impl FnOnce()) -> u64 {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    f();
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

fn main() {
    // `cargo test --benches` runs this too, with `--bench` absent: keep that quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    // Each side's rounds take about this long in all.
    let budget = Duration::from_millis(if quick { 20 } else { 750 });
    let parser = mail_parser::MessageParser::new();
    let cases: Vec<(&str, String)> = vec![
        ("1 KB", sized(1024)),
        (TYPICAL, typical()),
        ("100 KB", sized(100 * 1024)),
        (LARGE, sized(10 * 1024 * 1024)),
    ];
    let mut goals = Vec::new();
    println!(
        "{:<16} {:>10} {:>7} {:>12} {:>12} {:>10} {:>8} {:>8} {:>8} {:>8}",
        "input",
        "bytes",
        "hops",
        "hopscope",
        "mail-parser",
        "ratio",
        "µs/KB",
        "µs/hop",
        "allocs",
        "theirs"
    );
    for (name, input) in &cases {
        if quick && input.len() > 200_000 {
            continue;
        }
        let hops = hopscope_core::analyze(input).hops.len();
        let ours_allocs = allocations(|| drop(black_box(hopscope_core::analyze(input))));
        let their_allocs = allocations(|| drop(black_box(parser.parse_headers(input.as_bytes()))));
        let start = Instant::now();
        drop(black_box(hopscope_core::analyze(black_box(input))));
        let once = start.elapsed().max(Duration::from_nanos(50));
        let runs = (budget.as_nanos() / ROUNDS as u128 / once.as_nanos()).clamp(1, 20_000) as u32;
        let (ours, theirs) = alternating(
            (runs, || {
                drop(black_box(hopscope_core::analyze(black_box(input))))
            }),
            (runs, || {
                drop(black_box(parser.parse_headers(black_box(input.as_bytes()))))
            }),
        );
        let goal = match *name {
            TYPICAL => Some("ratio at least 1.0x, hopscope at most 20 µs"),
            LARGE => Some("hopscope at most 70 ms"),
            _ => None,
        };
        if let Some(goal) = goal {
            goals.push(format!(
                "{name}: hopscope {ours:.1?} against mail-parser {theirs:.1?}, ratio {:.2}x (goal: {goal})",
                theirs.as_secs_f64() / ours.as_secs_f64(),
            ));
        }
        println!(
            "{:<16} {:>10} {:>7} {:>12} {:>12} {:>9.2}x {:>8.2} {:>8.2} {:>8} {:>8}",
            name,
            input.len(),
            hops,
            format!("{:.1?}", ours),
            format!("{:.1?}", theirs),
            theirs.as_secs_f64() / ours.as_secs_f64(),
            ours.as_secs_f64() * 1e6 / (input.len() as f64 / 1024.0),
            ours.as_secs_f64() * 1e6 / hops as f64,
            ours_allocs,
            their_allocs,
        );
    }
    if !quick {
        println!();
        for goal in &goals {
            println!("{goal}");
        }
        flatness(&cases[2].1, &cases[3].1);
    }
    println!("ratio = mail-parser bare parse time / Hopscope full analysis time (≥ 1 means Hopscope is at least as fast).");
    println!("allocs = allocations of one analysis (Hopscope) and of one bare parse (theirs = mail-parser).");
    println!("µs/hop: every input but the 1 KB one is mostly Received headers, which cost more per KB than the others; per hop, the cost is the same at every size.");
}

const TYPICAL: &str = "typical 10 hops";
const LARGE: &str = "10 MB";

/// Rounds of every alternating comparison.
const ROUNDS: usize = 15;

/// Best time of one call of `a` and of `b`, in `ROUNDS` rounds that alternate between them
/// (`runs_a` calls of `a` a round, `runs_b` of `b`): a machine whose speed drifts during the
/// run weighs on both alike.
fn alternating(
    (runs_a, mut a): (u32, impl FnMut()),
    (runs_b, mut b): (u32, impl FnMut()),
) -> (Duration, Duration) {
    let round = |runs: u32, f: &mut dyn FnMut()| {
        let t = Instant::now();
        for _ in 0..runs {
            f();
        }
        t.elapsed() / runs
    };
    let (mut best_a, mut best_b) = (Duration::MAX, Duration::MAX);
    for _ in 0..ROUNDS {
        best_a = best_a.min(round(runs_a, &mut a));
        best_b = best_b.min(round(runs_b, &mut b));
    }
    (best_a, best_b)
}

/// The cost per hop at 10 MB against 100 KB, timed in alternating rounds.
fn flatness(small: &str, large: &str) {
    let hops = |input: &str| hopscope_core::analyze(input).hops.len() as f64;
    let (small_hops, large_hops) = (hops(small), hops(large));
    // The small input 40 times a round, the large once: rounds of similar length.
    let analyse = |input: &str| drop(black_box(hopscope_core::analyze(black_box(input))));
    let (small_time, large_time) = alternating((40, || analyse(small)), (1, || analyse(large)));
    let best_small = small_time.as_secs_f64() * 1e6 / small_hops;
    let best_large = large_time.as_secs_f64() * 1e6 / large_hops;
    println!(
        "per hop, 10 MB against 100 KB: {best_large:.3} against {best_small:.3} µs/hop, {:+.0}% (goal: within 20%)",
        (best_large / best_small - 1.0) * 100.0
    );
}
