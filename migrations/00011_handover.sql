-- Warm hand-over: a newcomer asks an office to contact them, and the bot relays messages
-- between them and the office's counsellors without either side learning who the other is.
-- A thread holds only what the relay needs, and only while it is open: the newcomer's chat id
-- and the request's message sealed (AES-GCM, see internal/seal, purpose "handover"), the
-- keyed hash of the chat (as conversations do) and the bounded facts the newcomer agreed to
-- share. Closing, declining, /delete, 5 working days without a taker and RETENTION_DAYS
-- without a message delete the row, and everything in it.
-- +goose Up
CREATE TABLE handover_threads (
    id                 bigserial PRIMARY KEY,
    office_id          text NOT NULL REFERENCES offices (id) ON UPDATE CASCADE,
    chat_key           text NOT NULL,
    chat_sealed        bytea NOT NULL,
    request_sealed     bytea NOT NULL,
    lang               text NOT NULL,
    age_band           text NOT NULL,
    topic              text NOT NULL,
    status             text NOT NULL CHECK (status IN ('waiting', 'taken')),
    owner_id           bigint REFERENCES staff (id) ON DELETE SET NULL,
    created_at         timestamptz NOT NULL,
    taken_at           timestamptz,
    reminded_at        timestamptz,
    last_message_at    timestamptz NOT NULL,
    -- The rate limit of each side: when its window began and how many messages it sent in it.
    newcomer_window    timestamptz,
    newcomer_count     integer NOT NULL DEFAULT 0,
    counsellor_window  timestamptz,
    counsellor_count   integer NOT NULL DEFAULT 0,
    CHECK ((status = 'taken') = (taken_at IS NOT NULL))
);
-- One open thread per newcomer and office.
CREATE UNIQUE INDEX handover_threads_office_chat_idx ON handover_threads (office_id, chat_key);
CREATE INDEX handover_threads_chat_idx ON handover_threads (chat_key);
CREATE INDEX handover_threads_waiting_idx ON handover_threads (created_at) WHERE status = 'waiting';
CREATE INDEX handover_threads_last_message_idx ON handover_threads (last_message_at);

-- A counsellor blocked a thread: that newcomer cannot ask that office again until the block
-- ends (RETENTION_DAYS later). /delete removes it with the rest of the chat's data.
CREATE TABLE handover_blocks (
    office_id text NOT NULL REFERENCES offices (id) ON UPDATE CASCADE,
    chat_key  text NOT NULL,
    until     timestamptz NOT NULL,
    PRIMARY KEY (office_id, chat_key)
);
CREATE INDEX handover_blocks_chat_idx ON handover_blocks (chat_key);

-- +goose Down
DROP TABLE handover_blocks;
DROP TABLE handover_threads;
