//! The district's report for a period (周报告 / 月通报), as a street office sends it up: per
//! community and summed — consultations opened and closed, the turnout of those closed (owners
//! and area, as the law counts them), items passed, complaints received and answered on time,
//! and the property manager's rating of the rating periods that ended in the period.

use crate::complaints::figures::{compute_each, compute_together, FiguresView};
use crate::complaints::period::PeriodQuery;
use crate::consultations::tally::item_tallies;
use crate::principal::principal;
use crate::{Actor, Context, Error};
use chrono::{DateTime, Utc};
use diandan_domain::area::Area;
use diandan_domain::consultation::State;
use diandan_domain::rating::{aggregate, Sums};
use diandan_domain::{ids, share, time};
use diandan_store::{ballots, communities, consultations, ratings, AnyConnection};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema, Clone, Default)]
pub struct TurnoutFigures {
    /// Owners on the frozen rolls of the consultations closed in the period, and those who
    /// took part (a counting ballot).
    pub owners: i64,
    pub voted_owners: i64,
    /// Percent with one decimal; None without a roll.
    pub owners_percent: Option<String>,
    /// m², two decimals.
    pub area: String,
    pub voted_area: String,
    pub area_percent: Option<String>,
}

#[derive(Debug, Serialize, ToSchema, Clone)]
pub struct RatingFigures {
    /// The rating periods of the district that ended in the period.
    pub periods: Vec<String>,
    pub rated_dwellings: u64,
    /// Out of 100 and its grade; None below five rated dwellings.
    pub score: Option<String>,
    pub grade: Option<String>,
}

#[derive(Debug, Serialize, ToSchema, Clone)]
pub struct ReportRow {
    /// None on the summed row.
    pub community_id: Option<String>,
    /// The community's name, or 合计.
    pub name: String,
    pub consultations_opened: i64,
    pub consultations_closed: i64,
    pub turnout: TurnoutFigures,
    /// Items (and scope instances: an elevator in each unit that voted for it) that passed their
    /// legal thresholds in the consultations closed in the period.
    pub items_passed: i64,
    pub instances_passed: i64,
    /// Complaints received in the period.
    pub complaints: FiguresView,
    pub ratings: RatingFigures,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DistrictReport {
    pub district_id: String,
    pub district_name: String,
    /// China dates, both inclusive.
    pub from: String,
    pub to: String,
    pub generated_at: DateTime<Utc>,
    /// By community name.
    pub communities: Vec<ReportRow>,
    /// Every community together (rates from the summed counts, not a mean of rates).
    pub total: ReportRow,
}

#[derive(Default)]
struct Acc {
    opened: i64,
    closed: i64,
    owners: i64,
    voted_owners: i64,
    area: i64,
    voted_area: i64,
    items_passed: i64,
    instances_passed: i64,
    sums: Sums,
}

impl Acc {
    fn add(&mut self, o: &Acc) {
        self.opened += o.opened;
        self.closed += o.closed;
        self.owners += o.owners;
        self.voted_owners += o.voted_owners;
        self.area += o.area;
        self.voted_area += o.voted_area;
        self.items_passed += o.items_passed;
        self.instances_passed += o.instances_passed;
        self.sums.merge(&o.sums);
    }

    fn row(
        &self,
        community_id: Option<String>,
        name: String,
        complaints: FiguresView,
        periods: &[String],
    ) -> ReportRow {
        let agg = aggregate(&self.sums);
        ReportRow {
            community_id,
            name,
            consultations_opened: self.opened,
            consultations_closed: self.closed,
            turnout: TurnoutFigures {
                owners: self.owners,
                voted_owners: self.voted_owners,
                owners_percent: share::percent(self.voted_owners, self.owners),
                area: Area(self.area).to_string(),
                voted_area: Area(self.voted_area).to_string(),
                area_percent: share::percent(self.voted_area, self.area),
            },
            items_passed: self.items_passed,
            instances_passed: self.instances_passed,
            complaints,
            ratings: RatingFigures {
                periods: periods.to_vec(),
                rated_dwellings: self.sums.count,
                score: agg.as_ref().map(|a| a.score.clone()),
                grade: agg.map(|a| a.grade.as_str().to_owned()),
            },
        }
    }
}

/// The report of district `id` for the days `q` names (the district's admins).
pub fn district_report(ctx: &Context, actor: &Actor, id: &str, q: &PeriodQuery) -> Result<DistrictReport, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let district = ids::is_uuid(id)
            .then(|| communities::district(c, id))
            .transpose()?
            .flatten()
            .ok_or_else(|| Error::not_found("district"))?;
        p.require_admin_of(&district.id)?;
        let (from, to) = q.bounds()?;
        let mut names: Vec<(String, String)> = Vec::new();
        for cid in communities::in_district(c, &district.id)? {
            if let Some(r) = communities::get(c, &cid)? {
                names.push((r.id, r.name));
            }
        }
        let ids: Vec<String> = names.iter().map(|(i, _)| i.clone()).collect();
        let mut per: BTreeMap<String, Acc> = ids.iter().map(|i| (i.clone(), Acc::default())).collect();
        for k in consultations::opened_or_closed_between(c, &ids, from, to)? {
            let acc = per.get_mut(&k.community_id).expect("a community of the district");
            let within = |t: Option<chrono::NaiveDateTime>| t.is_some_and(|t| from <= t && t < to);
            if within(k.opened_at) {
                acc.opened += 1;
            }
            if within(k.closed_at) && k.state != State::Open {
                acc.closed += 1;
                closed_figures(c, &k, acc)?;
            }
        }
        // The rating periods that ended in the period, each community's sums over them.
        let periods: Vec<_> = ratings::periods(c, Some(std::slice::from_ref(&district.id)))?
            .into_iter()
            .filter(|r| from <= r.closes_at && r.closes_at < to)
            .collect();
        for period in &periods {
            for (cid, _, s) in ratings::sums(c, &period.id)? {
                if let Some(acc) = per.get_mut(&cid) {
                    acc.sums.merge(&s);
                }
            }
        }
        let period_names: Vec<String> = periods.iter().map(|r| r.name.clone()).collect();
        let (mut figures, _) = compute_each(c, &ids, &[], from, to)?;
        let mut total = Acc::default();
        let mut rows = Vec::with_capacity(names.len());
        for (cid, name) in &names {
            let acc = &per[cid];
            total.add(acc);
            rows.push(acc.row(Some(cid.clone()), name.clone(), figures.remove(cid).expect("every id"), &period_names));
        }
        rows.sort_by(|a, b| a.name.cmp(&b.name));
        let day = |t: chrono::NaiveDateTime| time::china_day(time::from_db(t));
        Ok(DistrictReport {
            district_id: district.id,
            district_name: district.name,
            from: day(from),
            to: day(to - chrono::Duration::days(1)),
            generated_at: diandan_store::clock::now(),
            total: total.row(None, "合计".into(), compute_together(c, &ids, from, to)?, &period_names),
            communities: rows,
        })
    })
}

/// Adds the turnout and the passed items of closed consultation `k` to `acc`.
fn closed_figures(c: &mut AnyConnection, k: &consultations::ConsultationRow, acc: &mut Acc) -> Result<(), Error> {
    let voted: HashSet<String> = ballots::voted_owner_keys(c, &k.id)?.into_iter().collect();
    let mut owners = HashSet::new();
    let mut voted_owners = HashSet::new();
    for l in ballots::roll_lines(c, &k.id)? {
        acc.area += l.area_centi;
        if voted.contains(&l.owner_key) {
            acc.voted_area += l.area_centi;
            voted_owners.insert(l.owner_key.clone());
        }
        owners.insert(l.owner_key);
    }
    acc.owners += owners.len() as i64;
    acc.voted_owners += voted_owners.len() as i64;
    let items = consultations::items(c, &k.id)?;
    for t in item_tallies(c, k, &items)? {
        acc.instances_passed += t.passed_instances;
        if t.passed_instances > 0 {
            acc.items_passed += 1;
        }
    }
    Ok(())
}
