DROP TABLE leases;
DROP TABLE outbox;
DROP TABLE message_grants;
DROP TABLE wechat_tokens;
DROP TABLE notice_reads;
DROP TABLE notices;
