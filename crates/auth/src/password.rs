//! argon2id password hashing. Hashing is deliberately slow (~30 ms in release) and works in
//! 19 MiB of memory: callers run it on a blocking thread, never on an async worker, and at most
//! one hash per core runs at a time (more would finish no sooner, and would only multiply the
//! memory: a burst of logins, or of guesses at unknown accounts, cannot grow the server).

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::{Condvar, Mutex, OnceLock};

pub const MIN_PASSWORD_CHARS: usize = 10;

/// Counts the argon2 computations running now; `run` waits while every core has one.
struct Gate {
    running: Mutex<usize>,
    freed: Condvar,
}

static GATE: Gate = Gate { running: Mutex::new(0), freed: Condvar::new() };

fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
}

impl Gate {
    fn run<T>(&self, work: impl FnOnce() -> T) -> T {
        let mut running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        while *running >= cores() {
            running = self.freed.wait(running).unwrap_or_else(|p| p.into_inner());
        }
        *running += 1;
        drop(running);
        // Released even if the work panics, so a panic cannot shrink the gate for good.
        struct Release<'a>(&'a Gate);
        impl Drop for Release<'_> {
            fn drop(&mut self) {
                *self.0.running.lock().unwrap_or_else(|p| p.into_inner()) -= 1;
                self.0.freed.notify_one();
            }
        }
        let _release = Release(self);
        work()
    }
}

pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    GATE.run(|| {
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .expect("argon2 with default parameters cannot fail on a generated salt")
            .to_string()
    })
}

/// Constant-shape verification; a malformed stored hash verifies as false.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => GATE.run(|| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()),
        Err(_) => false,
    }
}

/// A hash to verify against when the account does not exist, so that a login for an unknown
/// user takes as long as one for a known user (no account enumeration by timing).
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash("not-a-real-password-0000"))
}

/// Why a new password is refused.
pub fn check_strength(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(format!("password must have at least {MIN_PASSWORD_CHARS} characters"));
    }
    if password.len() > 1024 {
        return Err("password is longer than 1024 bytes".into());
    }
    Ok(())
}

/// A random password for the one-time bootstrap admin.
pub fn generate() -> String {
    use rand::Rng;
    const CHARS: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    (0..20).map(|_| CHARS[rng.gen_range(0..CHARS.len())] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_the_right_password() {
        let h = hash("correct horse battery");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &h));
        assert!(!verify("correct horse batterx", &h));
        assert!(!verify("anything", "not-a-hash"));
    }

    #[test]
    fn no_more_hashes_run_at_once_than_there_are_cores() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let (now, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let started = std::time::Instant::now();
        std::thread::scope(|s| {
            for _ in 0..cores() * 3 {
                s.spawn(|| {
                    GATE.run(|| {
                        let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(n, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(20));
                        now.fetch_sub(1, Ordering::SeqCst);
                    })
                });
            }
        });
        // Three rounds of 20 ms, never more than one per core at once.
        assert!(most.load(Ordering::SeqCst) <= cores(), "{} at once", most.load(Ordering::SeqCst));
        assert!(started.elapsed() >= std::time::Duration::from_millis(60), "{:?}", started.elapsed());
    }

    #[test]
    fn strength_rule() {
        assert!(check_strength("short").is_err());
        assert!(check_strength("long enough pw").is_ok());
        assert_eq!(generate().len(), 20);
    }
}
