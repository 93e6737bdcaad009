-- Delivery that loses nothing: updates fetched from Telegram wait in the inbox until their
-- turn is stored, and the answers a turn writes wait in the outbox until Telegram took them.
-- Both hold their content sealed (AES-GCM, see internal/seal): the chat id and the text
-- are never in the clear. A row belongs to the process named in owner while its lease runs;
-- a process that dies leaves rows whose lease runs out, and another one takes them.
-- Conversations get a version, so that a turn is written only over the state it read.
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

-- The outbox replaces the record of sent answers.
ALTER TABLE processed_updates DROP COLUMN replied;
ALTER TABLE processed_updates DROP COLUMN handled_by;

-- +goose Down
ALTER TABLE processed_updates ADD COLUMN handled_by text NOT NULL DEFAULT '';
ALTER TABLE processed_updates ADD COLUMN replied boolean NOT NULL DEFAULT true;
DROP TABLE outbox;
DROP TABLE inbox;
ALTER TABLE conversations DROP COLUMN version;
