ALTER TABLE objections DROP COLUMN unit_id;
ALTER TABLE objections DROP COLUMN item_id;
ALTER TABLE electorate DROP COLUMN floor;
ALTER TABLE consultation_items DROP COLUMN cost_plan;
