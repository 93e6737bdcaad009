-- The town or district the directory serves: one row, filled with the shipped default when
-- the directory is first loaded and replaced by `wegweiser directory import --area FILE`.
-- Its names are {{.Town}} in every message; its postcodes (or a radius around its centre)
-- decide whether a typed postcode lies in the area; its state names the public holidays.
-- +goose Up
CREATE TABLE service_area (
    id         boolean PRIMARY KEY DEFAULT true CHECK (id),
    name       text NOT NULL CHECK (name <> ''),
    -- The name by language tag, where a language writes it otherwise: {"ar": "..."}.
    names      jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(names) = 'object'),
    latitude   double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude  double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    -- The Bundesland, ISO 3166-2:DE without "DE-" (HE for Hessen).
    state      text NOT NULL CHECK (state ~ '^[A-Z]{2}$'),
    postcodes  text[] NOT NULL DEFAULT '{}'
        CHECK (array_to_string(postcodes, ',') ~ '^([0-9]{5}(,[0-9]{5})*)?$'),
    radius_km  double precision NOT NULL DEFAULT 0 CHECK (radius_km >= 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (cardinality(postcodes) > 0 OR radius_km > 0)
);

-- +goose Down
DROP TABLE service_area;
