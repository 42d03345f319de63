//! Response bodies. Conversions decide what each audience may see: phones are masked except to
//! their owner, and names/phones never reach designers or property staff.

use chrono::{DateTime, Utc};
use diandan_domain::area::Area;
use diandan_domain::{phone, time};
use diandan_store::bindings::BindingView as StoreBinding;
use diandan_store::roles::GrantRow;
use diandan_store::roster::DwellingView as StoreDwelling;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenPair {
    pub access_token: String,
    /// Single-use: every refresh returns a new one and retires this one.
    pub refresh_token: String,
    pub token_type: &'static str,
    /// Access-token lifetime in seconds.
    pub expires_in: i64,
    pub user_id: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GrantView {
    pub id: String,
    pub user_id: String,
    /// admin | committee | designer | property
    pub role: String,
    /// For admin: the district (absent: every district).
    pub district_id: Option<String>,
    /// For committee and designer: the community.
    pub community_id: Option<String>,
    /// For property staff: the company (reaching the communities it serves).
    pub company_id: Option<String>,
    pub granted_by: Option<String>,
    pub granted_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<GrantRow> for GrantView {
    fn from(g: GrantRow) -> Self {
        GrantView {
            id: g.id,
            user_id: g.user_id,
            role: g.role.into(),
            district_id: g.district_id,
            community_id: g.community_id,
            company_id: g.company_id,
            granted_by: g.granted_by,
            granted_at: time::from_db(g.granted_at),
            revoked_at: g.revoked_at.map(time::from_db),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimantView {
    pub user_id: String,
    pub display_name: String,
    /// Masked (138****1234).
    pub phone: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BindingView {
    pub id: String,
    pub dwelling_id: String,
    pub community_id: String,
    pub building: String,
    pub unit: String,
    pub room: String,
    /// owner | occupant
    pub relation: String,
    /// pending | approved | rejected | withdrawn
    pub status: String,
    /// Approved because the verified phone matched the roster.
    pub auto_approved: bool,
    pub note: Option<String>,
    /// The committee's reason for a rejection.
    pub reason: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Present for the committee and admins only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claimant: Option<ClaimantView>,
}

/// Claimants' display names WeChat's check held (or the reviewer removed) read as the
/// placeholder: the committee is not their reviewer (the platform admin is).
pub fn hide_held_names(c: &mut diandan_store::AnyConnection, views: &mut [BindingView]) -> Result<(), crate::Error> {
    let users: Vec<String> = views.iter().filter_map(|v| v.claimant.as_ref().map(|c| c.user_id.clone())).collect();
    let hidden = diandan_store::held::hidden_among(c, "display_name", &users)?;
    for claimant in views.iter_mut().filter_map(|v| v.claimant.as_mut()) {
        if hidden.contains(&claimant.user_id) {
            claimant.display_name = crate::moderation::screen::HIDDEN.to_owned();
        }
    }
    Ok(())
}

impl BindingView {
    pub fn own(b: StoreBinding) -> BindingView {
        Self::build(b, false)
    }
    pub fn for_committee(b: StoreBinding) -> BindingView {
        Self::build(b, true)
    }
    fn build(v: StoreBinding, with_claimant: bool) -> BindingView {
        let b = v.binding;
        let claimant = with_claimant.then(|| ClaimantView {
            user_id: b.user_id.clone(),
            display_name: v.claimant_name.clone(),
            phone: v.claimant_phone.as_deref().map(phone::mask),
        });
        BindingView {
            id: b.id,
            dwelling_id: b.dwelling_id,
            community_id: b.community_id,
            building: v.building,
            unit: v.unit,
            room: v.room,
            relation: b.relation.into(),
            status: b.status.into(),
            auto_approved: b.auto_approved,
            note: b.note,
            reason: b.reason,
            decided_at: b.decided_at.map(time::from_db),
            created_at: time::from_db(b.created_at),
            claimant,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DistrictView {
    pub id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

impl From<diandan_store::communities::DistrictRow> for DistrictView {
    fn from(d: diandan_store::communities::DistrictRow) -> Self {
        DistrictView { id: d.id, name: d.name, created_at: time::from_db(d.created_at) }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommunityView {
    pub id: String,
    pub district_id: String,
    pub name: String,
    pub address: String,
    pub year_built: Option<i32>,
    pub created_at: DateTime<Utc>,
}

impl From<diandan_store::communities::CommunityRow> for CommunityView {
    fn from(c: diandan_store::communities::CommunityRow) -> Self {
        CommunityView {
            id: c.id,
            district_id: c.district_id,
            name: c.name,
            address: c.address,
            year_built: c.year_built,
            created_at: time::from_db(c.created_at),
        }
    }
}

/// A dwelling. Owner fields are present for the committee and admins only.
#[derive(Debug, Serialize, ToSchema)]
pub struct DwellingView {
    pub id: String,
    pub building_id: String,
    pub unit_id: String,
    pub building: String,
    pub unit: String,
    pub room: String,
    pub floor: i32,
    /// The exclusive part's area, m² with two decimals ("56.30").
    pub area: String,
    /// Where the area comes from, in the SPC's order: registered (不动产登记), surveyed (实测),
    /// contract (合同); given: the roster's plain area column.
    pub area_source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_name: Option<String>,
    /// Masked registered phone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub developer_held: Option<bool>,
}

impl DwellingView {
    pub fn build(v: StoreDwelling, with_owner: bool) -> DwellingView {
        let d = v.dwelling;
        DwellingView {
            id: d.id,
            building_id: d.building_id,
            unit_id: d.unit_id,
            building: v.building,
            unit: v.unit,
            room: d.room,
            floor: d.floor,
            area: Area(d.area_centi).to_string(),
            area_source: d.area_source,
            owner_key: with_owner.then_some(d.owner_key),
            owner_name: if with_owner { d.owner_name } else { None },
            phone: if with_owner { d.registered_phone.as_deref().map(phone::mask) } else { None },
            developer_held: with_owner.then_some(d.developer_held),
        }
    }
}
