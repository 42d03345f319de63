//! Residents' representatives: the committee (or the district's admin) appoints a verified
//! resident as 楼长 of the building or 单元联系人 of the unit they live in, lists and revokes
//! them. One seat per building or unit, one seat per person; each change one transaction
//! with its audit entry.

use crate::consultations::views::require_manager;
use crate::principal::{community, principal};
use crate::{Actor, Code, Context, Error};
use chrono::{DateTime, Utc};
use diandan_domain::project::Seat;
use diandan_domain::roles::BindingStatus;
use diandan_domain::{ids, time};
use diandan_store::representatives::{self, RepresentativeRow};
use diandan_store::{audit, bindings, clock, roster, AnyConnection};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRepresentative {
    /// A resident with an approved claim to `dwelling_id`.
    pub user_id: String,
    /// The dwelling they live in: its building (or unit) is the seat.
    pub dwelling_id: String,
    /// building (楼长) | unit (单元联系人)
    pub seat: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RepresentativeView {
    pub id: String,
    pub user_id: String,
    pub dwelling_id: String,
    /// building | unit
    pub seat: String,
    pub building_id: String,
    pub unit_id: Option<String>,
    /// The seat as residents name it ("3号楼 楼长", "3号楼2单元 单元联系人").
    pub label: String,
    pub appointed_at: DateTime<Utc>,
}

/// The seat's name: "3号楼 楼长" or "3号楼2单元 单元联系人".
pub fn label(c: &mut AnyConnection, r: &RepresentativeRow) -> Result<String, Error> {
    let (buildings, units) = roster::names(c, &r.community_id)?;
    let b = buildings.iter().find(|b| b.id == r.building_id).map_or("", |b| b.name.as_str()).to_owned();
    Ok(match (&r.seat, &r.unit_id) {
        (Seat::Unit, Some(u)) => {
            let u = units.iter().find(|x| &x.id == u).map_or("", |x| x.name.as_str());
            format!("{b}{u} 单元联系人")
        }
        _ => format!("{b} 楼长"),
    })
}

fn view(c: &mut AnyConnection, r: RepresentativeRow) -> Result<RepresentativeView, Error> {
    Ok(RepresentativeView {
        label: label(c, &r)?,
        id: r.id,
        user_id: r.user_id,
        dwelling_id: r.dwelling_id,
        seat: r.seat.as_str().into(),
        building_id: r.building_id,
        unit_id: r.unit_id,
        appointed_at: time::from_db(r.appointed_at),
    })
}

/// Appoints `b` in community `community_id`.
pub fn appoint_representative(
    ctx: &Context,
    actor: &Actor,
    community_id: &str,
    b: NewRepresentative,
) -> Result<RepresentativeView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, community_id)?;
        require_manager(&p, &comm)?;
        let seat =
            Seat::parse(&b.seat).ok_or_else(|| Error::invalid("seat", format!("must be one of {}", Seat::names())))?;
        let not_resident = || {
            Error::invalid("dwelling_id", "the resident has no approved claim to this dwelling of the community")
                .with_code(Code::RepresentativeNotResident)
        };
        if !ids::is_uuid(&b.user_id) || !ids::is_uuid(&b.dwelling_id) {
            return Err(not_resident());
        }
        let dwelling =
            roster::dwelling(c, &b.dwelling_id)?.filter(|d| d.community_id == comm.id).ok_or_else(not_resident)?;
        let bound = bindings::active_for(c, &b.user_id, &dwelling.id)?;
        if !bound.iter().any(|x| x.status == BindingStatus::Approved) {
            return Err(not_resident());
        }
        let active = representatives::active(c, &comm.id)?;
        if active.iter().any(|r| r.user_id == b.user_id) {
            return Err(Error::new(Code::AlreadyRepresentative, "this resident already holds a seat here"));
        }
        let unit_id = (seat == Seat::Unit).then(|| dwelling.unit_id.clone());
        if active.iter().any(|r| r.seat == seat && r.building_id == dwelling.building_id && r.unit_id == unit_id) {
            return Err(Error::new(Code::SeatTaken, "this seat has a representative: revoke that appointment first"));
        }
        let row = RepresentativeRow {
            id: clock::new_id(),
            community_id: comm.id.clone(),
            user_id: b.user_id,
            dwelling_id: dwelling.id.clone(),
            seat,
            building_id: dwelling.building_id.clone(),
            unit_id,
            appointed_by: p.id().to_owned(),
            appointed_at: time::to_db(clock::now()),
            revoked_by: None,
            revoked_at: None,
        };
        representatives::appoint(c, &row)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "representative.appoint",
                object_type: "representative",
                object_id: &row.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "user_id": row.user_id, "seat": seat.as_str(), "dwelling_id": row.dwelling_id }),
            },
        )?;
        view(c, row)
    })
}

/// The active representatives of community `community_id`, in the order appointed.
pub fn list_representatives(
    ctx: &Context,
    actor: &Actor,
    community_id: &str,
) -> Result<Vec<RepresentativeView>, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, community_id)?;
        require_manager(&p, &comm)?;
        let rows = representatives::active(c, &comm.id)?;
        rows.into_iter().map(|r| view(c, r)).collect()
    })
}

/// Ends appointment `id` of community `community_id`; reviews already opened keep their panel.
pub fn revoke_representative(ctx: &Context, actor: &Actor, community_id: &str, id: &str) -> Result<(), Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, community_id)?;
        require_manager(&p, &comm)?;
        let r = representatives::active(c, &comm.id)?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Error::not_found("representative"))?;
        representatives::revoke(c, &r.id, p.id(), time::to_db(clock::now()))?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "representative.revoke",
                object_type: "representative",
                object_id: &r.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "user_id": r.user_id, "seat": r.seat.as_str() }),
            },
        )?;
        Ok(())
    })
}
