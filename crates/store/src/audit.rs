//! The hash-chained audit log: appended to in the caller's transaction, sealed after commit.
//!
//! `append` inserts the entry unsealed — no shared row is read or written, so writes in
//! different communities (or in the same one) never wait for each other. The sealer
//! ([`seal`], one at a time per database) later links committed entries in insertion order
//! into their chain: one chain per community, one per district for district-level events, and
//! the platform chain for the rest (accounts, the catalogue, and every entry written before
//! chains were per community).

use crate::chains::{self, Link};
use crate::clock;
use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{audit_chains, audit_log};
use diandan_domain::audit::{entry_hash, AuditFields, ChainBreak, ChainVerifier, GENESIS};
use diandan_domain::time;
use diesel::prelude::*;
use std::collections::HashMap;

/// The chain of events that belong to no community and no district.
pub const PLATFORM: &str = "platform";

/// What happened, to what, by whom. `detail` must not carry phone numbers or names.
pub struct Event<'a> {
    pub actor_id: Option<&'a str>,
    pub action: &'a str,
    pub object_type: &'a str,
    pub object_id: &'a str,
    pub community_id: Option<&'a str>,
    /// For district-level events (no community): the district whose chain they join.
    pub district_id: Option<&'a str>,
    pub detail: serde_json::Value,
}

impl Event<'_> {
    /// The chain this event is sealed into.
    pub fn chain(&self) -> String {
        match (self.community_id, self.district_id) {
            (Some(c), _) => c.to_owned(),
            (None, Some(d)) => format!("district:{d}"),
            (None, None) => PLATFORM.to_owned(),
        }
    }
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    /// UUIDv7: the insertion order.
    pub id: String,
    pub chain: String,
    /// Position in the chain; None until sealed (as are the hashes).
    pub seq: Option<i64>,
    pub at: chrono::NaiveDateTime,
    pub actor_id: Option<String>,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub community_id: Option<String>,
    pub detail: String,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

impl AuditRow {
    fn fields<'a>(&'a self, seq: i64, at: &'a str) -> AuditFields<'a> {
        // `at` is passed in because its canonical text is computed by the caller.
        AuditFields {
            seq,
            at,
            actor_id: self.actor_id.as_deref(),
            action: &self.action,
            object_type: &self.object_type,
            object_id: &self.object_id,
            community_id: self.community_id.as_deref(),
            detail: &self.detail,
        }
    }

    /// The hash this entry gets when sealed at `seq` after `prev`.
    fn hash_at(&self, seq: i64, prev: &str) -> String {
        let at = time::canonical(time::from_db(self.at));
        entry_hash(prev, &self.fields(seq, &at))
    }
}

/// Records `e` unsealed inside the caller's transaction; returns the entry's id.
pub fn append(conn: &mut AnyConnection, e: Event<'_>) -> StoreResult<String> {
    let row = AuditRow {
        id: clock::new_id(),
        chain: e.chain(),
        seq: None,
        at: time::to_db(clock::now()),
        actor_id: e.actor_id.map(str::to_owned),
        action: e.action.to_owned(),
        object_type: e.object_type.to_owned(),
        object_id: e.object_id.to_owned(),
        community_id: e.community_id.map(str::to_owned),
        detail: e.detail.to_string(),
        prev_hash: None,
        hash: None,
    };
    diesel::insert_into(audit_log::table).values(&row).execute(conn)?;
    Ok(row.id)
}

/// Links up to `limit` unsealed entries, oldest first, into their chains; returns how many.
/// The caller holds the sealer's lock inside its write transaction.
pub fn seal(conn: &mut AnyConnection, limit: i64) -> StoreResult<usize> {
    let rows: Vec<AuditRow> = audit_log::table
        .filter(audit_log::seq.is_null())
        .order(audit_log::id.asc())
        .limit(limit)
        .select(AuditRow::as_select())
        .load(conn)?;
    if rows.is_empty() {
        return Ok(0);
    }
    let names: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.chain.as_str()).collect();
    let mut heads: HashMap<String, (i64, String)> = audit_chains::table
        .filter(audit_chains::chain.eq_any(names))
        .select((audit_chains::chain, audit_chains::seq, audit_chains::hash))
        .load::<(String, i64, String)>(conn)?
        .into_iter()
        .map(|(c, s, h)| (c, (s, h)))
        .collect();
    let known: std::collections::HashSet<String> = heads.keys().cloned().collect();
    let mut links = Vec::with_capacity(rows.len());
    for row in &rows {
        let (seq, prev) = heads.get(&row.chain).cloned().unwrap_or((0, GENESIS.to_owned()));
        let hash = row.hash_at(seq + 1, &prev);
        links.push(Link { key: row.id.clone(), seq: seq + 1, prev_hash: prev, hash: hash.clone() });
        heads.insert(row.chain.clone(), (seq + 1, hash));
    }
    chains::write_links(conn, "audit_log", "id", &links)?;
    for (chain, (seq, hash)) in heads {
        if known.contains(&chain) {
            diesel::update(audit_chains::table.find(&chain))
                .set((audit_chains::seq.eq(seq), audit_chains::hash.eq(&hash)))
                .execute(conn)?;
        } else {
            diesel::insert_into(audit_chains::table)
                .values((audit_chains::chain.eq(&chain), audit_chains::seq.eq(seq), audit_chains::hash.eq(&hash)))
                .execute(conn)?;
        }
    }
    Ok(rows.len())
}

/// Entries not yet sealed.
pub fn unsealed(conn: &mut AnyConnection) -> StoreResult<i64> {
    Ok(audit_log::table.filter(audit_log::seq.is_null()).count().get_result(conn)?)
}

/// One chain that verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub chain: String,
    pub entries: i64,
    pub head: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub chains: Vec<ChainHead>,
    /// Sealed entries verified, all chains.
    pub entries: i64,
    /// Committed entries the sealer has not linked yet (not covered by any hash).
    pub unsealed: i64,
}

/// Why verification failed, naming the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyFailure {
    Break {
        chain: String,
        why: ChainBreak,
    },
    /// The chain's stored head names a later entry than the last one present (entries cut
    /// off the end), or an entry's chain has no head at all.
    Truncated {
        chain: String,
        head_seq: i64,
        last_seq: i64,
    },
}

impl std::fmt::Display for VerifyFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VerifyFailure::Break { chain, why } => write!(f, "chain {chain}: {why}"),
            VerifyFailure::Truncated { chain, head_seq, last_seq } => write!(
                f,
                "chain {chain}: entry {}: missing (chain head says {head_seq} entries, log ends at {last_seq})",
                last_seq + 1
            ),
        }
    }
}

/// Re-computes every sealed hash, chain by chain in order, in pages, and names the first
/// broken entry; counts the unsealed ones.
pub fn verify(conn: &mut AnyConnection) -> StoreResult<Result<Verified, VerifyFailure>> {
    let mut heads: HashMap<String, (i64, String)> = audit_chains::table
        .select((audit_chains::chain, audit_chains::seq, audit_chains::hash))
        .load::<(String, i64, String)>(conn)?
        .into_iter()
        .map(|(c, s, h)| (c, (s, h)))
        .collect();
    // Chains with sealed entries but no head are checked too (their head was deleted).
    let with_entries: Vec<String> =
        audit_log::table.filter(audit_log::seq.is_not_null()).select(audit_log::chain).distinct().load(conn)?;
    for chain in with_entries {
        heads.entry(chain).or_insert((0, GENESIS.to_owned()));
    }
    let mut names: Vec<String> = heads.keys().cloned().collect();
    names.sort();
    let mut out = Vec::with_capacity(names.len());
    for chain in names {
        let v = match verify_chain(conn, &chain)? {
            Ok(v) => v,
            Err(why) => return Ok(Err(VerifyFailure::Break { chain, why })),
        };
        let (head_seq, head_hash) = &heads[&chain];
        if *head_seq != v.verified() || head_hash != v.head() {
            return Ok(Err(VerifyFailure::Truncated { chain, head_seq: *head_seq, last_seq: v.verified() }));
        }
        out.push(ChainHead { chain, entries: v.verified(), head: v.head().to_owned() });
    }
    let entries = out.iter().map(|c| c.entries).sum();
    Ok(Ok(Verified { chains: out, entries, unsealed: unsealed(conn)? }))
}

fn verify_chain(conn: &mut AnyConnection, chain: &str) -> StoreResult<Result<ChainVerifier, ChainBreak>> {
    const PAGE: i64 = 5_000;
    let mut v = ChainVerifier::default();
    let mut after = 0i64;
    loop {
        let page: Vec<AuditRow> = audit_log::table
            .filter(audit_log::chain.eq(chain))
            .filter(audit_log::seq.gt(after))
            .order(audit_log::seq.asc())
            .limit(PAGE)
            .select(AuditRow::as_select())
            .load(conn)?;
        for row in &page {
            let (Some(seq), Some(prev), Some(hash)) = (row.seq, &row.prev_hash, &row.hash) else { continue };
            let at = time::canonical(time::from_db(row.at));
            if let Err(b) = v.check(&row.fields(seq, &at), prev, hash) {
                return Ok(Err(b));
            }
        }
        match page.last().and_then(|l| l.seq) {
            Some(last) if page.len() as i64 == PAGE => after = last,
            _ => break,
        }
    }
    Ok(Ok(v))
}

/// Entries about one community (or all when None), newest first; `before` is an entry id.
pub fn list(
    conn: &mut AnyConnection,
    community_id: Option<&str>,
    before: Option<&str>,
    limit: i64,
) -> StoreResult<Vec<AuditRow>> {
    let mut q = audit_log::table.select(AuditRow::as_select()).order(audit_log::id.desc()).limit(limit).into_boxed();
    if let Some(c) = community_id {
        q = q.filter(audit_log::community_id.eq(c.to_owned()));
    }
    if let Some(b) = before {
        q = q.filter(audit_log::id.lt(b.to_owned()));
    }
    Ok(q.load(conn)?)
}
