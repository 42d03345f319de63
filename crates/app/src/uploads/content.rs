//! Serving a photo to whoever holds a signed address of it (no Authorization header: an
//! `<image>` tag sends none). The signature is checked before anything is read.

use crate::uploads::signing::Variant;
use crate::{Code, Context, Error};
use diandan_domain::ids;
use diandan_store::{clock, uploads};

/// A picture to send: its type, bytes and hash (the ETag).
pub struct Content {
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub sha256: String,
}

pub fn content(ctx: &Context, id: &str, variant: Variant, expires: i64, signature: &str) -> Result<Content, Error> {
    if !ids::is_uuid(id) || !ctx.photos.signer.verify(id, variant, expires, signature) {
        return Err(Error::not_found("photo"));
    }
    if expires < clock::now().timestamp() {
        return Err(Error::new(Code::PhotoAddressExpired, "this photo address has expired"));
    }
    let row = ctx.db.read(|c| uploads::get(c, id))?.ok_or_else(|| Error::not_found("photo"))?;
    // Refused by WeChat after the address was handed out: no longer shown to anyone.
    if row.review == "rejected" {
        return Err(Error::not_found("photo"));
    }
    let (sha256, content_type) = match variant {
        Variant::Picture => (row.sha256, row.content_type),
        Variant::Thumbnail => (row.thumb_sha256, row.thumb_content_type),
    };
    let bytes = ctx.photos.files.read(&sha256).map_err(|e| {
        tracing::error!(photo = id, %sha256, error = %e, "a photo's file is missing");
        Error::not_found("photo")
    })?;
    Ok(Content { content_type, bytes, sha256 })
}
