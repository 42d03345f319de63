//! POST /api/v1/auth/login — staff log in with username and password.

use crate::blocking;
use crate::caller::client_address;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpRequest};
use diandan_app::accounts::login::{admit, finish, PasswordLogin};
use diandan_app::views::TokenPair;

/// Log in with a staff account.
#[utoipa::path(
    operation_id = "loginWithPassword",
    tag = "auth",
    request_body = PasswordLogin,
    responses(
        (status = 200, body = TokenPair),
        (status = 401, description = "invalid_credentials, account_disabled", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
        (status = 429, description = "too_many_attempts (per account and per client address), with Retry-After", body = crate::problem::Problem),
    )
)]
#[post("/auth/login")]
pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<PasswordLogin>,
) -> Result<web::Json<TokenPair>, ApiError> {
    let login = body.into_inner();
    let address = client_address(&req, state.trust_forwarded);
    // Three steps: the attempt is counted and its account found, the password is checked on the
    // hashing pool (one hash per core at a time), then the session starts.
    let attempt = blocking::run(&state, move |app| admit(app, login, &address)).await?;
    let checked = state.password_work.run(move || attempt.check()).await?;
    let pair = blocking::run(&state, move |app| finish(app, checked)).await?;
    Ok(web::Json(pair))
}
