ALTER TABLE users DROP COLUMN erased_at;
ALTER TABLE users DROP COLUMN privacy_accepted_at;
ALTER TABLE users DROP COLUMN privacy_version;
DROP TABLE leases;
DROP TABLE outbox;
DROP TABLE message_grants;
DROP TABLE wechat_tokens;
DROP TABLE notice_reads;
DROP TABLE notices;
