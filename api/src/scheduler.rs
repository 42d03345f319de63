//! Opens and closes consultations when their window says so. Runs every few seconds in the
//! server; each consultation moves in its own transaction, so one failure does not hold up
//! the others. Ballots check the window themselves too, so a late tick never lets a ballot in
//! after `closes_at`.

use chrono::{DateTime, Utc};
use diandan_store::Db;

/// Applies every due transition as of `now`; returns how many consultations moved.
pub fn tick(db: &Db, now: DateTime<Utc>) -> usize {
    diandan_app::consultations::schedule::tick(db, now)
}
