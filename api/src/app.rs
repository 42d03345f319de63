//! The application factory: routes, extractor configuration, and the layers that make every
//! error problem+json and log every request.

use crate::problem::{code_for_status, ApiError, CONTENT_TYPE};
use crate::problem::{Code, Error};
use crate::request_log::log_request;
use crate::route_table::RouteTable;
use crate::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::error::{JsonPayloadError, PayloadError};
use actix_web::http::header;
use actix_web::middleware::{from_fn, DefaultHeaders, ErrorHandlerResponse, ErrorHandlers};
use actix_web::{web, App, HttpRequest, HttpResponse, ResponseError};
use utoipa_actix_web::AppExt;

pub fn build_app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let json_limit = state.json_limit;
    // The route table is read from the routes as registered here, so that nothing the routes
    // import needs to know them.
    let (app, doc) = App::new().into_utoipa_app().configure(crate::routes::configure).split_for_parts();
    let routes = web::Data::new(RouteTable::from_openapi(&doc));
    app.app_data(web::Data::new(state))
        .app_data(routes)
        .app_data(web::JsonConfig::default().limit(json_limit).error_handler(json_error))
        .app_data(web::PathConfig::default().error_handler(|_, _| ApiError::not_found("resource").into()))
        .app_data(
            web::QueryConfig::default().error_handler(|e, _| ApiError::new(Code::InvalidQuery, e.to_string()).into()),
        )
        .configure(crate::console::configure)
        .default_service(web::to(fallback))
        .wrap(from_fn(crate::text_guard::reject_nul))
        .wrap(from_fn(crate::write_limit::limit_writes))
        .wrap(from_fn(crate::server::body_deadline))
        .wrap(ErrorHandlers::new().default_handler(to_problem))
        // No page of ours may be framed (clickjacking), and no answer sniffed into another type.
        .wrap(
            DefaultHeaders::new()
                .add((header::X_FRAME_OPTIONS, "DENY"))
                .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                .add((header::REFERRER_POLICY, "no-referrer")),
        )
        .wrap(from_fn(log_request))
}

fn json_error(err: JsonPayloadError, _: &HttpRequest) -> actix_web::Error {
    let api = match &err {
        JsonPayloadError::OverflowKnownLength { .. }
        | JsonPayloadError::Overflow { .. }
        | JsonPayloadError::Payload(PayloadError::Overflow) => Error::new(Code::BodyTooLarge, err.to_string()),
        JsonPayloadError::ContentType => {
            Error::new(Code::UnsupportedMediaType, "send the body as Content-Type: application/json")
        }
        JsonPayloadError::Deserialize(e) if e.is_data() => Error::new(Code::InvalidBody, e.to_string()),
        JsonPayloadError::Deserialize(e) => Error::new(Code::MalformedJson, format!("the body is not valid JSON: {e}")),
        _ => Error::new(Code::BadRequest, err.to_string()),
    };
    ApiError::from(api).into()
}

/// No route matched: 405 with `Allow` when the path exists under another method, else 404.
async fn fallback(req: HttpRequest, routes: web::Data<RouteTable>) -> Result<HttpResponse, ApiError> {
    match routes.allowed(req.path()) {
        Some(allow) => {
            let e = Error::new(
                Code::MethodNotAllowed,
                format!("{} is not served at {}; allowed: {allow}", req.method(), req.path()),
            );
            Err(ApiError { error: e, allow: Some(allow) })
        }
        None => Err(ApiError::new(Code::NotFound, format!("no route {} {}", req.method(), req.path()))),
    }
}

/// Rewrites any error response that is not already problem+json (actix's own plain-text
/// errors: body too large, bad payload...) into problem+json with a stable code.
fn to_problem<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(CONTENT_TYPE));
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let detail = match res.response().error() {
        Some(e) if status.is_client_error() => e.to_string(),
        Some(e) => {
            tracing::error!(cause = %e, "framework error");
            "an internal error occurred; it has been logged".to_string()
        }
        None => status.canonical_reason().unwrap_or("error").to_string(),
    };
    let api = ApiError::new(code_for_status(status), detail);
    let (req, _) = res.into_parts();
    let resp = api.error_response();
    Ok(ErrorHandlerResponse::Response(ServiceResponse::new(req, resp).map_into_right_body()))
}
