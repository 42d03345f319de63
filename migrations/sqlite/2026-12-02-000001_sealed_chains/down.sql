-- Back to one global audit chain and in-transaction bulletin heads. Only sealed entries of
-- the platform chain fit the old single chain; community chains cannot be merged into it
-- without re-hashing, so they are dropped (seal before migrating down).
CREATE TABLE audit_log_global (
    seq BIGINT PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    community_id TEXT,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_log_global (seq, at, actor_id, action, object_type, object_id, community_id, detail, prev_hash, hash)
    SELECT seq, at, actor_id, action, object_type, object_id, community_id, detail, prev_hash, hash
    FROM audit_log WHERE chain = 'platform' AND seq IS NOT NULL;
DROP TABLE audit_log;
ALTER TABLE audit_log_global RENAME TO audit_log;
CREATE INDEX audit_log_community ON audit_log (community_id, seq);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
UPDATE audit_head SET seq = (SELECT seq FROM audit_chains WHERE chain = 'platform'),
    hash = (SELECT hash FROM audit_chains WHERE chain = 'platform')
    WHERE EXISTS (SELECT 1 FROM audit_chains WHERE chain = 'platform');
DROP TABLE audit_chains;

CREATE TABLE bulletin_chained (
    consultation_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    receipt TEXT NOT NULL,
    dwelling_mask TEXT NOT NULL,
    channel TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (consultation_id, seq)
);
INSERT INTO bulletin_chained (consultation_id, seq, receipt, dwelling_mask, channel, at, prev_hash, hash)
    SELECT consultation_id, seq, receipt, dwelling_mask, channel, at, prev_hash, hash FROM bulletin WHERE seq IS NOT NULL;
DROP TABLE bulletin;
ALTER TABLE bulletin_chained RENAME TO bulletin;
CREATE INDEX bulletin_receipt ON bulletin (receipt);
