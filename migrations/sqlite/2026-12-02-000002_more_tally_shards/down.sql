-- Back to 8 community shards and 1 for building and unit cells: the extra shards' counts are
-- added into shard 0 first, so every cell keeps its sum.
UPDATE tally_cells SET
    support_area = support_area + (SELECT COALESCE(SUM(d.support_area), 0) FROM tally_cells d WHERE d.item_id = tally_cells.item_id AND d.scope_key = tally_cells.scope_key AND d.shard >= CASE WHEN tally_cells.scope_key = 'community' THEN 8 ELSE 1 END),
    support_heads = support_heads + (SELECT COALESCE(SUM(d.support_heads), 0) FROM tally_cells d WHERE d.item_id = tally_cells.item_id AND d.scope_key = tally_cells.scope_key AND d.shard >= CASE WHEN tally_cells.scope_key = 'community' THEN 8 ELSE 1 END),
    oppose_area = oppose_area + (SELECT COALESCE(SUM(d.oppose_area), 0) FROM tally_cells d WHERE d.item_id = tally_cells.item_id AND d.scope_key = tally_cells.scope_key AND d.shard >= CASE WHEN tally_cells.scope_key = 'community' THEN 8 ELSE 1 END),
    oppose_heads = oppose_heads + (SELECT COALESCE(SUM(d.oppose_heads), 0) FROM tally_cells d WHERE d.item_id = tally_cells.item_id AND d.scope_key = tally_cells.scope_key AND d.shard >= CASE WHEN tally_cells.scope_key = 'community' THEN 8 ELSE 1 END),
    abstain_area = abstain_area + (SELECT COALESCE(SUM(d.abstain_area), 0) FROM tally_cells d WHERE d.item_id = tally_cells.item_id AND d.scope_key = tally_cells.scope_key AND d.shard >= CASE WHEN tally_cells.scope_key = 'community' THEN 8 ELSE 1 END),
    abstain_heads = abstain_heads + (SELECT COALESCE(SUM(d.abstain_heads), 0) FROM tally_cells d WHERE d.item_id = tally_cells.item_id AND d.scope_key = tally_cells.scope_key AND d.shard >= CASE WHEN tally_cells.scope_key = 'community' THEN 8 ELSE 1 END)
WHERE shard = 0;
DELETE FROM tally_cells WHERE shard >= CASE WHEN scope_key = 'community' THEN 8 ELSE 1 END;
