-- The audit log and the receipt bulletins are sealed after commit, off the request path.
--
-- Before, every write transaction bumped one audit_head row and every ballot its
-- consultation's bulletin head, holding those row locks until commit: all writes of the whole
-- system queued on one row. Now a transaction only inserts its entry, unsealed (seq, prev_hash
-- and hash NULL); a sealer (one at a time per database) links committed entries in insertion
-- order, in batches, into one chain per community (district-level and platform events in their
-- own chains) and one per consultation's bulletin.

CREATE TABLE audit_log_sealed (
    -- UUIDv7: insertion order, the order the sealer links entries in.
    id TEXT PRIMARY KEY NOT NULL,
    -- The community's id, 'district:<id>', or 'platform'.
    chain TEXT NOT NULL,
    -- Position in the chain from 1, set when sealed.
    seq BIGINT,
    at TIMESTAMP NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    community_id TEXT,
    detail TEXT NOT NULL,
    prev_hash TEXT,
    hash TEXT,
    UNIQUE (chain, seq),
    CHECK ((seq IS NULL) = (hash IS NULL) AND (seq IS NULL) = (prev_hash IS NULL))
);
-- The entries written before this migration form the platform chain, unchanged: their
-- sequence numbers and hashes stay as they were sealed.
INSERT INTO audit_log_sealed (id, chain, seq, at, actor_id, action, object_type, object_id, community_id, detail, prev_hash, hash)
    SELECT printf('%036d', seq), 'platform', seq, at, actor_id, action, object_type, object_id, community_id, detail, prev_hash, hash
    FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_sealed RENAME TO audit_log;
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE seq IS NULL;
CREATE INDEX audit_log_community ON audit_log (community_id, id);

-- Each chain's tip, written only by the sealer.
CREATE TABLE audit_chains (
    chain TEXT PRIMARY KEY NOT NULL,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_chains (chain, seq, hash) SELECT 'platform', seq, hash FROM audit_head WHERE seq > 0;
DROP TABLE audit_head;

-- A bulletin entry is found by its receipt at once; its place in the consultation's chain
-- (seq, prev_hash, hash) follows when sealed. The consultation row keeps the chain's tip.
CREATE TABLE bulletin_sealed (
    receipt TEXT PRIMARY KEY NOT NULL,
    consultation_id TEXT NOT NULL,
    seq BIGINT,
    dwelling_mask TEXT NOT NULL,
    channel TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    prev_hash TEXT,
    hash TEXT,
    UNIQUE (consultation_id, seq),
    CHECK ((seq IS NULL) = (hash IS NULL) AND (seq IS NULL) = (prev_hash IS NULL))
);
INSERT INTO bulletin_sealed (receipt, consultation_id, seq, dwelling_mask, channel, at, prev_hash, hash)
    SELECT receipt, consultation_id, seq, dwelling_mask, channel, at, prev_hash, hash FROM bulletin;
DROP TABLE bulletin;
ALTER TABLE bulletin_sealed RENAME TO bulletin;
CREATE INDEX bulletin_unsealed ON bulletin (at, receipt) WHERE seq IS NULL;
