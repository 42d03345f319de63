//! A light limit on writes (POST, PUT, PATCH, DELETE under /api/v1), per signed-in user and per
//! client address, answered 429 `too_many_writes` with `Retry-After`. Generous on purpose — 300
//! writes a minute per user, at once after a quiet minute: a committee member entering 200 paper
//! ballots in a row is never stopped — it only stops a client that loops.
//!
//! The counters live in each server process (one instant per key: see `diandan_domain::rate`),
//! not in the database: a write on every request would cost the ballot path a round trip. With
//! several instances behind a balancer a client may so get the limit once per instance; the
//! failed-password throttle, which must hold exactly, is in the database.

use crate::problem::{ApiError, Code, Error};
use crate::state::AppState;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;

fn is_write(m: &Method) -> bool {
    matches!(*m, Method::POST | Method::PUT | Method::PATCH | Method::DELETE)
}

pub async fn limit_writes(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let state = req.app_data::<actix_web::web::Data<AppState>>().cloned();
    if let (Some(state), true) = (state, is_write(req.method()) && req.path().starts_with("/api/")) {
        let limiter = &state.write_limiter;
        let mut keys = Vec::with_capacity(2);
        if let Some(rate) = limiter.per_address {
            keys.push((format!("a:{}", crate::caller::client_address(req.request(), state.trust_forwarded)), rate));
        }
        if let Some(rate) = limiter.per_user {
            // Only a verified token names a user: a forged one must not spend someone's allowance.
            let user = req
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .and_then(|t| state.jwt.verify(t.trim()).ok())
                .map(|c| c.sub);
            if let Some(user) = user {
                keys.push((format!("u:{user}"), rate));
            }
        }
        if let Err(wait) = limiter.take(&keys) {
            let e = Error::new(Code::TooManyWrites, format!("too many changes in a short time; retry in {wait} s"))
                .retry_after(wait);
            return Ok(req.error_response(ApiError::from(e)).map_into_right_body());
        }
    }
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}
