//! GET /api/v1/consultations/{id}/voters — who has voted (never how), and who has not yet,
//! with room, name and phone for the committee's door-to-door visits (入户).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::consultations::views::{load, require_manager};
use diandan_app::principal::principal;
use diandan_store::ballots;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct VotersQuery {
    /// true: only owners who voted; false: only those who have not (default: all).
    pub voted: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Voter {
    pub owner_key: String,
    pub voted: bool,
    /// "3号楼 2单元 602", one per dwelling of the owner.
    pub dwellings: Vec<String>,
    pub owner_name: Option<String>,
    /// The roster phone, in full: this list exists for the committee to call on owners.
    pub phone: Option<String>,
}

/// Owners on the frozen roll and whether they have voted (committee and admins only).
#[utoipa::path(
    operation_id = "listVoters",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id"), VotersQuery),
    responses((status = 200, body = Vec<Voter>), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/voters")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<VotersQuery>,
) -> Result<web::Json<Vec<Voter>>, ApiError> {
    let id = id.into_inner();
    let out = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let (cons, comm) = load(c, &id)?;
        require_manager(&p, &comm)?;
        let voted: HashSet<String> = ballots::voted_owner_keys(c, &cons.id)?.into_iter().collect();
        let mut owners: BTreeMap<String, Voter> = BTreeMap::new();
        for l in ballots::roll_lines(c, &cons.id)? {
            let v = owners.entry(l.owner_key.clone()).or_insert_with(|| Voter {
                voted: voted.contains(&l.owner_key),
                owner_key: l.owner_key.clone(),
                dwellings: Vec::new(),
                owner_name: l.owner_name.clone(),
                phone: l.phone.clone(),
            });
            v.dwellings.push(format!("{} {} {}", l.building, l.unit, l.room));
        }
        let mut list: Vec<Voter> =
            owners.into_values().filter(|v| q.voted.is_none_or(|want| v.voted == want)).collect();
        list.sort_by(|a, b| a.dwellings.first().cmp(&b.dwellings.first()));
        Ok(list)
    })
    .await?;
    Ok(web::Json(out))
}
