//! `Idempotency-Key` for writes a phone may retry on a weak network: the first answer is
//! stored in the same transaction as the write, and a replay with the same key and body gets it
//! back without writing anything.

use crate::{Code, Error};
use diandan_domain::time;
use diandan_store::idempotency::{self, IdempotencyRow};
use diandan_store::{clock, AnyConnection, Db, StoreError};
use sha2::{Digest, Sha256};

const MAX_KEY: usize = diandan_domain::limits::IDEMPOTENCY_KEY_MAX;

/// A key sent with a request, and the fingerprint of what was asked (path and body).
#[derive(Debug, Clone)]
pub struct Key {
    pub key: String,
    pub request_hash: String,
}

impl Key {
    /// `header` is the key as sent; `body` the request as parsed (re-serialised, so that
    /// formatting differences of the same request do not matter).
    pub fn new<T: serde::Serialize>(header: Option<&str>, path: &str, body: &T) -> Result<Key, Error> {
        let key = match header {
            Some(k) if !k.trim().is_empty() && k.len() <= MAX_KEY => k.trim().to_string(),
            _ => {
                return Err(Error::new(
                    Code::InvalidIdempotencyKey,
                    "Idempotency-Key must be 1–100 visible ASCII characters",
                ))
            }
        };
        let mut h = Sha256::new();
        h.update(path.as_bytes());
        h.update([0]);
        h.update(serde_json::to_vec(body).unwrap_or_default());
        Ok(Key { key, request_hash: hex::encode(h.finalize()) })
    }
}

/// Inside the write transaction, before the write: the stored answer of an earlier request with
/// this key, or None after reserving the key (a concurrent request with the same key then
/// waits on it, and fails with a conflict that [`write_retrying`] turns into a replay).
pub fn replay_or_reserve(
    c: &mut AnyConnection,
    user_id: &str,
    key: Option<&Key>,
) -> Result<Option<(i32, String)>, Error> {
    let Some(k) = key else { return Ok(None) };
    if let Some(stored) = idempotency::get(c, user_id, &k.key)? {
        if stored.request_hash != k.request_hash {
            return Err(Error::invalid("Idempotency-Key", "this key was used for a different request")
                .with_code(Code::IdempotencyKeyReused));
        }
        return Ok(Some((stored.status, stored.body)));
    }
    idempotency::insert(
        c,
        &IdempotencyRow {
            user_id: user_id.to_owned(),
            key: k.key.clone(),
            request_hash: k.request_hash.clone(),
            status: 0,
            body: String::new(),
            created_at: time::to_db(clock::now()),
        },
    )
    .map_err(|e| match e {
        StoreError::Conflict(_) => Error::new(Code::Conflict, "idempotency key in use"),
        other => other.into(),
    })?;
    Ok(None)
}

/// Inside the write transaction, after the write: stores the answer for replays.
pub fn store(c: &mut AnyConnection, user_id: &str, key: Option<&Key>, status: i32, body: &str) -> Result<(), Error> {
    if let Some(k) = key {
        idempotency::complete(c, user_id, &k.key, status, body)?;
    }
    Ok(())
}

/// Runs a write transaction again when it lost a race on a unique constraint (a concurrent
/// first write of the same thing, or a concurrent use of one key): the second run sees the
/// first and answers accordingly.
pub fn write_retrying<T>(db: &Db, f: impl Fn(&mut AnyConnection) -> Result<T, Error>) -> Result<T, Error> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match db.write(&f) {
            Err(e) if e.code == Code::Conflict && attempt < 3 => continue,
            other => return other,
        }
    }
}
