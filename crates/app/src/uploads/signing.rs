//! Signed photo addresses. An `<image>` in the mini-program (or the console) fetches its
//! picture without our Authorization header, so the address itself carries the right to it:
//! HMAC-SHA256 over the photo, the variant and an expiry, with a key of this server's. Only the
//! views of what a photo is attached to hand out addresses, and only to callers who may see it.

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The picture or its thumbnail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Picture,
    Thumbnail,
}

impl Variant {
    pub fn as_str(self) -> &'static str {
        match self {
            Variant::Picture => "picture",
            Variant::Thumbnail => "thumbnail",
        }
    }
}

pub struct Signer {
    key: [u8; 32],
}

impl Signer {
    /// A key of its own derived from the server's secret (the JWT key): a photo signature can
    /// never pass as a token's, nor the other way round.
    pub fn new(secret: &[u8]) -> Signer {
        let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
        mac.update(b"diandan photo addresses v1");
        Signer { key: mac.finalize().into_bytes().into() }
    }

    fn mac(&self, id: &str, variant: Variant, expires: i64) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("32-byte key");
        mac.update(format!("{id}\n{}\n{expires}", variant.as_str()).as_bytes());
        mac
    }

    pub fn sign(&self, id: &str, variant: Variant, expires: i64) -> String {
        hex::encode(self.mac(id, variant, expires).finalize().into_bytes())
    }

    /// Whether `signature` is this server's for the photo, variant and expiry (compared in
    /// constant time).
    pub fn verify(&self, id: &str, variant: Variant, expires: i64, signature: &str) -> bool {
        let Ok(given) = hex::decode(signature) else { return false };
        self.mac(id, variant, expires).verify_slice(&given).is_ok()
    }

    /// The address of the photo's `variant` good until `expires` (Unix seconds).
    pub fn address(&self, id: &str, variant: Variant, expires: i64) -> String {
        let sig = self.sign(id, variant, expires);
        format!("/api/v1/uploads/{id}/{}?expires={expires}&signature={sig}", variant.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_names_one_photo_variant_and_expiry() {
        let s = Signer::new(b"secret");
        let sig = s.sign("p1", Variant::Picture, 100);
        assert_eq!(sig.len(), 64);
        assert!(s.verify("p1", Variant::Picture, 100, &sig));
        assert!(!s.verify("p2", Variant::Picture, 100, &sig));
        assert!(!s.verify("p1", Variant::Thumbnail, 100, &sig));
        assert!(!s.verify("p1", Variant::Picture, 101, &sig));
        assert!(!s.verify("p1", Variant::Picture, 100, "zz"));
        assert!(!Signer::new(b"other").verify("p1", Variant::Picture, 100, &sig));
        assert_eq!(
            s.address("p1", Variant::Thumbnail, 7),
            format!("/api/v1/uploads/p1/thumbnail?expires=7&signature={}", s.sign("p1", Variant::Thumbnail, 7))
        );
    }
}
