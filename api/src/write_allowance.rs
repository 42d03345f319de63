//! The allowances behind the write limit (`write_limit`): one instant per key, in this process.

use diandan_domain::rate::Rate;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Keys forgotten after this long without a write (their allowance is whole again by then).
const FORGET_AFTER: Duration = Duration::from_secs(120);

pub struct WriteLimiter {
    pub per_user: Option<Rate>,
    pub per_address: Option<Rate>,
    origin: Instant,
    keys: Mutex<HashMap<String, Duration>>,
}

impl WriteLimiter {
    /// `0` turns a limit off.
    pub fn new(per_user: u32, per_address: u32) -> WriteLimiter {
        let rate = |n: u32| (n > 0).then_some(Rate { per_minute: n });
        WriteLimiter {
            per_user: rate(per_user),
            per_address: rate(per_address),
            origin: Instant::now(),
            keys: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one write for each key; Err(seconds to wait) when one of them is spent.
    pub fn take(&self, keys: &[(String, Rate)]) -> Result<(), u64> {
        let now = self.origin.elapsed();
        let mut map = self.keys.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            map.retain(|_, tat| *tat + FORGET_AFTER > now);
        }
        // All or nothing: a write refused for the address does not spend the user's allowance.
        let mut next = Vec::with_capacity(keys.len());
        for (key, rate) in keys {
            match rate.take(map.get(key).copied(), now) {
                Ok(tat) => next.push((key.clone(), tat)),
                Err(wait) => return Err(wait.as_secs_f64().ceil().max(1.0) as u64),
            }
        }
        map.extend(next);
        Ok(())
    }
}
