-- Delivery that loses nothing: updates fetched from Telegram wait in the inbox until their
-- turn is stored, and the answers a turn writes wait in the outbox until Telegram took them.
-- Both hold their content sealed (AES-GCM, see internal/seal): the chat id and the text
-- are never in the clear. A row belongs to the process named in owner while its lease runs;
-- a process that dies leaves rows whose lease runs out, and another one takes them.
-- Conversations get a version, so that a turn is written only over the state it read, and
-- the directory one, so that matching can read it from memory.
-- +goose Up
ALTER TABLE conversations ADD COLUMN version bigint NOT NULL DEFAULT 1;

CREATE TABLE inbox (
    update_id   bigint PRIMARY KEY,
    chat_key    text NOT NULL,
    payload     bytea NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    owner       text NOT NULL,
    lease_until timestamptz NOT NULL
);
CREATE INDEX inbox_owner_idx ON inbox (owner);
CREATE INDEX inbox_lease_idx ON inbox (lease_until);

CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    chat_key    text NOT NULL,
    payload     bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    owner       text NOT NULL,
    lease_until timestamptz NOT NULL
);
CREATE INDEX outbox_chat_idx ON outbox (chat_key, id);
CREATE INDEX outbox_owner_idx ON outbox (owner);
CREATE INDEX outbox_lease_idx ON outbox (lease_until);

-- The directory's version, bumped by every change of an office: each turn reads it, so that
-- every process matches from an in-memory copy that is never older than the turn.
CREATE TABLE directory_version (
    id      integer PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO directory_version VALUES (1, 1);
-- +goose StatementBegin
CREATE FUNCTION bump_directory_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE directory_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER offices_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON offices
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();

-- The outbox replaces the record of sent answers.
ALTER TABLE processed_updates DROP COLUMN replied;
ALTER TABLE processed_updates DROP COLUMN handled_by;

-- +goose Down
DROP TRIGGER offices_changed ON offices;
DROP FUNCTION bump_directory_version();
DROP TABLE directory_version;
ALTER TABLE processed_updates ADD COLUMN handled_by text NOT NULL DEFAULT '';
ALTER TABLE processed_updates ADD COLUMN replied boolean NOT NULL DEFAULT true;
DROP TABLE outbox;
DROP TABLE inbox;
ALTER TABLE conversations DROP COLUMN version;
