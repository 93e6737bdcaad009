-- What an office says about itself beyond its address: a temporary closure (its last day;
-- a day in the past means open, so no job clears it), the expected wait of a waiting list in
-- weeks, and the keys of the notes from the library that newcomers read in their language.
-- +goose Up
ALTER TABLE offices
    ADD COLUMN closed_until  date,
    ADD COLUMN waiting_weeks integer CHECK (waiting_weeks BETWEEN 1 AND 52),
    ADD COLUMN note_keys     text[] NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE offices
    DROP COLUMN note_keys,
    DROP COLUMN waiting_weeks,
    DROP COLUMN closed_until;
