-- The staff roster's version: who has an active staff account and which offices have an
-- active counsellor. Every process keeps the roster in memory to know, without asking the
-- database on every message, whether a sender is staff and which offices can be asked to
-- contact a newcomer; a turn that relied on it is written only if the version is still the
-- one it used, so a change on any replica shows in the very next answer.
-- +goose Up
CREATE TABLE roster_version (
    id      integer PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO roster_version VALUES (1, 1);

-- +goose StatementBegin
CREATE FUNCTION bump_roster_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE roster_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER staff_roster_changed AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF telegram_id, role, revoked_at ON staff
    FOR EACH STATEMENT EXECUTE FUNCTION bump_roster_version();
CREATE TRIGGER staff_offices_roster_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff_offices
    FOR EACH STATEMENT EXECUTE FUNCTION bump_roster_version();

-- +goose Down
DROP TRIGGER staff_offices_roster_changed ON staff_offices;
DROP TRIGGER staff_roster_changed ON staff;
DROP FUNCTION bump_roster_version();
DROP TABLE roster_version;
