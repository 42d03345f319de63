-- Community cells go from 8 shards to 32, building and unit cells from 1 to 4, so that ballots
-- in flight queue on a shard less often. Cells of consultations opened before get their new
-- shards, empty (only the sum of a cell's shards is read).
INSERT INTO tally_cells (item_id, scope_key, shard, consultation_id, total_area, total_heads,
    support_area, support_heads, oppose_area, oppose_heads, abstain_area, abstain_heads)
SELECT c.item_id, c.scope_key, s.column1, c.consultation_id, 0, 0, 0, 0, 0, 0, 0, 0
FROM tally_cells c
JOIN (VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15), (16),
    (17), (18), (19), (20), (21), (22), (23), (24), (25), (26), (27), (28), (29), (30), (31)) AS s
    ON s.column1 < CASE WHEN c.scope_key = 'community' THEN 32 ELSE 4 END
WHERE c.shard = 0
  AND NOT EXISTS (SELECT 1 FROM tally_cells d
                  WHERE d.item_id = c.item_id AND d.scope_key = c.scope_key AND d.shard = s.column1);
