-- The places (municipalities, as the postcode table names them) whose people an office alone
-- is responsible for: a town's Jobcenter or Jugendamt, or the district's. Empty: everyone.
-- See directory.Office.Serves.
-- +goose Up
ALTER TABLE offices ADD COLUMN serves text[] NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE offices DROP COLUMN serves;
