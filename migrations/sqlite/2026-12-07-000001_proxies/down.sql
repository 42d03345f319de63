-- Ballots cast by proxies go with the authorisations (a development rollback only).
CREATE TABLE ballot_versions_old (
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
INSERT INTO ballot_versions_old (id, ballot_id, consultation_id, version_no, channel, status, choices, cast_by,
        signed_at, sheet_ref, entered_by, confirmed_by, confirmed_at, void_reason, receipt, created_at)
    SELECT id, ballot_id, consultation_id, version_no, channel, status, choices, cast_by,
        signed_at, sheet_ref, entered_by, confirmed_by, confirmed_at, void_reason, receipt, created_at
    FROM ballot_versions WHERE channel <> 'proxy';
DROP TABLE ballot_versions;
ALTER TABLE ballot_versions_old RENAME TO ballot_versions;
CREATE INDEX ballot_versions_consultation ON ballot_versions (consultation_id, status);
CREATE INDEX ballot_versions_cast_by ON ballot_versions (cast_by, created_at);
DROP TABLE proxies;
