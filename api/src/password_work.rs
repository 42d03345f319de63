//! Password hashing for the handlers. argon2 takes ~30 ms of one core in 19 MiB of memory, so
//! at most one hash per core runs at a time: more would finish no sooner and would only
//! multiply the memory (a burst of logins, or of guesses at unknown accounts, cannot grow the
//! server). Requests beyond that wait here, on the async side, not on a blocking thread that
//! database work needs; the permit travels into the blocking closure, so a request given up
//! half-way still holds it until its hash has finished.

use crate::problem::ApiError;
use std::sync::Arc;
use tokio::sync::Semaphore;

pub struct PasswordWork {
    permits: Arc<Semaphore>,
}

impl PasswordWork {
    /// At most `at_once` hashes at a time (the number of cores in the server).
    pub fn new(at_once: usize) -> PasswordWork {
        PasswordWork { permits: Arc::new(Semaphore::new(at_once.max(1))) }
    }

    pub async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let permit = self.permits.clone().acquire_owned().await.expect("the semaphore is never closed");
        Ok(actix_web::web::block(move || {
            let result = work();
            drop(permit);
            result
        })
        .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, Instant};

    #[actix_web::test]
    async fn no_more_hashes_run_at_once_than_permitted() {
        let work = Arc::new(PasswordWork::new(2));
        let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let started = Instant::now();
        let jobs = (0..6).map(|_| {
            let (work, now, most) = (work.clone(), now.clone(), most.clone());
            async move {
                work.run(move || {
                    let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(n, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(30));
                    now.fetch_sub(1, Ordering::SeqCst);
                })
                .await
                .unwrap()
            }
        });
        futures_util::future::join_all(jobs).await;
        // Six jobs of 30 ms, two at a time: three rounds.
        assert_eq!(most.load(Ordering::SeqCst), 2);
        assert!(started.elapsed() >= Duration::from_millis(90), "{:?}", started.elapsed());
    }
}
