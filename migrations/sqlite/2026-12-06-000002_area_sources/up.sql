-- Where each dwelling's area comes from, in the SPC's order (法释〔2009〕7号 art. 8): the
-- real-estate register (`registered`), else the survey (`surveyed`), else the sales contract
-- (`contract`); `given`: a roster's plain area column (every roster imported before this).
-- The electorate keeps the source its frozen area had. Mirrors the other backend's migration.
ALTER TABLE dwellings ADD COLUMN area_source TEXT NOT NULL DEFAULT 'given';
ALTER TABLE electorate ADD COLUMN area_source TEXT NOT NULL DEFAULT 'given';
