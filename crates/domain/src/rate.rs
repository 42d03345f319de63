//! A rate limit as the generic cell rate algorithm (GCRA): `per_minute` requests a minute on
//! average, up to `per_minute` at once after a quiet minute. One instant per key (the
//! theoretical arrival time) is all the state, so a limiter for every user costs little.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub per_minute: u32,
}

impl Rate {
    fn interval(&self) -> Duration {
        Duration::from_secs(60) / self.per_minute.max(1)
    }

    /// Takes one request at `now` (time since any fixed origin) against `tat`, the key's
    /// theoretical arrival time (None: a new key). Ok(new tat) when allowed, else how long to wait.
    pub fn take(&self, tat: Option<Duration>, now: Duration) -> Result<Duration, Duration> {
        let t = self.interval();
        let burst = t * self.per_minute.max(1);
        let tat = tat.unwrap_or(now).max(now);
        let next = tat + t;
        if next > now + burst {
            return Err(next - (now + burst));
        }
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_the_rate_then_the_rate() {
        let r = Rate { per_minute: 300 };
        let mut tat = None;
        let now = Duration::from_secs(1000);
        for n in 0..300 {
            tat = Some(r.take(tat, now).unwrap_or_else(|_| panic!("request {n} refused")));
        }
        let wait = r.take(tat, now).unwrap_err();
        assert_eq!(wait, Duration::from_millis(200), "one more after a fifth of a second (300 a minute)");
        assert!(r.take(tat, now + Duration::from_millis(199)).is_err());
        assert!(r.take(tat, now + Duration::from_millis(200)).is_ok());
        // A quiet minute gives the whole burst back, and no more.
        let later = now + Duration::from_secs(120);
        let mut t2 = tat;
        for _ in 0..300 {
            t2 = Some(r.take(t2, later).unwrap());
        }
        assert!(r.take(t2, later).is_err());
    }
}
