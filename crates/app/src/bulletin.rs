//! The public receipt bulletin of a consultation: members page through it in chain order and
//! look up their own receipt. It shows masked dwellings, times and channels — never choices.
//! A receipt is found at once; the pages list sealed entries, in chain order.

use crate::consultations::views::{load, require_reader};
use crate::principal::principal;
use crate::{Actor, Code, Context, Error};
use diandan_domain::time;
use diandan_store::bulletin::{self, BulletinRow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct BulletinQuery {
    /// Entries after this sequence number (default 0).
    pub after: Option<i64>,
    /// 1–1000, default 200.
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BulletinEntry {
    /// Position in the consultation's chain; null for the moment between the ballot's commit
    /// and its sealing (well under a second), as are `prev_hash` and `hash`.
    pub seq: Option<i64>,
    pub receipt: String,
    /// "3号楼2单元**2"
    pub dwelling: String,
    /// online | paper | proxy (cast by a confirmed proxy, 委托投票)
    pub channel: String,
    pub at: chrono::DateTime<chrono::Utc>,
    pub prev_hash: Option<String>,
    /// SHA-256 over the previous hash, consultation id, seq, receipt, dwelling, channel and
    /// time (RFC 3339, six decimals), one per line.
    pub hash: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReceiptCheck {
    pub entry: BulletinEntry,
    /// The current chain head and, once closed, the head fixed at closing (every ballot cast
    /// while voting was open is sealed before it is fixed).
    pub bulletin_head: String,
    pub closing_head: Option<String>,
    /// Sealed entries in the chain now.
    pub entries: i64,
}

pub fn entry(b: BulletinRow) -> BulletinEntry {
    BulletinEntry {
        seq: b.seq,
        receipt: b.receipt,
        dwelling: b.dwelling_mask,
        channel: b.channel,
        at: time::from_db(b.at),
        prev_hash: b.prev_hash,
        hash: b.hash,
    }
}

/// A page of the bulletin of consultation `id`: entries after `q.after`, at most `q.limit`.
pub fn list_bulletin(ctx: &Context, actor: &Actor, id: &str, q: &BulletinQuery) -> Result<Vec<BulletinEntry>, Error> {
    let (after, limit) = (q.after.unwrap_or(0).max(0), q.limit.unwrap_or(200).clamp(1, 1000));
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (cons, comm) = load(c, id)?;
        require_reader(c, &p, &cons, &comm)?;
        Ok(bulletin::page(c, &cons.id, after, limit)?.into_iter().map(entry).collect())
    })
}

/// Receipt `receipt` on the bulletin of consultation `id` with the chain heads, or 404
/// `receipt_not_found`.
pub fn find_receipt(ctx: &Context, actor: &Actor, id: &str, receipt: &str) -> Result<ReceiptCheck, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (cons, comm) = load(c, id)?;
        require_reader(c, &p, &cons, &comm)?;
        let receipt = receipt.trim().to_uppercase();
        // Only the characters receipts are made of reach the database (no NUL, which PostgreSQL refuses).
        let plausible = receipt.len() <= 20 && receipt.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        let found = plausible
            .then(|| bulletin::entry(c, &cons.id, &receipt))
            .transpose()?
            .flatten()
            .ok_or_else(|| Error::new(Code::ReceiptNotFound, "this receipt is not on the bulletin"))?;
        Ok(ReceiptCheck {
            entry: entry(found),
            bulletin_head: cons.bulletin_head,
            closing_head: cons.closing_head,
            entries: cons.bulletin_seq,
        })
    })
}
