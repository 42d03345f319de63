//! The district's view of demand: every community's latest published list summed by catalogue
//! item (how many communities and owners asked for elevators, parking, pipes...).

use crate::consultations::tally::{w, WeightView};
use crate::demand::list::ComplaintCounts;
use crate::principal::principal;
use crate::{Actor, Context, Error};
use diandan_domain::catalog::Category;
use diandan_domain::ids;
use diandan_domain::share::percent;
use diandan_domain::tally::Weight;
use diandan_store::communities::DistrictRow;
use diandan_store::{communities, demand, AnyConnection};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DistrictItem {
    pub code: String,
    pub name: String,
    /// basic | improvement | enhancement
    pub category: String,
    /// Communities whose latest published menu had the item.
    pub communities: u64,
    /// ...where it passed in at least one scope instance, and where the committee approved it.
    pub communities_passed: u64,
    pub communities_approved: u64,
    /// Summed over the communities.
    pub support: WeightView,
    pub oppose: WeightView,
    pub abstain: WeightView,
    pub participating: WeightView,
    pub total: WeightView,
    pub support_area_percent: Option<String>,
    pub support_headcount_percent: Option<String>,
    pub priority_score: i64,
    /// Owners willing to share the cost.
    pub copay_willing: i64,
    pub complaints: ComplaintCounts,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DistrictDemand {
    pub district_id: String,
    pub district_name: String,
    /// Communities with a published demand list.
    pub communities: u64,
    /// Most approving communities first, then 先民生、后提升, then support.
    pub items: Vec<DistrictItem>,
}

#[derive(Default)]
struct Acc {
    name: String,
    category: String,
    communities: BTreeSet<String>,
    passed: u64,
    approved: u64,
    support: Weight,
    oppose: Weight,
    abstain: Weight,
    participating: Weight,
    total: Weight,
    priority: i64,
    copay: i64,
}

/// Sums per district, kept until a community of the district publishes again (the summary
/// rows never change; only the set of latest lists does). Complaint counts are read each time.
#[derive(Default)]
pub struct DistrictCache(Mutex<HashMap<String, (Vec<String>, Arc<DistrictDemand>)>>);

/// The demand of district `district_id` summed by item, for the district's administrators.
pub fn read(ctx: &Context, actor: &Actor, district_id: &str) -> Result<DistrictDemand, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let district = ids::is_uuid(district_id)
            .then(|| communities::district(c, district_id))
            .transpose()?
            .flatten()
            .ok_or_else(|| Error::not_found("district"))?;
        p.require_admin_of(&district.id)?;
        build(c, &ctx.district_cache, &district)
    })
}

pub fn build(c: &mut AnyConnection, cache: &DistrictCache, district: &DistrictRow) -> Result<DistrictDemand, Error> {
    let lists = demand::latest_lists(c, &district.id)?;
    let cached = cache
        .0
        .lock()
        .map_err(Error::internal)?
        .get(&district.id)
        .filter(|(ids, _)| *ids == lists)
        .map(|(_, d)| d.clone());
    let sums = match cached {
        Some(d) => d,
        None => {
            let d = Arc::new(sum(district, demand::items_of(c, &lists)?));
            cache.0.lock().map_err(Error::internal)?.insert(district.id.clone(), (lists, d.clone()));
            d
        }
    };
    let counts: BTreeMap<String, (i64, i64)> =
        demand::district_complaint_counts(c, &district.id)?.into_iter().map(|(code, o, k)| (code, (o, k))).collect();
    let mut out = (*sums).clone();
    for it in &mut out.items {
        if let Some((open, closed)) = counts.get(&it.code) {
            it.complaints = ComplaintCounts { open: *open, closed: *closed };
        }
    }
    Ok(out)
}

fn sum(district: &DistrictRow, rows: Vec<demand::ItemRow>) -> DistrictDemand {
    let mut all_communities = BTreeSet::new();
    let mut by_code: BTreeMap<String, Acc> = BTreeMap::new();
    for r in rows {
        all_communities.insert(r.community_id.clone());
        let a = by_code.entry(r.code.clone()).or_default();
        if a.name.is_empty() {
            (a.name, a.category) = (r.name.clone(), r.category.clone());
        }
        a.communities.insert(r.community_id.clone());
        a.passed += u64::from(r.passed_instances > 0);
        a.approved += u64::from(r.approved);
        let add = |x: &mut Weight, heads: i64, area: i64| *x = x.add(Weight { area, heads });
        add(&mut a.support, r.support_heads, r.support_area);
        add(&mut a.oppose, r.oppose_heads, r.oppose_area);
        add(&mut a.abstain, r.abstain_heads, r.abstain_area);
        add(&mut a.participating, r.participating_heads, r.participating_area);
        add(&mut a.total, r.total_heads, r.total_area);
        a.priority += r.priority_score;
        a.copay += r.copay_willing;
    }
    let order = |c: &str| match Category::parse(c) {
        Some(Category::Basic) => 0,
        Some(Category::Improvement) => 1,
        _ => 2,
    };
    let mut items: Vec<DistrictItem> = by_code
        .into_iter()
        .map(|(code, a)| DistrictItem {
            complaints: ComplaintCounts::default(),
            support_area_percent: percent(a.support.area, a.participating.area),
            support_headcount_percent: percent(a.support.heads, a.participating.heads),
            communities: a.communities.len() as u64,
            communities_passed: a.passed,
            communities_approved: a.approved,
            support: w(a.support),
            oppose: w(a.oppose),
            abstain: w(a.abstain),
            participating: w(a.participating),
            total: w(a.total),
            priority_score: a.priority,
            copay_willing: a.copay,
            code,
            name: a.name,
            category: a.category,
        })
        .collect();
    let share = |i: &DistrictItem| -> (i128, i128) {
        let s = diandan_domain::area::Area::parse(&i.support.area).map(|a| a.0).unwrap_or(0) as i128;
        let p = diandan_domain::area::Area::parse(&i.participating.area).map(|a| a.0).unwrap_or(0) as i128;
        (s, p)
    };
    items.sort_by(|x, y| {
        let ((sx, px), (sy, py)) = (share(x), share(y));
        y.communities_approved
            .cmp(&x.communities_approved)
            .then_with(|| order(&x.category).cmp(&order(&y.category)))
            .then_with(|| (sy * px.max(1)).cmp(&(sx * py.max(1))))
            .then_with(|| x.code.cmp(&y.code))
    });
    DistrictDemand {
        district_id: district.id.clone(),
        district_name: district.name.clone(),
        communities: all_communities.len() as u64,
        items,
    }
}
