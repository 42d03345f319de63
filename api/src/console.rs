//! The staff console: the built assets of `console/` (embedded by `build.rs`), served at `/`
//! beside the API. Hashed names under `/assets/` are cached for a year; `index.html` is
//! revalidated every time, so a new binary's console reaches browsers at their next load.
//! Every console answer carries a Content-Security-Policy without `unsafe-inline` or
//! `unsafe-eval`: the build emits no inline script or style, and Vue's runtime-only build
//! compiles no templates in the browser.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{guard, web, HttpRequest, HttpResponse};

pub struct Asset {
    pub path: &'static str,
    pub media_type: &'static str,
    pub body: &'static [u8],
    pub gzip: Option<&'static [u8]>,
}

pub static ASSETS: &[Asset] = include!(concat!(env!("OUT_DIR"), "/console_assets.rs"));

/// `img-src blob:` for the demand chart (fetched with the token, shown from a blob URL);
/// `data:` for the icons Element Plus inlines in its stylesheet.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub fn asset(path: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.path == path)
}

/// Registers `/` and `/assets/{name}` for GET and HEAD.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let read = || web::route().guard(guard::Any(guard::Get()).or(guard::Head()));
    cfg.service(web::resource("/").route(read().to(index)))
        .service(web::resource("/assets/{name:[^/]+}").route(read().to(hashed)));
}

async fn index(req: HttpRequest) -> HttpResponse {
    match asset("index.html") {
        Some(a) => respond(&req, a, "no-cache"),
        None => HttpResponse::ServiceUnavailable()
            .content_type("text/plain; charset=utf-8")
            .body("the console was not built into this binary (npm run build in console/, then rebuild)"),
    }
}

async fn hashed(req: HttpRequest, name: web::Path<String>) -> HttpResponse {
    match asset(&format!("assets/{name}")) {
        Some(a) => respond(&req, a, "public, max-age=31536000, immutable"),
        None => actix_web::ResponseError::error_response(&crate::problem::ApiError::not_found("asset")),
    }
}

fn respond(req: &HttpRequest, a: &'static Asset, cache: &'static str) -> HttpResponse {
    let gzip_ok = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.split(';').next().is_some_and(|e| e.trim() == "gzip")));
    let mut res = HttpResponse::Ok();
    res.content_type(a.media_type)
        .insert_header((header::CACHE_CONTROL, cache))
        .insert_header((header::VARY, "Accept-Encoding"))
        .insert_header((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY));
    match a.gzip {
        Some(gz) if gzip_ok => {
            res.insert_header((header::CONTENT_ENCODING, HeaderValue::from_static("gzip")));
            res.body(gz)
        }
        _ => res.body(a.body),
    }
}
