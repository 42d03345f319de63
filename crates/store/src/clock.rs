//! The clock and the id generator: what is written gets its time and its id here, so the
//! domain's rules stay pure (they are given `now` and ids, never read them) and tests of a
//! rule need no clock.

use chrono::{DateTime, SubsecRound, Utc};

/// Now, truncated to microseconds as both backends store it (`diandan_domain::time`).
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// A new row id: a UUIDv7, time-ordered so that primary-key indexes stay append-mostly.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
