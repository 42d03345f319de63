//! The frozen electorate, ballots and their versions, and the running tally of a consultation
//! (its receipt bulletin: `bulletin`).
//!
//! The tally is kept current as ballots arrive: a change of an owner's counting version moves
//! that owner's weight between cells with `UPDATE ... SET x = x + delta`, so reading a tally
//! costs the same at 500 ballots as at 50,000.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{
    ballot_versions, ballots, buildings, dwellings, electorate, tally_cells, tally_results, units, users,
};
use chrono::NaiveDateTime;
use diandan_domain::electorate::RollEntry;
use diandan_domain::tally::{Choice, Counts, Weight};
use diesel::prelude::*;
use std::collections::HashMap;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = electorate)]
pub struct ElectorRow {
    pub consultation_id: String,
    pub dwelling_id: String,
    pub building_id: String,
    pub unit_id: String,
    pub owner_key: String,
    pub area_centi: i64,
    /// Where the frozen area comes from (the dwelling's `area_source` when the roll froze).
    pub area_source: String,
    pub floor: i32,
}

impl ElectorRow {
    pub fn entry(&self) -> RollEntry {
        RollEntry {
            dwelling_id: self.dwelling_id.clone(),
            building_id: self.building_id.clone(),
            unit_id: self.unit_id.clone(),
            owner_key: self.owner_key.clone(),
            area: self.area_centi,
            floor: self.floor,
        }
    }
}

const BATCH: usize = 500;

/// Copies the community's current dwellings into the consultation's electorate.
pub fn freeze(conn: &mut AnyConnection, consultation_id: &str, community_id: &str) -> StoreResult<Vec<RollEntry>> {
    let rows: Vec<(String, String, String, String, i64, String, i32)> = dwellings::table
        .filter(dwellings::community_id.eq(community_id))
        .select((
            dwellings::id,
            dwellings::building_id,
            dwellings::unit_id,
            dwellings::owner_key,
            dwellings::area_centi,
            dwellings::area_source,
            dwellings::floor,
        ))
        .load(conn)?;
    let electors: Vec<ElectorRow> = rows
        .into_iter()
        .map(|(dwelling_id, building_id, unit_id, owner_key, area_centi, area_source, floor)| ElectorRow {
            consultation_id: consultation_id.to_owned(),
            dwelling_id,
            building_id,
            unit_id,
            owner_key,
            area_centi,
            area_source,
            floor,
        })
        .collect();
    for chunk in electors.chunks(BATCH) {
        crate::batch_insert!(conn, electorate::table, chunk);
    }
    Ok(electors.iter().map(ElectorRow::entry).collect())
}

pub fn roll(conn: &mut AnyConnection, consultation_id: &str) -> StoreResult<Vec<RollEntry>> {
    Ok(electorate::table
        .filter(electorate::consultation_id.eq(consultation_id))
        .select(ElectorRow::as_select())
        .load::<ElectorRow>(conn)?
        .iter()
        .map(ElectorRow::entry)
        .collect())
}

pub fn owner_roll(conn: &mut AnyConnection, consultation_id: &str, owner_key: &str) -> StoreResult<Vec<RollEntry>> {
    Ok(electorate::table
        .filter(electorate::consultation_id.eq(consultation_id))
        .filter(electorate::owner_key.eq(owner_key))
        .select(ElectorRow::as_select())
        .load::<ElectorRow>(conn)?
        .iter()
        .map(ElectorRow::entry)
        .collect())
}

/// An owner's roll entries and the label (building, unit, room) of their first dwelling, which
/// the bulletin shows masked: one query.
pub fn owner_roll_labelled(
    conn: &mut AnyConnection,
    consultation_id: &str,
    owner_key: &str,
) -> StoreResult<(Vec<RollEntry>, (String, String, String))> {
    let rows: Vec<(ElectorRow, String, String, String)> = electorate::table
        .inner_join(dwellings::table.on(dwellings::id.eq(electorate::dwelling_id)))
        .inner_join(buildings::table.on(buildings::id.eq(electorate::building_id)))
        .inner_join(units::table.on(units::id.eq(electorate::unit_id)))
        .filter(electorate::consultation_id.eq(consultation_id))
        .filter(electorate::owner_key.eq(owner_key))
        .order((buildings::name.asc(), units::name.asc(), dwellings::room.asc()))
        .select((ElectorRow::as_select(), buildings::name, units::name, dwellings::room))
        .load(conn)?;
    let label = rows.first().map(|(_, b, u, r)| (b.clone(), u.clone(), r.clone())).ok_or(diesel::NotFound)?;
    Ok((rows.iter().map(|(e, ..)| e.entry()).collect(), label))
}

/// What a cost split is computed over: a consultation's frozen roll, or a community's register
/// as it stands (before voting opens).
pub enum SplitBasis<'a> {
    Roll(&'a str),
    Register(&'a str),
}

/// The dwellings of `basis`, and each one's room by dwelling id.
pub fn split_basis(
    conn: &mut AnyConnection,
    basis: SplitBasis<'_>,
) -> StoreResult<(Vec<RollEntry>, HashMap<String, String>)> {
    let community_id = match basis {
        SplitBasis::Roll(consultation_id) => {
            let rows: Vec<(ElectorRow, String)> = electorate::table
                .inner_join(dwellings::table.on(dwellings::id.eq(electorate::dwelling_id)))
                .filter(electorate::consultation_id.eq(consultation_id))
                .select((ElectorRow::as_select(), dwellings::room))
                .load(conn)?;
            let rooms = rows.iter().map(|(e, room)| (e.dwelling_id.clone(), room.clone())).collect();
            return Ok((rows.iter().map(|(e, _)| e.entry()).collect(), rooms));
        }
        SplitBasis::Register(community_id) => community_id,
    };
    let rows: Vec<(String, String, String, String, i64, i32, String)> = dwellings::table
        .filter(dwellings::community_id.eq(community_id))
        .select((
            dwellings::id,
            dwellings::building_id,
            dwellings::unit_id,
            dwellings::owner_key,
            dwellings::area_centi,
            dwellings::floor,
            dwellings::room,
        ))
        .load(conn)?;
    let mut rooms = HashMap::with_capacity(rows.len());
    let entries = rows
        .into_iter()
        .map(|(dwelling_id, building_id, unit_id, owner_key, area, floor, room)| {
            rooms.insert(dwelling_id.clone(), room);
            RollEntry { dwelling_id, building_id, unit_id, owner_key, area, floor }
        })
        .collect();
    Ok((entries, rooms))
}

/// A dwelling's place as the bulletin shows it, masked: (building, unit, room).
pub type Label = (String, String, String);

/// The roll entries of every owner key `user_id` is an approved owner of in the community,
/// each with its label (building, unit, room) and whether the caller's own binding is to that
/// dwelling, in label order: a ballot's owner and weight in one query.
pub fn rolls_owned_by(
    conn: &mut AnyConnection,
    consultation_id: &str,
    community_id: &str,
    user_id: &str,
) -> StoreResult<Vec<(ElectorRow, Label, bool)>> {
    use crate::schema::bindings;
    let owned = diesel::alias!(electorate as owned);
    let keys = bindings::table
        .inner_join(owned.on(owned.field(electorate::dwelling_id).eq(bindings::dwelling_id)))
        .filter(owned.field(electorate::consultation_id).eq(consultation_id))
        .filter(bindings::user_id.eq(user_id))
        .filter(bindings::community_id.eq(community_id))
        .filter(bindings::status.eq("approved"))
        .filter(bindings::relation.eq("owner"))
        .select(owned.field(electorate::owner_key));
    let mine = diesel::alias!(bindings as mine);
    let bound = mine
        .filter(mine.field(bindings::user_id).eq(user_id))
        .filter(mine.field(bindings::status).eq("approved"))
        .filter(mine.field(bindings::relation).eq("owner"))
        .select(mine.field(bindings::dwelling_id));
    let rows: Vec<(ElectorRow, String, String, String, bool)> = electorate::table
        .inner_join(dwellings::table.on(dwellings::id.eq(electorate::dwelling_id)))
        .inner_join(buildings::table.on(buildings::id.eq(electorate::building_id)))
        .inner_join(units::table.on(units::id.eq(electorate::unit_id)))
        .filter(electorate::consultation_id.eq(consultation_id))
        .filter(electorate::owner_key.eq_any(keys))
        .order((buildings::name.asc(), units::name.asc(), dwellings::room.asc()))
        .select((
            ElectorRow::as_select(),
            buildings::name,
            units::name,
            dwellings::room,
            electorate::dwelling_id.eq_any(bound),
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(|(e, b, u, r, mine)| (e, (b, u, r), mine)).collect())
}

/// The elector rows of the dwellings `user_id` is an approved owner of in the community (the
/// owner keys a resident may vote as), in one query.
pub fn electors_owned_by(
    conn: &mut AnyConnection,
    consultation_id: &str,
    community_id: &str,
    user_id: &str,
) -> StoreResult<Vec<ElectorRow>> {
    use crate::schema::bindings;
    Ok(electorate::table
        .inner_join(bindings::table.on(bindings::dwelling_id.eq(electorate::dwelling_id)))
        .filter(electorate::consultation_id.eq(consultation_id))
        .filter(bindings::user_id.eq(user_id))
        .filter(bindings::community_id.eq(community_id))
        .filter(bindings::status.eq("approved"))
        .filter(bindings::relation.eq("owner"))
        .select(ElectorRow::as_select())
        .load(conn)?)
}

/// The elector rows of these dwellings (to find which owner keys a resident's bindings give).
pub fn electors_for_dwellings(
    conn: &mut AnyConnection,
    consultation_id: &str,
    dwelling_ids: &[String],
) -> StoreResult<Vec<ElectorRow>> {
    Ok(electorate::table
        .filter(electorate::consultation_id.eq(consultation_id))
        .filter(electorate::dwelling_id.eq_any(dwelling_ids.to_vec()))
        .select(ElectorRow::as_select())
        .load(conn)?)
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone, PartialEq, Eq)]
#[diesel(table_name = tally_cells)]
pub struct CellRow {
    pub item_id: String,
    pub scope_key: String,
    pub shard: i32,
    pub consultation_id: String,
    pub total_area: i64,
    pub total_heads: i64,
    pub support_area: i64,
    pub support_heads: i64,
    pub oppose_area: i64,
    pub oppose_heads: i64,
    pub abstain_area: i64,
    pub abstain_heads: i64,
}

impl CellRow {
    pub fn counts(&self) -> Counts {
        Counts {
            total: Weight { area: self.total_area, heads: self.total_heads },
            support: Weight { area: self.support_area, heads: self.support_heads },
            oppose: Weight { area: self.oppose_area, heads: self.oppose_heads },
            abstain: Weight { area: self.abstain_area, heads: self.abstain_heads },
        }
    }
}

pub fn init_cells(conn: &mut AnyConnection, cells: &[CellRow]) -> StoreResult<()> {
    for chunk in cells.chunks(BATCH) {
        crate::batch_insert!(conn, tally_cells::table, chunk);
    }
    Ok(())
}

/// Shards of a community-wide cell: every ballot of the consultation adds to one of them and
/// holds it until commit, so ballots queue on a shard only when more of them are in flight
/// than there are shards (32 clients in the benchmark; with 8, the queues coupled through the
/// unit cells and ballots ran at a third of the rate).
pub const COMMUNITY_SHARDS: i32 = 32;

/// Shards of a building or unit cell (shared by the tens of owners of a building or stairwell).
pub const LOCAL_SHARDS: i32 = 4;

/// How many shards a cell of this scope key has.
pub fn shards_of(scope_key: &str) -> i32 {
    if scope_key == "community" {
        COMMUNITY_SHARDS
    } else {
        LOCAL_SHARDS
    }
}

/// The shard an owner's weight goes to in a cell of this scope key (FNV-1a of the owner key).
/// Only the shards' sum means anything: a shard alone may even go negative when an owner's
/// weight moves after the shard count changed.
pub fn shard_of(scope_key: &str, owner_key: &str) -> i32 {
    let mut h: u32 = 0x811c9dc5;
    for b in owner_key.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x01000193);
    }
    (h % shards_of(scope_key) as u32) as i32
}

/// The consultation's cells, shards summed: one row per (item, scope instance).
pub fn cells(conn: &mut AnyConnection, consultation_id: &str) -> StoreResult<Vec<CellRow>> {
    let rows: Vec<CellRow> = tally_cells::table
        .filter(tally_cells::consultation_id.eq(consultation_id))
        .order((tally_cells::item_id.asc(), tally_cells::scope_key.asc(), tally_cells::shard.asc()))
        .select(CellRow::as_select())
        .load(conn)?;
    let mut out: Vec<CellRow> = Vec::with_capacity(rows.len());
    for r in rows {
        match out.last_mut() {
            Some(last) if last.item_id == r.item_id && last.scope_key == r.scope_key => {
                last.total_area += r.total_area;
                last.total_heads += r.total_heads;
                last.support_area += r.support_area;
                last.support_heads += r.support_heads;
                last.oppose_area += r.oppose_area;
                last.oppose_heads += r.oppose_heads;
                last.abstain_area += r.abstain_area;
                last.abstain_heads += r.abstain_heads;
            }
            _ => out.push(CellRow { shard: 0, ..r }),
        }
    }
    Ok(out)
}

/// The net change of one cell caused by one ballot change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellDelta {
    pub support: Weight,
    pub oppose: Weight,
    pub abstain: Weight,
}

impl CellDelta {
    pub fn add(&mut self, choice: Choice, w: Weight, sign: i64) {
        let slot = match choice {
            Choice::Support => &mut self.support,
            Choice::Oppose => &mut self.oppose,
            Choice::Abstain => &mut self.abstain,
        };
        slot.area += sign * w.area;
        slot.heads += sign * w.heads;
    }
    pub fn is_zero(&self) -> bool {
        *self == CellDelta::default()
    }
}

/// Adds one ballot change's deltas to the tally cells, `deltas` sorted by (item, scope key,
/// shard). On PostgreSQL one statement locks the rows in that order and updates them, so the
/// transaction holds shared rows for one round trip (and its commit), and two ballots can never
/// lock cells in opposite orders (no deadlock).
pub fn apply_deltas(conn: &mut AnyConnection, deltas: &[(String, String, i32, CellDelta)]) -> StoreResult<()> {
    if deltas.is_empty() {
        return Ok(());
    }
    match conn {
        AnyConnection::Postgresql(pg) => apply_deltas_pg(pg, deltas),
        AnyConnection::Sqlite(_) => {
            use tally_cells::dsl as t;
            for (item_id, scope_key, shard, d) in deltas {
                diesel::update(t::tally_cells.find((item_id, scope_key, *shard)))
                    .set((
                        t::support_area.eq(t::support_area + d.support.area),
                        t::support_heads.eq(t::support_heads + d.support.heads),
                        t::oppose_area.eq(t::oppose_area + d.oppose.area),
                        t::oppose_heads.eq(t::oppose_heads + d.oppose.heads),
                        t::abstain_area.eq(t::abstain_area + d.abstain.area),
                        t::abstain_heads.eq(t::abstain_heads + d.abstain.heads),
                    ))
                    .execute(conn)?;
            }
            Ok(())
        }
    }
}

fn apply_deltas_pg(pg: &mut diesel::PgConnection, deltas: &[(String, String, i32, CellDelta)]) -> StoreResult<()> {
    use diesel::pg::Pg;
    use diesel::sql_types::{BigInt, Integer, Text};
    // One statement: the CTE locks the cells in key order (LockRows above the sort emits them in
    // that order), so two ballots never lock shared cells in opposite orders, then the join
    // adds the deltas. One round trip while holding the shared rows instead of two.
    let rows: Vec<String> = (0..deltas.len())
        .map(|i| {
            let b = 9 * i;
            let p: Vec<String> = (1..=9).map(|k| format!("${}", b + k)).collect();
            format!(
                "({}::text, {}::text, {}::int, {}::bigint, {}::bigint, {}::bigint, {}::bigint, {}::bigint, {}::bigint)",
                p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]
            )
        })
        .collect();
    let sql = format!(
        "WITH v(item_id, scope_key, shard, sa, sh, oa, oh, aa, ah) AS (VALUES {}), \
         locked AS MATERIALIZED (SELECT t.item_id, t.scope_key, t.shard FROM tally_cells t JOIN v \
           ON t.item_id = v.item_id AND t.scope_key = v.scope_key AND t.shard = v.shard \
           ORDER BY t.item_id, t.scope_key, t.shard FOR UPDATE OF t) \
         UPDATE tally_cells AS t SET support_area = t.support_area + v.sa, support_heads = t.support_heads + v.sh, \
         oppose_area = t.oppose_area + v.oa, oppose_heads = t.oppose_heads + v.oh, \
         abstain_area = t.abstain_area + v.aa, abstain_heads = t.abstain_heads + v.ah \
         FROM v JOIN locked l ON l.item_id = v.item_id AND l.scope_key = v.scope_key AND l.shard = v.shard \
         WHERE t.item_id = v.item_id AND t.scope_key = v.scope_key AND t.shard = v.shard",
        rows.join(", ")
    );
    let mut update = diesel::sql_query(sql).into_boxed::<Pg>();
    for (item, key, shard, d) in deltas {
        update = update
            .bind::<Text, _>(item.clone())
            .bind::<Text, _>(key.clone())
            .bind::<Integer, _>(*shard)
            .bind::<BigInt, _>(d.support.area)
            .bind::<BigInt, _>(d.support.heads)
            .bind::<BigInt, _>(d.oppose.area)
            .bind::<BigInt, _>(d.oppose.heads)
            .bind::<BigInt, _>(d.abstain.area)
            .bind::<BigInt, _>(d.abstain.heads);
    }
    let n = update.execute(pg)?;
    if n != deltas.len() {
        return Err(crate::error::StoreError::Other(format!("tally update touched {n} of {} cells", deltas.len())));
    }
    Ok(())
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = ballots)]
pub struct BallotRow {
    pub id: String,
    pub consultation_id: String,
    pub owner_key: String,
    pub counting_version_id: Option<String>,
    pub counting_signed_at: Option<NaiveDateTime>,
    pub versions: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = ballot_versions)]
pub struct VersionRow {
    pub id: String,
    pub ballot_id: String,
    pub consultation_id: String,
    pub version_no: i32,
    pub channel: String,
    pub status: String,
    pub choices: String,
    pub cast_by: Option<String>,
    pub signed_at: NaiveDateTime,
    pub sheet_ref: Option<String>,
    pub entered_by: Option<String>,
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<NaiveDateTime>,
    pub void_reason: Option<String>,
    pub receipt: String,
    pub created_at: NaiveDateTime,
    /// The authorisation a proxy cast this version under (`cast_by` is the proxy).
    pub proxy_id: Option<String>,
}

pub fn ballot(conn: &mut AnyConnection, consultation_id: &str, owner_key: &str) -> StoreResult<Option<BallotRow>> {
    Ok(ballots::table
        .filter(ballots::consultation_id.eq(consultation_id))
        .filter(ballots::owner_key.eq(owner_key))
        .select(BallotRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn ballot_by_id(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<BallotRow>> {
    Ok(ballots::table.find(id).select(BallotRow::as_select()).first(conn).optional()?)
}

pub fn insert_ballot(conn: &mut AnyConnection, row: &BallotRow) -> StoreResult<()> {
    diesel::insert_into(ballots::table).values(row).execute(conn)?;
    Ok(())
}

/// Takes the next version number of a ballot. The UPDATE comes first so that, on PostgreSQL,
/// concurrent revisions of one owner's ballot queue on its row lock until commit.
/// Allocates the next version number of the owner's ballot, if they have one: the row as it
/// is after the increment (`versions` is the new number). On PostgreSQL this takes the row's
/// lock — one owner's concurrent revisions queue here — and reads the row in the same round trip.
pub fn bump(
    conn: &mut AnyConnection,
    consultation_id: &str,
    owner_key: &str,
    at: NaiveDateTime,
) -> StoreResult<Option<BallotRow>> {
    let update = diesel::update(
        ballots::table.filter(ballots::consultation_id.eq(consultation_id)).filter(ballots::owner_key.eq(owner_key)),
    )
    .set((ballots::versions.eq(ballots::versions + 1), ballots::updated_at.eq(at)));
    match conn {
        AnyConnection::Postgresql(pg) => Ok(update.returning(BallotRow::as_returning()).get_result(pg).optional()?),
        AnyConnection::Sqlite(_) => {
            if update.execute(conn)? == 0 {
                return Ok(None);
            }
            ballot(conn, consultation_id, owner_key)
        }
    }
}

pub fn set_counting(
    conn: &mut AnyConnection,
    ballot_id: &str,
    version_id: Option<&str>,
    signed_at: Option<NaiveDateTime>,
) -> StoreResult<()> {
    diesel::update(ballots::table.find(ballot_id))
        .set((ballots::counting_version_id.eq(version_id), ballots::counting_signed_at.eq(signed_at)))
        .execute(conn)?;
    Ok(())
}

pub fn insert_version(conn: &mut AnyConnection, row: &VersionRow) -> StoreResult<()> {
    diesel::insert_into(ballot_versions::table).values(row).execute(conn)?;
    Ok(())
}

pub fn version(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<VersionRow>> {
    Ok(ballot_versions::table.find(id).select(VersionRow::as_select()).first(conn).optional()?)
}

pub fn versions(conn: &mut AnyConnection, ballot_id: &str) -> StoreResult<Vec<VersionRow>> {
    Ok(ballot_versions::table
        .filter(ballot_versions::ballot_id.eq(ballot_id))
        .order(ballot_versions::version_no.asc())
        .select(VersionRow::as_select())
        .load(conn)?)
}

/// Marks version `id` superseded and answers its choices (one round trip on PostgreSQL).
pub fn supersede(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<String>> {
    let update = diesel::update(ballot_versions::table.find(id)).set(ballot_versions::status.eq("superseded"));
    match conn {
        AnyConnection::Postgresql(pg) => Ok(update.returning(ballot_versions::choices).get_result(pg).optional()?),
        AnyConnection::Sqlite(_) => {
            if update.execute(conn)? == 0 {
                return Ok(None);
            }
            Ok(Some(ballot_versions::table.find(id).select(ballot_versions::choices).first(conn)?))
        }
    }
}

pub fn set_version_status(conn: &mut AnyConnection, id: &str, status: &str) -> StoreResult<()> {
    diesel::update(ballot_versions::table.find(id)).set(ballot_versions::status.eq(status)).execute(conn)?;
    Ok(())
}

/// Records the second committee member's confirmation of a paper version still pending.
pub fn confirm_version(
    conn: &mut AnyConnection,
    id: &str,
    by: &str,
    at: NaiveDateTime,
    status: &str,
) -> StoreResult<bool> {
    let n = diesel::update(ballot_versions::table.find(id).filter(ballot_versions::status.eq("pending_confirmation")))
        .set((
            ballot_versions::status.eq(status),
            ballot_versions::confirmed_by.eq(by),
            ballot_versions::confirmed_at.eq(at),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn void_version(conn: &mut AnyConnection, id: &str, reason: &str) -> StoreResult<bool> {
    let n = diesel::update(ballot_versions::table.find(id).filter(ballot_versions::status.eq("pending_confirmation")))
        .set((ballot_versions::status.eq("voided"), ballot_versions::void_reason.eq(reason)))
        .execute(conn)?;
    Ok(n == 1)
}

/// With its owner key and the display name of the member who entered it (the second member
/// checks whose entry they confirm).
pub fn pending_paper(
    conn: &mut AnyConnection,
    consultation_id: &str,
) -> StoreResult<Vec<(VersionRow, String, Option<String>)>> {
    Ok(ballot_versions::table
        .inner_join(ballots::table)
        .left_join(users::table.on(users::id.nullable().eq(ballot_versions::entered_by)))
        .filter(ballot_versions::consultation_id.eq(consultation_id))
        .filter(ballot_versions::status.eq("pending_confirmation"))
        .order(ballot_versions::created_at.asc())
        .select((VersionRow::as_select(), ballots::owner_key, users::display_name.nullable()))
        .load(conn)?)
}

/// Every counting version of a consultation with its owner key (for recounts and audits).
pub fn counting_versions(conn: &mut AnyConnection, consultation_id: &str) -> StoreResult<Vec<(String, String)>> {
    Ok(counting_versions_by_id(conn, consultation_id)?.into_iter().map(|(_, k, c)| (k, c)).collect())
}

/// The counting versions as (version id, owner key, choices JSON).
pub fn counting_versions_by_id(
    conn: &mut AnyConnection,
    consultation_id: &str,
) -> StoreResult<Vec<(String, String, String)>> {
    Ok(ballots::table
        .inner_join(ballot_versions::table.on(ballot_versions::id.nullable().eq(ballots::counting_version_id)))
        .filter(ballots::consultation_id.eq(consultation_id))
        .select((ballot_versions::id, ballots::owner_key, ballot_versions::choices))
        .load(conn)?)
}

/// Owner keys with a counting ballot.
pub fn voted_owner_keys(conn: &mut AnyConnection, consultation_id: &str) -> StoreResult<Vec<String>> {
    Ok(ballots::table
        .filter(ballots::consultation_id.eq(consultation_id))
        .filter(ballots::counting_version_id.is_not_null())
        .select(ballots::owner_key)
        .load(conn)?)
}

/// Owner keys with a counting ballot and the channel it came by (online, paper, proxy).
pub fn voted_channels(conn: &mut AnyConnection, consultation_id: &str) -> StoreResult<Vec<(String, String)>> {
    Ok(ballots::table
        .inner_join(ballot_versions::table.on(ballot_versions::id.nullable().eq(ballots::counting_version_id)))
        .filter(ballots::consultation_id.eq(consultation_id))
        .select((ballots::owner_key, ballot_versions::channel))
        .load(conn)?)
}

/// Takes the ballot's row lock (PostgreSQL) without allocating a version number.
pub fn lock(conn: &mut AnyConnection, ballot_id: &str, at: NaiveDateTime) -> StoreResult<()> {
    diesel::update(ballots::table.find(ballot_id)).set(ballots::updated_at.eq(at)).execute(conn)?;
    Ok(())
}

/// One roll line with the labels and contact details the committee needs for door-to-door visits.
#[derive(Debug, Clone)]
pub struct RollLine {
    pub owner_key: String,
    pub building_id: String,
    pub unit_id: String,
    pub building: String,
    pub unit: String,
    pub room: String,
    pub area_centi: i64,
    pub area_source: String,
    pub owner_name: Option<String>,
    pub phone: Option<String>,
}

pub fn roll_lines(conn: &mut AnyConnection, consultation_id: &str) -> StoreResult<Vec<RollLine>> {
    type Line = (String, String, String, String, String, String, i64, String, Option<String>, Option<String>);
    let rows: Vec<Line> = electorate::table
        .inner_join(dwellings::table.on(dwellings::id.eq(electorate::dwelling_id)))
        .inner_join(buildings::table.on(buildings::id.eq(electorate::building_id)))
        .inner_join(units::table.on(units::id.eq(electorate::unit_id)))
        .filter(electorate::consultation_id.eq(consultation_id))
        .order((buildings::name.asc(), units::name.asc(), dwellings::room.asc()))
        .select((
            electorate::owner_key,
            electorate::building_id,
            electorate::unit_id,
            buildings::name,
            units::name,
            dwellings::room,
            electorate::area_centi,
            electorate::area_source,
            dwellings::owner_name,
            dwellings::registered_phone,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(owner_key, building_id, unit_id, building, unit, room, area_centi, area_source, owner_name, phone)| {
            RollLine {
                owner_key,
                building_id,
                unit_id,
                building,
                unit,
                room,
                area_centi,
                area_source,
                owner_name,
                phone,
            }
        })
        .collect())
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = tally_results)]
struct ResultRow {
    consultation_id: String,
    item_id: String,
    scope_key: String,
    total_area: i64,
    total_heads: i64,
    support_area: i64,
    support_heads: i64,
    oppose_area: i64,
    oppose_heads: i64,
    abstain_area: i64,
    abstain_heads: i64,
}

/// Fixes the result: the current cells (shards summed) replace the consultation's result rows.
pub fn snapshot_results(conn: &mut AnyConnection, consultation_id: &str) -> StoreResult<usize> {
    let rows: Vec<ResultRow> = cells(conn, consultation_id)?
        .into_iter()
        .map(|c| ResultRow {
            consultation_id: c.consultation_id,
            item_id: c.item_id,
            scope_key: c.scope_key,
            total_area: c.total_area,
            total_heads: c.total_heads,
            support_area: c.support_area,
            support_heads: c.support_heads,
            oppose_area: c.oppose_area,
            oppose_heads: c.oppose_heads,
            abstain_area: c.abstain_area,
            abstain_heads: c.abstain_heads,
        })
        .collect();
    diesel::delete(tally_results::table.filter(tally_results::consultation_id.eq(consultation_id))).execute(conn)?;
    for chunk in rows.chunks(BATCH) {
        crate::batch_insert!(conn, tally_results::table, chunk);
    }
    Ok(rows.len())
}

/// The fixed result, in the shape of merged cells.
pub fn results(conn: &mut AnyConnection, consultation_id: &str) -> StoreResult<Vec<CellRow>> {
    let rows: Vec<ResultRow> = tally_results::table
        .filter(tally_results::consultation_id.eq(consultation_id))
        .order((tally_results::item_id.asc(), tally_results::scope_key.asc()))
        .select(ResultRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| CellRow {
            item_id: r.item_id,
            scope_key: r.scope_key,
            shard: 0,
            consultation_id: r.consultation_id,
            total_area: r.total_area,
            total_heads: r.total_heads,
            support_area: r.support_area,
            support_heads: r.support_heads,
            oppose_area: r.oppose_area,
            oppose_heads: r.oppose_heads,
            abstain_area: r.abstain_area,
            abstain_heads: r.abstain_heads,
        })
        .collect())
}

/// Every receipt of a consultation's stored ballot versions (to check acknowledged ones exist).
pub fn receipts(conn: &mut AnyConnection, consultation_id: &str) -> StoreResult<Vec<String>> {
    Ok(ballot_versions::table
        .filter(ballot_versions::consultation_id.eq(consultation_id))
        .select(ballot_versions::receipt)
        .load(conn)?)
}
