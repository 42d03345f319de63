-- One online ballot as plain SQL for SQLite: the statements of ballot.pgbench, run in a tight
-- loop by crates/bench/src/sql_ceiling.rs on one connection (SQLite has one writer) with each
-- statement prepared once. The double-braced names are the ids of the run (quoted SQL
-- literals); the named parameters are bound per transaction by the loop, which also reads the
-- RETURNING columns into parameters of the statements after it (as pgbench's gset does).
--
-- Same rows as the service's ballot: the owner's ballot row, a version with ~1 kB of choices,
-- 20 tally cells (16 community items and 4 items of the owner's unit, each on the owner's shard),
-- a bulletin entry and an audit entry. Not the service's reads (caller, roll, menu) nor its
-- sealing (after commit, not in the ballot's transaction): ids are the loop's counter, far
-- above the service's.
BEGIN IMMEDIATE;

INSERT INTO ballots (id, consultation_id, owner_key, counting_version_id, counting_signed_at, versions, created_at, updated_at)
VALUES (:new_ballot_id, {{consultation_id}}, :owner_key, NULL, NULL, 1, :now, :now)
ON CONFLICT (consultation_id, owner_key) DO UPDATE SET versions = ballots.versions + 1, updated_at = excluded.updated_at
RETURNING id AS ballot_id, versions AS version_no;

INSERT INTO ballot_versions (id, ballot_id, consultation_id, version_no, channel, status, choices, cast_by, signed_at,
  sheet_ref, entered_by, confirmed_by, confirmed_at, void_reason, receipt, created_at)
VALUES (:version_id, :ballot_id, {{consultation_id}}, :version_no, 'online', 'counted', {{choices}}, :user_id, :now,
  NULL, NULL, NULL, NULL, NULL, :receipt, :now);

-- The 20 cells in one statement (SQLite names a VALUES list's columns only through a CTE).
WITH v(item_id, scope_key, shard, s, o, a) AS (VALUES
  ({{item1}}, 'community', :shard, {{delta1}}),
  ({{item2}}, 'community', :shard, {{delta2}}),
  ({{item3}}, 'community', :shard, {{delta3}}),
  ({{item4}}, 'community', :shard, {{delta4}}),
  ({{item5}}, 'community', :shard, {{delta5}}),
  ({{item6}}, 'community', :shard, {{delta6}}),
  ({{item7}}, 'community', :shard, {{delta7}}),
  ({{item8}}, 'community', :shard, {{delta8}}),
  ({{item9}}, 'community', :shard, {{delta9}}),
  ({{item10}}, 'community', :shard, {{delta10}}),
  ({{item11}}, 'community', :shard, {{delta11}}),
  ({{item12}}, 'community', :shard, {{delta12}}),
  ({{item13}}, 'community', :shard, {{delta13}}),
  ({{item14}}, 'community', :shard, {{delta14}}),
  ({{item15}}, 'community', :shard, {{delta15}}),
  ({{item16}}, 'community', :shard, {{delta16}}),
  ({{item17}}, :unit_id, :unit_shard, {{delta17}}),
  ({{item18}}, :unit_id, :unit_shard, {{delta18}}),
  ({{item19}}, :unit_id, :unit_shard, {{delta19}}),
  ({{item20}}, :unit_id, :unit_shard, {{delta20}})
)
UPDATE tally_cells AS t SET
  support_area = t.support_area + v.s * :area, support_heads = t.support_heads + v.s,
  oppose_area = t.oppose_area + v.o * :area, oppose_heads = t.oppose_heads + v.o,
  abstain_area = t.abstain_area + v.a * :area, abstain_heads = t.abstain_heads + v.a
FROM v
WHERE t.item_id = v.item_id AND t.scope_key = v.scope_key AND t.shard = v.shard;

-- The bulletin entry, unsealed as the service inserts it (the sealer links it later).
INSERT INTO bulletin (receipt, consultation_id, seq, dwelling_mask, channel, at, prev_hash, hash)
VALUES (:receipt, {{consultation_id}}, NULL, {{dwelling_mask}}, 'online', :now, NULL, NULL);

-- The audit entry, unsealed, in the community's chain.
INSERT INTO audit_log (id, chain, seq, at, actor_id, action, object_type, object_id, community_id, detail, prev_hash, hash)
VALUES (printf('%036d', :seq), {{community_id}}, NULL, :now, :user_id, 'ballot.cast', 'ballot', :ballot_id, {{community_id}},
  '{"channel":"online","consultation_id":"' || {{consultation_id}} || '","counted":true,"receipt":"' || :receipt
    || '","version":' || :version_no || '}',
  NULL, NULL);

COMMIT;
