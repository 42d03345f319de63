//! One log line per request (method, path, status, latency, request id), and the id echoed
//! back in `X-Request-Id` so a resident's report can be matched to the log.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use std::time::Instant;

pub async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let id = uuid::Uuid::now_v7().simple().to_string();
    let method = req.method().clone();
    let path = req.path().to_owned();
    let result = next.call(req).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    match result {
        Ok(mut resp) => {
            let status = resp.status().as_u16();
            tracing::info!(target: "diandan::http", request_id = %id, %method, %path, status, latency_ms = format_args!("{ms:.2}"));
            if let Ok(v) = HeaderValue::from_str(&id) {
                resp.headers_mut().insert(HeaderName::from_static("x-request-id"), v);
            }
            Ok(resp)
        }
        Err(e) => {
            tracing::info!(target: "diandan::http", request_id = %id, %method, %path, status = e.as_response_error().status_code().as_u16(), latency_ms = format_args!("{ms:.2}"));
            Err(e)
        }
    }
}
