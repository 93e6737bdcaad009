-- The referral directory: one row per office (JMD, MBE or add-on service).
-- +goose Up
CREATE TABLE offices (
    id                    text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(id) <= 64),
    kind                  text NOT NULL CHECK (kind IN ('jmd', 'mbe', 'service')),
    name                  text NOT NULL CHECK (name <> ''),
    provider              text NOT NULL DEFAULT '',
    street                text NOT NULL DEFAULT '',
    postcode              text NOT NULL DEFAULT '' CHECK (postcode ~ '^([0-9]{5})?$'),
    city                  text NOT NULL DEFAULT '',
    latitude              double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude             double precision CHECK (longitude BETWEEN -180 AND 180),
    phone                 text NOT NULL DEFAULT '',
    email                 text NOT NULL DEFAULT '',
    website               text NOT NULL DEFAULT '',
    -- BCP 47 tags as the office gave them, and their matching keys (base language, with
    -- prs folded into fa and kmr into ku), so that "speaks the language" is an indexed overlap.
    languages             text[] NOT NULL DEFAULT '{}',
    language_keys         text[] NOT NULL DEFAULT '{}',
    topics                text[] NOT NULL DEFAULT '{}',
    min_age               integer CHECK (min_age BETWEEN 0 AND 120),
    max_age               integer CHECK (max_age BETWEEN 0 AND 120),
    opening_hours         text NOT NULL DEFAULT '',
    note                  text NOT NULL DEFAULT '',
    accepting_new_clients boolean,
    confirmed_at          date,
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age)
);
CREATE INDEX offices_kind_idx ON offices (kind);
CREATE INDEX offices_language_keys_idx ON offices USING gin (language_keys);
CREATE INDEX offices_topics_idx ON offices USING gin (topics);

-- +goose Down
DROP TABLE offices;
