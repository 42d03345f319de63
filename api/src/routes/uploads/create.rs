//! POST /api/v1/uploads — a photo, as `wx.uploadFile` sends it (multipart/form-data, the file
//! in the field `file`).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::{ApiError, Code, Error};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::web::{Bytes, BytesMut};
use actix_web::{post, web, HttpResponse};
use diandan_app::uploads::receive::receive;
use diandan_app::uploads::views::PhotoView;
use futures_util::StreamExt;

/// The form as the spec shows it.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct PhotoForm {
    /// The photo: JPEG, PNG or WebP (judged by its content), at most `DIANDAN_PHOTO_LIMIT`
    /// bytes (10 MB), at most 50 million pixels.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Upload a photo. It is decoded and re-encoded (JPEG, or PNG when it has transparency; at
/// most 4096 pixels a side, turned upright by its EXIF orientation), so nothing of the original
/// file's metadata — GPS position above all — is kept; a 320-pixel thumbnail is made. Attach it
/// by its `id` to a work order or an objection within a day (unattached photos are removed).
/// The answer's signed addresses show it to the sender only until it is attached.
#[utoipa::path(
    operation_id = "uploadPhoto",
    tag = "photos",
    security(("bearer" = [])),
    request_body(content = PhotoForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = PhotoView),
        (status = 400, description = "bad_request", body = crate::problem::Problem),
        (status = 401, body = crate::problem::Problem),
        (status = 413, description = "body_too_large", body = crate::problem::Problem),
        (status = 415, description = "unsupported_media_type, unsupported_image", body = crate::problem::Problem),
        (status = 422, description = "unreadable_image, image_too_large", body = crate::problem::Problem),
        (status = 429, description = "too_many_uploads", body = crate::problem::Problem),
    )
)]
#[post("/uploads")]
pub async fn handler(state: web::Data<AppState>, caller: Caller, form: Multipart) -> Result<HttpResponse, ApiError> {
    // One of `DIANDAN_UPLOADS_AT_ONCE` turns, held while the photo is read and while it is
    // decoded: a 50-megapixel picture needs some 200 MB to decode.
    let _turn = state.uploads.acquire().await.map_err(Error::internal)?;
    let sent = read_file_field(&state, form).await?;
    let view = blocking::run(&state, move |app| receive(app, &caller, &sent)).await?;
    Ok(HttpResponse::Created().json(view))
}

/// The bytes of the form's `file` field, read under the photo limit; other fields are skipped,
/// a second `file` refused.
async fn read_file_field(state: &AppState, mut form: Multipart) -> Result<Bytes, ApiError> {
    let limit = state.photo_limit;
    let too_large = || ApiError::new(Code::BodyTooLarge, format!("the photo exceeds {limit} bytes"));
    let unreadable = |e: actix_multipart::MultipartError| match e {
        actix_multipart::MultipartError::ContentTypeMissing
        | actix_multipart::MultipartError::ContentTypeIncompatible
        | actix_multipart::MultipartError::BoundaryMissing => {
            ApiError::new(Code::UnsupportedMediaType, "send the photo as multipart/form-data, in a field named file")
        }
        e => ApiError::new(Code::BadRequest, format!("the form could not be read: {e}")),
    };
    let mut file: Option<BytesMut> = None;
    let mut skipped = 0usize;
    while let Some(field) = form.next().await {
        let mut field = field.map_err(unreadable)?;
        let is_file = field.content_disposition().and_then(|d| d.get_name()) == Some("file");
        if is_file && file.is_some() {
            return Err(ApiError::new(Code::BadRequest, "send one photo per upload (one field named file)"));
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(unreadable)?;
            if is_file {
                if body.len() + chunk.len() > limit {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            } else {
                // wx.uploadFile's formData: small, never kept.
                skipped += chunk.len();
                if skipped > 64 * 1024 {
                    return Err(too_large());
                }
            }
        }
        if is_file {
            file = Some(body);
        }
    }
    match file {
        Some(f) => Ok(f.freeze()),
        None => Err(ApiError::new(Code::BadRequest, "the form has no field named file")),
    }
}
