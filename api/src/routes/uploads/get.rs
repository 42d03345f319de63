//! GET /api/v1/uploads/{id}/{variant} — a photo or its thumbnail, by a signed address.

use crate::blocking;
use crate::problem::{ApiError, Code};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use diandan_app::uploads::content::content;
use diandan_app::uploads::signing::Variant;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Signed {
    /// Unix seconds; part of what is signed.
    pub expires: i64,
    pub signature: String,
}

/// A picture's bytes, as the spec shows them.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct PhotoBytes(Vec<u8>);

/// Fetch a photo (`picture`) or its thumbnail (`thumbnail`). No Authorization header: the
/// address is the right, and only the views of what the photo is attached to hand it out, to
/// callers who may see it. Use the addresses as given; they end at `addresses_expire_at`.
#[utoipa::path(
    operation_id = "getPhoto",
    tag = "photos",
    params(
        ("id" = String, Path, description = "photo id"),
        ("variant" = String, Path, description = "picture | thumbnail"),
        Signed,
    ),
    responses(
        (status = 200, description = "the picture", content((PhotoBytes = "image/jpeg"), (PhotoBytes = "image/png"))),
        (status = 304, description = "the picture has not changed (If-None-Match)"),
        (status = 400, description = "invalid_query", body = crate::problem::Problem),
        (status = 403, description = "photo_address_expired", body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
    )
)]
#[get("/uploads/{id}/{variant}")]
pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    q: web::Query<Signed>,
) -> Result<HttpResponse, ApiError> {
    let (id, variant) = path.into_inner();
    let variant = match variant.as_str() {
        "picture" => Variant::Picture,
        "thumbnail" => Variant::Thumbnail,
        _ => return Err(ApiError::new(Code::NotFound, "a photo has a picture and a thumbnail")),
    };
    let Signed { expires, signature } = q.into_inner();
    let photo = blocking::run(&state, move |app| content(app, &id, variant, expires, &signature)).await?;
    let etag = format!("\"{}\"", photo.sha256);
    // The picture behind an id never changes: what the client holds is good while its address is.
    let max_age = (expires - chrono::Utc::now().timestamp()).max(0);
    let cache = format!("private, max-age={max_age}, immutable");
    if req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str()) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .insert_header((header::CACHE_CONTROL, cache))
            .finish());
    }
    Ok(HttpResponse::Ok()
        .content_type(photo.content_type)
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, cache))
        .insert_header((header::CONTENT_DISPOSITION, "inline"))
        .body(photo.bytes))
}
