-- A newcomer's explicit request to be told, once, when a closed or full office is open and
-- takes new clients again: the chat's keyed hash (to erase it with the chat), the office, the
-- chat id sealed (AES-GCM, key derived from the service secret) and the language of the one
-- message. Erased when that message is queued, after 90 days, or with the chat (/delete).
-- +goose Up
CREATE TABLE reopen_notices (
    chat_key   text        NOT NULL,
    office_id  text        NOT NULL,
    chat       bytea       NOT NULL,
    lang       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (chat_key, office_id)
);
CREATE INDEX reopen_notices_office ON reopen_notices (office_id);

-- +goose Down
DROP TABLE reopen_notices;
