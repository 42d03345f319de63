-- Photos residents attach to work orders and objections. The picture itself is a file under the
-- data directory named by the SHA-256 of its re-encoded bytes (the same picture twice is one
-- file); this row is who sent it, what it became, what it is attached to and whether WeChat's
-- image check has cleared it. Mirrors the other backend's migration of the same name.
CREATE TABLE uploads (
    id TEXT PRIMARY KEY NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users(id),
    -- The stored picture (JPEG, or PNG when it has transparency) and its thumbnail.
    sha256 TEXT NOT NULL,
    content_type TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    thumb_sha256 TEXT NOT NULL,
    thumb_content_type TEXT NOT NULL,
    -- What was sent (by its content, not its name) and how large it was.
    sent_type TEXT NOT NULL,
    sent_bytes INTEGER NOT NULL,
    -- `complaint` or `objection` and its id, with the photo's place among its photos; NULL
    -- until attached (unattached uploads are removed after a day).
    attached_to TEXT,
    attached_id TEXT,
    position INTEGER,
    -- `cleared`, `pending` (WeChat's media_check_async has not answered) or `rejected`.
    review TEXT NOT NULL,
    trace_id TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX uploads_attached ON uploads (attached_to, attached_id);
CREATE INDEX uploads_sha256 ON uploads (sha256);
CREATE INDEX uploads_thumb_sha256 ON uploads (thumb_sha256);
CREATE INDEX uploads_by ON uploads (uploaded_by, created_at);
CREATE INDEX uploads_trace ON uploads (trace_id);

-- Photos are uploads now; the free-text references complaints held are gone.
ALTER TABLE complaints DROP COLUMN photos;
