//! Reading an upload's body, after the handler has checked the caller's right to send it:
//! at most `DIANDAN_UPLOADS_AT_ONCE` uploads are read at a time (each may hold up to
//! `DIANDAN_UPLOAD_LIMIT` bytes), a declared or actual size beyond the limit is refused
//! without reading further, and the body deadline (server.rs) bounds a slow sender.

use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::web::{self, Bytes, BytesMut};
use actix_web::HttpRequest;
use futures_util::StreamExt;

fn too_large(limit: usize) -> ApiError {
    ApiError::new(Code::BodyTooLarge, format!("the upload exceeds {limit} bytes"))
}

pub async fn read(state: &AppState, req: &HttpRequest, mut payload: web::Payload) -> Result<Bytes, ApiError> {
    let limit = state.upload_limit;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large(limit));
    }
    let _turn = state.uploads.acquire().await.map_err(Error::internal)?;
    let mut body = BytesMut::with_capacity(declared.unwrap_or(0).min(limit as u64) as usize);
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| {
            if crate::server::is_body_timeout(&e) {
                crate::server::body_timeout_problem(state.limits.upload_timeout)
            } else {
                ApiError::new(Code::BadRequest, format!("the upload could not be read: {e}"))
            }
        })?;
        if body.len() + chunk.len() > limit {
            return Err(too_large(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}
