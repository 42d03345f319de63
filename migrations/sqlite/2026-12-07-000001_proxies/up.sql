-- 委托投票: an owner authorises one person to vote for them in one consultation, with a written
-- authorisation (photos of it, or the paper form's reference); a committee member confirms it
-- (not the member who entered it). The proxy is named by phone: they cast from an account
-- whose WeChat-verified phone is that number. Mirrors the other backend's migration.
CREATE TABLE proxies (
    id TEXT PRIMARY KEY NOT NULL,
    consultation_id TEXT NOT NULL REFERENCES consultations(id),
    community_id TEXT NOT NULL REFERENCES communities(id),
    -- The owner who authorises (their key on the roster) and the dwelling named.
    owner_key TEXT NOT NULL,
    dwelling_id TEXT NOT NULL REFERENCES dwellings(id),
    proxy_name TEXT NOT NULL,
    proxy_phone TEXT NOT NULL,
    -- resident (an adult living in the community: needs an approved claim here) | family
    kind TEXT NOT NULL CHECK (kind IN ('resident', 'family')),
    paper_ref TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected', 'revoked')),
    -- The owner's account, or the committee member who entered a paper authorisation.
    entered_by TEXT NOT NULL REFERENCES users(id),
    entered_at TIMESTAMP NOT NULL,
    decided_by TEXT REFERENCES users(id),
    decided_at TIMESTAMP,
    reason TEXT,
    revoked_by TEXT REFERENCES users(id),
    revoked_at TIMESTAMP
);
-- One standing authorisation per owner and consultation.
CREATE UNIQUE INDEX proxies_one_per_owner ON proxies (consultation_id, owner_key)
    WHERE status IN ('pending', 'confirmed');
CREATE INDEX proxies_by_phone ON proxies (proxy_phone, consultation_id);
CREATE INDEX proxies_by_consultation ON proxies (consultation_id, entered_at);

-- A ballot cast by a proxy names the authorisation it was cast under (cast_by: the proxy), and
-- only such a ballot has the channel `proxy`. SQLite changes a CHECK only by rebuilding the
-- table (nothing references ballot_versions; its rows, ids and indexes are kept).
CREATE TABLE ballot_versions_new (
    id TEXT PRIMARY KEY NOT NULL,
    ballot_id TEXT NOT NULL REFERENCES ballots(id),
    consultation_id TEXT NOT NULL,
    version_no INTEGER NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('online', 'paper', 'proxy')),
    status TEXT NOT NULL CHECK (status IN ('counted', 'superseded', 'pending_confirmation', 'voided')),
    choices TEXT NOT NULL,
    cast_by TEXT REFERENCES users(id),
    signed_at TIMESTAMP NOT NULL,
    sheet_ref TEXT,
    entered_by TEXT REFERENCES users(id),
    confirmed_by TEXT REFERENCES users(id),
    confirmed_at TIMESTAMP,
    void_reason TEXT,
    receipt TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    proxy_id TEXT REFERENCES proxies(id),
    UNIQUE (ballot_id, version_no),
    CONSTRAINT ballot_versions_proxy CHECK ((channel = 'proxy') = (proxy_id IS NOT NULL))
);
INSERT INTO ballot_versions_new (id, ballot_id, consultation_id, version_no, channel, status, choices, cast_by,
        signed_at, sheet_ref, entered_by, confirmed_by, confirmed_at, void_reason, receipt, created_at)
    SELECT id, ballot_id, consultation_id, version_no, channel, status, choices, cast_by,
        signed_at, sheet_ref, entered_by, confirmed_by, confirmed_at, void_reason, receipt, created_at
    FROM ballot_versions;
DROP TABLE ballot_versions;
ALTER TABLE ballot_versions_new RENAME TO ballot_versions;
CREATE INDEX ballot_versions_consultation ON ballot_versions (consultation_id, status);
CREATE INDEX ballot_versions_cast_by ON ballot_versions (cast_by, created_at);
CREATE INDEX ballot_versions_proxy ON ballot_versions (proxy_id) WHERE proxy_id IS NOT NULL;
