-- What every turn writes costs less (issue 15):
--
-- * The outbox holds sealed messages (ciphertext): compressing them cannot win, and moving
--   them out of line into TOAST costs a second table and index per message. A message stays
--   in its row, uncompressed, unless the row would not fit a page.
-- * The inbox and outbox rows live for milliseconds. Their owner and lease indexes served
--   only the lease renewal and the claim after a crash (every few seconds, over a few rows,
--   and the claim's condition could not use them anyway), yet every row paid for them twice.
-- * A conversation's update changed an indexed column (updated_at) on every turn, so none
--   could be a HOT update: every turn wrote two index entries too. The daily retention scan
--   does without the index; free room in each page (fillfactor) lets the updates stay HOT.
-- * Handled update ids are appended in time order: a BRIN index finds the old ones for the
--   nightly clean-up at a fraction of a B-tree's upkeep.
-- +goose Up
ALTER TABLE outbox ALTER COLUMN payload SET STORAGE EXTERNAL;
ALTER TABLE outbox SET (toast_tuple_target = 8160);
DROP INDEX outbox_owner_idx;
DROP INDEX outbox_lease_idx;
DROP INDEX inbox_owner_idx;
DROP INDEX inbox_lease_idx;
DROP INDEX conversations_updated_at_idx;
ALTER TABLE conversations SET (fillfactor = 70);
DROP INDEX processed_updates_processed_at_idx;
CREATE INDEX processed_updates_processed_at_brin ON processed_updates USING brin (processed_at);

-- +goose Down
DROP INDEX processed_updates_processed_at_brin;
CREATE INDEX processed_updates_processed_at_idx ON processed_updates (processed_at);
ALTER TABLE conversations RESET (fillfactor);
CREATE INDEX conversations_updated_at_idx ON conversations (updated_at);
CREATE INDEX inbox_lease_idx ON inbox (lease_until);
CREATE INDEX inbox_owner_idx ON inbox (owner);
CREATE INDEX outbox_lease_idx ON outbox (lease_until);
CREATE INDEX outbox_owner_idx ON outbox (owner);
ALTER TABLE outbox RESET (toast_tuple_target);
ALTER TABLE outbox ALTER COLUMN payload SET STORAGE EXTENDED;
