//! Short-lived access tokens (HS256). Roles are not in the token: they are read from the
//! database on every request, so a revoked role takes effect at once.

use chrono::Utc;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    /// User id.
    pub sub: String,
    /// "resident" or "staff".
    pub kind: String,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
}

pub const ISSUER: &str = "diandan";

#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    pub ttl_secs: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    Expired,
    Invalid,
}

impl JwtKeys {
    pub fn new(secret: &[u8], ttl_secs: i64) -> JwtKeys {
        JwtKeys { encoding: EncodingKey::from_secret(secret), decoding: DecodingKey::from_secret(secret), ttl_secs }
    }

    pub fn issue(&self, user_id: &str, kind: &str) -> String {
        self.issue_at(user_id, kind, Utc::now().timestamp())
    }

    pub fn issue_at(&self, user_id: &str, kind: &str, iat: i64) -> String {
        let claims =
            Claims { sub: user_id.into(), kind: kind.into(), iat, exp: iat + self.ttl_secs, iss: ISSUER.into() };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HS256 encoding of plain claims cannot fail")
    }

    pub fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        let mut v = Validation::new(Algorithm::HS256);
        v.leeway = 0;
        v.set_issuer(&[ISSUER]);
        v.set_required_spec_claims(&["exp", "sub", "iss"]);
        decode::<Claims>(token, &self.decoding, &v).map(|d| d.claims).map_err(|e| match e.kind() {
            jsonwebtoken::errors::ErrorKind::ExpiredSignature => TokenError::Expired,
            _ => TokenError::Invalid,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_expiry_and_tampering() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef", 900);
        let t = keys.issue("u1", "staff");
        let c = keys.verify(&t).unwrap();
        assert_eq!((c.sub.as_str(), c.kind.as_str(), c.exp - c.iat), ("u1", "staff", 900));

        let old = keys.issue_at("u1", "staff", Utc::now().timestamp() - 901);
        assert_eq!(keys.verify(&old), Err(TokenError::Expired));

        let other = JwtKeys::new(b"another-secret-another-secret-xx", 900);
        assert_eq!(other.verify(&t), Err(TokenError::Invalid));

        let mut tampered = t.clone();
        tampered.pop();
        tampered.push(if t.ends_with('A') { 'B' } else { 'A' });
        assert_eq!(keys.verify(&tampered), Err(TokenError::Invalid));
    }
}
