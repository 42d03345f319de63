//! POST /api/v1/auth/refresh — trade a refresh token for a new pair.

use crate::blocking;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::accounts::refresh::{refresh, RefreshRequest};
use diandan_app::views::TokenPair;

/// Rotate the refresh token. Presenting an already-used token revokes its whole family
/// (the token was copied); the client must log in again.
#[utoipa::path(
    operation_id = "refreshTokens",
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, body = TokenPair),
        (status = 401, description = "invalid_refresh_token, refresh_token_expired, refresh_token_reused, account_disabled", body = crate::problem::Problem),
    )
)]
#[post("/auth/refresh")]
pub async fn handler(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> Result<web::Json<TokenPair>, ApiError> {
    let request = body.into_inner();
    let pair = blocking::run(&state, move |app| refresh(app, &request)).await?;
    Ok(web::Json(pair))
}
