//! GET /api/v1/consultations/{id}/participation — turnout, while voting and after.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::consultations::tally::WeightView;
use diandan_app::consultations::views::{load, require_reader};
use diandan_app::principal::principal;
use diandan_domain::area::Area;
use diandan_domain::roles::Role;
use diandan_store::ballots;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct Turnout {
    /// "全小区", "3号楼" or "3号楼 2单元".
    pub label: String,
    pub scope_key: String,
    pub total: WeightView,
    pub voted: WeightView,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Participation {
    pub community: Turnout,
    /// Per building and per unit: for the committee and admins only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buildings: Option<Vec<Turnout>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<Vec<Turnout>>,
}

#[derive(Default)]
struct Acc {
    owners: BTreeSet<String>,
    voted: BTreeSet<String>,
    area: i64,
    voted_area: i64,
}

fn turnout(label: String, scope_key: String, a: &Acc) -> Turnout {
    Turnout {
        label,
        scope_key,
        total: WeightView { area: Area(a.area).to_string(), headcount: a.owners.len() as i64 },
        voted: WeightView { area: Area(a.voted_area).to_string(), headcount: a.voted.len() as i64 },
    }
}

/// How many owners (and how much area) have a counting ballot. Members see the community
/// figure; the committee also sees every building and unit (to plan door-to-door visits).
#[utoipa::path(
    operation_id = "getParticipation",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    responses((status = 200, body = Participation), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/participation")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<Participation>, ApiError> {
    let id = id.into_inner();
    let out = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let (cons, comm) = load(c, &id)?;
        require_reader(c, &p, &cons, &comm)?;
        let voted: HashSet<String> = ballots::voted_owner_keys(c, &cons.id)?.into_iter().collect();
        let lines = ballots::roll_lines(c, &cons.id)?;
        let mut all = Acc::default();
        let mut per_building: BTreeMap<(String, String), Acc> = BTreeMap::new();
        let mut per_unit: BTreeMap<(String, String), Acc> = BTreeMap::new();
        for l in &lines {
            let v = voted.contains(&l.owner_key);
            for acc in [
                &mut all,
                per_building.entry((l.building.clone(), l.building_id.clone())).or_default(),
                per_unit.entry((format!("{} {}", l.building, l.unit), l.unit_id.clone())).or_default(),
            ] {
                acc.owners.insert(l.owner_key.clone());
                acc.area += l.area_centi;
                if v {
                    acc.voted.insert(l.owner_key.clone());
                    acc.voted_area += l.area_centi;
                }
            }
        }
        let detail = p.has(&[Role::Admin, Role::Committee], &comm);
        Ok(Participation {
            community: turnout("全小区".into(), "community".into(), &all),
            buildings: detail
                .then(|| per_building.iter().map(|((l, k), a)| turnout(l.clone(), k.clone(), a)).collect()),
            units: detail.then(|| per_unit.iter().map(|((l, k), a)| turnout(l.clone(), k.clone(), a)).collect()),
        })
    })
    .await?;
    Ok(web::Json(out))
}
