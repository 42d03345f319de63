//! The results of a rating period: scores per community and per company, the district's
//! ranking (red and black lists), complaint figures beside them. Admins of the district always;
//! once the period has closed, any signed-in user (the lists are public); while it runs, the
//! committee sees its communities and property staff their company.

use crate::complaints::figures::{compute_each, FiguresView};
use crate::principal::principal;
use crate::ratings::views::{load_period, period_state, PeriodView};
use crate::{Actor, Code, Context, Error};
use chrono::{DateTime, Utc};
use diandan_domain::rating::{aggregate, participation, Grade, Sums, DIMENSIONS};
use diandan_domain::roles::Role;
use diandan_domain::time;
use diandan_store::{clock, companies, ratings, AnyConnection};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct AggregateView {
    /// Mean per dimension, two decimals.
    pub means: BTreeMap<String, String>,
    /// Out of 100, two decimals.
    pub score: String,
    /// AAA ≥ 85, AA ≥ 80, A ≥ 70, B ≥ 60, C below.
    pub grade: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommunityResult {
    pub community_id: String,
    pub community_name: String,
    pub company_id: Option<String>,
    pub company_name: Option<String>,
    /// Dwellings that may rate (developer-held ones excluded).
    pub eligible_dwellings: u64,
    pub rated_dwellings: u64,
    /// rated / eligible, percent with one decimal.
    pub participation: Option<String>,
    /// Absent below 5 rated dwellings (no figure that could reveal one resident).
    pub aggregate: Option<AggregateView>,
    /// Complaints received in the community during the period.
    pub complaints: FiguresView,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompanyResult {
    pub company_id: String,
    pub company_name: String,
    pub communities: u64,
    pub eligible_dwellings: u64,
    pub rated_dwellings: u64,
    pub participation: Option<String>,
    pub aggregate: Option<AggregateView>,
    /// Position in the district by score (1 = best); absent when the aggregate is hidden.
    pub rank: Option<u32>,
    /// red (grade AAA) | black (grade C); absent otherwise.
    pub list: Option<String>,
    /// Complaints assigned to the company during the period.
    pub complaints: FiguresView,
    /// The company's public reply to this period's result.
    pub reply: Option<ReplyView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReplyView {
    pub text: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ResultsView {
    pub period: PeriodView,
    pub communities: Vec<CommunityResult>,
    /// Ranked, best first; hidden aggregates last.
    pub companies: Vec<CompanyResult>,
}

fn view(s: &Sums) -> Option<AggregateView> {
    aggregate(s).map(|a| AggregateView {
        means: DIMENSIONS.iter().map(|d| d.to_string()).zip(a.means).collect(),
        score: a.score,
        grade: a.grade.as_str().to_owned(),
    })
}

/// The results of period `id`, as much of them as the caller may see.
pub fn read_results(ctx: &Context, actor: &Actor, id: &str) -> Result<ResultsView, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let period = load_period(c, id)?;
        let public = p.grants.administers(&period.district_id) || period_state(&period, clock::now()) == "closed";
        let my_communities: Vec<String> =
            p.grants.0.iter().filter(|g| g.role == Role::Committee).filter_map(|g| g.community_id.clone()).collect();
        let my_companies: Vec<String> = p.grants.companies().into_iter().map(str::to_owned).collect();
        if !public && my_communities.is_empty() && my_companies.is_empty() {
            return Err(Error::new(Code::ResultsNotPublic, "the results are public once the period has closed"));
        }
        let (from, to) = (period.opens_at, period.closes_at);
        let eligible = ratings::eligible_dwellings(c, &period.district_id)?;
        let sums = ratings::sums(c, &period.id)?;
        let serving: HashMap<String, String> =
            companies::serving_in_district(c, &period.district_id, &time::china_day(clock::now()))?
                .into_iter()
                .collect();
        // Complaint figures of the period for every community and company shown, in one query.
        let community_ids: Vec<String> = eligible.iter().map(|(id, ..)| id.clone()).collect();
        let mut company_ids: Vec<String> =
            sums.iter().map(|(_, co, _)| co.clone()).chain(serving.values().cloned()).collect();
        company_ids.sort();
        company_ids.dedup();
        let (community_figures, company_figures) = compute_each(c, &community_ids, &company_ids, from, to)?;
        let mut names: HashMap<String, String> = HashMap::new();
        let mut company_name = |c: &mut AnyConnection, id: &str| -> Result<String, Error> {
            if let Some(n) = names.get(id) {
                return Ok(n.clone());
            }
            let n = companies::get(c, id)?.map(|r| r.name).unwrap_or_default();
            names.insert(id.to_owned(), n.clone());
            Ok(n)
        };
        let mut communities = Vec::new();
        let mut per_company: BTreeMap<String, (Sums, u64, u64)> = BTreeMap::new();
        for (community_id, community_name, n) in &eligible {
            let eligible_n = (*n).max(0) as u64;
            let mut rows: Vec<(Option<String>, Sums)> =
                sums.iter().filter(|(cid, ..)| cid == community_id).map(|(_, co, s)| (Some(co.clone()), *s)).collect();
            if rows.is_empty() {
                rows.push((serving.get(community_id).cloned(), Sums::default()));
            }
            for (company, s) in rows {
                if let Some(co) = &company {
                    let e = per_company.entry(co.clone()).or_default();
                    e.0.merge(&s);
                    e.1 += eligible_n;
                    e.2 += 1;
                }
                let visible = public
                    || my_communities.contains(community_id)
                    || company.as_ref().is_some_and(|co| my_companies.contains(co));
                if !visible {
                    continue;
                }
                communities.push(CommunityResult {
                    community_id: community_id.clone(),
                    community_name: community_name.clone(),
                    company_name: company.as_deref().map(|co| company_name(c, co)).transpose()?,
                    company_id: company,
                    eligible_dwellings: eligible_n,
                    rated_dwellings: s.count,
                    participation: participation(s.count, eligible_n),
                    aggregate: view(&s),
                    complaints: community_figures[community_id].clone(),
                });
            }
        }
        // Rank companies by score (hundredths), best first; ties share a rank.
        let mut ranked: Vec<(String, Sums, u64, u64, Option<u64>)> = per_company
            .into_iter()
            .map(|(co, (s, e, n))| (co, s, e, n, aggregate(&s).map(|a| a.score_centi)))
            .collect();
        ranked.sort_by(|a, b| b.4.cmp(&a.4).then_with(|| a.0.cmp(&b.0)));
        let replies: HashMap<String, ReplyView> = ratings::replies(c, &period.id)?
            .into_iter()
            .map(|r| (r.company_id, ReplyView { text: r.text, created_at: time::from_db(r.created_at) }))
            .collect();
        let mut companies_out = Vec::new();
        for (company, s, eligible_n, n, score) in &ranked {
            let rank = score.map(|sc| 1 + ranked.iter().filter(|r| r.4.is_some_and(|o| o > sc)).count() as u32);
            if !(public || my_companies.contains(company)) {
                continue;
            }
            let list = score.and_then(|sc| match Grade::of(sc) {
                Grade::AAA => Some("red".to_owned()),
                Grade::C => Some("black".to_owned()),
                _ => None,
            });
            companies_out.push(CompanyResult {
                company_name: company_name(c, company)?,
                company_id: company.clone(),
                communities: *n,
                eligible_dwellings: *eligible_n,
                rated_dwellings: s.count,
                participation: participation(s.count, *eligible_n),
                aggregate: view(s),
                rank,
                list,
                complaints: company_figures[company].clone(),
                reply: replies.get(company).map(|r| ReplyView { text: r.text.clone(), created_at: r.created_at }),
            });
        }
        Ok(ResultsView { period: period.into(), communities, companies: companies_out })
    })
}
