//! JSON bodies may not carry NUL characters (`\u0000`): PostgreSQL cannot store them in text,
//! SQLite would store them and cut them off elsewhere. Refused for every JSON write at once,
//! with the same problem on both backends, before any handler runs.

use crate::problem::ApiError;
use crate::problem::{Code, Error};
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::web::BytesMut;
use actix_web::HttpMessage;
use futures_util::StreamExt;

/// Whether a JSON text holds the escape `\u0000` (and not merely a backslash followed by
/// "u0000", which JSON writes as `\\u0000`).
pub fn has_nul_escape(body: &[u8]) -> bool {
    let mut i = 0;
    while i < body.len() {
        if body[i] == b'\\' {
            let run = body[i..].iter().take_while(|b| **b == b'\\').count();
            if run % 2 == 1 && body[i + run..].starts_with(b"u0000") {
                return true;
            }
            i += run;
        } else {
            i += 1;
        }
    }
    false
}

pub async fn reject_nul(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let json =
        req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|c| c.contains("json"));
    let writes = matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH);
    let state = req.app_data::<actix_web::web::Data<crate::state::AppState>>();
    let (limit, deadline) = state.map_or((64 * 1024, Default::default()), |s| (s.json_limit, s.limits.body_timeout));
    let declared =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    // Bodies over the limit are left to the JSON extractor, which answers 413 without reading them.
    if json && writes && declared.is_none_or(|n| n <= limit) {
        let mut payload = req.take_payload();
        let mut body = BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = match chunk {
                Ok(c) => c,
                Err(e) if crate::server::is_body_timeout(&e) => {
                    return Ok(req.error_response(crate::server::body_timeout_problem(deadline)).map_into_right_body());
                }
                Err(e) => return Err(e.into()),
            };
            body.extend_from_slice(&chunk);
            if body.len() > limit {
                let e = Error::new(Code::BodyTooLarge, format!("the JSON body exceeds {limit} bytes"));
                return Ok(req.error_response(ApiError::from(e)).map_into_right_body());
            }
        }
        if has_nul_escape(&body) {
            let e =
                Error::invalid("body", "text must not contain NUL characters (\\u0000)").with_code(Code::InvalidText);
            return Ok(req.error_response(ApiError::from(e)).map_into_right_body());
        }
        req.set_payload(Payload::from(body.freeze()));
    }
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}

#[cfg(test)]
mod tests {
    use super::has_nul_escape;

    #[test]
    fn finds_only_real_nul_escapes() {
        assert!(has_nul_escape(br#"{"a":"x\u0000y"}"#));
        assert!(has_nul_escape(br#"{"a":"\\\u0000"}"#));
        assert!(!has_nul_escape(br#"{"a":"\\u0000"}"#));
        assert!(!has_nul_escape(br#"{"a":"\u0001 \n"}"#));
        assert!(!has_nul_escape(br#"{"a":"\"}"#));
    }
}
