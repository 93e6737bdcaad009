-- A chat's erasure (/delete) unlinks its events of the month from it: their person key (a keyed
-- hash of the chat) is cleared. The keys are kept for the current month only, so the index
-- stays small.
-- +goose Up
CREATE INDEX events_person_key_idx ON events (person_key) WHERE person_key IS NOT NULL;

-- +goose Down
DROP INDEX events_person_key_idx;
