ALTER TABLE consultation_items DROP COLUMN candidates;
