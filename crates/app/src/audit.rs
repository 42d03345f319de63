//! The audit log: reading entries (a community's for its admins and committee, the whole log
//! for the platform admin) and verifying the hash chain (also `diandan verify-audit`).

use crate::principal::{community, principal};
use crate::{Actor, Context, Error};
use diandan_domain::roles::Role;
use diandan_domain::time;
use diandan_store::{audit, AnyConnection, Db};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct AuditQuery {
    /// Entries about this community (its admins and committee may read them). Omitted: the
    /// whole log, platform admin only.
    pub community_id: Option<String>,
    /// Entries before this entry id (for paging backwards: the last id of the page before).
    #[param(pattern = "^[0-9a-f-]{36}$")]
    pub before: Option<String>,
    /// 1–500, default 100.
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntry {
    /// Insertion order (UUIDv7); `before` pages by it.
    pub id: String,
    /// The chain the entry is sealed into: the community's id, `district:<id>` or `platform`.
    pub chain: String,
    /// Position in its chain; null until the sealer links it (well under a second after
    /// commit), as are `prev_hash` and `hash`.
    pub seq: Option<i64>,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor_id: Option<String>,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub community_id: Option<String>,
    pub detail: serde_json::Value,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditVerification {
    pub ok: bool,
    /// Sealed entries verified, all chains (0 when a chain is broken).
    pub entries: i64,
    /// Entries committed but not yet sealed: not covered by any hash yet.
    pub unsealed: i64,
    /// Every chain with its length and head, when all are intact.
    pub chains: Vec<ChainHead>,
    /// The first broken entry, its chain and why, when not intact.
    pub broken: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChainHead {
    pub chain: String,
    pub entries: i64,
    pub head: String,
}

/// Audit entries, newest first.
pub fn list_audit(ctx: &Context, actor: &Actor, q: &AuditQuery) -> Result<Vec<AuditEntry>, Error> {
    let limit = q.limit.unwrap_or(100).clamp(1, 500);
    let rows = ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let scope = match &q.community_id {
            Some(cid) => {
                let comm = community(c, cid)?;
                p.require(&[Role::Admin, Role::Committee], &comm)?;
                Some(comm.id)
            }
            None => {
                p.require_global_admin()?;
                None
            }
        };
        // The caller may read: now the page asked for is looked at.
        if q.before.as_deref().is_some_and(|b| !is_entry_id(b)) {
            return Err(Error::invalid("before", "must be the id of an audit entry"));
        }
        Ok::<_, Error>(audit::list(c, scope.as_deref(), q.before.as_deref(), limit)?)
    })?;
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            chain: r.chain,
            seq: r.seq,
            at: time::from_db(r.at),
            actor_id: r.actor_id,
            action: r.action,
            object_type: r.object_type,
            object_id: r.object_id,
            community_id: r.community_id,
            detail: serde_json::from_str(&r.detail).unwrap_or(serde_json::Value::String(r.detail)),
            prev_hash: r.prev_hash,
            hash: r.hash,
        })
        .collect())
}

/// An entry id: a UUIDv7, or the 36 zero-padded digits of an entry written before chains were
/// per community.
fn is_entry_id(s: &str) -> bool {
    s.len() == 36 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b) || b == b'-')
}

/// Verifies the whole chain (platform admin).
pub fn verify_audit(ctx: &Context, actor: &Actor) -> Result<AuditVerification, Error> {
    ctx.db.snapshot(|c| {
        principal(c, actor)?.require_global_admin()?;
        verify_on(c)
    })
}

/// Recomputes the hash chain (the operator's `diandan verify-audit`, without a caller).
pub fn verify_chain(db: &Db) -> Result<AuditVerification, Error> {
    db.snapshot(verify_on)
}

fn verify_on(c: &mut AnyConnection) -> Result<AuditVerification, Error> {
    Ok(match audit::verify(c)? {
        Ok(v) => AuditVerification {
            ok: true,
            entries: v.entries,
            unsealed: v.unsealed,
            chains: v
                .chains
                .into_iter()
                .map(|c| ChainHead { chain: c.chain, entries: c.entries, head: c.head })
                .collect(),
            broken: None,
        },
        Err(f) => AuditVerification {
            ok: false,
            entries: 0,
            unsealed: audit::unsealed(c)?,
            chains: Vec::new(),
            broken: Some(f.to_string()),
        },
    })
}
