//! Identifiers: UUIDv7 strings, time-ordered so that primary-key indexes stay append-mostly
//! (new ones come from `diandan_store::clock::new_id`: the domain reads no clock).

/// True when `s` is a canonical hyphenated UUID (any version). Used to answer 404 rather than
/// a database error for malformed ids in paths.
pub fn is_uuid(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::parse_str(s).is_ok()
}
