//! Recording ballot versions and keeping the tally current. Shared by online ballots and paper
//! ballots; everything runs inside the caller's write transaction.
//!
//! Which version counts: of an owner's confirmed versions, the one signed last (an online
//! version is signed when it arrives; a paper version on the date written on the sheet). When
//! a new version takes over, the owner's weight moves from the old choices to the new ones in
//! the tally cells; the old version stays in the history as `superseded`.

use crate::consultations::views::{candidates_of, plan_of};
use crate::Error;
use chrono::NaiveDateTime;
use diandan_domain::ballot::Choices;
use diandan_domain::cost_share::{payer_weights, Plan, PAYERS};
use diandan_domain::election;
use diandan_domain::electorate::{owner_weights, RollEntry, ScopeKind};
use diandan_domain::tally::Choice;
use diandan_domain::tally::Weight;
use diandan_store::ballots::{self, BallotRow, CellDelta, VersionRow};
use diandan_store::clock;
use diandan_store::consultations::ItemRow;
use diandan_store::AnyConnection;
use rand::Rng;
use std::collections::{BTreeMap, HashMap, HashSet};

/// An item's scope: its kind and the covered instances (None: all of that kind).
pub struct ItemScope {
    pub id: String,
    pub kind: ScopeKind,
    pub targets: Option<HashSet<String>>,
    /// An item split by floor: its plan, which says whose votes also count among the payers.
    pub plan: Option<Plan>,
}

/// The buildings or units an item covers; None: all of them.
pub fn targets_of(i: &ItemRow) -> Option<HashSet<String>> {
    let targets: Vec<String> = serde_json::from_str(&i.targets).unwrap_or_default();
    (!targets.is_empty()).then(|| targets.into_iter().collect())
}

pub fn scopes(items: &[ItemRow]) -> Vec<ItemScope> {
    items
        .iter()
        .map(|i| ItemScope { id: i.id.clone(), kind: i.scope, targets: targets_of(i), plan: plan_of(i) })
        .collect()
}

/// The candidates' keys of each item that has candidates.
pub fn candidate_keys(items: &[ItemRow]) -> HashMap<String, HashSet<String>> {
    items
        .iter()
        .filter(|i| i.candidates != "[]")
        .filter_map(|i| {
            let keys: HashSet<String> = candidates_of(i).into_iter().map(|c| c.key).collect();
            (!keys.is_empty()).then(|| (i.id.clone(), keys))
        })
        .collect()
}

/// Items whose scope contains at least one of the owner's dwellings.
pub fn allowed_items(scopes: &[ItemScope], owner: &[RollEntry]) -> HashSet<String> {
    scopes
        .iter()
        .filter(|s| !owner_weights(owner, s.kind, s.targets.as_ref()).is_empty())
        .map(|s| s.id.clone())
        .collect()
}

/// Receipt codes: 12 characters from an alphabet without look-alikes, grouped for reading aloud.
pub fn new_receipt() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut rng = rand::thread_rng();
    let raw: String = (0..12).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
    format!("{}-{}-{}", &raw[0..4], &raw[4..8], &raw[8..12])
}

/// The cell changes (item, scope key, shard) that moving an owner from `old` to `new` choices
/// causes. Sorted, so every transaction locks cells in the same order (no deadlocks).
fn deltas(
    scopes: &[ItemScope],
    owner: &[RollEntry],
    old: Option<&Choices>,
    new: Option<&Choices>,
) -> BTreeMap<(String, String, i32), CellDelta> {
    let mut out: BTreeMap<(String, String, i32), CellDelta> = BTreeMap::new();
    let owner_key = owner.first().map(|e| e.owner_key.as_str()).unwrap_or_default();
    for s in scopes {
        let weights: BTreeMap<String, Weight> = owner_weights(owner, s.kind, s.targets.as_ref());
        let paying = s.plan.as_ref().map(|p| payer_weights(owner, s.targets.as_ref(), p)).unwrap_or_default();
        for (choices, sign) in [(old, -1), (new, 1)] {
            if let Some(ic) = choices.and_then(|c| c.items.get(&s.id)) {
                for (key, w) in &weights {
                    let shard = ballots::shard_of(key, owner_key);
                    out.entry((s.id.clone(), key.clone(), shard)).or_default().add(ic.choice, *w, sign);
                    // A vote for a candidate also counts in that candidate's cell.
                    if let Some(cand) = &ic.candidate {
                        let ck = election::cell_key(key, cand);
                        let shard = ballots::shard_of(&ck, owner_key);
                        out.entry((s.id.clone(), ck, shard)).or_default().add(Choice::Support, *w, sign);
                    }
                }
                // An owner whose floor pays also counts among the unit's payers, with the area
                // of their paying dwellings there.
                for (key, w) in &paying {
                    let pk = election::cell_key(key, PAYERS);
                    let shard = ballots::shard_of(&pk, owner_key);
                    out.entry((s.id.clone(), pk, shard)).or_default().add(ic.choice, *w, sign);
                }
            }
        }
    }
    out.retain(|_, d| !d.is_zero());
    out
}

/// Makes `version` the counting version of `ballot` if it was signed after the current one;
/// otherwise marks it superseded. Returns whether it now counts and the tally change, which
/// the caller applies as the last statement of its transaction.
pub fn promote(
    conn: &mut AnyConnection,
    scopes: &[ItemScope],
    owner: &[RollEntry],
    ballot: &BallotRow,
    version: &VersionRow,
) -> Result<Promotion, Error> {
    if let Some(current) = ballot.counting_signed_at {
        if version.signed_at <= current {
            ballots::set_version_status(conn, &version.id, "superseded")?;
            return Ok(Promotion { counted: false, changes: Vec::new() });
        }
    }
    let old = match &ballot.counting_version_id {
        Some(id) => {
            let choices = ballots::supersede(conn, id)?
                .ok_or_else(|| Error::internal(format!("counting version {id} missing")))?;
            Some(parse_choices(&choices)?)
        }
        None => None,
    };
    let new = parse_choices(&version.choices)?;
    if version.status != "counted" {
        ballots::set_version_status(conn, &version.id, "counted")?;
    }
    ballots::set_counting(conn, &ballot.id, Some(&version.id), Some(version.signed_at))?;
    let changes: Vec<(String, String, i32, CellDelta)> =
        deltas(scopes, owner, old.as_ref(), Some(&new)).into_iter().map(|((i, k, s), d)| (i, k, s, d)).collect();
    Ok(Promotion { counted: true, changes })
}

/// Whether a version counts, and what that moves in the tally cells. The cells are the only
/// rows ballots of different owners share: [`Promotion::apply`] locks them with one statement,
/// which the caller makes the last of its transaction, so they are held only until its commit.
#[must_use = "the tally change must be applied"]
pub struct Promotion {
    pub counted: bool,
    changes: Vec<(String, String, i32, CellDelta)>,
}

impl Promotion {
    pub fn apply(self, conn: &mut AnyConnection) -> Result<bool, Error> {
        ballots::apply_deltas(conn, &self.changes)?;
        Ok(self.counted)
    }
}

pub fn parse_choices(text: &str) -> Result<Choices, Error> {
    serde_json::from_str(text).map_err(|e| Error::internal(format!("stored choices unreadable: {e}")))
}

/// The owner's ballot row as it is after allocating the next version number (which takes the
/// ballot's row lock on PostgreSQL, serialising one owner's concurrent revisions), and that
/// number; created at version 1 on first use. Two first ballots of one owner at once: the
/// second insert fails on the unique key and its transaction is run again, finding the row.
pub fn ballot_for(
    conn: &mut AnyConnection,
    consultation_id: &str,
    owner_key: &str,
    now: NaiveDateTime,
) -> Result<(BallotRow, i32), Error> {
    if let Some(b) = ballots::bump(conn, consultation_id, owner_key, now)? {
        let no = b.versions;
        return Ok((b, no));
    }
    let b = BallotRow {
        id: clock::new_id(),
        consultation_id: consultation_id.to_owned(),
        owner_key: owner_key.to_owned(),
        counting_version_id: None,
        counting_signed_at: None,
        versions: 1,
        created_at: now,
        updated_at: now,
    };
    ballots::insert_ballot(conn, &b)?;
    Ok((b, 1))
}

/// Recomputes every cell from the counting versions (a recount), for checks and tests.
pub fn recount(
    conn: &mut AnyConnection,
    consultation_id: &str,
    items: &[ItemRow],
) -> Result<BTreeMap<(String, String), CellDelta>, Error> {
    let scopes = scopes(items);
    let mut total: BTreeMap<(String, String), CellDelta> = BTreeMap::new();
    for (owner_key, choices) in ballots::counting_versions(conn, consultation_id)? {
        let owner = ballots::owner_roll(conn, consultation_id, &owner_key)?;
        let c = parse_choices(&choices)?;
        for ((item, key, _), d) in deltas(&scopes, &owner, None, Some(&c)) {
            let e = total.entry((item, key)).or_default();
            e.support = e.support.add(d.support);
            e.oppose = e.oppose.add(d.oppose);
            e.abstain = e.abstain.add(d.abstain);
        }
    }
    Ok(total)
}
