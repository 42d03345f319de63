//! What a connection may hold of the server: how long a client has to send a request's head
//! and its body, and how many connections are open at once. Without these a client that
//! sends its body one byte at a time keeps a socket and its buffers for ever (seen: 21,000
//! such connections held 11,400 sockets and 240 MB).

use crate::config::Limits;
use crate::problem::ApiError;
use crate::problem::Code;
use crate::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{Payload, Service, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{HttpMessage, HttpServer};
use futures_util::Stream;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

impl Limits {
    /// The settings of an actix `HttpServer` that these limits govern.
    pub fn apply<F, I, S, B>(&self, server: HttpServer<F, I, S, B>) -> HttpServer<F, I, S, B>
    where
        F: Fn() -> I + Send + Clone + 'static,
        I: actix_service::IntoServiceFactory<S, actix_http::Request>,
        S: ServiceFactory<actix_http::Request, Config = actix_web::dev::AppConfig> + 'static,
        S::Error: Into<actix_web::Error> + 'static,
        S::InitError: std::fmt::Debug,
        S::Response: Into<actix_http::Response<B>> + 'static,
        <S::Service as Service<actix_http::Request>>::Future: 'static,
        S::Service: 'static,
        B: MessageBody + 'static,
    {
        let per_worker = self.max_connections.div_ceil(self.workers.max(1)).max(1);
        server
            .client_request_timeout(self.head_timeout)
            .client_disconnect_timeout(Duration::from_secs(1))
            .keep_alive(Duration::from_secs(5))
            .max_connections(per_worker)
    }

    fn deadline_for(&self, req: &ServiceRequest) -> Duration {
        let json =
            req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|c| c.contains("json"));
        if json {
            self.body_timeout
        } else {
            self.upload_timeout
        }
    }
}

/// Whether a payload error is the body deadline running out.
pub fn is_body_timeout(e: &PayloadError) -> bool {
    matches!(e, PayloadError::Io(io) if io.kind() == std::io::ErrorKind::TimedOut)
}

pub fn body_timeout_problem(limit: Duration) -> ApiError {
    ApiError::new(Code::BodyTimeout, format!("the request body did not arrive within {} s", limit.as_secs()))
}

/// A request body that fails with a time-out once its deadline passes; the connection is then
/// closed after the answer (actix closes a connection whose body was not read to the end).
struct Deadline {
    inner: Payload,
    sleep: Pin<Box<actix_web::rt::time::Sleep>>,
}

impl Stream for Deadline {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.sleep.as_mut().poll(cx).is_ready() {
            let e = std::io::Error::new(std::io::ErrorKind::TimedOut, "the request body did not arrive in time");
            return Poll::Ready(Some(Err(PayloadError::Io(e))));
        }
        Pin::new(&mut self.inner).poll_next(cx)
    }
}

/// Puts a deadline on every request body: JSON bodies get `body_timeout`, uploads
/// `upload_timeout`, counted from the request's arrival.
pub async fn body_deadline(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let limits = req.app_data::<actix_web::web::Data<AppState>>().map(|s| s.limits);
    let has_body = req.headers().contains_key(header::TRANSFER_ENCODING)
        || req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).is_some_and(|v| v.trim() != "0");
    if let (Some(limits), true) = (limits, has_body) {
        let limit = limits.deadline_for(&req);
        let inner = req.take_payload();
        let stream = Deadline { inner, sleep: Box::pin(actix_web::rt::time::sleep(limit)) };
        req.set_payload(Payload::Stream { payload: Box::pin(stream) });
    }
    next.call(req).await
}
