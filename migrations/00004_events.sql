-- Anonymous usage events for the statistics: no chat id, name or message text.
-- +goose Up
CREATE TABLE events (
    id           bigserial PRIMARY KEY,
    day          date NOT NULL,
    kind         text NOT NULL,
    -- A random id per conversation (from start to result), to count completed conversations
    -- and where people stop. It is not derived from the chat.
    conversation text NOT NULL DEFAULT '',
    -- A keyed hash of the chat for this calendar month (key: WEGWEISER_SECRET, not stored
    -- here), to count people. Set to NULL once the month is over.
    person_key   text,
    dims         jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX events_day_kind_idx ON events (day, kind);
CREATE INDEX events_conversation_idx ON events (conversation) WHERE conversation <> '';

-- Distinct people per closed month, and per day of it, kept when the keys are dropped.
CREATE TABLE people_monthly (
    month  date PRIMARY KEY,
    people integer NOT NULL
);
CREATE TABLE people_daily (
    day    date PRIMARY KEY,
    people integer NOT NULL
);

-- +goose Down
DROP TABLE people_daily;
DROP TABLE people_monthly;
DROP TABLE events;
