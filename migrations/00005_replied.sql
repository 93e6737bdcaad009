-- Whether the answer to a handled update was sent, and which process handled it: when an
-- update comes again because its process died between storing the step and sending the
-- answer, the current question is said again.
-- +goose Up
ALTER TABLE processed_updates ADD COLUMN replied boolean NOT NULL DEFAULT true;
ALTER TABLE processed_updates ADD COLUMN handled_by text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE processed_updates DROP COLUMN handled_by;
ALTER TABLE processed_updates DROP COLUMN replied;
