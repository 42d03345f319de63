//! Append to and verify the hash-chained audit log.
//!
//! `append` must run inside the caller's write transaction, so that a state change and its
//! audit entry commit together or not at all. The `UPDATE audit_head` comes first: on
//! PostgreSQL it takes the row lock that serialises concurrent appends until commit.

use crate::clock;
use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{audit_head, audit_log};
use diandan_domain::audit::{entry_hash, AuditFields, ChainBreak, ChainVerifier};
use diandan_domain::time;
use diesel::prelude::*;

/// What happened, to what, by whom. `detail` must not carry phone numbers or names.
pub struct Event<'a> {
    pub actor_id: Option<&'a str>,
    pub action: &'a str,
    pub object_type: &'a str,
    pub object_id: &'a str,
    pub community_id: Option<&'a str>,
    pub detail: serde_json::Value,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    pub seq: i64,
    pub at: chrono::NaiveDateTime,
    pub actor_id: Option<String>,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub community_id: Option<String>,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditRow {
    fn fields<'a>(&'a self, at: &'a str) -> AuditFields<'a> {
        // `at` is passed in because its canonical text is computed by the caller.
        AuditFields {
            seq: self.seq,
            at,
            actor_id: self.actor_id.as_deref(),
            action: &self.action,
            object_type: &self.object_type,
            object_id: &self.object_id,
            community_id: self.community_id.as_deref(),
            detail: &self.detail,
        }
    }
}

pub fn append(conn: &mut AnyConnection, e: Event<'_>) -> StoreResult<i64> {
    let bump = diesel::update(audit_head::table.find(1)).set(audit_head::seq.eq(audit_head::seq + 1));
    // On PostgreSQL the head row stays locked until commit: one round trip fewer while holding it.
    let (seq, prev): (i64, String) = match conn {
        AnyConnection::Postgresql(pg) => bump.returning((audit_head::seq, audit_head::hash)).get_result(pg)?,
        AnyConnection::Sqlite(_) => {
            bump.execute(conn)?;
            audit_head::table.find(1).select((audit_head::seq, audit_head::hash)).first(conn)?
        }
    };
    let at = clock::now();
    let detail = e.detail.to_string();
    let canonical_at = time::canonical(at);
    let fields = AuditFields {
        seq,
        at: &canonical_at,
        actor_id: e.actor_id,
        action: e.action,
        object_type: e.object_type,
        object_id: e.object_id,
        community_id: e.community_id,
        detail: &detail,
    };
    let hash = entry_hash(&prev, &fields);
    diesel::insert_into(audit_log::table)
        .values(AuditRow {
            seq,
            at: time::to_db(at),
            actor_id: e.actor_id.map(str::to_owned),
            action: e.action.to_owned(),
            object_type: e.object_type.to_owned(),
            object_id: e.object_id.to_owned(),
            community_id: e.community_id.map(str::to_owned),
            detail,
            prev_hash: prev,
            hash: hash.clone(),
        })
        .execute(conn)?;
    diesel::update(audit_head::table.find(1)).set(audit_head::hash.eq(&hash)).execute(conn)?;
    Ok(seq)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub entries: i64,
    pub head: String,
}

/// Why verification failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyFailure {
    Break(ChainBreak),
    /// The stored head names a later entry than the last one present (entries cut off the end).
    Truncated {
        head_seq: i64,
        last_seq: i64,
    },
}

impl std::fmt::Display for VerifyFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VerifyFailure::Break(b) => b.fmt(f),
            VerifyFailure::Truncated { head_seq, last_seq } => {
                write!(
                    f,
                    "entry {}: missing (chain head says {head_seq} entries, log ends at {last_seq})",
                    last_seq + 1
                )
            }
        }
    }
}

/// Re-computes every hash in order, in pages, and names the first broken entry.
pub fn verify(conn: &mut AnyConnection) -> StoreResult<Result<Verified, VerifyFailure>> {
    const PAGE: i64 = 5_000;
    let mut v = ChainVerifier::default();
    let mut after = 0i64;
    loop {
        let page: Vec<AuditRow> = audit_log::table
            .filter(audit_log::seq.gt(after))
            .order(audit_log::seq.asc())
            .limit(PAGE)
            .select(AuditRow::as_select())
            .load(conn)?;
        for row in &page {
            let at = time::canonical(time::from_db(row.at));
            if let Err(b) = v.check(&row.fields(&at), &row.prev_hash, &row.hash) {
                return Ok(Err(VerifyFailure::Break(b)));
            }
        }
        match page.last() {
            Some(last) if page.len() as i64 == PAGE => after = last.seq,
            _ => break,
        }
    }
    let (head_seq, head_hash): (i64, String) =
        audit_head::table.find(1).select((audit_head::seq, audit_head::hash)).first(conn)?;
    if head_seq != v.verified() || head_hash != v.head() {
        return Ok(Err(VerifyFailure::Truncated { head_seq, last_seq: v.verified() }));
    }
    Ok(Ok(Verified { entries: v.verified(), head: v.head().to_string() }))
}

/// Entries about one community (or all when None), newest first.
pub fn list(
    conn: &mut AnyConnection,
    community_id: Option<&str>,
    before: Option<i64>,
    limit: i64,
) -> StoreResult<Vec<AuditRow>> {
    let mut q = audit_log::table.select(AuditRow::as_select()).order(audit_log::seq.desc()).limit(limit).into_boxed();
    if let Some(c) = community_id {
        q = q.filter(audit_log::community_id.eq(c.to_owned()));
    }
    if let Some(b) = before {
        q = q.filter(audit_log::seq.lt(b));
    }
    Ok(q.load(conn)?)
}
