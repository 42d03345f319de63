//! The `Idempotency-Key` header and the stored answer as HTTP (the rule is
//! `diandan_app::idempotency`).

use crate::problem::ApiError;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
pub use diandan_app::idempotency::Key;

/// Reads the header; None without one.
pub fn from_request<T: serde::Serialize>(req: &HttpRequest, body: &T) -> Result<Option<Key>, ApiError> {
    let Some(v) = req.headers().get("idempotency-key") else { return Ok(None) };
    Ok(Some(Key::new(v.to_str().ok(), req.path(), body)?))
}

/// A stored or fresh answer as an HTTP response.
pub fn respond(status: i32, body: String) -> HttpResponse {
    HttpResponse::build(StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK))
        .content_type("application/json")
        .body(body)
}
