-- Elevator cost shares (加装电梯, 阶梯出资). An item split by floor carries its plan as JSON:
-- {"unit_cost": fen, "subsidy": fen, "coefficients": [[floor, hundredths], ...], "reason": ...}
-- (NULL: no split). Each dwelling's share is the owners' part of one unit's cost in
-- proportion to floor coefficient × area, so the roll keeps the floor it froze with.
-- Payers' votes live in tally cells keyed `<unit>~$payers`. An objection may name the item
-- (and, for a split item, the unit) it is about. Mirrors the other backend's migration.
ALTER TABLE consultation_items ADD COLUMN cost_plan TEXT;
ALTER TABLE electorate ADD COLUMN floor INTEGER NOT NULL DEFAULT 0;
UPDATE electorate SET floor = (SELECT d.floor FROM dwellings d WHERE d.id = electorate.dwelling_id)
    WHERE EXISTS (SELECT 1 FROM dwellings d WHERE d.id = electorate.dwelling_id);
ALTER TABLE objections ADD COLUMN item_id TEXT;
ALTER TABLE objections ADD COLUMN unit_id TEXT;
