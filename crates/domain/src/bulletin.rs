//! The public receipt bulletin of a consultation: one entry per ballot version (receipt code,
//! masked dwelling, time, channel — never choices), hash-chained so that any owner can check
//! that their receipt is in it and that nothing was removed.

use sha2::{Digest, Sha256};

pub use crate::audit::GENESIS;

pub struct Entry<'a> {
    pub consultation_id: &'a str,
    pub seq: i64,
    pub receipt: &'a str,
    pub dwelling_mask: &'a str,
    pub channel: &'a str,
    /// Canonical time (crate::time::canonical).
    pub at: &'a str,
}

pub fn entry_hash(prev: &str, e: &Entry<'_>) -> String {
    let mut h = Sha256::new();
    for part in [prev, e.consultation_id, &e.seq.to_string(), e.receipt, e.dwelling_mask, e.channel, e.at] {
        h.update(part.as_bytes());
        h.update(b"\n");
    }
    hex::encode(h.finalize())
}

/// "3号楼2单元**2" for room 602: building and unit, with the room masked but its last character.
pub fn mask_dwelling(building: &str, unit: &str, room: &str) -> String {
    let last: String = room.chars().last().map(String::from).unwrap_or_default();
    format!("{building}{unit}**{last}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_and_chains() {
        assert_eq!(mask_dwelling("3号楼", "2单元", "602"), "3号楼2单元**2");
        let e = Entry { consultation_id: "c", seq: 1, receipt: "R1", dwelling_mask: "m", channel: "online", at: "t" };
        let h1 = entry_hash(GENESIS, &e);
        let h2 = entry_hash(&h1, &Entry { seq: 2, receipt: "R2", ..e });
        assert_ne!(h1, h2);
        assert_eq!(
            h1,
            entry_hash(
                GENESIS,
                &Entry { consultation_id: "c", seq: 1, receipt: "R1", dwelling_mask: "m", channel: "online", at: "t" }
            )
        );
    }
}
