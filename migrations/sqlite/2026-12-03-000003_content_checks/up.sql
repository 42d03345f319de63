-- Texts (and photos) WeChat's content check did not pass outright: `review` (WeChat was unsure)
-- or `unchecked` (WeChat could not be asked: the text is held rather than shown unchecked).
-- Held, they are shown to their author and the reviewing committee only, until it releases or
-- removes them. Mirrors the other backend's migration of the same name.
CREATE TABLE held_texts (
    id TEXT PRIMARY KEY NOT NULL,
    -- complaint | complaint_event | objection | rating | ballot_comment | display_name | photo
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    -- The community whose committee reviews it; NULL for display names (the platform admin).
    community_id TEXT REFERENCES communities(id),
    -- The consultation of a ballot comment, the work order of an event.
    parent_id TEXT,
    author_id TEXT NOT NULL REFERENCES users(id),
    -- What was held, as the reviewer reads it.
    text TEXT NOT NULL,
    reason TEXT NOT NULL,
    label BIGINT,
    -- held | released | removed
    state TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    decided_by TEXT REFERENCES users(id),
    decided_at TIMESTAMP,
    note TEXT
);
CREATE UNIQUE INDEX held_texts_subject ON held_texts (kind, subject_id);
CREATE INDEX held_texts_queue ON held_texts (community_id, state, created_at);
CREATE INDEX held_texts_parent ON held_texts (parent_id);
