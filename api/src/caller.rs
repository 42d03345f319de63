//! The authenticated caller, extracted from `Authorization: Bearer <JWT>`.

use crate::problem::{ApiError, Code, Error};
use crate::state::AppState;
use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};
use diandan_app::Actor;
use diandan_auth::jwt::TokenError;
use std::future::{ready, Ready};

/// The extractor of the verified token's [`Actor`].
#[derive(Debug, Clone)]
pub struct Caller(pub Actor);

impl std::ops::Deref for Caller {
    type Target = Actor;
    fn deref(&self) -> &Actor {
        &self.0
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Ready<Result<Caller, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(extract(req).map_err(ApiError::from))
    }
}

fn extract(req: &HttpRequest) -> Result<Caller, Error> {
    let state =
        req.app_data::<web::Data<AppState>>().ok_or_else(|| Error::internal("AppState missing from app data"))?;
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or_else(|| Error::new(Code::MissingToken, "send Authorization: Bearer <access token>"))?;
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .ok_or_else(|| Error::new(Code::InvalidToken, "the Authorization header must be `Bearer <access token>`"))?;
    match state.jwt.verify(token) {
        Ok(c) => Ok(Caller(Actor { user_id: c.sub, kind: c.kind })),
        Err(TokenError::Expired) => Err(Error::new(Code::TokenExpired, "the access token has expired; refresh it")),
        Err(TokenError::Invalid) => Err(Error::new(Code::InvalidToken, "the access token is not valid")),
    }
}

/// The client address used by the login throttle: the socket peer, or the first
/// X-Forwarded-For hop when the operator says a trusted proxy sets it.
pub fn client_address(req: &HttpRequest, trust_forwarded: bool) -> String {
    let info = req.connection_info();
    let addr = if trust_forwarded { info.realip_remote_addr() } else { info.peer_addr() };
    let addr = addr.unwrap_or("unknown");
    // Strip the port: one client opens many connections.
    match addr.parse::<std::net::SocketAddr>() {
        Ok(sa) => sa.ip().to_string(),
        Err(_) => addr.to_string(),
    }
}
