//! Opens and closes consultations when their window says so. The server calls [`tick`] every
//! few seconds; each consultation moves in its own transaction, so one failure does not hold up
//! the others. Ballots check the window themselves too, so a late tick never lets a ballot in
//! after `closes_at`.

use crate::consultations::lifecycle;
use crate::Error;
use chrono::{DateTime, Utc};
use diandan_domain::time;
use diandan_store::{consultations, Db};

/// Applies every due transition as of `now`; returns how many consultations moved.
pub fn tick(db: &Db, now: DateTime<Utc>) -> usize {
    let due = match db.read(|c| Ok::<_, Error>(consultations::due(c, time::to_db(now))?)) {
        Ok(d) => d,
        Err(e) => {
            tracing::warn!(error = %e, "scheduler could not read due consultations");
            return 0;
        }
    };
    let mut moved = 0;
    let mut closed = false;
    for c in due {
        let id = c.id.clone();
        let result = db.write(|conn| {
            // Re-read inside the transaction: the committee may have moved it meanwhile.
            let Some(fresh) = consultations::get(conn, &id)? else { return Ok::<_, Error>(None) };
            match fresh.state.as_str() {
                "announced" => lifecycle::open(conn, None, fresh, now).map(|_| Some(false)),
                "open" => lifecycle::close(conn, None, fresh, now).map(|_| Some(true)),
                _ => Ok(None),
            }
        });
        match result {
            Ok(Some(was_close)) => {
                moved += 1;
                closed |= was_close;
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(consultation = %id, error = %e, "scheduled transition refused"),
        }
    }
    if closed {
        db.tidy_after_close();
    }
    if let Err(e) = crate::consultations::messages::remind_closing(db, now) {
        tracing::warn!(error = %e, "could not queue the closing reminders");
    }
    moved
}
