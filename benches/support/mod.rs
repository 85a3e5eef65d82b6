//! What the benchmarks share: the median of repeated timings.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// The median of `runs` timings of `f`.
pub fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}
