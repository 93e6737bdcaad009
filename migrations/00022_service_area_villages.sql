-- The villages and parts of the area's other municipalities people name when asked where
-- they live, each with its municipality: {"Großenritte": "Baunatal"}. See area.Area.Villages.
-- +goose Up
ALTER TABLE service_area ADD COLUMN villages jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(villages) = 'object');

-- +goose Down
ALTER TABLE service_area DROP COLUMN villages;
