-- A request given back to its office when its counsellor left (requeued_at) was counted as
-- taken already; a request a staff member made to try the hand-over (uncounted) is not a
-- newcomer's. Neither adds to the statistics again.
-- +goose Up
ALTER TABLE handover_threads ADD COLUMN requeued_at timestamptz;
ALTER TABLE handover_threads ADD COLUMN uncounted boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE handover_threads DROP COLUMN uncounted;
ALTER TABLE handover_threads DROP COLUMN requeued_at;
