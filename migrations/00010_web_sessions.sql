-- The staff web console: one-time sign-in links (sent by the bot on /web) and the sessions
-- they open. Both are stored only as SHA-256 hashes of their random tokens, so that a copy of
-- the database opens no session. A session ends after 8 idle hours (checked on each request)
-- and at once when its staff account is revoked (the request checks the account too).
-- +goose Up
CREATE TABLE web_logins (
    token_hash bytea PRIMARY KEY,
    staff_id   bigint NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX web_logins_expires_at_idx ON web_logins (expires_at);

CREATE TABLE web_sessions (
    id_hash      bytea PRIMARY KEY,
    staff_id     bigint NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);
CREATE INDEX web_sessions_staff_id_idx ON web_sessions (staff_id);
CREATE INDEX web_sessions_last_seen_at_idx ON web_sessions (last_seen_at);

-- +goose Down
DROP TABLE web_sessions;
DROP TABLE web_logins;
