-- Daily roll-ups of the statistics, so that a year of figures reads a few thousand rows
-- instead of every event. Days before stats_rollup.rolled_until come from these tables; later
-- days (today) are counted from the events. The nightly job rolls up each closed day once;
-- rolling a day up again replaces its rows, so nothing is counted twice.
-- +goose Up

-- How far the roll-ups reach: every day before rolled_until is rolled up. One row at most.
CREATE TABLE stats_rollup (
    singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    rolled_until date NOT NULL
);

-- Events per day, dimension and value, as the statistics query counts them from the events
-- (dimension "completed": distinct conversations that reached a result that day).
CREATE TABLE stats_daily (
    day   date NOT NULL,
    dim   text NOT NULL,
    value text NOT NULL,
    n     integer NOT NULL,
    PRIMARY KEY (day, dim, value)
);

-- Where conversations stop, as changes: on day, the number of conversations started on
-- started whose furthest step so far is step changed by n (+1 when one reaches the step, -1
-- when it moves past it). The sum over day <= D gives the furthest steps as of the end of D,
-- so a conversation that goes on after midnight is counted with the step it reached.
CREATE TABLE stats_dropoff_daily (
    started date NOT NULL,
    day     date NOT NULL,
    step    smallint NOT NULL,
    n       integer NOT NULL,
    PRIMARY KEY (started, day, step)
);
CREATE INDEX stats_dropoff_daily_day_idx ON stats_dropoff_daily (day);

-- The distinct person keys of each rolled-up day of a month whose keys are still kept (see
-- events.person_key), to count distinct people over any part of that month. Dropped with the
-- events' keys when the month is over.
CREATE TABLE people_days (
    day        date NOT NULL,
    person_key text NOT NULL,
    PRIMARY KEY (day, person_key)
);

-- +goose Down
DROP TABLE people_days;
DROP TABLE stats_dropoff_daily;
DROP TABLE stats_daily;
DROP TABLE stats_rollup;
