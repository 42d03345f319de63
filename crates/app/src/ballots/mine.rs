//! A resident reads their own ballot: the owner key they vote as and every version of it.

use crate::ballots::owner::owner_key;
use crate::consultations::views::load;
use crate::principal::principal;
use crate::{Actor, Context, Error};
use diandan_domain::time;
use diandan_store::ballots;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct MineQuery {
    /// Needed only when you own dwellings of several owner keys.
    pub dwelling_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VersionView {
    pub version: i32,
    /// online | paper | proxy (cast by the owner's confirmed proxy)
    pub channel: String,
    /// counted | superseded | pending_confirmation | voided
    pub status: String,
    pub receipt: String,
    pub signed_at: chrono::DateTime<chrono::Utc>,
    /// The account that cast it online (a co-owner may have, or the owner's proxy), absent for paper.
    pub cast_by: Option<String>,
    /// The choices as stored.
    pub choices: serde_json::Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MyBallot {
    pub owner_key: String,
    pub versions: Vec<VersionView>,
}

/// The caller's ballot on consultation `id` (shared by the owners of one owner key).
pub fn read_ballot(ctx: &Context, actor: &Actor, id: &str, q: &MineQuery) -> Result<MyBallot, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (cons, comm) = load(c, id)?;
        let owner = owner_key(c, &p, &cons.id, &comm.id, q.dwelling_id.as_deref())?;
        let versions = match ballots::ballot(c, &cons.id, &owner)? {
            Some(b) => ballots::versions(c, &b.id)?,
            None => Vec::new(),
        };
        Ok(MyBallot {
            owner_key: owner,
            versions: versions
                .into_iter()
                .map(|v| VersionView {
                    version: v.version_no,
                    channel: v.channel,
                    status: v.status,
                    receipt: v.receipt,
                    signed_at: time::from_db(v.signed_at),
                    cast_by: v.cast_by,
                    choices: serde_json::from_str(&v.choices).unwrap_or(serde_json::Value::Null),
                })
                .collect(),
        })
    })
}
