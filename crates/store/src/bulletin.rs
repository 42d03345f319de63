//! A consultation's public receipt bulletin: one entry per ballot version, inserted unsealed
//! by the ballot's transaction (findable by its receipt at once) and linked into the
//! consultation's hash chain by the sealer; the chain's tip is kept on the consultation row
//! (`bulletin_seq`, `bulletin_head`), which only the sealer writes.

use crate::chains::{self, Link};
use crate::clock;
use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{bulletin, consultations};
use chrono::NaiveDateTime;
use diandan_domain::bulletin as chain;
use diandan_domain::time;
use diesel::prelude::*;
use std::collections::HashMap;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = bulletin)]
pub struct BulletinRow {
    pub receipt: String,
    pub consultation_id: String,
    /// Position in the chain; None until sealed (as are the hashes).
    pub seq: Option<i64>,
    pub dwelling_mask: String,
    pub channel: String,
    pub at: NaiveDateTime,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

/// Puts a receipt on the consultation's bulletin, unsealed (inside the caller's transaction).
pub fn append(
    conn: &mut AnyConnection,
    consultation_id: &str,
    receipt: &str,
    dwelling_mask: &str,
    channel: &str,
) -> StoreResult<BulletinRow> {
    let row = BulletinRow {
        receipt: receipt.to_owned(),
        consultation_id: consultation_id.to_owned(),
        seq: None,
        dwelling_mask: dwelling_mask.to_owned(),
        channel: channel.to_owned(),
        at: time::to_db(clock::now()),
        prev_hash: None,
        hash: None,
    };
    diesel::insert_into(bulletin::table).values(&row).execute(conn)?;
    Ok(row)
}

/// Links up to `limit` unsealed entries (of one consultation, or of all), oldest first, into
/// their consultation's chain; returns how many. The caller holds the sealer's lock.
pub fn seal(conn: &mut AnyConnection, consultation_id: Option<&str>, limit: i64) -> StoreResult<usize> {
    let mut q = bulletin::table
        .filter(bulletin::seq.is_null())
        .order((bulletin::at.asc(), bulletin::receipt.asc()))
        .limit(limit)
        .select(BulletinRow::as_select())
        .into_boxed();
    if let Some(id) = consultation_id {
        q = q.filter(bulletin::consultation_id.eq(id.to_owned()));
    }
    let rows: Vec<BulletinRow> = q.load(conn)?;
    if rows.is_empty() {
        return Ok(0);
    }
    let ids: Vec<&str> = rows.iter().map(|r| r.consultation_id.as_str()).collect();
    let mut heads: HashMap<String, (i64, String)> = consultations::table
        .filter(consultations::id.eq_any(&ids))
        .select((consultations::id, consultations::bulletin_seq, consultations::bulletin_head))
        .load::<(String, i64, String)>(conn)?
        .into_iter()
        .map(|(c, s, h)| (c, (s, h)))
        .collect();
    let mut links = Vec::with_capacity(rows.len());
    for row in &rows {
        let Some((seq, prev)) = heads.get(&row.consultation_id).cloned() else {
            return Err(crate::error::StoreError::Other(format!(
                "bulletin entry {} names no consultation",
                row.receipt
            )));
        };
        let at = time::canonical(time::from_db(row.at));
        let entry = chain::Entry {
            consultation_id: &row.consultation_id,
            seq: seq + 1,
            receipt: &row.receipt,
            dwelling_mask: &row.dwelling_mask,
            channel: &row.channel,
            at: &at,
        };
        let hash = chain::entry_hash(&prev, &entry);
        links.push(Link { key: row.receipt.clone(), seq: seq + 1, prev_hash: prev, hash: hash.clone() });
        heads.insert(row.consultation_id.clone(), (seq + 1, hash));
    }
    chains::write_links(conn, "bulletin", "receipt", &links)?;
    let touched: std::collections::HashSet<&str> = ids.into_iter().collect();
    for id in touched {
        let (seq, hash) = &heads[id];
        diesel::update(consultations::table.find(id))
            .set((consultations::bulletin_seq.eq(seq), consultations::bulletin_head.eq(hash)))
            .execute(conn)?;
    }
    Ok(rows.len())
}

/// Sealed entries after `after` in chain order, at most `limit`.
pub fn page(conn: &mut AnyConnection, consultation_id: &str, after: i64, limit: i64) -> StoreResult<Vec<BulletinRow>> {
    Ok(bulletin::table
        .filter(bulletin::consultation_id.eq(consultation_id))
        .filter(bulletin::seq.gt(after))
        .order(bulletin::seq.asc())
        .limit(limit)
        .select(BulletinRow::as_select())
        .load(conn)?)
}

/// The entry of `receipt`, sealed or not.
pub fn entry(conn: &mut AnyConnection, consultation_id: &str, receipt: &str) -> StoreResult<Option<BulletinRow>> {
    Ok(bulletin::table
        .find(receipt)
        .filter(bulletin::consultation_id.eq(consultation_id))
        .select(BulletinRow::as_select())
        .first(conn)
        .optional()?)
}

/// Entries of every consultation not sealed yet.
pub fn pending(conn: &mut AnyConnection) -> StoreResult<i64> {
    Ok(bulletin::table.filter(bulletin::seq.is_null()).count().get_result(conn)?)
}
