//! Complaint figures as served: the domain's computation over the stored facts, and the reads
//! of a community's figures (its committee and admin) and of a company's (its staff and the
//! district's admins).

use crate::companies::views::load_company;
use crate::complaints::period::PeriodQuery;
use crate::principal::{community, principal};
use crate::{Actor, Code, Context, Error};
use chrono::NaiveDateTime;
use diandan_domain::complaint::{Category, Status};
use diandan_domain::complaint_figures::{figures, Figures, OrderFacts};
use diandan_domain::roles::Role;
use diandan_domain::time;
use diandan_store::clock;
use diandan_store::{complaints, AnyConnection};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RateView {
    pub numerator: u64,
    pub denominator: u64,
    /// One decimal ("83.3"); absent when the denominator is zero.
    pub percent: Option<String>,
}

/// Rates are numerator / denominator: response = acted on / accepted; on-time = answered
/// without ever being late / answered or overdue; resolution = closed / accepted; satisfaction
/// = confirmations / (confirmations + send-backs). "Accepted": past triage, not rejected.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FiguresView {
    pub received: u64,
    pub rejected: u64,
    pub accepted: u64,
    pub open: u64,
    pub overdue: u64,
    pub response_rate: RateView,
    pub on_time_rate: RateView,
    pub resolution_rate: RateView,
    pub satisfaction_rate: RateView,
    pub by_category: BTreeMap<String, u64>,
    pub by_status: BTreeMap<String, u64>,
}

impl From<Figures> for FiguresView {
    fn from(f: Figures) -> Self {
        let r = |r: diandan_domain::complaint_figures::Rate| RateView {
            numerator: r.numerator,
            denominator: r.denominator,
            percent: r.percent,
        };
        FiguresView {
            received: f.received,
            rejected: f.rejected,
            accepted: f.accepted,
            open: f.open,
            overdue: f.overdue,
            response_rate: r(f.response_rate),
            on_time_rate: r(f.on_time_rate),
            resolution_rate: r(f.resolution_rate),
            satisfaction_rate: r(f.satisfaction_rate),
            by_category: f.by_category,
            by_status: f.by_status,
        }
    }
}

/// Whose figures: a community's (orders received there) or a company's (orders assigned to it).
pub enum FiguresOf<'a> {
    Community(&'a str),
    Company(&'a str),
}

/// Figures of one community or company over orders received in [from, to).
pub fn compute(
    c: &mut AnyConnection,
    of: FiguresOf,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<FiguresView, Error> {
    let (id, mut figures) = match of {
        FiguresOf::Community(id) => (id, compute_each(c, &[id.to_owned()], &[], from, to)?.0),
        FiguresOf::Company(id) => (id, compute_each(c, &[], &[id.to_owned()], from, to)?.1),
    };
    Ok(figures.remove(id).expect("compute_each answers every id asked for"))
}

fn order_facts(row: complaints::FactRow) -> Option<OrderFacts> {
    let (category, status, deadline, first_response, replied, ever_late, satisfied, unsatisfied) = row;
    Some(OrderFacts {
        category: Category::parse(&category)?,
        status: Status::parse(&status)?,
        deadline: time::from_db(deadline),
        first_response: first_response.is_some(),
        replied: replied.is_some(),
        ever_late,
        satisfied_evaluations: satisfied.max(0) as u32,
        unsatisfied_evaluations: unsatisfied.max(0) as u32,
    })
}

/// Figures per community (orders received there) and per company (orders assigned to it),
/// for many of each, from one query. Every id asked for gets figures, empty ones included.
pub fn compute_each(
    c: &mut AnyConnection,
    communities: &[String],
    companies: &[String],
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<(HashMap<String, FiguresView>, HashMap<String, FiguresView>), Error> {
    let mut by_community: HashMap<&str, Vec<OrderFacts>> =
        communities.iter().map(|k| (k.as_str(), Vec::new())).collect();
    let mut by_company: HashMap<&str, Vec<OrderFacts>> = companies.iter().map(|k| (k.as_str(), Vec::new())).collect();
    for (community, company, row) in complaints::facts_of(c, communities, companies, from, to)? {
        let Some(facts) = order_facts(row) else { continue };
        if let Some(v) = company.as_deref().and_then(|co| by_company.get_mut(co)) {
            v.push(facts.clone());
        }
        if let Some(v) = by_community.get_mut(community.as_str()) {
            v.push(facts);
        }
    }
    let now = clock::now();
    let done = |m: HashMap<&str, Vec<OrderFacts>>| {
        m.into_iter().map(|(k, v)| (k.to_owned(), figures(&v, now).into())).collect()
    };
    Ok((done(by_community), done(by_company)))
}

/// Figures over the orders received in all of `communities` in [from, to), counted together
/// (a district's sum: rates from the summed numerators and denominators, not a mean of rates).
pub fn compute_together(
    c: &mut AnyConnection,
    communities: &[String],
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<FiguresView, Error> {
    let facts: Vec<OrderFacts> = complaints::facts_of(c, communities, &[], from, to)?
        .into_iter()
        .filter_map(|(_, _, row)| order_facts(row))
        .collect();
    Ok(figures(&facts, clock::now()).into())
}

/// Figures over the orders received in community `community_id` in the period.
pub fn read_community_figures(
    ctx: &Context,
    actor: &Actor,
    community_id: &str,
    q: &PeriodQuery,
) -> Result<FiguresView, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, community_id)?;
        p.require(&[Role::Admin, Role::Committee], &comm)?;
        let (from, to) = q.bounds()?;
        compute(c, FiguresOf::Community(&comm.id), from, to)
    })
}

/// Figures over the orders assigned to company `company_id` in the period, all communities
/// together.
pub fn read_company_figures(
    ctx: &Context,
    actor: &Actor,
    company_id: &str,
    q: &PeriodQuery,
) -> Result<FiguresView, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let company = load_company(c, company_id)?;
        if !p.grants.administers(&company.district_id) && !p.grants.companies().contains(&company.id.as_str()) {
            return Err(Error::new(
                Code::Forbidden,
                "a company's figures are for its own staff and the district's administrators",
            ));
        }
        let (from, to) = q.bounds()?;
        compute(c, FiguresOf::Company(&company.id), from, to)
    })
}
