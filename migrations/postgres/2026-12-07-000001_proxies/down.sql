-- Ballots cast by proxies go with the authorisations (a development rollback only).
DELETE FROM ballot_versions WHERE channel = 'proxy';
DROP INDEX ballot_versions_proxy;
ALTER TABLE ballot_versions DROP CONSTRAINT ballot_versions_proxy;
ALTER TABLE ballot_versions DROP CONSTRAINT ballot_versions_channel_check;
ALTER TABLE ballot_versions ADD CONSTRAINT ballot_versions_channel_check CHECK (channel IN ('online', 'paper'));
ALTER TABLE ballot_versions DROP COLUMN proxy_id;
DROP TABLE proxies;
