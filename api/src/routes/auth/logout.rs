//! POST /api/v1/auth/logout — end a login session.

use crate::blocking;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::accounts::logout::{logout, LogoutRequest};

/// Revoke the refresh token's family. Answers 204 whether or not the token was known, so the
/// call can be retried safely; access tokens already issued expire on their own.
#[utoipa::path(operation_id = "logout", tag = "auth", request_body = LogoutRequest, responses((status = 204, description = "session closed")))]
#[post("/auth/logout")]
pub async fn handler(state: web::Data<AppState>, body: web::Json<LogoutRequest>) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    blocking::run(&state, move |app| logout(app, &request)).await?;
    Ok(HttpResponse::NoContent().finish())
}
