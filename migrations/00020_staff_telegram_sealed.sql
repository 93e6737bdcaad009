-- A staff account's Telegram id is kept sealed (telegram_sealed: AES-GCM, its key derived from
-- WEGWEISER_SECRET) and found by a keyed hash (telegram_key: HMAC-SHA-256), as what must be
-- kept to reach a person later is; the database holds neither key. The ids stored in the
-- clear before are sealed, and telegram_id emptied, by the first command that opens the
-- store with the secret after this migration (store.SealStaffIDs): SQL cannot, without it.
-- +goose Up
ALTER TABLE staff ADD COLUMN telegram_key text, ADD COLUMN telegram_sealed bytea;
CREATE UNIQUE INDEX staff_active_telegram_key_idx ON staff (telegram_key) WHERE revoked_at IS NULL;
DROP TRIGGER staff_roster_changed ON staff;
CREATE TRIGGER staff_roster_changed AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF telegram_id, telegram_key, role, revoked_at ON staff
    FOR EACH STATEMENT EXECUTE FUNCTION bump_roster_version();

-- +goose Down
-- The sealed ids cannot be opened here: accounts sealed since lose their Telegram id (they
-- are invited again).
DROP TRIGGER staff_roster_changed ON staff;
CREATE TRIGGER staff_roster_changed AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF telegram_id, role, revoked_at ON staff
    FOR EACH STATEMENT EXECUTE FUNCTION bump_roster_version();
DROP INDEX staff_active_telegram_key_idx;
ALTER TABLE staff DROP COLUMN telegram_sealed, DROP COLUMN telegram_key;
