-- A revoked account's Telegram id is forgotten once nothing needs it (its chat's staff menu is
-- removed within 30 days of the revocation, and the conversations' retention has passed): the
-- account stays, with its name and role, for the change log.
-- +goose Up
ALTER TABLE staff ALTER COLUMN telegram_id DROP NOT NULL;

-- +goose Down
UPDATE staff SET telegram_id = 0 WHERE telegram_id IS NULL;
ALTER TABLE staff ALTER COLUMN telegram_id SET NOT NULL;
