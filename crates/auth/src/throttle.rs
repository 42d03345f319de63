//! The failed-login throttle's rule: which counters a login attempt is charged to, and how
//! long a refused caller waits. The counters themselves live in the database
//! (`diandan_store::login_throttle`), so that every server process on one database shares
//! them and an attempt is counted before its password is hashed: a burst of parallel guesses
//! cannot slip past the limit while earlier guesses are still being hashed.

use std::time::Duration;

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

impl ThrottleConfig {
    /// The counters of one attempt, each with its limit: the account (case-insensitive, as
    /// usernames are) and the client address.
    pub fn keys(&self, account: &str, address: &str) -> [(String, usize); 2] {
        [(account_key(account), self.per_account), (address_key(address), self.per_address)]
    }

    /// How long a caller refused for a window that began `elapsed` ago waits (at least 1 s).
    pub fn wait(&self, elapsed: Duration) -> Duration {
        self.window.saturating_sub(elapsed).max(Duration::from_secs(1))
    }
}

fn account_key(account: &str) -> String {
    format!("u:{}", account.trim().to_lowercase())
}

fn address_key(address: &str) -> String {
    format!("a:{address}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_the_account_and_wait_the_rest_of_the_window() {
        let cfg = ThrottleConfig { per_account: 3, per_address: 7, window: Duration::from_secs(60) };
        assert_eq!(cfg.keys(" Alice", "1.2.3.4"), [("u:alice".to_string(), 3), ("a:1.2.3.4".to_string(), 7)]);
        assert_eq!(cfg.wait(Duration::from_secs(45)), Duration::from_secs(15));
        assert_eq!(cfg.wait(Duration::from_secs(90)), Duration::from_secs(1));
    }
}
