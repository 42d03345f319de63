//! POST /api/v1/auth/login — staff log in with username and password.

use crate::blocking;
use crate::caller::client_address;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::session;
use crate::state::AppState;
use actix_web::{post, web, HttpRequest};
use diandan_app::views::TokenPair;
use diandan_auth::password;
use diandan_domain::time;
use diandan_store::clock;
use diandan_store::{login_throttle, users};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordLogin {
    pub username: String,
    pub password: String,
}

fn throttled(wait: std::time::Duration) -> Error {
    Error::new(Code::TooManyAttempts, "too many failed logins; wait before trying again")
        .retry_after(wait.as_secs().max(1))
}

/// Counts this attempt against the account and the address before anything is hashed; when
/// either is at its limit nothing is counted (one transaction) and the caller waits.
async fn admit(state: &AppState, keys: [(String, usize); 2]) -> Result<(), ApiError> {
    let cfg = state.throttle.clone();
    blocking::write(state, move |c| {
        let now = clock::now();
        let opened_after = time::to_db(time::before(now, cfg.window));
        for (key, limit) in &keys {
            if let Some(start) = login_throttle::count_attempt(c, key, *limit as i32, time::to_db(now), opened_after)? {
                let elapsed = (now.naive_utc() - start).to_std().unwrap_or_default();
                return Err(throttled(cfg.wait(elapsed)));
            }
        }
        Ok(())
    })
    .await
}

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
    let PasswordLogin { username, password } = body.into_inner();
    if username.trim().is_empty() || username.len() > 64 || password.is_empty() || password.len() > 1024 {
        return Err(ApiError::new(Code::InvalidCredentials, "username or password is wrong"));
    }
    let address = client_address(&req, state.trust_forwarded);
    let keys = state.throttle.keys(&username, &address);
    admit(&state, keys.clone()).await?;

    let name = username.clone();
    let user = blocking::read(&state, move |c| Ok(users::by_username(c, &name)?)).await?;
    // Hash on the blocking pool, one hash per core at a time; an unknown user is checked against a dummy hash so that the
    // answer takes the same time either way.
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = state
        .password_work
        .run(move || match stored {
            Some(h) => password::verify(&password, &h),
            None => {
                password::verify(&password, password::dummy_hash());
                false
            }
        })
        .await?;
    let user = match (ok, user) {
        (true, Some(u)) => u,
        _ => {
            tracing::info!(target: "diandan::auth", username = %username, %address, "failed login");
            return Err(ApiError::new(Code::InvalidCredentials, "username or password is wrong"));
        }
    };
    if user.disabled_at.is_some() {
        return Err(ApiError::new(Code::AccountDisabled, "this account is disabled"));
    }
    let jwt = state.jwt.clone();
    let ttl = state.refresh_ttl_days;
    let [(account, _), (address, _)] = keys;
    let pair = blocking::write(&state, move |c| {
        login_throttle::forgive(c, &account, &address)?;
        session::issue(c, &jwt, ttl, &user.id, &user.kind, None)
    })
    .await?;
    Ok(web::Json(pair))
}
