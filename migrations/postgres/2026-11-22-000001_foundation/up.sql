-- Foundation: identity, roles, communities and their roster, bindings, audit log.
-- Mirrors migrations/sqlite/2026-11-22-000001_foundation (same tables, same columns).

CREATE TABLE districts (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('resident', 'staff')),
    openid TEXT UNIQUE,
    username TEXT UNIQUE,
    password_hash TEXT,
    display_name TEXT NOT NULL,
    phone TEXT,
    phone_verified_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    disabled_at TIMESTAMP
);

CREATE TABLE communities (
    id TEXT PRIMARY KEY NOT NULL,
    district_id TEXT NOT NULL REFERENCES districts(id),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    year_built INTEGER,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (district_id, name)
);

CREATE TABLE role_grants (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('admin', 'committee', 'designer', 'property')),
    district_id TEXT REFERENCES districts(id),
    community_id TEXT REFERENCES communities(id),
    granted_by TEXT REFERENCES users(id),
    granted_at TIMESTAMP NOT NULL,
    revoked_by TEXT REFERENCES users(id),
    revoked_at TIMESTAMP
);
CREATE INDEX role_grants_user ON role_grants (user_id);
CREATE INDEX role_grants_community ON role_grants (community_id);

CREATE TABLE refresh_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    family_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE buildings (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities(id),
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (community_id, name)
);

CREATE TABLE units (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities(id),
    building_id TEXT NOT NULL REFERENCES buildings(id),
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (building_id, name)
);

CREATE TABLE dwellings (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities(id),
    building_id TEXT NOT NULL REFERENCES buildings(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    room TEXT NOT NULL,
    floor INTEGER NOT NULL,
    area_centi BIGINT NOT NULL CHECK (area_centi > 0),
    owner_key TEXT NOT NULL,
    owner_name TEXT,
    registered_phone TEXT,
    developer_held BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (unit_id, room)
);
CREATE INDEX dwellings_community ON dwellings (community_id);
CREATE INDEX dwellings_owner ON dwellings (community_id, owner_key);

CREATE TABLE bindings (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    dwelling_id TEXT NOT NULL REFERENCES dwellings(id),
    community_id TEXT NOT NULL REFERENCES communities(id),
    relation TEXT NOT NULL CHECK (relation IN ('owner', 'occupant')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
    auto_approved BOOLEAN NOT NULL,
    note TEXT,
    decided_by TEXT REFERENCES users(id),
    decided_at TIMESTAMP,
    reason TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX bindings_user ON bindings (user_id);
CREATE INDEX bindings_community_status ON bindings (community_id, status);
CREATE INDEX bindings_dwelling ON bindings (dwelling_id);

-- The audit log is append-only and hash-chained; audit_head holds the chain's tip and is
-- updated in the same transaction as every append, which serialises appends.
CREATE TABLE audit_log (
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
CREATE INDEX audit_log_community ON audit_log (community_id, seq);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
