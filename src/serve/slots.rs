//! How many queries and updates are evaluated at once. Oxigraph evaluates each on one thread:
//! past a few per core, more at once only share the cores, and each runs longer against its
//! time limit, until under load every query runs out of time and none is answered. So
//! evaluations beyond the cap wait for a slot, and the time limit starts when one is free.

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

pub(super) struct Slots {
    free: Mutex<usize>,
    freed: Condvar,
}

/// A slot held until dropped.
pub(super) struct Slot<'a>(&'a Slots);

impl Slots {
    pub(super) fn new(count: usize) -> Self {
        Self {
            free: Mutex::new(count),
            freed: Condvar::new(),
        }
    }

    /// A slot, once one is free; `None` if none was within `wait` (`None`: wait as long as it
    /// takes).
    pub(super) fn take(&self, wait: Option<Duration>) -> Option<Slot<'_>> {
        let deadline = wait.map(|wait| Instant::now() + wait);
        let mut free = self.free.lock().expect("not poisoned");
        while *free == 0 {
            free = match deadline {
                None => self.freed.wait(free).expect("not poisoned"),
                Some(deadline) => {
                    let left = deadline.checked_duration_since(Instant::now())?;
                    self.freed.wait_timeout(free, left).expect("not poisoned").0
                }
            };
        }
        *free -= 1;
        Some(Slot(self))
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        *self.0.free.lock().expect("not poisoned") += 1;
        self.0.freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_slot_is_given_back_when_dropped_and_waiters_give_up_in_time() {
        let slots = Arc::new(Slots::new(1));
        let held = slots.take(None).expect("a free slot");
        let started = Instant::now();
        assert!(slots.take(Some(Duration::from_millis(50))).is_none());
        assert!(started.elapsed() >= Duration::from_millis(50));
        let waiter = {
            let slots = Arc::clone(&slots);
            std::thread::spawn(move || slots.take(None).is_some())
        };
        std::thread::sleep(Duration::from_millis(20));
        drop(held);
        assert!(waiter.join().unwrap());
        assert!(slots.take(Some(Duration::ZERO)).is_some());
    }
}
