//! Pictures for the upload tests, made here rather than checked in: a phone photo with its EXIF
//! block (orientation and a GPS position), and the forms `wx.uploadFile` sends.

use image::{ImageFormat, Rgb, RgbImage};
use std::io::Cursor;

/// The GPS latitude written into [`phone_photo`]'s EXIF block: its text must not survive.
pub const GPS_MARK: &[u8] = b"GPSMARK-31.2304N";

/// A `width` × `height` JPEG as a phone saves it: an APP1 Exif block with Orientation 6 (turn
/// 90° clockwise to show it) and a GPS IFD holding [`GPS_MARK`].
pub fn phone_photo(width: u32, height: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| Rgb([(x * 7 % 256) as u8, (y * 3 % 256) as u8, 120]));
    let mut plain = Cursor::new(Vec::new());
    img.write_to(&mut plain, ImageFormat::Jpeg).expect("encode");
    let plain = plain.into_inner();
    // TIFF (big-endian): IFD0 at 8 with Orientation = 6 and the GPS IFD pointer (at 38).
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&[0, 2]);
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
    tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    // GPS IFD: one ASCII entry (GPSLatitudeRef's tag) whose text lies at 56.
    let len = GPS_MARK.len() as u32;
    tiff.extend_from_slice(&[0, 1, 0, 1, 0, 2]);
    tiff.extend_from_slice(&len.to_be_bytes());
    tiff.extend_from_slice(&56u32.to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    tiff.extend_from_slice(GPS_MARK);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

/// A PNG whose header claims `side` × `side` pixels over a few bytes of data: a decompression
/// bomb when `side` is large (a zlib stream of zeros would fill it).
pub fn png_claiming(side: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        png.extend_from_slice(&body);
        let mut crc = flate2::Crc::new();
        crc.update(&body);
        png.extend_from_slice(&crc.sum().to_be_bytes());
    };
    let mut ihdr = side.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &[0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
    chunk(b"IEND", &[]);
    png
}

/// A multipart/form-data body with `file` in the field `name` (the service reads `file`) and
/// wx.uploadFile's `formData` fields; answers (content type, body).
pub fn form(name: &str, filename: &str, file: &[u8], fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let boundary = "----diandan-test-7d9f2c";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: image/jpeg\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
