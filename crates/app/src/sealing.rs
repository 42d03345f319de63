//! The sealer: links committed audit entries and bulletin receipts into their hash chains,
//! after commit and off the request path. Every server process runs it every few hundred
//! milliseconds and once at start (so entries committed just before a crash are sealed at
//! restart); the sealer's lock makes one of them do the work at a time.

use crate::Error;
use diandan_store::{audit, bulletin, chains, Db};

/// Entries linked per transaction: large enough that a busy second needs few transactions,
/// small enough that one stays well under a second.
const BATCH: i64 = 2_000;

/// What one run sealed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sealed {
    pub audit: usize,
    pub bulletin: usize,
}

/// Seals everything committed so far, in batches. Returns what it sealed; nothing when
/// another process holds the sealer's lock (it is sealing the same entries).
pub fn seal_pending(db: &Db) -> Result<Sealed, Error> {
    let mut total = Sealed::default();
    loop {
        let pending = db.read(|c| Ok::<_, Error>(audit::unsealed(c)? + bulletin::pending(c)?))?;
        if pending == 0 {
            return Ok(total);
        }
        let batch = db.write(|c| {
            if !chains::lock_sealer(c, false)? {
                return Ok::<_, Error>(None);
            }
            Ok(Some(Sealed { audit: audit::seal(c, BATCH)?, bulletin: bulletin::seal(c, None, BATCH)? }))
        })?;
        let Some(b) = batch else { return Ok(total) };
        total.audit += b.audit;
        total.bulletin += b.bulletin;
        if (b.audit as i64) < BATCH && (b.bulletin as i64) < BATCH {
            return Ok(total);
        }
    }
}
