package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/kassel/wegweiser/internal/directory"
)

// matchQuery ranks the directory for one person in a single query. The tiers, in order:
// the right service for the age (JMD 12-26, MBE 27+; MBE only as a second option for an
// under-27 with an adult matter), offices still taking new clients, offices with a phone
// number or an e-mail address, offices not said to be unsure whether they counsel at all
// (the note role_unconfirmed), offices that speak the language (indexed overlap on
// language_keys), offices that list the topic, distance. An office responsible only for some
// places (serves) is left out for a person of another known place.
// Add-on services (kind 'service') are returned when they list the topic and serve the age,
// ranked the same way, at most MaxServices of them. Only the rows named leave the database.
const matchQuery = `
WITH q AS (
	SELECT $1::int AS age, $2::text AS topic, $3::text[] AS lang, $4::float8 AS lat, $5::float8 AS lon,
	       $6::text AS primary_kind, $7::bool AS adult_topic, $8::int AS max_offices, $9::int AS max_services,
	       $10::text AS place
), candidates AS (
	SELECT o.*, (o.kind = q.primary_kind) AS right_service
	FROM offices o, q
	WHERE o.archived_at IS NULL
	  AND (cardinality(o.serves) = 0 OR q.place = '' OR q.place = ANY(o.serves))
	  AND coalesce(o.min_age, CASE o.kind WHEN 'jmd' THEN 12 WHEN 'mbe' THEN 27 ELSE 0 END) <= q.age
	  AND q.age <= coalesce(o.max_age, CASE o.kind WHEN 'jmd' THEN 26 ELSE 200 END)
	  AND (o.kind = q.primary_kind OR (o.kind = 'service' AND o.topics @> ARRAY[q.topic]))
	UNION ALL
	SELECT o.*, false
	FROM offices o, q
	WHERE q.primary_kind = 'jmd' AND q.adult_topic AND o.kind = 'mbe' AND o.archived_at IS NULL
	  AND (cardinality(o.serves) = 0 OR q.place = '' OR q.place = ANY(o.serves))
), ranked AS (
	SELECT ` + officeColumns + `, right_service,
		(language_keys && q.lang) AS speaks,
		(topics @> ARRAY[q.topic]) AS lists_topic,
		CASE WHEN q.lat IS NULL OR latitude IS NULL THEN NULL ELSE
			12742 * asin(sqrt(
				power(sin(radians(latitude - q.lat) / 2), 2) +
				cos(radians(q.lat)) * cos(radians(latitude)) * power(sin(radians(longitude - q.lon) / 2), 2)))
		END AS distance_km
	FROM candidates, q
), numbered AS (
	SELECT ranked.*, row_number() OVER (PARTITION BY kind = 'service'
		ORDER BY right_service DESC, accepting_new_clients IS DISTINCT FROM false DESC,
			(coalesce(phone, '') <> '' OR coalesce(email, '') <> '') DESC,
			NOT ('role_unconfirmed' = ANY(coalesce(note_keys, '{}'))) DESC, speaks DESC, lists_topic DESC,
			distance_km ASC NULLS LAST, name, id) AS rank
	FROM ranked
)
SELECT numbered.* FROM numbered, q
WHERE rank <= CASE WHEN kind = 'service' THEN q.max_services ELSE q.max_offices END
ORDER BY kind = 'service', rank`

type matchRow struct {
	officeRow
	RightService bool            `db:"right_service"`
	Speaks       bool            `db:"speaks"`
	ListsTopic   bool            `db:"lists_topic"`
	DistanceKm   sql.NullFloat64 `db:"distance_km"`
	Rank         int             `db:"rank"`
}

// Match returns the offices and add-on services for q, ranked. For a child under 12 it returns
// add-on services only: neither JMD nor MBE counsels children directly.
func (s *Store) Match(ctx context.Context, q directory.Query) (directory.Matches, error) {
	kind, _ := directory.ServiceForAge(q.Age) // none under 12: only add-on services match
	limit := q.Limit
	if limit <= 0 {
		limit = directory.DefaultLimit
	}
	var lat, lon sql.NullFloat64
	if q.Lat != nil && q.Lon != nil {
		lat = sql.NullFloat64{Float64: *q.Lat, Valid: true}
		lon = sql.NullFloat64{Float64: *q.Lon, Valid: true}
	}
	var rows []matchRow
	err := sqlx.SelectContext(ctx, s.db, &rows, matchQuery, q.Age, string(q.Topic),
		pq.StringArray{directory.LanguageKey(q.Language)}, lat, lon, string(kind),
		q.AdultException(), limit, directory.MaxServices, q.Place)
	if err != nil {
		return directory.Matches{}, fmt.Errorf("store: match: %w", err)
	}
	var m directory.Matches
	for i := range rows {
		r := &rows[i]
		match := directory.Match{Office: r.office()}
		switch {
		case r.Kind == string(directory.KindService):
		case r.RightService:
			match.Reasons = append(match.Reasons, directory.ReasonService)
		default:
			match.Reasons = append(match.Reasons, directory.ReasonAdultTopic)
		}
		if r.Speaks {
			match.Reasons = append(match.Reasons, directory.ReasonLanguage)
		}
		if r.ListsTopic {
			match.Reasons = append(match.Reasons, directory.ReasonTopic)
		}
		if r.AcceptingNewClients.Valid && !r.AcceptingNewClients.Bool {
			match.Reasons = append(match.Reasons, directory.ReasonNotAccepting)
		}
		if r.DistanceKm.Valid {
			d := r.DistanceKm.Float64
			match.DistanceKm = &d
		}
		if r.Kind == string(directory.KindService) {
			m.Services = append(m.Services, match)
		} else {
			m.Offices = append(m.Offices, match)
		}
	}
	return m, nil
}
