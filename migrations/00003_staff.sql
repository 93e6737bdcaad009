-- Staff accounts, invitations, the append-only audit log of directory changes, archiving and
-- confirmation reminders.
-- +goose Up
ALTER TABLE offices ADD COLUMN archived_at timestamptz;

CREATE TABLE staff (
    id          bigserial PRIMARY KEY,
    -- The staff member's Telegram user id (0 is the local console user) and name: nothing else.
    telegram_id bigint NOT NULL,
    name        text NOT NULL DEFAULT '',
    role        text NOT NULL CHECK (role IN ('counsellor', 'admin', 'statistics')),
    -- What the staff member is in the middle of (editing a field, ...), as JSON.
    flow        jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
CREATE UNIQUE INDEX staff_active_telegram_id_idx ON staff (telegram_id) WHERE revoked_at IS NULL;

CREATE TABLE staff_offices (
    staff_id  bigint NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    office_id text NOT NULL REFERENCES offices (id) ON UPDATE CASCADE,
    PRIMARY KEY (staff_id, office_id)
);

-- Invitation codes are stored only as SHA-256 hashes; a code works once, until expires_at.
CREATE TABLE invitations (
    code_hash  bytea PRIMARY KEY,
    role       text NOT NULL CHECK (role IN ('counsellor', 'admin', 'statistics')),
    office_ids text[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    used_by    bigint REFERENCES staff (id)
);

CREATE TABLE audit_log (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    staff_id  bigint REFERENCES staff (id),
    actor     text NOT NULL, -- "import", or the staff member's name and id
    office_id text NOT NULL,
    field     text NOT NULL,
    old_value text NOT NULL DEFAULT '',
    new_value text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_office_at_idx ON audit_log (office_id, at);
CREATE INDEX audit_log_at_idx ON audit_log (at);

-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- When each office's counsellors were last reminded to check its entry.
CREATE TABLE office_reminders (
    office_id    text PRIMARY KEY REFERENCES offices (id) ON UPDATE CASCADE,
    last_sent_at timestamptz NOT NULL
);

-- +goose Down
DROP TABLE office_reminders;
DROP TABLE audit_log;
DROP FUNCTION audit_log_append_only();
DROP TABLE invitations;
DROP TABLE staff_offices;
DROP TABLE staff;
ALTER TABLE offices DROP COLUMN archived_at;
