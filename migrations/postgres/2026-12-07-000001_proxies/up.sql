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
-- only such a ballot has the channel `proxy`.
ALTER TABLE ballot_versions ADD COLUMN proxy_id TEXT REFERENCES proxies(id);
ALTER TABLE ballot_versions DROP CONSTRAINT ballot_versions_channel_check;
ALTER TABLE ballot_versions ADD CONSTRAINT ballot_versions_channel_check CHECK (channel IN ('online', 'paper', 'proxy'));
ALTER TABLE ballot_versions ADD CONSTRAINT ballot_versions_proxy CHECK ((channel = 'proxy') = (proxy_id IS NOT NULL));
CREATE INDEX ballot_versions_proxy ON ballot_versions (proxy_id) WHERE proxy_id IS NOT NULL;
