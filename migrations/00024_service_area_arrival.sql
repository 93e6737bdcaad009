-- The places outside the area that its newcomers name because they live there first (the
-- Land's initial reception centre). See area.Area.Arrival.
-- +goose Up
ALTER TABLE service_area ADD COLUMN arrival text[] NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE service_area DROP COLUMN arrival;
