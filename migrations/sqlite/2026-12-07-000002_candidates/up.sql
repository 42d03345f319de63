-- Items whose answer is one of several candidates (hiring a property company under art.
-- 278(4), a design alternative): the candidates as a JSON array of {key, name}; `[]` for a
-- yes/no item. The votes for each candidate live in tally cells keyed `<scope>~<candidate>`.
-- Mirrors the other backend's migration.
ALTER TABLE consultation_items ADD COLUMN candidates TEXT NOT NULL DEFAULT '[]';
