-- A temporary closure announced ahead ("vom 23.12. bis 06.01."): its first day. Empty means
-- the closure runs from now on to closed_until, as before.
-- +goose Up
ALTER TABLE offices ADD COLUMN closed_from date;
ALTER TABLE offices ADD CONSTRAINT offices_closure_order CHECK (closed_from IS NULL OR (closed_until IS NOT NULL AND closed_from <= closed_until));

-- +goose Down
ALTER TABLE offices DROP CONSTRAINT offices_closure_order;
ALTER TABLE offices DROP COLUMN closed_from;
