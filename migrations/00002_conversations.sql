-- Conversation state per chat, and the Telegram updates already handled.
-- +goose Up
CREATE TABLE conversations (
    -- A keyed hash of the chat id (HMAC with WEGWEISER_SECRET): the chat id itself is not stored.
    chat_key   text PRIMARY KEY,
    state      jsonb NOT NULL,
    -- The user blocked the bot (Telegram answered 403): nothing more is sent.
    blocked    boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversations_updated_at_idx ON conversations (updated_at);

-- Telegram delivers an update at least once; an id seen before is ignored.
CREATE TABLE processed_updates (
    update_id    bigint PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX processed_updates_processed_at_idx ON processed_updates (processed_at);

-- +goose Down
DROP TABLE processed_updates;
DROP TABLE conversations;
