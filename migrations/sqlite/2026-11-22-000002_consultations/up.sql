-- Consultations: the menu, the frozen electorate, ballots with every version, the running
-- tally, the public receipt bulletin, objections, and idempotent replies.

CREATE TABLE catalog_items (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('basic', 'improvement', 'enhancement')),
    scope TEXT NOT NULL CHECK (scope IN ('community', 'building', 'unit')),
    rule TEXT NOT NULL CHECK (rule IN ('majority', 'supermajority', 'consultative')),
    created_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (community_id, code)
);

CREATE TABLE consultations (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'announced', 'open', 'closed', 'preliminary', 'reviewed', 'published')),
    announce_days INTEGER NOT NULL,
    objection_days INTEGER NOT NULL,
    opens_at TIMESTAMP,
    closes_at TIMESTAMP,
    announced_at TIMESTAMP,
    opened_at TIMESTAMP,
    closed_at TIMESTAMP,
    preliminary_at TIMESTAMP,
    objection_deadline TIMESTAMP,
    reviewed_at TIMESTAMP,
    published_at TIMESTAMP,
    extension_reason TEXT,
    roll_hash TEXT,
    menu_hash TEXT,
    roll_owners BIGINT NOT NULL,
    roll_area BIGINT NOT NULL,
    bulletin_seq BIGINT NOT NULL,
    bulletin_head TEXT NOT NULL,
    closing_head TEXT,
    created_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX consultations_community ON consultations (community_id, created_at);
CREATE INDEX consultations_state ON consultations (state);

CREATE TABLE consultation_items (
    id TEXT PRIMARY KEY NOT NULL,
    consultation_id TEXT NOT NULL REFERENCES consultations(id),
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('basic', 'improvement', 'enhancement')),
    scope TEXT NOT NULL CHECK (scope IN ('community', 'building', 'unit')),
    targets TEXT NOT NULL,
    rule TEXT NOT NULL CHECK (rule IN ('majority', 'supermajority', 'consultative')),
    rule_reason TEXT,
    estimated_cost_cents BIGINT,
    resident_share_bp INTEGER,
    decision TEXT CHECK (decision IN ('approved', 'rejected')),
    decision_reason TEXT,
    decided_by TEXT REFERENCES users(id),
    decided_at TIMESTAMP,
    UNIQUE (consultation_id, code)
);
CREATE INDEX consultation_items_consultation ON consultation_items (consultation_id, position);

CREATE TABLE electorate (
    consultation_id TEXT NOT NULL REFERENCES consultations(id),
    dwelling_id TEXT NOT NULL REFERENCES dwellings(id),
    building_id TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    owner_key TEXT NOT NULL,
    area_centi BIGINT NOT NULL,
    PRIMARY KEY (consultation_id, dwelling_id)
);
CREATE INDEX electorate_owner ON electorate (consultation_id, owner_key);

-- The running tally. Community-wide cells are split into shards (by owner key) so that
-- concurrent ballots on PostgreSQL do not all queue on one row; a cell is the sum of its shards.
CREATE TABLE tally_cells (
    item_id TEXT NOT NULL REFERENCES consultation_items(id),
    scope_key TEXT NOT NULL,
    shard INTEGER NOT NULL,
    consultation_id TEXT NOT NULL REFERENCES consultations(id),
    total_area BIGINT NOT NULL,
    total_heads BIGINT NOT NULL,
    support_area BIGINT NOT NULL,
    support_heads BIGINT NOT NULL,
    oppose_area BIGINT NOT NULL,
    oppose_heads BIGINT NOT NULL,
    abstain_area BIGINT NOT NULL,
    abstain_heads BIGINT NOT NULL,
    PRIMARY KEY (item_id, scope_key, shard)
);
CREATE INDEX tally_cells_consultation ON tally_cells (consultation_id);

-- The result as fixed at closing (and refreshed when a paper ballot is confirmed after
-- closing): one row per item and scope instance, written once, never updated in place, so
-- reading a closed consultation's result costs the same however many ballots it had.
CREATE TABLE tally_results (
    consultation_id TEXT NOT NULL REFERENCES consultations(id),
    item_id TEXT NOT NULL REFERENCES consultation_items(id),
    scope_key TEXT NOT NULL,
    total_area BIGINT NOT NULL,
    total_heads BIGINT NOT NULL,
    support_area BIGINT NOT NULL,
    support_heads BIGINT NOT NULL,
    oppose_area BIGINT NOT NULL,
    oppose_heads BIGINT NOT NULL,
    abstain_area BIGINT NOT NULL,
    abstain_heads BIGINT NOT NULL,
    PRIMARY KEY (consultation_id, item_id, scope_key)
);

CREATE TABLE ballots (
    id TEXT PRIMARY KEY NOT NULL,
    consultation_id TEXT NOT NULL REFERENCES consultations(id),
    owner_key TEXT NOT NULL,
    counting_version_id TEXT,
    counting_signed_at TIMESTAMP,
    versions INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (consultation_id, owner_key)
);

-- ballot_versions and bulletin carry consultation_id without a foreign key on purpose: on
-- PostgreSQL every insert would take a KEY SHARE lock on the consultation's row, which every
-- ballot also updates (the bulletin head), and the two together churn MultiXacts on that one
-- row. Integrity holds through ballot_id (→ ballots → consultations) and the code that writes
-- the bulletin.
CREATE TABLE ballot_versions (
    id TEXT PRIMARY KEY NOT NULL,
    ballot_id TEXT NOT NULL REFERENCES ballots(id),
    consultation_id TEXT NOT NULL,
    version_no INTEGER NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('online', 'paper')),
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
    UNIQUE (ballot_id, version_no)
);
CREATE INDEX ballot_versions_consultation ON ballot_versions (consultation_id, status);

CREATE TABLE bulletin (
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
CREATE INDEX bulletin_receipt ON bulletin (receipt);

CREATE TABLE objections (
    id TEXT PRIMARY KEY NOT NULL,
    consultation_id TEXT NOT NULL REFERENCES consultations(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    text TEXT NOT NULL,
    receipt TEXT,
    created_at TIMESTAMP NOT NULL,
    answer TEXT,
    answered_by TEXT REFERENCES users(id),
    answered_at TIMESTAMP
);
CREATE INDEX objections_consultation ON objections (consultation_id);

-- The first answer to a write sent with an Idempotency-Key, replayed for repeats.
CREATE TABLE idempotency_keys (
    user_id TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, key)
);
