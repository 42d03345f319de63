//! Every error leaves as `application/problem+json` (RFC 9457) with a stable `code` that the
//! mini-program translates. The codes and their statuses are one table (`diandan_app::Code`);
//! this module only renders them. A 500 logs its cause and never sends it.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
pub use diandan_app::{Code, Error, FieldError};
use diandan_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

pub const CONTENT_TYPE: &str = "application/problem+json";

/// The problem+json body.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the problem type: `urn:diandan:problem:<code>`.
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable machine-readable code (snake_case); the list is in `docs/error-codes.md`.
    pub code: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// A use case's [`Error`] on its way out over HTTP.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub error: Error,
    /// The `Allow` header of a 405.
    pub allow: Option<String>,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl ApiError {
    pub fn code(&self) -> Code {
        self.error.code
    }

    pub fn problem(&self) -> Problem {
        let e = &self.error;
        Problem {
            type_: format!("urn:diandan:problem:{}", e.code),
            title: self.status_code().canonical_reason().unwrap_or("Error").to_string(),
            status: e.status(),
            detail: e.detail.clone(),
            code: e.code.as_str().to_string(),
            errors: e.errors.clone(),
        }
    }
}

impl From<Error> for ApiError {
    fn from(error: Error) -> ApiError {
        ApiError { error, allow: None }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        Error::from(e).into()
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(_: actix_web::error::BlockingError) -> ApiError {
        Error::new(Code::Overloaded, "the service is shutting down or overloaded; retry shortly").into()
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let mut resp = HttpResponse::build(self.status_code());
        resp.insert_header((header::CONTENT_TYPE, CONTENT_TYPE));
        if let Some(secs) = self.error.retry_after {
            resp.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        if let Some(allow) = &self.allow {
            resp.insert_header((header::ALLOW, allow.clone()));
        }
        resp.body(serde_json::to_string(&self.problem()).unwrap_or_default())
    }
}

/// The code for a bare status, used when a framework error without our body is rewritten.
pub fn code_for_status(status: StatusCode) -> Code {
    match status.as_u16() {
        401 => Code::Unauthorized,
        403 => Code::Forbidden,
        404 => Code::NotFound,
        405 => Code::MethodNotAllowed,
        408 => Code::RequestTimeout,
        411 => Code::LengthRequired,
        413 => Code::BodyTooLarge,
        414 => Code::UriTooLong,
        415 => Code::UnsupportedMediaType,
        422 => Code::ValidationFailed,
        429 => Code::TooManyRequests,
        503 => Code::ServiceUnavailable,
        s if s >= 500 => Code::InternalError,
        _ => Code::BadRequest,
    }
}

/// The constructors of [`Error`], for code that answers HTTP directly.
impl ApiError {
    pub fn new(code: Code, detail: impl Into<String>) -> ApiError {
        Error::new(code, detail).into()
    }
    pub fn not_found(what: &str) -> ApiError {
        Error::not_found(what).into()
    }
    pub fn invalid(field: &str, message: impl Into<String>) -> ApiError {
        Error::invalid(field, message).into()
    }
    pub fn validation(errors: Vec<FieldError>) -> ApiError {
        Error::validation(errors).into()
    }
    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        Error::internal(cause).into()
    }
}
