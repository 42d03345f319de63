//! Failed-login throttle, per account and per client address, over a sliding window.
//!
//! Kept in memory: a restart forgets it, which only gives an attacker one fresh window, and it
//! costs no database write on the login path. Memory is bounded by pruning expired keys.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct ThrottleConfig {
    pub per_account: usize,
    pub per_address: usize,
    pub window: Duration,
}

impl Default for ThrottleConfig {
    fn default() -> Self {
        ThrottleConfig { per_account: 5, per_address: 30, window: Duration::from_secs(15 * 60) }
    }
}

pub struct Throttle {
    cfg: ThrottleConfig,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

const PRUNE_ABOVE: usize = 10_000;

impl Throttle {
    pub fn new(cfg: ThrottleConfig) -> Throttle {
        Throttle { cfg, failures: Mutex::new(HashMap::new()) }
    }

    fn keys(account: &str, address: &str) -> (String, String) {
        (format!("u:{}", account.to_lowercase()), format!("a:{address}"))
    }

    /// Ok when a login may be attempted; otherwise how long to wait.
    pub fn check(&self, account: &str, address: &str) -> Result<(), Duration> {
        self.check_at(account, address, Instant::now())
    }

    pub fn check_at(&self, account: &str, address: &str, now: Instant) -> Result<(), Duration> {
        let (ka, kb) = Self::keys(account, address);
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let mut wait = Duration::ZERO;
        for (key, limit) in [(ka, self.cfg.per_account), (kb, self.cfg.per_address)] {
            if let Some(q) = map.get_mut(&key) {
                while q.front().is_some_and(|t| now.duration_since(*t) >= self.cfg.window) {
                    q.pop_front();
                }
                if q.len() >= limit {
                    let oldest = *q.front().expect("non-empty when at limit");
                    wait = wait.max(self.cfg.window - now.duration_since(oldest));
                }
            }
        }
        if wait.is_zero() {
            Ok(())
        } else {
            Err(wait.max(Duration::from_secs(1)))
        }
    }

    pub fn record_failure(&self, account: &str, address: &str) {
        self.record_failure_at(account, address, Instant::now())
    }

    pub fn record_failure_at(&self, account: &str, address: &str, now: Instant) {
        let (ka, kb) = Self::keys(account, address);
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > PRUNE_ABOVE {
            let window = self.cfg.window;
            map.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < window));
        }
        map.entry(ka).or_default().push_back(now);
        map.entry(kb).or_default().push_back(now);
    }

    /// A successful login clears the account's failures (not the address's).
    pub fn record_success(&self, account: &str) {
        let (ka, _) = Self::keys(account, "");
        self.failures.lock().unwrap_or_else(|p| p.into_inner()).remove(&ka);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_limit_and_recovers_after_window() {
        let t = Throttle::new(ThrottleConfig { per_account: 3, per_address: 5, window: Duration::from_secs(60) });
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(t.check_at("alice", "1.1.1.1", t0).is_ok());
            t.record_failure_at("alice", "1.1.1.1", t0);
        }
        assert_eq!(t.check_at("alice", "2.2.2.2", t0), Err(Duration::from_secs(60)));
        assert!(t.check_at("bob", "2.2.2.2", t0).is_ok());
        assert!(t.check_at("alice", "1.1.1.1", t0 + Duration::from_secs(60)).is_ok());
    }

    #[test]
    fn address_limit_spans_accounts() {
        let t = Throttle::new(ThrottleConfig { per_account: 100, per_address: 2, window: Duration::from_secs(60) });
        let t0 = Instant::now();
        t.record_failure_at("a", "9.9.9.9", t0);
        t.record_failure_at("b", "9.9.9.9", t0);
        assert!(t.check_at("c", "9.9.9.9", t0).is_err());
        assert!(t.check_at("c", "8.8.8.8", t0).is_ok());
    }

    #[test]
    fn success_clears_the_account() {
        let t = Throttle::new(ThrottleConfig { per_account: 1, per_address: 10, window: Duration::from_secs(60) });
        t.record_failure("a", "x");
        assert!(t.check("a", "y").is_err());
        t.record_success("a");
        assert!(t.check("a", "y").is_ok());
    }
}
