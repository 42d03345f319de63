ALTER TABLE electorate DROP COLUMN area_source;
ALTER TABLE dwellings DROP COLUMN area_source;
