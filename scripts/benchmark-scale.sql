-- scripts/benchmark-scale.sql — synthetic data for `scripts/benchmark.sh scale` (issue 13), set-based.
--   psql -v claims=100000 -f scripts/benchmark-scale.sql   (as a superuser, on a database migrated with --no-sample)
-- Writes straight into the real tables: sources (2% of the claim count, at least 200, skewed so the three busiest
-- carry about a tenth of all chain links each), one article per report and per evidence item, claims with statements
-- and topics drawn from vocabularies (so text search and similar-claims see realistic selectivity; 2% belong to
-- questions), 1-3 reports per claim with chains of 1-3 links (origin, relay, publisher), evidence for 30% of claims
-- with the status it implies and its status changes, parties for 5%, and one audit entry per claim.
-- Triggers and foreign-key checks are off during the load (session_replication_role = replica) and secondary indexes
-- are dropped and rebuilt once; the derived tables the triggers keep (claim_search, source_claim_outcomes,
-- source_track_record_counts, source_claims) are then rebuilt set-based with the triggers' own definitions, and checked.
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;
SET maintenance_work_mem = '512MB';
SET work_mem = '128MB';
SET synchronous_commit = off;
SELECT setseed(0.13);

\echo ==> generating :claims claims

-- Vocabularies: statement = subject + verb + object + place (60 x 40 x 60 x 80 = 11.5M combinations).
CREATE TEMP TABLE v_subject AS SELECT row_number() OVER () AS i, w FROM unnest(ARRAY[
 'The prime minister','The defence ministry','Rebel forces','The central bank','The health ministry','Opposition leaders',
 'The army','Police','The foreign minister','The president','Striking workers','The election commission','Protesters',
 'The finance minister','Border guards','The coast guard','State media','The governor','The energy regulator',
 'The supreme court','Customs officials','The navy','Air force jets','The interior ministry','Aid agencies',
 'The mayor','The railway operator','Climate negotiators','The trade union','The national airline','Peacekeepers',
 'The militia','Diplomats','The parliament','The central committee','The royal palace','The ruling party',
 'Investigators','Prosecutors','The weather service','Nuclear inspectors','The space agency','Farmers',
 'The steel maker','Fishermen','The telecom regulator','Refugee officials','The port authority','Mine owners',
 'The oil company','Hackers','The vaccine maker','Monitors','The ombudsman','Insurgents','The cabinet','Exporters',
 'The central statistics office','Students','The spy agency']) AS w;
CREATE TEMP TABLE v_verb AS SELECT row_number() OVER () AS i, w FROM unnest(ARRAY[
 'has seized','will visit','has closed','plans to open','has rejected','will sign','has suspended','is preparing',
 'has banned','will announce','has approved','is negotiating','has launched','will cut','has raised','has delayed',
 'has cancelled','will expand','has withdrawn from','is investigating','has shelled','has evacuated','will privatise',
 'has blocked','has tested','is building','has reopened','will tax','has leaked','will audit','has captured',
 'has frozen','will subsidise','has sold','is moving','has bombed','will inspect','has restored','has lost','has won']) AS w;
CREATE TEMP TABLE v_object AS SELECT row_number() OVER () AS i, w FROM unnest(ARRAY[
 'the northern pipeline','a grain terminal','the border crossing','a new reactor','the peace talks','the fuel subsidy',
 'the main airport','a cargo ship','the power plant','the copper mine','a missile base','the coastal highway',
 'the refinery','a satellite','the trade agreement','the harbour','a military convoy','the dam','the stock exchange',
 'the national archive','an oil field','the ferry service','the vaccine programme','the steel works','a weapons cache',
 'the election results','the budget','the census','a ceasefire','the railway bridge','the embassy','a prison',
 'the water supply','the fishing fleet','a hospital','the state broadcaster','the football stadium','a gas field',
 'the customs post','the free trade zone','the submarine fleet','a drone factory','the wheat harvest','the tunnel',
 'the central market','the university','a radar station','the lithium deal','the metro line','the tax reform',
 'a chemical plant','the border fence','the mobile network','the air defence system','the fertiliser plant',
 'the central prison','a naval base','the presidential palace','the export licence','the debt deal']) AS w;
CREATE TEMP TABLE v_place AS SELECT row_number() OVER () AS i, w FROM unnest(ARRAY[
 'Vladivostok','Khasan','Pyongyang','Seoul','Kyiv','Odesa','Kharkiv','Donetsk','Minsk','Warsaw','Vilnius','Riga','Tallinn',
 'Helsinki','Ankara','Istanbul','Tehran','Baghdad','Damascus','Beirut','Amman','Cairo','Khartoum','Tripoli','Tunis',
 'Algiers','Rabat','Dakar','Lagos','Abuja','Accra','Nairobi','Addis Ababa','Mogadishu','Kinshasa','Luanda','Harare',
 'Pretoria','Caracas','Bogota','Lima','Quito','La Paz','Santiago','Buenos Aires','Montevideo','Brasilia','Havana',
 'Mexico City','Managua','Kabul','Islamabad','Karachi','New Delhi','Dhaka','Colombo','Kathmandu','Yangon','Bangkok',
 'Hanoi','Manila','Jakarta','Kuala Lumpur','Taipei','Beijing','Shanghai','Hong Kong','Tokyo','Ulaanbaatar','Astana',
 'Tashkent','Baku','Tbilisi','Yerevan','Belgrade','Sarajevo','Tirana','Chisinau','Bucharest','Sofia']) AS w;
CREATE TEMP TABLE v_hedge (i int, prefix text, word text, confidence double precision, rule text);
INSERT INTO v_hedge VALUES
 (1, 'Officials said it is likely that', 'likely', 0.7, 'estimative: the most decisive estimative cue'),
 (2, 'Sources claimed that', 'claimed', 0.55, 'evidential: mean prior of the evidential and attribution cues'),
 (3, 'According to unconfirmed reports,', 'unconfirmed', 0.4, 'evidential: mean prior of the evidential and attribution cues'),
 (4, 'An unidentified official said', 'unidentified official', 0.65, 'evidential: mean prior of the evidential and attribution cues'),
 (5, 'It is possible that', 'possibly', 0.45, 'estimative: the most decisive estimative cue'),
 (6, 'The ministry confirmed that', 'confirmed', 0.9, 'evidential: mean prior of the evidential and attribution cues'),
 (7, 'Witnesses reported that', 'reported', 0.6, 'evidential: mean prior of the evidential and attribution cues'),
 (8, 'Analysts believe', 'believe', 0.7, 'evidential: mean prior of the evidential and attribution cues');
CREATE TEMP TABLE v_topic AS
    SELECT i, t FROM unnest(ARRAY['politics','conflict','economy','energy','health','elections','diplomacy','trade','climate',
        'security','transport','technology','agriculture','justice','migration','weapons','finance','labour','media','space'])
        WITH ORDINALITY AS x(t, i);
-- 200 more topics: a long tail next to the 20 common ones.
INSERT INTO v_topic SELECT 20 + g, 'topic-' || g FROM generate_series(1, 200) g;

-- Sizes.
SELECT greatest(200, (:claims * 0.02)::int) AS n_sources, :claims::bigint AS n_claims \gset
SELECT greatest(1, :n_claims / 150) AS n_questions \gset
SELECT (SELECT count(*) FROM v_subject) AS n_subject, (SELECT count(*) FROM v_verb) AS n_verb,
       (SELECT count(*) FROM v_object) AS n_object, (SELECT count(*) FROM v_place) AS n_place,
       (SELECT count(*) FROM v_topic) AS n_topic \gset

-- A skewed source index in 1..n_sources: 30% of links go to the three busiest sources (10% each), the rest
-- log-uniformly over the others (P(k) ~ 1/k, Zipf with exponent 1). Volatile: one draw per call.
CREATE FUNCTION pg_temp.pick_source(n int) RETURNS int LANGUAGE sql VOLATILE AS $$
    SELECT CASE WHEN r < 0.3 THEN 1 + floor(r / 0.1)::int
                ELSE least(n, 3 + floor(exp(random() * ln(n - 3)))::int) END
    FROM (SELECT random() AS r) x
$$;

-- Triggers and FK checks off for this session; secondary indexes of the loaded tables dropped, rebuilt after.
SET session_replication_role = replica;
CREATE TEMP TABLE dropped_indexes AS
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
    FROM pg_index i
    WHERE i.indrelid::regclass::text IN ('sources','articles','claims','reports','report_chain','evidence','evidence_chain',
              'claim_status_changes','claim_parties','questions','audit_log','audit_changes','claim_search',
              'source_claim_outcomes','source_track_record_counts','source_claims')
      AND NOT i.indisprimary AND NOT i.indisunique;
DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT name FROM dropped_indexes LOOP EXECUTE 'DROP INDEX ' || r.name; END LOOP;
END $$;

\echo ==> sources, questions
CREATE TEMP TABLE g_sources AS
    SELECT g AS n, gen_random_uuid() AS id FROM generate_series(1, :n_sources) g;
ALTER TABLE g_sources ADD PRIMARY KEY (n);
INSERT INTO sources (id, slug, name, kind, homepage, country, aliases, version, created_at, updated_at)
SELECT id, 'bench-source-' || n, 'Benchmark source ' || n,
       (ARRAY['wire_agency','outlet','broadcaster','government','official','expert','other'])[CASE WHEN n <= 10 THEN 1 ELSE 1 + n % 7 END],
       'https://source-' || n || '.example', (ARRAY['US','GB','FR','DE','KR','RU','UA','IN','BR','NG'])[1 + n % 10],
       ARRAY['Benchmark Source ' || n], 1, timestamptz '2022-12-01', timestamptz '2022-12-01'
FROM g_sources;

CREATE TEMP TABLE g_questions AS SELECT g AS n, gen_random_uuid() AS id FROM generate_series(1, :n_questions) g;
INSERT INTO questions (id, key, text, created_at)
SELECT id, 'bench-question-' || n, 'Which of these happened? (benchmark question ' || n || ')', timestamptz '2023-01-01'
FROM g_questions;

\echo ==> claims
-- Claims spread over three years; 2% (every 50th) in a question, about three claims a question.
CREATE TEMP TABLE vocab AS
    SELECT (SELECT array_agg(w ORDER BY i) FROM v_subject) AS subjects, (SELECT array_agg(w ORDER BY i) FROM v_verb) AS verbs,
           (SELECT array_agg(w ORDER BY i) FROM v_object) AS objects, (SELECT array_agg(w ORDER BY i) FROM v_place) AS places,
           (SELECT array_agg(t ORDER BY i) FROM v_topic) AS topics;
CREATE TEMP TABLE g_claims AS
    SELECT g AS n, gen_random_uuid() AS id,
           timestamptz '2023-01-01' + (g::double precision / :n_claims) * interval '1095 days' + random() * interval '6 hours' AS at,
           v.subjects[1 + floor(random() * :n_subject)::int] || ' ' || v.verbs[1 + floor(random() * :n_verb)::int] || ' '
               || v.objects[1 + floor(random() * :n_object)::int] || ' in ' || v.places[1 + floor(random() * :n_place)::int] AS statement,
           -- 1-3 topics: a common one first, then up to two from the long tail (log-uniform).
           v.topics[1 + floor(random() * 20)::int] AS topic1,
           CASE WHEN random() < 0.6 THEN v.topics[20 + least(:n_topic - 20, floor(exp(random() * ln(:n_topic - 20)))::int + 1)] END AS topic2,
           CASE WHEN random() < 0.3 THEN v.topics[20 + least(:n_topic - 20, floor(exp(random() * ln(:n_topic - 20)))::int + 1)] END AS topic3,
           CASE WHEN g % 50 = 0 THEN 1 + (g / 50) % :n_questions END AS question_n,
           random() AS fate,
           1 + (random() > 0.5)::int + (random() > 0.6)::int AS n_reports
    FROM generate_series(1, :n_claims) g CROSS JOIN vocab v;
ALTER TABLE g_claims ADD PRIMARY KEY (n);

-- Evidence fate (30% of claims): confirmed 45%, contradicted 20%, partly confirmed 10%, disputed 10%, non-conclusive
-- mention 15%; of the confirmed a fifth later resolved true, of the contradicted a fifth false.
CREATE TEMP TABLE g_status AS
    SELECT n, CASE WHEN fate >= 0.30 THEN 'unverified'
                   WHEN fate < 0.135 THEN CASE WHEN fate < 0.027 THEN 'true' ELSE 'confirmed' END
                   WHEN fate < 0.195 THEN CASE WHEN fate < 0.147 THEN 'false' ELSE 'contradicted' END
                   WHEN fate < 0.225 THEN 'partly_confirmed'
                   WHEN fate < 0.255 THEN 'disputed'
                   ELSE 'unverified' END AS status
    FROM g_claims;
ALTER TABLE g_status ADD PRIMARY KEY (n);

INSERT INTO claims (id, statement, topics, first_reported_at, status, version, created_at, updated_at, question_id)
SELECT c.id, c.statement,
       -- A claim names a topic once.
       CASE WHEN c.topic2 IS NULL THEN ARRAY[c.topic1] WHEN c.topic3 IS NULL OR c.topic3 = c.topic2 THEN ARRAY[c.topic1, c.topic2]
            ELSE ARRAY[c.topic1, c.topic2, c.topic3] END,
       c.at, s.status, 1, c.at + interval '1 hour', c.at + interval '1 hour', q.id
FROM g_claims c JOIN g_status s USING (n) LEFT JOIN g_questions q ON q.n = c.question_n;

\echo ==> reports, chains, articles
CREATE TEMP TABLE g_reports AS
    SELECT c.n AS claim_n, c.id AS claim_id, k, gen_random_uuid() AS id, gen_random_uuid() AS article_id,
           c.at + (k - 1) * interval '5 hours' AS at, c.statement,
           1 + floor(random() * 8)::int AS hedge,
           1 + (random() > 0.4)::int + (random() > 0.7)::int AS links
    FROM g_claims c CROSS JOIN LATERAL generate_series(1, c.n_reports) k;

CREATE TEMP TABLE g_links AS
    SELECT r.id AS report_id, r.article_id, p - 1 AS position,
           CASE WHEN p = 1 THEN 'origin' WHEN p = r.links THEN 'publisher' ELSE 'relay' END AS role,
           pg_temp.pick_source(:n_sources) AS source_n, p = r.links AS last
    FROM g_reports r CROSS JOIN LATERAL generate_series(1, r.links) p;

INSERT INTO articles (id, url, title, publisher_id, published_at, language, created_at, date_inferred, date_precision)
SELECT r.article_id, 'https://news.example/' || r.claim_n || '/' || r.k, left(r.statement, 200), s.id, r.at,
       CASE WHEN r.claim_n % 10 = 0 THEN 'fr' WHEN r.claim_n % 10 = 1 THEN 'de' ELSE 'en' END, r.at, false, 'day'
FROM g_reports r JOIN g_links l ON l.report_id = r.id AND l.last JOIN g_sources s ON s.n = l.source_n;

INSERT INTO reports (id, claim_id, article_id, quote, hedge_words, unknown_hedge_words, stated_confidence, confidence_rule,
                     reported_at, created_at, lexicon_version)
SELECT r.id, r.claim_id, r.article_id, h.prefix || ' ' || lower(left(r.statement, 1)) || substr(r.statement, 2) || '.',
       ARRAY[h.word], '{}', h.confidence, h.rule, r.at, r.at, 1
FROM g_reports r JOIN v_hedge h ON h.i = r.hedge;

INSERT INTO report_chain (position, report_id, source_id, role)
SELECT l.position, l.report_id, s.id, l.role FROM g_links l JOIN g_sources s ON s.n = l.source_n;

\echo ==> evidence, status changes, parties, audit
CREATE TEMP TABLE g_evidence AS
    SELECT c.n AS claim_n, c.id AS claim_id, s.status, e AS k, gen_random_uuid() AS id, gen_random_uuid() AS article_id,
           gen_random_uuid() AS change_id,
           c.at + interval '2 days' + e * interval '1 day' AS at,
           CASE WHEN s.status IN ('confirmed','true') THEN 'confirms'
                WHEN s.status IN ('contradicted','false') THEN 'contradicts'
                WHEN s.status = 'partly_confirmed' THEN 'partly_confirms'
                WHEN s.status = 'disputed' THEN CASE e WHEN 1 THEN 'confirms' ELSE 'contradicts' END
                ELSE 'mentions' END AS stance,
           s.status <> 'unverified' AS conclusive,
           pg_temp.pick_source(:n_sources) AS source_n
    FROM g_claims c JOIN g_status s USING (n)
    CROSS JOIN LATERAL generate_series(1, CASE WHEN s.status = 'disputed' THEN 2 ELSE 1 END) e
    WHERE c.fate < 0.30;

INSERT INTO articles (id, url, title, publisher_id, published_at, language, created_at, date_inferred, date_precision)
SELECT e.article_id, 'https://news.example/evidence/' || e.claim_n || '/' || e.k, 'Follow-up on claim ' || e.claim_n, s.id, e.at,
       'en', e.at, false, 'day'
FROM g_evidence e JOIN g_sources s ON s.n = e.source_n;

INSERT INTO evidence (id, claim_id, article_id, stance, quote, note, observed_at, conclusive, created_at)
SELECT id, claim_id, article_id, stance, NULL,
       CASE stance WHEN 'confirms' THEN 'Officials confirmed it on the record.' WHEN 'contradicts' THEN 'Satellite images show otherwise.'
                   WHEN 'partly_confirms' THEN 'Only part of it happened.' ELSE 'A later report mentions it without new facts.' END,
       at, conclusive, at
FROM g_evidence;

INSERT INTO evidence_chain (position, evidence_id, source_id, role)
SELECT 0, e.id, s.id, 'origin' FROM g_evidence e JOIN g_sources s ON s.n = e.source_n;

-- Every claim: recorded unverified with its first report; then one change per conclusive evidence item (a disputed
-- claim was confirmed, then disputed), and a resolution for true/false.
INSERT INTO claim_status_changes (id, claim_id, "from", "to", reason, evidence_id, changed_at)
SELECT gen_random_uuid(), id, NULL, 'unverified', 'Recorded with its first report.', NULL, at + interval '1 hour' FROM g_claims;
INSERT INTO claim_status_changes (id, claim_id, "from", "to", reason, evidence_id, changed_at)
SELECT e.change_id, e.claim_id,
       CASE WHEN e.status = 'disputed' AND e.k = 2 THEN 'confirmed' ELSE 'unverified' END,
       CASE WHEN e.status = 'disputed' AND e.k = 1 THEN 'confirmed' WHEN e.status = 'true' THEN 'confirmed'
            WHEN e.status = 'false' THEN 'contradicted' ELSE e.status END,
       'Conclusive evidence (' || e.stance || ').', e.id, e.at
FROM g_evidence e WHERE e.conclusive;
INSERT INTO claim_status_changes (id, claim_id, "from", "to", reason, evidence_id, changed_at)
SELECT gen_random_uuid(), e.claim_id, CASE e.status WHEN 'true' THEN 'confirmed' ELSE 'contradicted' END, e.status,
       'Resolved by an editor.', NULL, e.at + interval '30 days'
FROM g_evidence e WHERE e.status IN ('true', 'false');

CREATE TEMP TABLE g_parties AS SELECT id AS claim_id, pg_temp.pick_source(:n_sources) AS source_n FROM g_claims WHERE n % 20 = 0;
INSERT INTO claim_parties (id, source_id, claim_id)
SELECT gen_random_uuid(), s.id, p.claim_id FROM g_parties p JOIN g_sources s ON s.n = p.source_n;

CREATE TEMP TABLE g_audit AS SELECT gen_random_uuid() AS id, id AS claim_id, at + interval '1 hour' AS at FROM g_claims;
INSERT INTO audit_log (id, at, actor_id, actor_name, action)
SELECT id, at, 'key:00000000-0000-0000-0000-00000000be7c', 'benchmark loader', 'RecordClaim' FROM g_audit;
INSERT INTO audit_changes (entity, entity_id, change, audit_entry_id)
SELECT 'claims', claim_id::text, 'added', id FROM g_audit;

\echo ==> derived tables: claim_search, source_claim_outcomes, source_track_record_counts, source_claims
-- claim_search as refresh_claim_search builds it (statement A, report quotes B, evidence quotes and notes C; the
-- language most of a claim's report articles carry), for all claims at once.
TRUNCATE claim_search;
INSERT INTO claim_search (claim_id, language, config, document, tsv)
SELECT c.id, l.language, cfg::text, concat_ws(E'\n', c.statement, b.body, cc.body),
       setweight(to_tsvector(cfg, coalesce(c.statement, '')), 'A') || setweight(to_tsvector(cfg, coalesce(b.body, '')), 'B')
       || setweight(to_tsvector(cfg, coalesce(cc.body, '')), 'C')
FROM claims c
LEFT JOIN (SELECT claim_id, string_agg(quote, E'\n') AS body FROM reports GROUP BY claim_id) b ON b.claim_id = c.id
LEFT JOIN (SELECT claim_id, string_agg(body, E'\n') AS body
           FROM (SELECT claim_id, quote AS body FROM evidence WHERE quote IS NOT NULL
                 UNION ALL SELECT claim_id, note FROM evidence WHERE note IS NOT NULL) t GROUP BY claim_id) cc ON cc.claim_id = c.id
LEFT JOIN (SELECT DISTINCT ON (r.claim_id) r.claim_id, lower(split_part(a.language, '-', 1)) AS language
           FROM reports r JOIN articles a ON a.id = r.article_id
           WHERE a.language IS NOT NULL
           GROUP BY r.claim_id, lower(split_part(a.language, '-', 1))
           ORDER BY r.claim_id, count(*) DESC, min(r.reported_at), 2) l ON l.claim_id = c.id
CROSS JOIN LATERAL search_config(l.language) AS cfg;

-- Track records: the IncrementalTrackRecords backfill (the definition the triggers keep up).
TRUNCATE source_claim_outcomes;
INSERT INTO source_claim_outcomes (claim_id, source_id, as_origin, outcome)
SELECT carried.claim_id, carried.source_id, carried.as_origin,
       CASE c.status
           WHEN 'confirmed' THEN 'confirmed' WHEN 'true' THEN 'confirmed' WHEN 'superseded' THEN 'confirmed'
           WHEN 'partly_confirmed' THEN 'partly_confirmed' WHEN 'mixed' THEN 'partly_confirmed'
           WHEN 'contradicted' THEN 'contradicted' WHEN 'false' THEN 'contradicted'
           WHEN 'disputed' THEN 'disputed'
           WHEN 'unresolvable' THEN 'unresolvable'
           ELSE 'pending'
       END
FROM (
    SELECT r.claim_id, rc.source_id, bool_or(rc.role = 'origin') AS as_origin, min(r.reported_at) AS first_at
    FROM report_chain rc
    JOIN reports r ON r.id = rc.report_id
    GROUP BY r.claim_id, rc.source_id
) carried
JOIN claims c ON c.id = carried.claim_id
WHERE NOT (c.status = 'superseded' AND carried.first_at > c.true_until);

TRUNCATE source_track_record_counts;
INSERT INTO source_track_record_counts (source_id, originated, relayed, confirmed, partly_confirmed, contradicted, disputed,
                                        pending, unresolvable)
SELECT s.id,
       count(*) FILTER (WHERE o.as_origin), count(*) FILTER (WHERE NOT o.as_origin),
       count(*) FILTER (WHERE o.outcome = 'confirmed'), count(*) FILTER (WHERE o.outcome = 'partly_confirmed'),
       count(*) FILTER (WHERE o.outcome = 'contradicted'), count(*) FILTER (WHERE o.outcome = 'disputed'),
       count(*) FILTER (WHERE o.outcome = 'pending'), count(*) FILTER (WHERE o.outcome = 'unresolvable')
FROM sources s LEFT JOIN source_claim_outcomes o ON o.source_id = s.id
GROUP BY s.id;

-- What each source said (the SourceClaimsIndex backfill): every chain link's pair; the loader makes no assertions.
TRUNCATE source_claims;
INSERT INTO source_claims (source_id, claim_id)
SELECT DISTINCT rc.source_id, r.claim_id FROM report_chain rc JOIN reports r ON r.id = rc.report_id;

SET session_replication_role = origin;

\echo ==> secondary indexes (once, after the load)
DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT def FROM dropped_indexes LOOP EXECUTE r.def; END LOOP;
END $$;


\echo ==> ANALYZE
VACUUM (ANALYZE) sources, articles, claims, reports, report_chain, evidence, evidence_chain, claim_status_changes,
    claim_parties, questions, audit_log, audit_changes, claim_search, source_claim_outcomes, source_track_record_counts,
    source_claims;

\echo ==> checking derived tables against their definitions
-- Every source's counts against the recomputing view (it aggregates every link whatever the filter, so all sources
-- cost what a sample would; about a minute at 1M claims); search rows of every 997th claim against
-- refresh_claim_search (run in a transaction that is rolled back).
SELECT count(*) AS mismatched_track_records
FROM source_track_record_counts c
FULL JOIN source_track_records_recomputed v ON v.source_id = c.source_id
WHERE (c.originated, c.relayed, c.confirmed, c.partly_confirmed, c.contradicted, c.disputed, c.pending, c.unresolvable)
      IS DISTINCT FROM (v.originated, v.relayed, v.confirmed, v.partly_confirmed, v.contradicted, v.disputed, v.pending, v.unresolvable)
\gset
SELECT count(*) AS mismatched_source_claims
FROM source_claims s
FULL JOIN (SELECT DISTINCT rc.source_id, r.claim_id FROM report_chain rc JOIN reports r ON r.id = rc.report_id
           UNION SELECT source_id, claim_id FROM assertions) d ON d.source_id = s.source_id AND d.claim_id = s.claim_id
WHERE s.source_id IS NULL OR d.source_id IS NULL \gset
BEGIN;
CREATE TEMP TABLE search_before AS
    SELECT cs.* FROM claim_search cs JOIN g_claims g ON g.id = cs.claim_id WHERE g.n % 997 = 0;
SELECT refresh_claim_search(ARRAY(SELECT claim_id FROM search_before));
SELECT count(*) AS mismatched_search_rows
FROM search_before b JOIN claim_search cs USING (claim_id)
WHERE (b.language, b.config, strip(b.tsv)) IS DISTINCT FROM (cs.language, cs.config, strip(cs.tsv)) \gset
ROLLBACK;
\echo ==> mismatched track records: :mismatched_track_records, source claims: :mismatched_source_claims, search rows: :mismatched_search_rows
SELECT format('DO $x$ BEGIN IF %s > 0 THEN RAISE EXCEPTION ''derived tables differ from their definitions''; END IF; END $x$',
              :mismatched_track_records + :mismatched_source_claims + :mismatched_search_rows) \gexec

SELECT (SELECT count(*) FROM sources) AS sources, (SELECT count(*) FROM claims) AS claims,
       (SELECT count(*) FROM reports) AS reports, (SELECT count(*) FROM report_chain) AS links,
       (SELECT count(*) FROM evidence) AS evidence, (SELECT count(*) FROM articles) AS articles,
       (SELECT max(originated + relayed) FROM source_track_record_counts) AS busiest_source_claims;
