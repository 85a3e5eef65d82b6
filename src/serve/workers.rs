//! The threads that evaluate queries and updates, kept for the next one.
//!
//! Oxigraph's results stay on the thread that made them, so each request is evaluated on a
//! thread of its own. Spawned for each request and ended after it, those threads cost more than
//! the small queries they ran: under load each request faulted in a fresh stack and freed it
//! again, some sixty page faults a request. A thread that is done now waits for the next job,
//! and a job finds an idle thread or starts a new one at once, so none ever waits behind
//! another: what may evaluate at once is still the slots' business (`slots.rs`).

use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex, PoisonError};

type Job = Box<dyn FnOnce() + Send>;

/// How many idle threads are kept; beyond this a thread that is done ends.
const MOST_IDLE: usize = 64;

#[derive(Default)]
pub(super) struct Workers {
    idle: Mutex<Vec<Sender<Job>>>,
}

impl Workers {
    /// Runs `job` on an idle thread, or on a new one when none is idle.
    pub(super) fn run(self: &Arc<Self>, job: impl FnOnce() + Send + 'static) {
        let mut job: Job = Box::new(job);
        loop {
            let idle = self
                .idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop();
            match idle {
                Some(worker) => match worker.send(job) {
                    Ok(()) => return,
                    // Its thread ended (a job panicked): try the next.
                    Err(mpsc::SendError(back)) => job = back,
                },
                None => break,
            }
        }
        // Not kept alive by its threads: once the server drops it, idle threads end.
        let workers = Arc::downgrade(self);
        std::thread::spawn(move || {
            let (sender, jobs) = mpsc::channel::<Job>();
            let mut job = job;
            loop {
                job();
                {
                    let Some(workers) = workers.upgrade() else {
                        return;
                    };
                    let mut idle = workers.idle.lock().unwrap_or_else(PoisonError::into_inner);
                    if idle.len() >= MOST_IDLE {
                        return;
                    }
                    idle.push(sender.clone());
                }
                match jobs.recv() {
                    Ok(next) => job = next,
                    Err(_) => return,
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Barrier;
    use std::thread::ThreadId;

    #[test]
    fn a_thread_that_is_done_takes_the_next_job_and_busy_ones_are_not_waited_for() {
        let workers = Arc::new(Workers::default());
        let (done, finished) = mpsc::channel::<ThreadId>();
        let run = |workers: &Arc<Workers>| {
            let done = done.clone();
            workers.run(move || done.send(std::thread::current().id()).unwrap());
        };
        run(&workers);
        let first = finished.recv().unwrap();
        // Once it is idle again, the next job goes to the same thread.
        while workers.idle.lock().unwrap().is_empty() {
            std::thread::yield_now();
        }
        run(&workers);
        assert_eq!(finished.recv().unwrap(), first);
        // Two jobs that wait for each other both run: the second does not queue behind the first.
        let both = Arc::new(Barrier::new(2));
        for _ in 0..2 {
            let both = Arc::clone(&both);
            let done = done.clone();
            workers.run(move || {
                both.wait();
                done.send(std::thread::current().id()).unwrap();
            });
        }
        let (a, b) = (finished.recv().unwrap(), finished.recv().unwrap());
        assert_ne!(a, b);
    }
}
