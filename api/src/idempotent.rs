//! `Idempotency-Key` for writes a phone may retry on a weak network: the first answer is
//! stored in the same transaction as the write, and a replay with the same key and body gets it
//! back without writing anything.

use crate::blocking;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use diandan_domain::time;
use diandan_store::clock;
use diandan_store::idempotency::{self, IdempotencyRow};
use diandan_store::{AnyConnection, StoreError};
use sha2::{Digest, Sha256};

const MAX_KEY: usize = diandan_domain::limits::IDEMPOTENCY_KEY_MAX;

/// A key sent with a request, and the fingerprint of what was asked (path and body).
#[derive(Debug, Clone)]
pub struct Key {
    pub key: String,
    pub request_hash: String,
}

/// Reads the header; None without one. `body` is the request as parsed (re-serialised, so that
/// formatting differences of the same request do not matter).
pub fn from_request<T: serde::Serialize>(req: &HttpRequest, body: &T) -> Result<Option<Key>, ApiError> {
    let Some(v) = req.headers().get("idempotency-key") else { return Ok(None) };
    let key = match v.to_str() {
        Ok(k) if !k.trim().is_empty() && k.len() <= MAX_KEY => k.trim().to_string(),
        _ => {
            return Err(ApiError::bad_request(
                "invalid_idempotency_key",
                "Idempotency-Key must be 1–100 visible ASCII characters",
            ))
        }
    };
    let mut h = Sha256::new();
    h.update(req.path().as_bytes());
    h.update([0]);
    h.update(serde_json::to_vec(body).unwrap_or_default());
    Ok(Some(Key { key, request_hash: hex::encode(h.finalize()) }))
}

/// Inside the write transaction, before the write: the stored answer of an earlier request with
/// this key, or None after reserving the key (a concurrent request with the same key then
/// waits on it, and fails with a conflict that `write_retrying` turns into a replay).
pub fn replay_or_reserve(
    c: &mut AnyConnection,
    user_id: &str,
    key: Option<&Key>,
) -> Result<Option<(i32, String)>, ApiError> {
    let Some(k) = key else { return Ok(None) };
    if let Some(stored) = idempotency::get(c, user_id, &k.key)? {
        if stored.request_hash != k.request_hash {
            return Err(ApiError::invalid("Idempotency-Key", "this key was used for a different request")
                .with_code("idempotency_key_reused"));
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
        StoreError::Conflict(_) => ApiError::conflict("conflict", "idempotency key in use"),
        other => other.into(),
    })?;
    Ok(None)
}

/// Inside the write transaction, after the write: stores the answer for replays.
pub fn store(c: &mut AnyConnection, user_id: &str, key: Option<&Key>, status: i32, body: &str) -> Result<(), ApiError> {
    if let Some(k) = key {
        idempotency::complete(c, user_id, &k.key, status, body)?;
    }
    Ok(())
}

/// A stored or fresh answer as an HTTP response.
pub fn respond(status: i32, body: String) -> HttpResponse {
    HttpResponse::build(StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK))
        .content_type("application/json")
        .body(body)
}

/// Runs a write transaction again when it lost a race on a unique constraint (a concurrent
/// first write of the same thing, or a concurrent use of one key): the second run sees the
/// first and answers accordingly.
pub async fn write_retrying<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: Fn(&mut AnyConnection) -> Result<T, ApiError> + Clone + Send + 'static,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        match blocking::write(state, f.clone()).await {
            Err(e) if e.code == "conflict" && attempt < 3 => continue,
            other => return other,
        }
    }
}
