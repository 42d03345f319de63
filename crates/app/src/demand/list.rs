//! The demand list of a community (需求清单): built once when a consultation is published
//! (its result is final), stored, and served with the complaint counts of the day.
//!
//! Nothing personal goes in: figures are aggregates of the tally, comments are scrubbed and
//! listed without author, dwelling or time.

use crate::consultations::tally::{item_tallies, w, InstanceTally, WeightView};
use crate::principal::principal;
use crate::Error;
use crate::{Actor, Code, Context};
use bytes::Bytes;
use chrono::{DateTime, Utc};
use diandan_domain::area::Area;
use diandan_domain::ballot::Choices;
use diandan_domain::catalog::Category;
use diandan_domain::demand::{ballot_stats, rank_order, ItemStats, RankKey};
use diandan_domain::ids;
use diandan_domain::roles::Role;
use diandan_domain::share::{hundredths as cents, percent};
use diandan_domain::tally::Weight;
use diandan_domain::time;
use diandan_store::communities::CommunityRow;
use diandan_store::consultations::{self, ConsultationRow};
use diandan_store::demand::{self, ItemRow as SummaryRow, ListRow};
use diandan_store::{ballots, roster, AnyConnection};
use flate2::write::GzEncoder;
use flate2::Compression;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::sync::{Arc, Mutex};
use utoipa::ToSchema;

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct CoPayView {
    pub no: u64,
    pub yes: u64,
    pub up_to_1000: u64,
    pub up_to_5000: u64,
    pub up_to_20000: u64,
    pub above_20000: u64,
    pub unspecified: u64,
    /// Owners willing to pay something (yes or any band).
    pub willing: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct PriorityView {
    /// Sum over owners of (items on the menu + 1 − rank): rank 1 of 20 items earns 20 points.
    pub score: i64,
    pub ranked_by: u64,
    pub first_choice: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct ComplaintCounts {
    /// Orders naming this item that are not closed (rejected ones excluded).
    pub open: i64,
    pub closed: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DemandItem {
    /// 1 = first.
    pub rank: u32,
    pub item_id: String,
    pub code: String,
    pub name: String,
    /// basic | improvement | enhancement
    pub category: String,
    /// community | building | unit
    pub scope: String,
    /// majority | supermajority | consultative
    pub rule: String,
    pub rule_reason: Option<String>,
    /// Yuan, two decimals.
    pub estimated_cost: Option<String>,
    pub resident_share_percent: Option<String>,
    /// The committee's decision: approved | rejected.
    pub decision: Option<String>,
    pub decision_reason: Option<String>,
    /// passed (in at least one scope instance) | failed | consultative
    pub outcome: String,
    pub passed_instances: i64,
    pub instances: i64,
    /// Why the item failed where it failed (quorum_area, quorum_headcount, approval_area,
    /// approval_headcount), over all its failed instances.
    pub reasons: Vec<String>,
    /// Sums over the scope instances (an owner in two instances counts in both).
    pub support: WeightView,
    pub oppose: WeightView,
    pub abstain: WeightView,
    pub participating: WeightView,
    pub total: WeightView,
    /// Participating / total, percent with one decimal, by area and by headcount.
    pub participation_area_percent: Option<String>,
    pub participation_headcount_percent: Option<String>,
    /// Support / participating, percent with one decimal.
    pub support_area_percent: Option<String>,
    pub support_headcount_percent: Option<String>,
    pub copay: CoPayView,
    pub priority: PriorityView,
    /// Per building or unit (an elevator lists every unit and its own result).
    pub breakdown: Vec<InstanceTally>,
    /// Comments of the owners who ranked this item, without names.
    pub comments: Vec<String>,
    pub complaints: ComplaintCounts,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CommentView {
    pub text: String,
    /// Codes of the items its author ranked, best first.
    pub ranked_items: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DemandList {
    pub community_id: String,
    pub community_name: String,
    pub consultation_id: String,
    pub consultation_title: String,
    pub published_at: DateTime<Utc>,
    /// Owners and area on the frozen roll.
    pub roll: WeightView,
    /// Owners with a counted ballot, and their area.
    pub voted: WeightView,
    pub participation_area_percent: Option<String>,
    pub participation_headcount_percent: Option<String>,
    pub items: Vec<DemandItem>,
    pub comments: Vec<CommentView>,
}

fn weight(v: &WeightView) -> Weight {
    Weight { area: Area::parse(&v.area).map(|a| a.0).unwrap_or(0), heads: v.headcount }
}

fn sum(instances: &[InstanceTally], f: impl Fn(&InstanceTally) -> &WeightView) -> Weight {
    instances.iter().map(|i| weight(f(i))).fold(Weight::default(), |a, b| a.add(b))
}

/// Builds the list of a published consultation, and the summary rows for the district view.
pub fn build(
    c: &mut AnyConnection,
    cons: &ConsultationRow,
    comm: &CommunityRow,
) -> Result<(DemandList, Vec<SummaryRow>), Error> {
    let items = consultations::items(c, &cons.id)?;
    let tallies = item_tallies(c, cons, &items)?;
    let counting = ballots::counting_versions_by_id(c, &cons.id)?;
    // Comments WeChat did not pass and the committee has not released stay out of the list.
    let hidden = diandan_store::held::hidden_under(c, "ballot_comment", &cons.id)?;
    let ballots_parsed: Vec<Choices> = counting
        .iter()
        .filter_map(|(id, _, json)| {
            let mut choices: Choices = serde_json::from_str(json).ok()?;
            if hidden.contains(id) {
                choices.comment = None;
            }
            Some(choices)
        })
        .collect();
    let names = roster::known_names(c, &comm.id)?;
    let (stats, comments) = ballot_stats(ballots_parsed.iter(), items.len(), &names);
    let codes: HashMap<&str, &str> = items.iter().map(|i| (i.id.as_str(), i.code.as_str())).collect();

    // Overall turnout from the frozen roll.
    let roll = ballots::roll(c, &cons.id)?;
    let voters: HashSet<&str> = counting.iter().map(|(_, k, _)| k.as_str()).collect();
    let owners: HashSet<&str> = roll.iter().map(|e| e.owner_key.as_str()).collect();
    let voted_area: i64 = roll.iter().filter(|e| voters.contains(e.owner_key.as_str())).map(|e| e.area).sum();
    let roll_w = Weight { area: roll.iter().map(|e| e.area).sum(), heads: owners.len() as i64 };
    let voted_w = Weight { area: voted_area, heads: voters.intersection(&owners).count() as i64 };

    let by_id: HashMap<&str, &consultations::ItemRow> = items.iter().map(|i| (i.id.as_str(), i)).collect();
    let mut out: Vec<(RankKey, DemandItem)> = Vec::new();
    for t in tallies {
        let item = by_id[t.item_id.as_str()];
        let st = stats.get(&t.item_id).cloned().unwrap_or_else(ItemStats::default);
        let (support, oppose, abstain) =
            (sum(&t.instances, |i| &i.support), sum(&t.instances, |i| &i.oppose), sum(&t.instances, |i| &i.abstain));
        let (participating, total) = (sum(&t.instances, |i| &i.participating), sum(&t.instances, |i| &i.total));
        let consultative = t.rule == "consultative";
        let mut reasons: Vec<String> =
            t.instances.iter().filter(|i| i.passed == Some(false)).flat_map(|i| i.reasons.clone()).collect();
        reasons.sort();
        reasons.dedup();
        let approved = item.decision.as_deref() == Some("approved");
        let key = RankKey {
            approved,
            category: Category::parse(&t.category).unwrap_or(Category::Enhancement),
            support_area: support.area,
            participating_area: participating.area,
            support_heads: support.heads,
            participating_heads: participating.heads,
            code: t.code.clone(),
        };
        out.push((
            key,
            DemandItem {
                rank: 0,
                outcome: if consultative {
                    "consultative"
                } else if t.passed_instances > 0 {
                    "passed"
                } else {
                    "failed"
                }
                .into(),
                passed_instances: t.passed_instances,
                instances: t.instances.len() as i64,
                reasons,
                support: w(support),
                oppose: w(oppose),
                abstain: w(abstain),
                participating: w(participating),
                total: w(total),
                participation_area_percent: percent(participating.area, total.area),
                participation_headcount_percent: percent(participating.heads, total.heads),
                support_area_percent: percent(support.area, participating.area),
                support_headcount_percent: percent(support.heads, participating.heads),
                copay: CoPayView {
                    no: st.copay.no,
                    yes: st.copay.yes,
                    up_to_1000: st.copay.up_to_1000,
                    up_to_5000: st.copay.up_to_5000,
                    up_to_20000: st.copay.up_to_20000,
                    above_20000: st.copay.above_20000,
                    unspecified: st.copay.unspecified,
                    willing: st.copay.willing(),
                },
                priority: PriorityView {
                    score: st.priority_score,
                    ranked_by: st.ranked_by,
                    first_choice: st.first_choice,
                },
                breakdown: t.instances,
                comments: st.comments,
                complaints: ComplaintCounts::default(),
                item_id: t.item_id,
                code: t.code,
                name: t.name,
                category: t.category,
                scope: t.scope,
                rule: t.rule,
                rule_reason: item.rule_reason.clone(),
                estimated_cost: item.estimated_cost_cents.map(cents),
                resident_share_percent: item.resident_share_bp.map(|b| cents(b as i64)),
                decision: item.decision.clone(),
                decision_reason: item.decision_reason.clone(),
            },
        ));
    }
    out.sort_by(|a, b| rank_order(&a.0, &b.0));
    let published_at = cons.published_at.unwrap_or(cons.updated_at);
    let mut summary = Vec::new();
    let mut ranked = Vec::new();
    for (n, (key, mut it)) in out.into_iter().enumerate() {
        it.rank = n as u32 + 1;
        let (s, o, a, p, t) = (
            weight(&it.support),
            weight(&it.oppose),
            weight(&it.abstain),
            weight(&it.participating),
            weight(&it.total),
        );
        summary.push(SummaryRow {
            consultation_id: cons.id.clone(),
            item_id: it.item_id.clone(),
            community_id: comm.id.clone(),
            district_id: comm.district_id.clone(),
            code: it.code.clone(),
            name: it.name.clone(),
            category: it.category.clone(),
            approved: key.approved,
            passed_instances: it.passed_instances,
            instances: it.instances,
            support_heads: s.heads,
            support_area: s.area,
            oppose_heads: o.heads,
            oppose_area: o.area,
            abstain_heads: a.heads,
            abstain_area: a.area,
            participating_heads: p.heads,
            participating_area: p.area,
            total_heads: t.heads,
            total_area: t.area,
            priority_score: it.priority.score,
            copay_willing: it.copay.willing as i64,
        });
        ranked.push(it);
    }
    let list = DemandList {
        community_id: comm.id.clone(),
        community_name: comm.name.clone(),
        consultation_id: cons.id.clone(),
        consultation_title: cons.title.clone(),
        published_at: time::from_db(published_at),
        roll: w(roll_w),
        voted: w(voted_w),
        participation_area_percent: percent(voted_w.area, roll_w.area),
        participation_headcount_percent: percent(voted_w.heads, roll_w.heads),
        items: ranked,
        comments: comments
            .into_iter()
            .map(|c| CommentView {
                text: c.text,
                ranked_items: c
                    .ranked_items
                    .iter()
                    .map(|id| codes.get(id.as_str()).copied().unwrap_or("").to_owned())
                    .collect(),
            })
            .collect(),
    };
    Ok((list, summary))
}

/// Fixes the list of a consultation being published (called inside the publish transaction).
pub fn fix_at_publication(c: &mut AnyConnection, cons: &ConsultationRow, comm: &CommunityRow) -> Result<(), Error> {
    let (list, summary) = build(c, cons, comm)?;
    let row = ListRow {
        consultation_id: cons.id.clone(),
        community_id: comm.id.clone(),
        district_id: comm.district_id.clone(),
        published_at: time::to_db(list.published_at),
        body: serde_json::to_string(&list).map_err(Error::internal)?,
    };
    demand::insert(c, &row, &summary)?;
    Ok(())
}

/// Published lists never change: each is parsed once and kept with its JSON pre-rendered in
/// pieces, between which each item's complaint counts (which do change) are written per request.
pub struct Rendered {
    pub list: DemandList,
    /// One more piece than items: piece i, item i's counts, piece i+1...
    pieces: Vec<String>,
    /// The last body served, with the counts it was made for: complaint counts change far less
    /// often than designers read, so most reads reuse it (and its gzip form) as it is.
    last: Mutex<Option<(BTreeMap<String, (i64, i64)>, Arc<Body>)>>,
}

/// A JSON body ready to send, plain and gzip-compressed, with its entity tag.
pub struct Body {
    pub json: Bytes,
    pub gzip: Bytes,
    pub etag: String,
}

const OPEN_MARK: i64 = -1_000_000_000;
const CLOSED_MARK: i64 = -2_000_000_000;

impl Rendered {
    fn new(list: DemandList) -> Result<Rendered, Error> {
        let mut marked = list.clone();
        for (n, it) in marked.items.iter_mut().enumerate() {
            it.complaints = ComplaintCounts { open: OPEN_MARK - n as i64, closed: CLOSED_MARK - n as i64 };
        }
        let mut rest = serde_json::to_string(&marked).map_err(Error::internal)?;
        let mut pieces = Vec::with_capacity(list.items.len() + 1);
        for n in 0..list.items.len() {
            let mark =
                serde_json::to_string(&ComplaintCounts { open: OPEN_MARK - n as i64, closed: CLOSED_MARK - n as i64 })
                    .map_err(Error::internal)?;
            let at = rest.find(&mark).ok_or_else(|| Error::internal("demand list marker missing"))?;
            let tail = rest.split_off(at);
            pieces.push(std::mem::replace(&mut rest, tail[mark.len()..].to_string()));
        }
        pieces.push(rest);
        Ok(Rendered { list, pieces, last: Mutex::new(None) })
    }

    /// The body for these counts, made once per change of the counts.
    pub fn body(&self, counts: &BTreeMap<String, (i64, i64)>) -> Result<Arc<Body>, Error> {
        let mut last = self.last.lock().map_err(Error::internal)?;
        if let Some((made_for, body)) = &*last {
            if made_for == counts {
                return Ok(body.clone());
            }
        }
        let json = self.json(counts);
        let mut gz = GzEncoder::new(Vec::with_capacity(json.len() / 8), Compression::fast());
        gz.write_all(json.as_bytes()).map_err(Error::internal)?;
        let gzip = gz.finish().map_err(Error::internal)?;
        let etag = format!("\"{}\"", &hex::encode(Sha256::digest(json.as_bytes()))[..32]);
        let body = Arc::new(Body { json: Bytes::from(json), gzip: Bytes::from(gzip), etag });
        *last = Some((counts.clone(), body.clone()));
        Ok(body)
    }

    /// The JSON body with these counts (by item code).
    pub fn json(&self, counts: &BTreeMap<String, (i64, i64)>) -> String {
        let mut out =
            String::with_capacity(self.pieces.iter().map(String::len).sum::<usize>() + 40 * self.list.items.len());
        for (piece, it) in self.pieces.iter().zip(&self.list.items) {
            out.push_str(piece);
            let (open, closed) = counts.get(&it.code).copied().unwrap_or((0, 0));
            out.push_str(&format!("{{\"open\":{open},\"closed\":{closed}}}"));
        }
        out.push_str(self.pieces.last().map(String::as_str).unwrap_or_default());
        out
    }

    /// The list itself with these counts (for the CSV, XLSX and SVG renderings).
    pub fn with_counts(&self, counts: &BTreeMap<String, (i64, i64)>) -> DemandList {
        let mut list = self.list.clone();
        for it in &mut list.items {
            let (open, closed) = counts.get(&it.code).copied().unwrap_or((0, 0));
            it.complaints = ComplaintCounts { open, closed };
        }
        list
    }
}

/// Rendered lists by consultation id. Bounded: past the limit it starts afresh (a district
/// publishes a few hundred lists a year).
#[derive(Default)]
pub struct DemandCache(Mutex<HashMap<String, Arc<Rendered>>>);

const CACHE_LIMIT: usize = 512;

impl DemandCache {
    fn get(&self, c: &mut AnyConnection, consultation_id: &str) -> Result<Arc<Rendered>, Error> {
        if let Some(r) = self.0.lock().map_err(Error::internal)?.get(consultation_id) {
            return Ok(r.clone());
        }
        let body = demand::body(c, consultation_id)?.ok_or_else(|| Error::not_found("demand list"))?;
        let rendered = Arc::new(Rendered::new(serde_json::from_str(&body).map_err(Error::internal)?)?);
        let mut map = self.0.lock().map_err(Error::internal)?;
        if map.len() >= CACHE_LIMIT {
            map.clear();
        }
        map.insert(consultation_id.to_owned(), rendered.clone());
        Ok(rendered)
    }
}

/// A rendered list and the complaint counts of the moment.
pub type Loaded = (Arc<Rendered>, BTreeMap<String, (i64, i64)>);

/// The designers' list of a community: its latest published consultation, or the one named.
pub fn read(ctx: &Context, actor: &Actor, community_id: &str, consultation_id: Option<&str>) -> Result<Loaded, Error> {
    ctx.db.read(|c| read_in(c, &ctx.demand_cache, actor, community_id, consultation_id))
}

/// The whole read on one connection (the benchmark calls it in-process).
pub fn read_in(
    c: &mut AnyConnection,
    cache: &DemandCache,
    actor: &Actor,
    community_id: &str,
    consultation_id: Option<&str>,
) -> Result<Loaded, Error> {
    // Three queries: the caller with their grants (read fresh: a revoked role stops here), the
    // community with the id of its list, today's complaint counts; the list itself is cached.
    let p = principal(c, actor)?;
    if !ids::is_uuid(community_id) {
        return Err(Error::not_found("community"));
    }
    let (comm, list) =
        demand::community_and_list(c, community_id, consultation_id)?.ok_or_else(|| Error::not_found("community"))?;
    p.require(&[Role::Designer, Role::Committee, Role::Admin], &comm)?;
    if consultation_id.is_some_and(|c| !ids::is_uuid(c)) {
        return Err(Error::invalid("consultation_id", "must be a consultation id"));
    }
    let id = list
        .ok_or_else(|| Error::new(Code::NoDemandList, "this community has no published consultation (with that id)"))?;
    let rendered = cache.get(c, &id)?;
    let counts = demand::complaint_counts(c, &comm.id)?.into_iter().map(|(code, o, k)| (code, (o, k))).collect();
    Ok((rendered, counts))
}
