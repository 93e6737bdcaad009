-- The parts of the served town people name when asked where they live (its districts and
-- quarters), read as the town: see area.Area.Districts.
-- +goose Up
ALTER TABLE service_area ADD COLUMN districts text[] NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE service_area DROP COLUMN districts;
