-- Reaching residents: the community notice board, WeChat's shared access token, the subscribe
-- messages residents accepted and the outbox they are sent from. Mirrors the other backend's
-- migration of the same name (same tables, same columns).

-- A notice (公告) on a community's board. `source` says who posted it: a person (`manual`) or a
-- consultation's announcement or published result (posted in that step's transaction).
CREATE TABLE notices (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities(id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    pinned BOOLEAN NOT NULL,
    visible_from TIMESTAMP NOT NULL,
    visible_until TIMESTAMP,
    source TEXT NOT NULL,
    consultation_id TEXT REFERENCES consultations(id),
    author_id TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    withdrawn_at TIMESTAMP,
    withdrawn_reason TEXT
);
CREATE INDEX notices_community ON notices (community_id, visible_from);

-- Who has read a notice; the committee sees it counted by dwelling.
CREATE TABLE notice_reads (
    notice_id TEXT NOT NULL REFERENCES notices(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    read_at TIMESTAMP NOT NULL,
    PRIMARY KEY (notice_id, user_id)
);
CREATE INDEX notice_reads_user ON notice_reads (user_id);

-- WeChat's access token for an appid (stable_token), shared by every server process.
CREATE TABLE wechat_tokens (
    appid TEXT PRIMARY KEY NOT NULL,
    access_token TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    fetched_at TIMESTAMP NOT NULL
);

-- One-time subscribe-message grants (wx.requestSubscribeMessage): `remaining` accepted and not
-- yet spent, per user and message kind. `stopped_at`: the user refused or banned the template
-- (or WeChat answered 43101); nothing is sent until they accept it again.
CREATE TABLE message_grants (
    user_id TEXT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    remaining INTEGER NOT NULL,
    stopped_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- Messages to send, written in the transaction of the change they tell of. `dedupe` makes an
-- event queue a message for a user once. States: pending → sending → sent | failed | refused
-- | no_grant; `sending` found at start (a crash between the send and its record) → unknown,
-- never sent again.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    dedupe TEXT NOT NULL UNIQUE,
    fields TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_user ON outbox (user_id);

-- Work that one server process at a time does (the message dispatcher): `holder` keeps it until
-- `until`, renewing while it runs; another process takes over once the lease has run out.
CREATE TABLE leases (
    name TEXT PRIMARY KEY NOT NULL,
    holder TEXT NOT NULL,
    until TIMESTAMP NOT NULL
);

-- Personal data (PIPL): which version of the privacy policy the person accepted and when; and
-- when their identity was erased at their request (openid, phone and name are gone then; the
-- row stays so that what they did as an owner stays counted, unlinked from them).
ALTER TABLE users ADD COLUMN privacy_version TEXT;
ALTER TABLE users ADD COLUMN privacy_accepted_at TIMESTAMP;
ALTER TABLE users ADD COLUMN erased_at TIMESTAMP;

-- The home feed reads a resident's own receipts and the open votes of their dwellings.
CREATE INDEX ballot_versions_cast_by ON ballot_versions (cast_by, created_at);
CREATE INDEX electorate_dwelling ON electorate (dwelling_id);
