//! Turning what a resident sent into what we keep: the kind judged by content, the dimensions
//! read from the header and checked before decoding (a decompression bomb costs nothing), the
//! camera's orientation applied, then a fresh encoding — so no EXIF block, GPS position or
//! other metadata of the original survives — and a thumbnail.

use diandan_domain::photo::{self, Kind};
use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// Why a file is not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not JPEG, PNG or WebP; what it looks like instead.
    Kind(&'static str),
    /// Larger than `photo::MAX_PIXELS` or `photo::MAX_SIDE`: width and height.
    Dimensions(u32, u32),
    /// The decoder would need more memory than such a picture may (a header that lies).
    Memory,
    /// Damaged or cut short: the decoder's words.
    Unreadable(String),
}

/// A picture as kept: its bytes and type, its size, and its thumbnail.
pub struct Kept {
    pub sent: Kind,
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
    pub thumb: Vec<u8>,
    pub thumb_content_type: &'static str,
}

fn unreadable(e: impl std::fmt::Display) -> Refusal {
    Refusal::Unreadable(e.to_string())
}

/// Decodes `sent` and encodes what is kept.
pub fn keep(sent: &[u8]) -> Result<Kept, Refusal> {
    let kind = photo::sniff(&sent[..sent.len().min(16)]).map_err(Refusal::Kind)?;
    let format = match kind {
        Kind::Jpeg => ImageFormat::Jpeg,
        Kind::Png => ImageFormat::Png,
        Kind::WebP => ImageFormat::WebP,
    };
    if kind == Kind::Jpeg && !photo::jpeg_complete(sent) {
        return Err(Refusal::Unreadable("the JPEG ends before its picture does (cut short)".into()));
    }
    let mut reader = ImageReader::with_format(Cursor::new(sent), format);
    // The dimensions are checked below from the header; this limit stops a decoder that
    // would still ask for more memory than such a picture needs (a header that lies).
    let mut limits = Limits::default();
    limits.max_alloc = Some(photo::MAX_PIXELS * 4 + (64 << 20));
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| refusal_of(e))?;
    let (width, height) = decoder.dimensions();
    if !photo::dimensions_allowed(width, height) {
        return Err(Refusal::Dimensions(width, height));
    }
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(refusal_of)?;
    img.apply_orientation(orientation);
    if img.width().max(img.height()) > photo::KEEP_SIDE {
        img = img.resize(photo::KEEP_SIDE, photo::KEEP_SIDE, image::imageops::FilterType::Triangle);
    }
    let transparent = has_transparency(&img);
    let (bytes, content_type) = encode(&img, transparent)?;
    let thumb = img.thumbnail(photo::THUMB_SIDE, photo::THUMB_SIDE);
    let (thumb, thumb_content_type) = encode(&thumb, transparent)?;
    Ok(Kept { sent: kind, bytes, content_type, width: img.width(), height: img.height(), thumb, thumb_content_type })
}

fn refusal_of(e: image::ImageError) -> Refusal {
    match e {
        image::ImageError::Limits(_) => Refusal::Memory,
        e => unreadable(e),
    }
}

/// Whether any pixel is not fully opaque (a PNG with an alpha channel that it never uses is
/// kept as JPEG like a photo).
fn has_transparency(img: &DynamicImage) -> bool {
    match img {
        DynamicImage::ImageLumaA8(i) => i.pixels().any(|p| p[1] < u8::MAX),
        DynamicImage::ImageRgba8(i) => i.pixels().any(|p| p[3] < u8::MAX),
        DynamicImage::ImageLumaA16(i) => i.pixels().any(|p| p[1] < u16::MAX),
        DynamicImage::ImageRgba16(i) => i.pixels().any(|p| p[3] < u16::MAX),
        i if i.color().has_alpha() => i.to_rgba8().pixels().any(|p| p[3] < u8::MAX),
        _ => false,
    }
}

/// JPEG, or PNG when the picture has transparency (JPEG has none).
fn encode(img: &DynamicImage, transparent: bool) -> Result<(Vec<u8>, &'static str), Refusal> {
    let mut out = Cursor::new(Vec::new());
    if transparent {
        img.to_rgba8().write_to(&mut out, ImageFormat::Png).map_err(unreadable)?;
        return Ok((out.into_inner(), "image/png"));
    }
    let rgb = img.to_rgb8();
    JpegEncoder::new_with_quality(&mut out, photo::JPEG_QUALITY).encode_image(&rgb).map_err(unreadable)?;
    Ok((out.into_inner(), "image/jpeg"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage, Rgba, RgbaImage};

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Jpeg).unwrap();
        out.into_inner()
    }

    // EXIF orientation and GPS removal are tested end to end with a phone photo of the testkit
    // (tests/api/photos.rs).

    #[test]
    fn large_pictures_are_scaled_and_thumbnailed() {
        let kept = keep(&jpeg(5000, 2500)).unwrap();
        assert_eq!((kept.width, kept.height), (4096, 2048));
        let thumb = image::load_from_memory(&kept.thumb).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (320, 160));
    }

    #[test]
    fn transparency_keeps_png_and_opaque_png_becomes_jpeg() {
        let mut out = Cursor::new(Vec::new());
        RgbaImage::from_fn(10, 10, |x, _| Rgba([0, 0, 0, if x < 5 { 0 } else { 255 }]))
            .write_to(&mut out, ImageFormat::Png)
            .unwrap();
        assert_eq!(keep(out.get_ref()).unwrap().content_type, "image/png");
        let mut out = Cursor::new(Vec::new());
        RgbaImage::from_pixel(10, 10, Rgba([9, 9, 9, 255])).write_to(&mut out, ImageFormat::Png).unwrap();
        let kept = keep(out.get_ref()).unwrap();
        assert_eq!((kept.sent, kept.content_type), (Kind::Png, "image/jpeg"));
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        assert_eq!(keep(b"%PDF-1.4\n...").err(), Some(Refusal::Kind("a PDF document")));
        let whole = jpeg(200, 200);
        assert!(matches!(keep(&whole[..whole.len() / 2]), Err(Refusal::Unreadable(_))));
        // A PNG header claiming 30,000 × 30,000 pixels (a bomb): refused before decoding.
        let mut bomb = b"\x89PNG\r\n\x1a\n".to_vec();
        for (kind, data) in [
            (&b"IHDR"[..], [&30_000u32.to_be_bytes()[..], &30_000u32.to_be_bytes(), &[8, 2, 0, 0, 0]].concat()),
            (b"IDAT", vec![0x78, 0x9C, 0x63, 0, 0, 0, 1, 0, 1]),
            (b"IEND", vec![]),
        ] {
            let body = [kind, &data].concat();
            bomb.extend_from_slice(&(data.len() as u32).to_be_bytes());
            bomb.extend_from_slice(&body);
            let mut crc = flate2::Crc::new();
            crc.update(&body);
            bomb.extend_from_slice(&crc.sum().to_be_bytes());
        }
        assert_eq!(keep(&bomb).err(), Some(Refusal::Dimensions(30_000, 30_000)));
    }
}
