//! What a photo upload may be: its kind judged by its first bytes (never by its name or the
//! Content-Type a client claims), the size of picture we decode, what we keep, and how long an
//! address to it stays good.

/// The kinds of picture taken. Anything else is refused before decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    WebP,
}

impl Kind {
    pub fn mime(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::WebP => "image/webp",
        }
    }
}

/// What the first bytes say a file is: one of the kinds taken, or (to tell the sender what they
/// sent) the name of a common kind that is not.
pub fn sniff(head: &[u8]) -> Result<Kind, &'static str> {
    match head {
        [0xFF, 0xD8, 0xFF, ..] => Ok(Kind::Jpeg),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Ok(Kind::Png),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Ok(Kind::WebP),
        [b'%', b'P', b'D', b'F', ..] => Err("a PDF document"),
        [b'G', b'I', b'F', b'8', ..] => Err("a GIF picture"),
        [_, _, _, _, b'f', b't', b'y', b'p', b'h', b'e', b'i', b'c' | b'f' | b'x', ..]
        | [_, _, _, _, b'f', b't', b'y', b'p', b'm', b'i', b'f', b'1', ..] => Err("a HEIC picture"),
        [b'B', b'M', ..] => Err("a BMP picture"),
        [b'P', b'K', 0x03, 0x04, ..] => Err("a ZIP archive (or an Office document)"),
        [] => Err("an empty file"),
        _ => Err("not a picture this service reads"),
    }
}

/// Whether a JPEG is whole: its last scan (SOS, FF DA) is followed by the end-of-image marker
/// (FF D9). The decoder fills a file cut short with grey rather than failing, so a photo that
/// arrived half would otherwise be kept half grey. Inside a scan FF is always escaped (FF 00),
/// and a thumbnail embedded in EXIF ends before the main scan starts, so the last of each
/// marker is the main picture's.
pub fn jpeg_complete(bytes: &[u8]) -> bool {
    let last = |marker: u8| bytes.windows(2).rposition(|w| w[0] == 0xFF && w[1] == marker);
    matches!((last(0xDA), last(0xD9)), (Some(sos), Some(eoi)) if eoi > sos)
}

/// The most pixels a picture may have. Read from the header before anything is decoded, so a
/// small file that would decode to gigabytes (a decompression bomb) costs nothing. 50 MP is
/// above any phone camera's full resolution.
pub const MAX_PIXELS: u64 = 50_000_000;
/// The longest side of either dimension (a 1 × 50,000,000 strip is no photo either).
pub const MAX_SIDE: u32 = 20_000;
/// The longest side kept: larger pictures are scaled down to it (a 4,000 × 3,000 phone photo
/// is kept whole).
pub const KEEP_SIDE: u32 = 4096;
/// The longest side of a thumbnail.
pub const THUMB_SIDE: u32 = 320;
/// JPEG quality of kept pictures and thumbnails.
pub const JPEG_QUALITY: u8 = 85;

/// Whether a picture of `width` × `height` may be decoded.
pub fn dimensions_allowed(width: u32, height: u32) -> bool {
    width > 0 && height > 0 && width <= MAX_SIDE && height <= MAX_SIDE && width as u64 * height as u64 <= MAX_PIXELS
}

/// How long a photo address stays good: at least `VALID_SECS`, ending on the next multiple of
/// `ROUND_SECS` after that, so that the same photo viewed again within the round keeps its
/// address and the client's image cache serves it.
pub const VALID_SECS: i64 = 3600;
pub const ROUND_SECS: i64 = 600;

/// The expiry (Unix seconds) of an address made at `now`.
pub fn expiry(now: i64) -> i64 {
    let at_least = now + VALID_SECS;
    (at_least + ROUND_SECS - 1).div_euclid(ROUND_SECS) * ROUND_SECS
}

/// Unattached uploads are removed after this long (a resident who picked photos and never
/// submitted the order).
pub const UNATTACHED_HOURS: i64 = 24;
/// Uploads one person may have waiting, unattached, in a day.
pub const UNATTACHED_MAX: i64 = 60;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_known_by_their_first_bytes() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), Ok(Kind::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Ok(Kind::Png));
        assert_eq!(sniff(b"RIFF\x24\0\0\0WEBPVP8 "), Ok(Kind::WebP));
        assert_eq!(sniff(b"%PDF-1.7\n"), Err("a PDF document"));
        assert_eq!(sniff(b"GIF89a"), Err("a GIF picture"));
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0"), Err("a HEIC picture"));
        assert_eq!(sniff(b""), Err("an empty file"));
        assert_eq!(sniff(b"RIFF\x24\0\0\0WAVEfmt "), Err("not a picture this service reads"));
    }

    #[test]
    fn a_jpeg_is_whole_when_its_last_scan_ends() {
        assert!(jpeg_complete(&[0xFF, 0xD8, 0xFF, 0xDA, 1, 2, 0xFF, 0, 3, 0xFF, 0xD9]));
        // Trailing bytes after the end are tolerated (some cameras append data).
        assert!(jpeg_complete(&[0xFF, 0xD8, 0xFF, 0xDA, 1, 0xFF, 0xD9, 0, 0]));
        // Cut in its scan.
        assert!(!jpeg_complete(&[0xFF, 0xD8, 0xFF, 0xDA, 1, 2, 3]));
        // An EXIF thumbnail's end before the main scan does not count.
        assert!(!jpeg_complete(&[0xFF, 0xD8, 0xFF, 0xD9, 0xFF, 0xDA, 1, 2]));
    }

    #[test]
    fn bombs_are_refused_by_their_dimensions() {
        assert!(dimensions_allowed(4000, 3000));
        assert!(dimensions_allowed(7071, 7071));
        assert!(!dimensions_allowed(7072, 7072)); // 50,017,184 pixels
        assert!(!dimensions_allowed(20_001, 10));
        assert!(!dimensions_allowed(0, 10));
    }

    #[test]
    fn addresses_last_an_hour_and_end_on_ten_minutes() {
        // 2026-12-03 10:00:01 UTC = 1796292001.
        assert_eq!(expiry(1_796_292_001), 1_796_295_600 + 600);
        assert_eq!(expiry(1_796_292_000), 1_796_295_600);
        assert_eq!(expiry(1_796_292_599), 1_796_296_200);
    }
}
