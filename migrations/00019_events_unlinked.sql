-- The events of conversations that ended long ago lose their conversation id, which linked a
-- conversation's answers to each other: the daily statistics job unlinks the conversations
-- whose last event lies before both the conversations' retention and the roll-ups' reach, and
-- that no stored conversation goes on. The days before final_until are then rolled up for
-- good: their roll-ups are never computed again from the events (which can no longer say how
-- far a conversation got), also after stats_rollup was reset.
-- +goose Up
CREATE TABLE stats_final (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    final_until date NOT NULL
);

-- +goose Down
DROP TABLE stats_final;
