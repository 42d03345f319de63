//! Consultation transitions, shared by the committee's endpoints and the scheduler. Each runs
//! inside one write transaction and appends its audit entry.

use crate::ballots::voting::scopes;
use crate::consultations::views::{candidates_of, transition_problem};
use crate::Code;
use crate::Error;
use chrono::{DateTime, Duration, Utc};
use diandan_domain::consultation::{self as rules, State};
use diandan_domain::cost_share::{payer_totals, PAYERS};
use diandan_domain::election;
use diandan_domain::electorate::{fingerprint, totals};
use diandan_domain::tally::Weight;
use diandan_domain::time;
use diandan_store::ballots::{self, CellRow};
use diandan_store::consultations::{self, ConsultationRow, ItemRow};
use diandan_store::{audit, bulletin, chains, notices, objections, AnyConnection};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

fn t(v: Option<chrono::NaiveDateTime>) -> Option<DateTime<Utc>> {
    v.map(time::from_db)
}

/// SHA-256 of the menu as voted on (order, codes, names, scopes, targets, rules, costs).
pub fn menu_hash(items: &[ItemRow]) -> String {
    let canonical: Vec<serde_json::Value> = items
        .iter()
        .map(|i| {
            let mut line = json!([
                i.id,
                i.position,
                i.code,
                i.name,
                i.description,
                i.category,
                i.scope,
                i.targets,
                i.rule,
                i.estimated_cost_cents,
                i.resident_share_bp
            ]);
            // Candidates only where there are some: the fingerprints of yes/no menus stay as
            // they were computed before items had candidates.
            if i.candidates != "[]" {
                if let Some(a) = line.as_array_mut() {
                    a.push(json!(i.candidates));
                }
            }
            // Likewise the cost plan of an item split by floor.
            if let Some(plan) = &i.cost_plan {
                if let Some(a) = line.as_array_mut() {
                    a.push(json!({ "cost_plan": plan }));
                }
            }
            line
        })
        .collect();
    hex::encode(Sha256::digest(serde_json::Value::Array(canonical).to_string().as_bytes()))
}

fn record(
    conn: &mut AnyConnection,
    actor: Option<&str>,
    action: &str,
    c: &ConsultationRow,
    detail: serde_json::Value,
) -> Result<(), Error> {
    audit::append(
        conn,
        audit::Event {
            actor_id: actor,
            action,
            object_type: "consultation",
            object_id: &c.id,
            community_id: Some(&c.community_id),
            district_id: None,
            detail,
        },
    )?;
    Ok(())
}

fn save(conn: &mut AnyConnection, from: State, row: &ConsultationRow) -> Result<(), Error> {
    if !consultations::transition(conn, from, row)? {
        return Err(Error::new(Code::WrongState, "the consultation changed meanwhile; reload it"));
    }
    Ok(())
}

pub fn announce(
    conn: &mut AnyConnection,
    actor: &str,
    mut c: ConsultationRow,
    now: DateTime<Utc>,
) -> Result<ConsultationRow, Error> {
    let from = c.state;
    let items = consultations::items(conn, &c.id)?;
    rules::check_announce(from, items.len(), t(c.opens_at), t(c.closes_at), c.announce_days as i64, now)
        .map_err(transition_problem)?;
    c.state = State::Announced;
    c.announced_at = Some(time::to_db(now));
    c.menu_hash = Some(menu_hash(&items));
    c.updated_at = time::to_db(now);
    save(conn, from, &c)?;
    record(
        conn,
        Some(actor),
        "consultation.announce",
        &c,
        json!({ "menu_hash": c.menu_hash, "opens_at": t(c.opens_at), "closes_at": t(c.closes_at) }),
    )?;
    crate::notices::consultation::announced(conn, &c, &items, now)?;
    Ok(c)
}

/// Opens voting: freezes the electorate, fingerprints roll and menu, sets up the tally cells.
pub fn open(
    conn: &mut AnyConnection,
    actor: Option<&str>,
    mut c: ConsultationRow,
    now: DateTime<Utc>,
) -> Result<ConsultationRow, Error> {
    let from = c.state;
    rules::check_open(from, t(c.announced_at), c.announce_days as i64, now).map_err(transition_problem)?;
    let items = consultations::items(conn, &c.id)?;
    let roll = ballots::freeze(conn, &c.id, &c.community_id)?;
    let mut cells = Vec::new();
    let cell = |item: &ItemRow, key: &str, shard: i32, total: Weight| CellRow {
        item_id: item.id.clone(),
        scope_key: key.to_owned(),
        shard,
        consultation_id: c.id.clone(),
        total_area: total.area,
        total_heads: total.heads,
        support_area: 0,
        support_heads: 0,
        oppose_area: 0,
        oppose_heads: 0,
        abstain_area: 0,
        abstain_heads: 0,
    };
    for (item, scope) in items.iter().zip(scopes(&items)) {
        let candidates = candidates_of(item);
        for (key, w) in totals(&roll, scope.kind, scope.targets.as_ref()) {
            // Totals live in shard 0; the other shards start empty.
            for shard in 0..ballots::shards_of(&key) {
                cells.push(cell(item, &key, shard, if shard == 0 { w } else { Weight::default() }));
            }
            // Each candidate's votes in cells of their own; the instance's cells hold the totals.
            for cand in &candidates {
                let ck = election::cell_key(&key, &cand.key);
                for shard in 0..ballots::shards_of(&ck) {
                    cells.push(cell(item, &ck, shard, Weight::default()));
                }
            }
        }
        // The payers of each unit of an item split by floor, with their own totals.
        if let Some(plan) = &scope.plan {
            for (key, w) in payer_totals(&roll, scope.targets.as_ref(), plan) {
                let pk = election::cell_key(&key, PAYERS);
                for shard in 0..ballots::shards_of(&pk) {
                    cells.push(cell(item, &pk, shard, if shard == 0 { w } else { Weight::default() }));
                }
            }
        }
    }
    ballots::init_cells(conn, &cells)?;
    let owners: BTreeSet<&str> = roll.iter().map(|e| e.owner_key.as_str()).collect();
    c.state = State::Open;
    c.opened_at = Some(time::to_db(now));
    // Opened earlier than scheduled by hand: the window starts now.
    if c.opens_at.is_none_or(|o| o > time::to_db(now)) {
        c.opens_at = Some(time::to_db(now));
    }
    c.roll_hash = Some(fingerprint(&roll));
    c.menu_hash = Some(menu_hash(&items));
    c.roll_owners = owners.len() as i64;
    c.roll_area = roll.iter().map(|e| e.area).sum();
    c.updated_at = time::to_db(now);
    save(conn, from, &c)?;
    record(
        conn,
        actor,
        "consultation.open",
        &c,
        json!({ "roll_hash": c.roll_hash, "menu_hash": c.menu_hash, "dwellings": roll.len(), "owners": c.roll_owners, "scheduled": actor.is_none() }),
    )?;
    crate::consultations::messages::opened(conn, &c, now)?;
    Ok(c)
}

pub fn close(
    conn: &mut AnyConnection,
    actor: Option<&str>,
    mut c: ConsultationRow,
    now: DateTime<Utc>,
) -> Result<ConsultationRow, Error> {
    let from = c.state;
    rules::check_close(from, t(c.closes_at), now).map_err(transition_problem)?;
    // Wait for the ballots in flight (later ones wait for this transaction and then find the
    // consultation closed), then seal every receipt before the closing head is fixed. The
    // sealer's lock is taken before this row is written, as the sealer itself does.
    chains::stop_voting(conn, &c.id)?;
    chains::lock_sealer(conn, true)?;
    bulletin::seal(conn, Some(&c.id), i64::MAX)?;
    let (entries, head) = consultations::bulletin_tip(conn, &c.id)?;
    c.bulletin_seq = entries;
    c.bulletin_head = head;
    c.state = State::Closed;
    c.closed_at = Some(time::to_db(now));
    c.closing_head = Some(c.bulletin_head.clone());
    c.updated_at = time::to_db(now);
    save(conn, from, &c)?;
    ballots::snapshot_results(conn, &c.id)?;
    record(
        conn,
        actor,
        "consultation.close",
        &c,
        json!({ "bulletin_entries": c.bulletin_seq, "closing_head": c.closing_head, "scheduled": actor.is_none() }),
    )?;
    Ok(c)
}

pub fn extend(
    conn: &mut AnyConnection,
    actor: &str,
    mut c: ConsultationRow,
    closes_at: DateTime<Utc>,
    reason: String,
    now: DateTime<Utc>,
    max_days: i64,
) -> Result<ConsultationRow, Error> {
    let from = c.state;
    let opened = t(c.opened_at).or(t(c.opens_at));
    rules::check_extend(from, opened, t(c.closes_at), closes_at, now, max_days).map_err(transition_problem)?;
    let previous = t(c.closes_at);
    c.closes_at = Some(time::to_db(closes_at));
    c.extension_reason = Some(reason);
    c.updated_at = time::to_db(now);
    save(conn, from, &c)?;
    record(
        conn,
        Some(actor),
        "consultation.extend",
        &c,
        json!({ "from": previous, "to": closes_at, "reason": c.extension_reason }),
    )?;
    // The agenda stays on the board until voting closes: now later.
    notices::extend_agenda(conn, &c.id, time::to_db(closes_at), time::to_db(now))?;
    Ok(c)
}

pub fn preliminary(
    conn: &mut AnyConnection,
    actor: &str,
    mut c: ConsultationRow,
    now: DateTime<Utc>,
) -> Result<ConsultationRow, Error> {
    let from = c.state;
    rules::check_preliminary(from).map_err(transition_problem)?;
    c.state = State::Preliminary;
    c.preliminary_at = Some(time::to_db(now));
    c.objection_deadline = Some(time::to_db(now + Duration::days(c.objection_days as i64)));
    c.updated_at = time::to_db(now);
    save(conn, from, &c)?;
    record(
        conn,
        Some(actor),
        "consultation.preliminary",
        &c,
        json!({ "objection_deadline": t(c.objection_deadline), "bulletin_head": c.bulletin_head }),
    )?;
    Ok(c)
}

pub fn finish_review(
    conn: &mut AnyConnection,
    actor: &str,
    mut c: ConsultationRow,
    now: DateTime<Utc>,
) -> Result<ConsultationRow, Error> {
    let from = c.state;
    let unanswered = objections::unanswered(conn, &c.id)?;
    let undecided = consultations::items(conn, &c.id)?.iter().filter(|i| i.decision.is_none()).count() as i64;
    rules::check_finish_review(from, t(c.objection_deadline), unanswered, undecided, now)
        .map_err(transition_problem)?;
    c.state = State::Reviewed;
    c.reviewed_at = Some(time::to_db(now));
    c.updated_at = time::to_db(now);
    save(conn, from, &c)?;
    record(
        conn,
        Some(actor),
        "consultation.review",
        &c,
        json!({ "bulletin_head": c.bulletin_head, "bulletin_entries": c.bulletin_seq }),
    )?;
    Ok(c)
}

pub fn publish(
    conn: &mut AnyConnection,
    actor: &str,
    mut c: ConsultationRow,
    now: DateTime<Utc>,
) -> Result<ConsultationRow, Error> {
    let from = c.state;
    rules::check_publish(from).map_err(transition_problem)?;
    c.state = State::Published;
    c.published_at = Some(time::to_db(now));
    c.updated_at = time::to_db(now);
    save(conn, from, &c)?;
    // The result is final now: fix the designers' demand list in the same transaction.
    let comm = crate::principal::community(conn, &c.community_id)?;
    crate::demand::list::fix_at_publication(conn, &c, &comm)?;
    record(conn, Some(actor), "consultation.publish", &c, json!({}))?;
    let items = consultations::items(conn, &c.id)?;
    crate::notices::consultation::published(conn, &c, &items, now)?;
    crate::consultations::messages::published(conn, &c, &items, now)?;
    Ok(c)
}
