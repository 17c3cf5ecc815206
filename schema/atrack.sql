-- atrack.sql - the whole current schema of an atrack database, as one file to
-- read. It is the documentation of the data: every table says what a row is.
-- The database itself is built by the numbered steps in migrations/; a test
-- applies them all to an empty database and checks the result equals this
-- file, so the two never drift.
--
-- Conventions: every table is STRICT with `id INTEGER PRIMARY KEY`; names
-- are singular snake_case; dates are 'YYYY-MM-DD'; times are ISO-8601 UTC
-- ('2024-10-30T09:00:00.000Z'); slugs are lower-case letters, digits and '-'
-- with at least one non-digit, so a slug is never mistaken for an id.
--
-- Provenance: rows that an import created carry `document_id` (the fact
-- sheet they came from) and the line where they were found. Rows typed in
-- by hand have NULL there.
--
-- The audit triggers call atrack_author() and atrack_json_object(), functions
-- the library registers on each connection (marked innocuous, so they work
-- with trusted_schema off): writes go through libatrack. The sqlite3 shell
-- can read an atrack database, but its writes fail on those functions.

-- The status vocabulary of progress updates. Users may add codes; the seeded
-- ones are marked built-in. A terminal status (completed, cancelled) can be
-- left only by an update that says it reopens the initiative.
CREATE TABLE status_code (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE
              CHECK (length(code) BETWEEN 1 AND 32 AND code GLOB '[a-z]*'
                     AND code NOT GLOB '*[^a-z0-9_]*'),
  label       TEXT NOT NULL CHECK (label <> ''),
  sort_order  INTEGER NOT NULL,
  is_terminal INTEGER NOT NULL DEFAULT 0 CHECK (is_terminal IN (0, 1)),
  is_builtin  INTEGER NOT NULL DEFAULT 0 CHECK (is_builtin IN (0, 1))
) STRICT;

INSERT INTO status_code (code, label, sort_order, is_terminal, is_builtin) VALUES
  ('announced',   'Announced',   10, 0, 1),
  ('planned',     'Planned',     20, 0, 1),
  ('in_progress', 'In progress', 30, 0, 1),
  ('ongoing',     'Ongoing',     40, 0, 1),
  ('stalled',     'Stalled',     50, 0, 1),
  ('completed',   'Completed',   60, 1, 1),
  ('cancelled',   'Cancelled',   70, 1, 1);

-- A source text: an imported fact sheet (with its text, size and sha256, so
-- a re-import of the same text is recognised and a revised text updated in
-- place), or a document that a fact sheet cites by title.
CREATE TABLE document (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*' AND slug GLOB '*[^0-9]*'),
  title       TEXT NOT NULL CHECK (title <> ''),
  kind        TEXT NOT NULL CHECK (kind IN ('fact_sheet', 'cited', 'other')),
  source      TEXT,            -- file name or URL it was read from
  sha256      TEXT CHECK (sha256 IS NULL OR (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')),
  byte_size   INTEGER CHECK (byte_size IS NULL OR byte_size >= 0),
  body        TEXT,            -- the imported text itself
  revision    INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
  imported_at TEXT,            -- time of the last import of this document
  document_id INTEGER REFERENCES document (id) ON DELETE SET NULL, -- citing document
  source_line INTEGER CHECK (source_line IS NULL OR source_line >= 1)
) STRICT;
CREATE INDEX document_by_sha256 ON document (sha256);
CREATE INDEX document_by_document ON document (document_id);

-- An earlier text of a document (migration 0007): a revised text replaces
-- the document's body in place, and the text it replaces is kept here, so
-- no imported text is ever lost.
CREATE TABLE document_text (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
  revision    INTEGER NOT NULL CHECK (revision >= 1),
  source      TEXT,            -- file name or URL it was read from
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  byte_size   INTEGER NOT NULL CHECK (byte_size >= 0),
  body        TEXT NOT NULL,
  imported_at TEXT,
  UNIQUE (document_id, revision)
) STRICT;

-- A country or organisation: a party to the meetings, or one named in them.
CREATE TABLE party (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*' AND slug GLOB '*[^0-9]*'),
  name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
  short_name  TEXT,            -- 'ROK', 'U.S.'
  kind        TEXT NOT NULL DEFAULT 'country' CHECK (kind IN ('country', 'organisation', 'other')),
  document_id INTEGER REFERENCES document (id) ON DELETE SET NULL,
  source_line INTEGER CHECK (source_line IS NULL OR source_line >= 1)
) STRICT;
CREATE INDEX party_by_document ON party (document_id);

-- A party a document names, in its role there (migration 0007): 'party',
-- one of the countries that meet; 'mentioned', named only (an adversary, a
-- bystander). An analyst filters by either.
CREATE TABLE document_party (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
  party_id    INTEGER NOT NULL REFERENCES party (id) ON DELETE CASCADE,
  role        TEXT NOT NULL DEFAULT 'party' CHECK (role IN ('party', 'mentioned')),
  UNIQUE (document_id, party_id)
) STRICT;
CREATE INDEX document_party_by_party ON document_party (party_id, role);

-- A person who takes part in meetings, with the party they represent.
CREATE TABLE person (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*' AND slug GLOB '*[^0-9]*'),
  name        TEXT NOT NULL CHECK (name <> ''),
  party_id    INTEGER REFERENCES party (id) ON DELETE SET NULL,
  document_id INTEGER REFERENCES document (id) ON DELETE SET NULL,
  source_line INTEGER CHECK (source_line IS NULL OR source_line >= 1)
) STRICT;
CREATE INDEX person_by_party ON person (party_id);
CREATE INDEX person_by_document ON person (document_id);

-- A meeting of the allies: its kind, its ordinal in a series, its dates.
CREATE TABLE meeting (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*' AND slug GLOB '*[^0-9]*'),
  name        TEXT NOT NULL CHECK (name <> ''),
  kind        TEXT NOT NULL CHECK (kind <> ''), -- 'Security Consultative Meeting'
  short_kind  TEXT,                             -- 'SCM', '2+2 Meeting'
  ordinal     INTEGER CHECK (ordinal IS NULL OR ordinal >= 1),
  start_date  TEXT CHECK (start_date IS NULL OR date(start_date) IS start_date),
  end_date    TEXT CHECK (end_date IS NULL OR (date(end_date) IS end_date AND end_date >= start_date)),
  place       TEXT,
  document_id INTEGER REFERENCES document (id) ON DELETE SET NULL,
  source_line INTEGER CHECK (source_line IS NULL OR source_line >= 1)
) STRICT;
CREATE INDEX meeting_by_start_date ON meeting (start_date);
CREATE INDEX meeting_by_document ON meeting (document_id);

-- Who took part in a meeting, in which role (their title there) and for
-- which party.
CREATE TABLE meeting_person (
  id          INTEGER PRIMARY KEY,
  meeting_id  INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
  person_id   INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  role        TEXT,            -- 'Secretary of Defense'
  party_id    INTEGER REFERENCES party (id) ON DELETE SET NULL,
  document_id INTEGER REFERENCES document (id) ON DELETE SET NULL,
  UNIQUE (meeting_id, person_id)
) STRICT;
CREATE INDEX meeting_person_by_person ON meeting_person (person_id);
CREATE INDEX meeting_person_by_party ON meeting_person (party_id);
CREATE INDEX meeting_person_by_document ON meeting_person (document_id);

-- The documents of a meeting (its fact sheet, what it cites).
CREATE TABLE meeting_document (
  id          INTEGER PRIMARY KEY,
  meeting_id  INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
  UNIQUE (meeting_id, document_id)
) STRICT;
CREATE INDEX meeting_document_by_document ON meeting_document (document_id);

-- A line of effort: a heading of a fact sheet and the sentence under it.
CREATE TABLE section (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*' AND slug GLOB '*[^0-9]*'),
  title       TEXT NOT NULL CHECK (title <> ''),
  heading     TEXT,            -- as written: 'ENHANCING EXTENDED DETERRENCE'
  lead_in     TEXT,
  position    INTEGER NOT NULL DEFAULT 0,
  document_id INTEGER REFERENCES document (id) ON DELETE SET NULL,
  source_line INTEGER CHECK (source_line IS NULL OR source_line >= 1)
) STRICT;
CREATE INDEX section_by_document ON section (document_id, position);

-- A framework, body or programme the allies set up or take part in.
CREATE TABLE framework (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*' AND slug GLOB '*[^0-9]*'),
  name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
  acronym     TEXT,
  kind        TEXT NOT NULL DEFAULT 'body'
              CHECK (kind IN ('group', 'committee', 'framework', 'partnership', 'dialogue',
                              'council', 'mechanism', 'programme', 'initiative', 'forum',
                              'body')),
  description TEXT,
  document_id INTEGER REFERENCES document (id) ON DELETE SET NULL,
  source_line INTEGER CHECK (source_line IS NULL OR source_line >= 1)
) STRICT;
CREATE INDEX framework_by_acronym ON framework (acronym);
CREATE INDEX framework_by_document ON framework (document_id);

-- An area of work: a focus area of a framework, or a technology area.
CREATE TABLE focus_area (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*' AND slug GLOB '*[^0-9]*'),
  name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
  kind        TEXT NOT NULL DEFAULT 'focus' CHECK (kind IN ('focus', 'technology')),
  document_id INTEGER REFERENCES document (id) ON DELETE SET NULL,
  source_line INTEGER CHECK (source_line IS NULL OR source_line >= 1)
) STRICT;
CREATE INDEX focus_area_by_document ON focus_area (document_id);

-- A named military exercise.
CREATE TABLE exercise (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*' AND slug GLOB '*[^0-9]*'),
  name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
  document_id INTEGER REFERENCES document (id) ON DELETE SET NULL,
  source_line INTEGER CHECK (source_line IS NULL OR source_line >= 1)
) STRICT;
CREATE INDEX exercise_by_document ON exercise (document_id);

-- An initiative: one item of a fact sheet's list, or one added by hand.
-- Its current status is that of its latest progress update. A copy of
-- that update's fields is kept in initiative_status by the triggers at the
-- end of this file (migration 0005), so the board reads one row per
-- initiative; the view initiative_current below reads it, and atrack_check
-- compares it with the history.
CREATE TABLE initiative (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*' AND slug GLOB '*[^0-9]*'),
  title       TEXT NOT NULL CHECK (title <> ''), -- short title
  body        TEXT NOT NULL,                     -- the whole text
  section_id  INTEGER REFERENCES section (id) ON DELETE SET NULL,
  meeting_id  INTEGER REFERENCES meeting (id) ON DELETE SET NULL,
  position    INTEGER NOT NULL DEFAULT 0,
  target_date TEXT CHECK (target_date IS NULL OR date(target_date) IS target_date),
  review_date TEXT CHECK (review_date IS NULL OR date(review_date) IS review_date),
  created_at  TEXT NOT NULL,
  document_id INTEGER REFERENCES document (id) ON DELETE SET NULL,
  line_start  INTEGER CHECK (line_start IS NULL OR line_start >= 1),
  line_end    INTEGER CHECK (line_end IS NULL OR line_end >= line_start)
) STRICT;
CREATE INDEX initiative_by_section ON initiative (section_id, position);
CREATE INDEX initiative_by_meeting ON initiative (meeting_id);
CREATE INDEX initiative_by_document ON initiative (document_id, position);
CREATE INDEX initiative_by_target_date ON initiative (target_date);

-- Focus areas of a framework.
CREATE TABLE framework_focus_area (
  id            INTEGER PRIMARY KEY,
  framework_id  INTEGER NOT NULL REFERENCES framework (id) ON DELETE CASCADE,
  focus_area_id INTEGER NOT NULL REFERENCES focus_area (id) ON DELETE CASCADE,
  document_id   INTEGER REFERENCES document (id) ON DELETE SET NULL,
  UNIQUE (framework_id, focus_area_id)
) STRICT;
CREATE INDEX framework_focus_area_by_focus_area ON framework_focus_area (focus_area_id);

-- What an initiative names: frameworks, parties, exercises, documents and
-- focus areas. document_id is the fact sheet that made the link (NULL when
-- made by hand), so a revised import can replace its own links only.
CREATE TABLE initiative_framework (
  id            INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative (id) ON DELETE CASCADE,
  framework_id  INTEGER NOT NULL REFERENCES framework (id) ON DELETE CASCADE,
  document_id   INTEGER REFERENCES document (id) ON DELETE SET NULL,
  UNIQUE (initiative_id, framework_id)
) STRICT;
CREATE INDEX initiative_framework_by_framework ON initiative_framework (framework_id);

CREATE TABLE initiative_party (
  id            INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative (id) ON DELETE CASCADE,
  party_id      INTEGER NOT NULL REFERENCES party (id) ON DELETE CASCADE,
  document_id   INTEGER REFERENCES document (id) ON DELETE SET NULL,
  UNIQUE (initiative_id, party_id)
) STRICT;
CREATE INDEX initiative_party_by_party ON initiative_party (party_id);

CREATE TABLE initiative_exercise (
  id            INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative (id) ON DELETE CASCADE,
  exercise_id   INTEGER NOT NULL REFERENCES exercise (id) ON DELETE CASCADE,
  document_id   INTEGER REFERENCES document (id) ON DELETE SET NULL,
  UNIQUE (initiative_id, exercise_id)
) STRICT;
CREATE INDEX initiative_exercise_by_exercise ON initiative_exercise (exercise_id);

CREATE TABLE initiative_document (
  id            INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative (id) ON DELETE CASCADE,
  cited_id      INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
  document_id   INTEGER REFERENCES document (id) ON DELETE SET NULL,
  UNIQUE (initiative_id, cited_id)
) STRICT;
CREATE INDEX initiative_document_by_cited ON initiative_document (cited_id);

CREATE TABLE initiative_focus_area (
  id            INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative (id) ON DELETE CASCADE,
  focus_area_id INTEGER NOT NULL REFERENCES focus_area (id) ON DELETE CASCADE,
  document_id   INTEGER REFERENCES document (id) ON DELETE SET NULL,
  UNIQUE (initiative_id, focus_area_id)
) STRICT;
CREATE INDEX initiative_focus_area_by_focus_area ON initiative_focus_area (focus_area_id);

-- A progress update: what happened to an initiative, when (event_date, the
-- day it happened) and when it was written down (recorded_at). History is
-- append-only in use; a correction is a new update, or an edit the audit
-- log keeps. is_reopen marks the update that leaves a terminal status.
CREATE TABLE progress_update (
  id                   INTEGER PRIMARY KEY,
  initiative_id        INTEGER NOT NULL REFERENCES initiative (id) ON DELETE CASCADE,
  status_id            INTEGER NOT NULL REFERENCES status_code (id),
  health               TEXT CHECK (health IS NULL OR health IN ('on_track', 'at_risk', 'off_track')),
  percent_complete     INTEGER CHECK (percent_complete IS NULL OR percent_complete BETWEEN 0 AND 100),
  note                 TEXT,
  author               TEXT NOT NULL CHECK (author <> ''),
  event_date           TEXT NOT NULL CHECK (date(event_date) IS event_date),
  recorded_at          TEXT NOT NULL,
  evidence_url         TEXT,
  evidence_document_id INTEGER REFERENCES document (id) ON DELETE SET NULL,
  is_reopen            INTEGER NOT NULL DEFAULT 0 CHECK (is_reopen IN (0, 1))
) STRICT;
-- The latest update of an initiative is one index seek: this index in
-- reverse, from (initiative_id, +inf). The same seek bounded by a date
-- answers "as of". It also holds the status and reopen flag (migration
-- 0004), so checking a written update against its neighbours (rules
-- T1-T3) reads no table row.
CREATE INDEX progress_update_latest
  ON progress_update (initiative_id, event_date, id, status_id, is_reopen);
CREATE INDEX progress_update_by_recorded_at ON progress_update (recorded_at);
CREATE INDEX progress_update_by_status ON progress_update (status_id);
CREATE INDEX progress_update_by_evidence ON progress_update (evidence_document_id);

-- Every change to every table above: who (the author of the handle that
-- made it), when, and the row before and after as JSON objects.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  author      TEXT NOT NULL,
  table_name  TEXT NOT NULL,
  row_id      INTEGER NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
  before_json TEXT,            -- JSON object, NULL for an insert
  after_json  TEXT             -- JSON object, NULL for a delete
) STRICT;
CREATE INDEX audit_log_by_row ON audit_log (table_name, row_id);
CREATE INDEX audit_log_by_at ON audit_log (at);

-- The current state of each initiative: its latest update by event date
-- (the later-recorded one on the same date), or NULLs when it has none.
-- The latest update's fields are kept in initiative_status (migration
-- 0005), so the board reads one small row per initiative however long the
-- history grows; the triggers at the end of this file keep that table
-- equal to the history, and atrack_check compares the two. The note is the
-- one column taken from the update itself (a query that does not ask for
-- it skips that join).
CREATE TABLE initiative_status (
  initiative_id    INTEGER PRIMARY KEY,  -- the initiative (rows go with its updates)
  update_id        INTEGER NOT NULL,     -- its latest update by (event_date, id)
  status_id        INTEGER NOT NULL,
  health           TEXT,
  percent_complete INTEGER,
  event_date       TEXT NOT NULL
) STRICT;
CREATE VIEW initiative_current AS
SELECT i.id AS initiative_id,
       c.update_id AS update_id,
       s.code AS status,
       s.is_terminal AS is_terminal,
       c.health AS health,
       c.percent_complete AS percent_complete,
       c.event_date AS last_update_date,
       u.note AS note
  FROM initiative AS i
  LEFT JOIN initiative_status AS c ON c.initiative_id = i.id
  LEFT JOIN progress_update AS u ON u.id = c.update_id
  LEFT JOIN status_code AS s ON s.id = c.status_id;

-- Audit triggers: one per table and action. The document body is left out
-- of the JSON (its sha256 stands for it).
CREATE TRIGGER status_code_ai AFTER INSERT ON status_code BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'status_code', new.id, 'insert',
          atrack_json_object('code', new.code, 'label', new.label, 'sort_order', new.sort_order, 'is_terminal', new.is_terminal, 'is_builtin', new.is_builtin));
END;
CREATE TRIGGER status_code_au AFTER UPDATE ON status_code BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'status_code', new.id, 'update',
          atrack_json_object('code', old.code, 'label', old.label, 'sort_order', old.sort_order, 'is_terminal', old.is_terminal, 'is_builtin', old.is_builtin),
          atrack_json_object('code', new.code, 'label', new.label, 'sort_order', new.sort_order, 'is_terminal', new.is_terminal, 'is_builtin', new.is_builtin));
END;
CREATE TRIGGER status_code_ad AFTER DELETE ON status_code BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'status_code', old.id, 'delete',
          atrack_json_object('code', old.code, 'label', old.label, 'sort_order', old.sort_order, 'is_terminal', old.is_terminal, 'is_builtin', old.is_builtin));
END;

CREATE TRIGGER document_ai AFTER INSERT ON document BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'document', new.id, 'insert',
          atrack_json_object('slug', new.slug, 'title', new.title, 'kind', new.kind, 'source', new.source, 'sha256', new.sha256, 'byte_size', new.byte_size, 'revision', new.revision, 'imported_at', new.imported_at, 'document_id', new.document_id, 'source_line', new.source_line));
END;
CREATE TRIGGER document_au AFTER UPDATE ON document BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'document', new.id, 'update',
          atrack_json_object('slug', old.slug, 'title', old.title, 'kind', old.kind, 'source', old.source, 'sha256', old.sha256, 'byte_size', old.byte_size, 'revision', old.revision, 'imported_at', old.imported_at, 'document_id', old.document_id, 'source_line', old.source_line),
          atrack_json_object('slug', new.slug, 'title', new.title, 'kind', new.kind, 'source', new.source, 'sha256', new.sha256, 'byte_size', new.byte_size, 'revision', new.revision, 'imported_at', new.imported_at, 'document_id', new.document_id, 'source_line', new.source_line));
END;
CREATE TRIGGER document_ad AFTER DELETE ON document BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'document', old.id, 'delete',
          atrack_json_object('slug', old.slug, 'title', old.title, 'kind', old.kind, 'source', old.source, 'sha256', old.sha256, 'byte_size', old.byte_size, 'revision', old.revision, 'imported_at', old.imported_at, 'document_id', old.document_id, 'source_line', old.source_line));
END;
CREATE TRIGGER document_text_ai AFTER INSERT ON document_text BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'document_text', new.id, 'insert',
          atrack_json_object('document_id', new.document_id, 'revision', new.revision, 'source', new.source, 'sha256', new.sha256, 'byte_size', new.byte_size, 'imported_at', new.imported_at));
END;
CREATE TRIGGER document_text_au AFTER UPDATE ON document_text BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'document_text', new.id, 'update',
          atrack_json_object('document_id', old.document_id, 'revision', old.revision, 'source', old.source, 'sha256', old.sha256, 'byte_size', old.byte_size, 'imported_at', old.imported_at),
          atrack_json_object('document_id', new.document_id, 'revision', new.revision, 'source', new.source, 'sha256', new.sha256, 'byte_size', new.byte_size, 'imported_at', new.imported_at));
END;
CREATE TRIGGER document_text_ad AFTER DELETE ON document_text BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'document_text', old.id, 'delete',
          atrack_json_object('document_id', old.document_id, 'revision', old.revision, 'source', old.source, 'sha256', old.sha256, 'byte_size', old.byte_size, 'imported_at', old.imported_at));
END;

CREATE TRIGGER party_ai AFTER INSERT ON party BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'party', new.id, 'insert',
          atrack_json_object('slug', new.slug, 'name', new.name, 'short_name', new.short_name, 'kind', new.kind, 'document_id', new.document_id, 'source_line', new.source_line));
END;
CREATE TRIGGER party_au AFTER UPDATE ON party BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'party', new.id, 'update',
          atrack_json_object('slug', old.slug, 'name', old.name, 'short_name', old.short_name, 'kind', old.kind, 'document_id', old.document_id, 'source_line', old.source_line),
          atrack_json_object('slug', new.slug, 'name', new.name, 'short_name', new.short_name, 'kind', new.kind, 'document_id', new.document_id, 'source_line', new.source_line));
END;
CREATE TRIGGER party_ad AFTER DELETE ON party BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'party', old.id, 'delete',
          atrack_json_object('slug', old.slug, 'name', old.name, 'short_name', old.short_name, 'kind', old.kind, 'document_id', old.document_id, 'source_line', old.source_line));
END;

CREATE TRIGGER document_party_ai AFTER INSERT ON document_party BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'document_party', new.id, 'insert',
          atrack_json_object('document_id', new.document_id, 'party_id', new.party_id, 'role', new.role));
END;
CREATE TRIGGER document_party_au AFTER UPDATE ON document_party BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'document_party', new.id, 'update',
          atrack_json_object('document_id', old.document_id, 'party_id', old.party_id, 'role', old.role),
          atrack_json_object('document_id', new.document_id, 'party_id', new.party_id, 'role', new.role));
END;
CREATE TRIGGER document_party_ad AFTER DELETE ON document_party BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'document_party', old.id, 'delete',
          atrack_json_object('document_id', old.document_id, 'party_id', old.party_id, 'role', old.role));
END;

CREATE TRIGGER person_ai AFTER INSERT ON person BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'person', new.id, 'insert',
          atrack_json_object('slug', new.slug, 'name', new.name, 'party_id', new.party_id, 'document_id', new.document_id, 'source_line', new.source_line));
END;
CREATE TRIGGER person_au AFTER UPDATE ON person BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'person', new.id, 'update',
          atrack_json_object('slug', old.slug, 'name', old.name, 'party_id', old.party_id, 'document_id', old.document_id, 'source_line', old.source_line),
          atrack_json_object('slug', new.slug, 'name', new.name, 'party_id', new.party_id, 'document_id', new.document_id, 'source_line', new.source_line));
END;
CREATE TRIGGER person_ad AFTER DELETE ON person BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'person', old.id, 'delete',
          atrack_json_object('slug', old.slug, 'name', old.name, 'party_id', old.party_id, 'document_id', old.document_id, 'source_line', old.source_line));
END;

CREATE TRIGGER meeting_ai AFTER INSERT ON meeting BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'meeting', new.id, 'insert',
          atrack_json_object('slug', new.slug, 'name', new.name, 'kind', new.kind, 'short_kind', new.short_kind, 'ordinal', new.ordinal, 'start_date', new.start_date, 'end_date', new.end_date, 'place', new.place, 'document_id', new.document_id, 'source_line', new.source_line));
END;
CREATE TRIGGER meeting_au AFTER UPDATE ON meeting BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'meeting', new.id, 'update',
          atrack_json_object('slug', old.slug, 'name', old.name, 'kind', old.kind, 'short_kind', old.short_kind, 'ordinal', old.ordinal, 'start_date', old.start_date, 'end_date', old.end_date, 'place', old.place, 'document_id', old.document_id, 'source_line', old.source_line),
          atrack_json_object('slug', new.slug, 'name', new.name, 'kind', new.kind, 'short_kind', new.short_kind, 'ordinal', new.ordinal, 'start_date', new.start_date, 'end_date', new.end_date, 'place', new.place, 'document_id', new.document_id, 'source_line', new.source_line));
END;
CREATE TRIGGER meeting_ad AFTER DELETE ON meeting BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'meeting', old.id, 'delete',
          atrack_json_object('slug', old.slug, 'name', old.name, 'kind', old.kind, 'short_kind', old.short_kind, 'ordinal', old.ordinal, 'start_date', old.start_date, 'end_date', old.end_date, 'place', old.place, 'document_id', old.document_id, 'source_line', old.source_line));
END;

CREATE TRIGGER meeting_person_ai AFTER INSERT ON meeting_person BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'meeting_person', new.id, 'insert',
          atrack_json_object('meeting_id', new.meeting_id, 'person_id', new.person_id, 'role', new.role, 'party_id', new.party_id, 'document_id', new.document_id));
END;
CREATE TRIGGER meeting_person_au AFTER UPDATE ON meeting_person BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'meeting_person', new.id, 'update',
          atrack_json_object('meeting_id', old.meeting_id, 'person_id', old.person_id, 'role', old.role, 'party_id', old.party_id, 'document_id', old.document_id),
          atrack_json_object('meeting_id', new.meeting_id, 'person_id', new.person_id, 'role', new.role, 'party_id', new.party_id, 'document_id', new.document_id));
END;
CREATE TRIGGER meeting_person_ad AFTER DELETE ON meeting_person BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'meeting_person', old.id, 'delete',
          atrack_json_object('meeting_id', old.meeting_id, 'person_id', old.person_id, 'role', old.role, 'party_id', old.party_id, 'document_id', old.document_id));
END;

CREATE TRIGGER meeting_document_ai AFTER INSERT ON meeting_document BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'meeting_document', new.id, 'insert',
          atrack_json_object('meeting_id', new.meeting_id, 'document_id', new.document_id));
END;
CREATE TRIGGER meeting_document_au AFTER UPDATE ON meeting_document BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'meeting_document', new.id, 'update',
          atrack_json_object('meeting_id', old.meeting_id, 'document_id', old.document_id),
          atrack_json_object('meeting_id', new.meeting_id, 'document_id', new.document_id));
END;
CREATE TRIGGER meeting_document_ad AFTER DELETE ON meeting_document BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'meeting_document', old.id, 'delete',
          atrack_json_object('meeting_id', old.meeting_id, 'document_id', old.document_id));
END;

CREATE TRIGGER section_ai AFTER INSERT ON section BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'section', new.id, 'insert',
          atrack_json_object('slug', new.slug, 'title', new.title, 'heading', new.heading, 'lead_in', new.lead_in, 'position', new.position, 'document_id', new.document_id, 'source_line', new.source_line));
END;
CREATE TRIGGER section_au AFTER UPDATE ON section BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'section', new.id, 'update',
          atrack_json_object('slug', old.slug, 'title', old.title, 'heading', old.heading, 'lead_in', old.lead_in, 'position', old.position, 'document_id', old.document_id, 'source_line', old.source_line),
          atrack_json_object('slug', new.slug, 'title', new.title, 'heading', new.heading, 'lead_in', new.lead_in, 'position', new.position, 'document_id', new.document_id, 'source_line', new.source_line));
END;
CREATE TRIGGER section_ad AFTER DELETE ON section BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'section', old.id, 'delete',
          atrack_json_object('slug', old.slug, 'title', old.title, 'heading', old.heading, 'lead_in', old.lead_in, 'position', old.position, 'document_id', old.document_id, 'source_line', old.source_line));
END;

CREATE TRIGGER framework_ai AFTER INSERT ON framework BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'framework', new.id, 'insert',
          atrack_json_object('slug', new.slug, 'name', new.name, 'acronym', new.acronym, 'kind', new.kind, 'description', new.description, 'document_id', new.document_id, 'source_line', new.source_line));
END;
CREATE TRIGGER framework_au AFTER UPDATE ON framework BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'framework', new.id, 'update',
          atrack_json_object('slug', old.slug, 'name', old.name, 'acronym', old.acronym, 'kind', old.kind, 'description', old.description, 'document_id', old.document_id, 'source_line', old.source_line),
          atrack_json_object('slug', new.slug, 'name', new.name, 'acronym', new.acronym, 'kind', new.kind, 'description', new.description, 'document_id', new.document_id, 'source_line', new.source_line));
END;
CREATE TRIGGER framework_ad AFTER DELETE ON framework BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'framework', old.id, 'delete',
          atrack_json_object('slug', old.slug, 'name', old.name, 'acronym', old.acronym, 'kind', old.kind, 'description', old.description, 'document_id', old.document_id, 'source_line', old.source_line));
END;

CREATE TRIGGER focus_area_ai AFTER INSERT ON focus_area BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'focus_area', new.id, 'insert',
          atrack_json_object('slug', new.slug, 'name', new.name, 'kind', new.kind, 'document_id', new.document_id, 'source_line', new.source_line));
END;
CREATE TRIGGER focus_area_au AFTER UPDATE ON focus_area BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'focus_area', new.id, 'update',
          atrack_json_object('slug', old.slug, 'name', old.name, 'kind', old.kind, 'document_id', old.document_id, 'source_line', old.source_line),
          atrack_json_object('slug', new.slug, 'name', new.name, 'kind', new.kind, 'document_id', new.document_id, 'source_line', new.source_line));
END;
CREATE TRIGGER focus_area_ad AFTER DELETE ON focus_area BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'focus_area', old.id, 'delete',
          atrack_json_object('slug', old.slug, 'name', old.name, 'kind', old.kind, 'document_id', old.document_id, 'source_line', old.source_line));
END;

CREATE TRIGGER exercise_ai AFTER INSERT ON exercise BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'exercise', new.id, 'insert',
          atrack_json_object('slug', new.slug, 'name', new.name, 'document_id', new.document_id, 'source_line', new.source_line));
END;
CREATE TRIGGER exercise_au AFTER UPDATE ON exercise BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'exercise', new.id, 'update',
          atrack_json_object('slug', old.slug, 'name', old.name, 'document_id', old.document_id, 'source_line', old.source_line),
          atrack_json_object('slug', new.slug, 'name', new.name, 'document_id', new.document_id, 'source_line', new.source_line));
END;
CREATE TRIGGER exercise_ad AFTER DELETE ON exercise BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'exercise', old.id, 'delete',
          atrack_json_object('slug', old.slug, 'name', old.name, 'document_id', old.document_id, 'source_line', old.source_line));
END;

CREATE TRIGGER initiative_ai AFTER INSERT ON initiative BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative', new.id, 'insert',
          atrack_json_object('slug', new.slug, 'title', new.title, 'body', new.body, 'section_id', new.section_id, 'meeting_id', new.meeting_id, 'position', new.position, 'target_date', new.target_date, 'review_date', new.review_date, 'created_at', new.created_at, 'document_id', new.document_id, 'line_start', new.line_start, 'line_end', new.line_end));
END;
CREATE TRIGGER initiative_au AFTER UPDATE ON initiative BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative', new.id, 'update',
          atrack_json_object('slug', old.slug, 'title', old.title, 'body', old.body, 'section_id', old.section_id, 'meeting_id', old.meeting_id, 'position', old.position, 'target_date', old.target_date, 'review_date', old.review_date, 'created_at', old.created_at, 'document_id', old.document_id, 'line_start', old.line_start, 'line_end', old.line_end),
          atrack_json_object('slug', new.slug, 'title', new.title, 'body', new.body, 'section_id', new.section_id, 'meeting_id', new.meeting_id, 'position', new.position, 'target_date', new.target_date, 'review_date', new.review_date, 'created_at', new.created_at, 'document_id', new.document_id, 'line_start', new.line_start, 'line_end', new.line_end));
END;
CREATE TRIGGER initiative_ad AFTER DELETE ON initiative BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative', old.id, 'delete',
          atrack_json_object('slug', old.slug, 'title', old.title, 'body', old.body, 'section_id', old.section_id, 'meeting_id', old.meeting_id, 'position', old.position, 'target_date', old.target_date, 'review_date', old.review_date, 'created_at', old.created_at, 'document_id', old.document_id, 'line_start', old.line_start, 'line_end', old.line_end));
END;

CREATE TRIGGER framework_focus_area_ai AFTER INSERT ON framework_focus_area BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'framework_focus_area', new.id, 'insert',
          atrack_json_object('framework_id', new.framework_id, 'focus_area_id', new.focus_area_id, 'document_id', new.document_id));
END;
CREATE TRIGGER framework_focus_area_au AFTER UPDATE ON framework_focus_area BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'framework_focus_area', new.id, 'update',
          atrack_json_object('framework_id', old.framework_id, 'focus_area_id', old.focus_area_id, 'document_id', old.document_id),
          atrack_json_object('framework_id', new.framework_id, 'focus_area_id', new.focus_area_id, 'document_id', new.document_id));
END;
CREATE TRIGGER framework_focus_area_ad AFTER DELETE ON framework_focus_area BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'framework_focus_area', old.id, 'delete',
          atrack_json_object('framework_id', old.framework_id, 'focus_area_id', old.focus_area_id, 'document_id', old.document_id));
END;

CREATE TRIGGER initiative_framework_ai AFTER INSERT ON initiative_framework BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative_framework', new.id, 'insert',
          atrack_json_object('initiative_id', new.initiative_id, 'framework_id', new.framework_id, 'document_id', new.document_id));
END;
CREATE TRIGGER initiative_framework_au AFTER UPDATE ON initiative_framework BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative_framework', new.id, 'update',
          atrack_json_object('initiative_id', old.initiative_id, 'framework_id', old.framework_id, 'document_id', old.document_id),
          atrack_json_object('initiative_id', new.initiative_id, 'framework_id', new.framework_id, 'document_id', new.document_id));
END;
CREATE TRIGGER initiative_framework_ad AFTER DELETE ON initiative_framework BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative_framework', old.id, 'delete',
          atrack_json_object('initiative_id', old.initiative_id, 'framework_id', old.framework_id, 'document_id', old.document_id));
END;

CREATE TRIGGER initiative_party_ai AFTER INSERT ON initiative_party BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative_party', new.id, 'insert',
          atrack_json_object('initiative_id', new.initiative_id, 'party_id', new.party_id, 'document_id', new.document_id));
END;
CREATE TRIGGER initiative_party_au AFTER UPDATE ON initiative_party BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative_party', new.id, 'update',
          atrack_json_object('initiative_id', old.initiative_id, 'party_id', old.party_id, 'document_id', old.document_id),
          atrack_json_object('initiative_id', new.initiative_id, 'party_id', new.party_id, 'document_id', new.document_id));
END;
CREATE TRIGGER initiative_party_ad AFTER DELETE ON initiative_party BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative_party', old.id, 'delete',
          atrack_json_object('initiative_id', old.initiative_id, 'party_id', old.party_id, 'document_id', old.document_id));
END;

CREATE TRIGGER initiative_exercise_ai AFTER INSERT ON initiative_exercise BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative_exercise', new.id, 'insert',
          atrack_json_object('initiative_id', new.initiative_id, 'exercise_id', new.exercise_id, 'document_id', new.document_id));
END;
CREATE TRIGGER initiative_exercise_au AFTER UPDATE ON initiative_exercise BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative_exercise', new.id, 'update',
          atrack_json_object('initiative_id', old.initiative_id, 'exercise_id', old.exercise_id, 'document_id', old.document_id),
          atrack_json_object('initiative_id', new.initiative_id, 'exercise_id', new.exercise_id, 'document_id', new.document_id));
END;
CREATE TRIGGER initiative_exercise_ad AFTER DELETE ON initiative_exercise BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative_exercise', old.id, 'delete',
          atrack_json_object('initiative_id', old.initiative_id, 'exercise_id', old.exercise_id, 'document_id', old.document_id));
END;

CREATE TRIGGER initiative_document_ai AFTER INSERT ON initiative_document BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative_document', new.id, 'insert',
          atrack_json_object('initiative_id', new.initiative_id, 'cited_id', new.cited_id, 'document_id', new.document_id));
END;
CREATE TRIGGER initiative_document_au AFTER UPDATE ON initiative_document BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative_document', new.id, 'update',
          atrack_json_object('initiative_id', old.initiative_id, 'cited_id', old.cited_id, 'document_id', old.document_id),
          atrack_json_object('initiative_id', new.initiative_id, 'cited_id', new.cited_id, 'document_id', new.document_id));
END;
CREATE TRIGGER initiative_document_ad AFTER DELETE ON initiative_document BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative_document', old.id, 'delete',
          atrack_json_object('initiative_id', old.initiative_id, 'cited_id', old.cited_id, 'document_id', old.document_id));
END;

CREATE TRIGGER initiative_focus_area_ai AFTER INSERT ON initiative_focus_area BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative_focus_area', new.id, 'insert',
          atrack_json_object('initiative_id', new.initiative_id, 'focus_area_id', new.focus_area_id, 'document_id', new.document_id));
END;
CREATE TRIGGER initiative_focus_area_au AFTER UPDATE ON initiative_focus_area BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative_focus_area', new.id, 'update',
          atrack_json_object('initiative_id', old.initiative_id, 'focus_area_id', old.focus_area_id, 'document_id', old.document_id),
          atrack_json_object('initiative_id', new.initiative_id, 'focus_area_id', new.focus_area_id, 'document_id', new.document_id));
END;
CREATE TRIGGER initiative_focus_area_ad AFTER DELETE ON initiative_focus_area BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'initiative_focus_area', old.id, 'delete',
          atrack_json_object('initiative_id', old.initiative_id, 'focus_area_id', old.focus_area_id, 'document_id', old.document_id));
END;

CREATE TRIGGER progress_update_ai AFTER INSERT ON progress_update BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'progress_update', new.id, 'insert',
          atrack_json_object('initiative_id', new.initiative_id, 'status_id', new.status_id, 'health', new.health, 'percent_complete', new.percent_complete, 'note', new.note, 'author', new.author, 'event_date', new.event_date, 'recorded_at', new.recorded_at, 'evidence_url', new.evidence_url, 'evidence_document_id', new.evidence_document_id, 'is_reopen', new.is_reopen));
END;
CREATE TRIGGER progress_update_au AFTER UPDATE ON progress_update BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'progress_update', new.id, 'update',
          atrack_json_object('initiative_id', old.initiative_id, 'status_id', old.status_id, 'health', old.health, 'percent_complete', old.percent_complete, 'note', old.note, 'author', old.author, 'event_date', old.event_date, 'recorded_at', old.recorded_at, 'evidence_url', old.evidence_url, 'evidence_document_id', old.evidence_document_id, 'is_reopen', old.is_reopen),
          atrack_json_object('initiative_id', new.initiative_id, 'status_id', new.status_id, 'health', new.health, 'percent_complete', new.percent_complete, 'note', new.note, 'author', new.author, 'event_date', new.event_date, 'recorded_at', new.recorded_at, 'evidence_url', new.evidence_url, 'evidence_document_id', new.evidence_document_id, 'is_reopen', new.is_reopen));
END;
CREATE TRIGGER progress_update_ad AFTER DELETE ON progress_update BEGIN
  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), atrack_author(), 'progress_update', old.id, 'delete',
          atrack_json_object('initiative_id', old.initiative_id, 'status_id', old.status_id, 'health', old.health, 'percent_complete', old.percent_complete, 'note', old.note, 'author', old.author, 'event_date', old.event_date, 'recorded_at', old.recorded_at, 'evidence_url', old.evidence_url, 'evidence_document_id', old.evidence_document_id, 'is_reopen', old.is_reopen));
END;

-- ---- Full-text search (migration 0002) ----------------------------------

-- One entry per initiative (short title; text), framework (name; acronym
-- and description), focus area (name), meeting (name; kind and place) and
-- progress update (no title; its note). The rowid is id * 16 + kind (the
-- atrack_kind number), so an entry is found and replaced by rowid alone.
-- Words are folded to lower case without diacritics; prefixes of 2 and 3
-- characters have their own index, so "nucl*" needs no scan. Titles weigh
-- five times the text in the ranking (bm25).
CREATE VIRTUAL TABLE search_index USING fts5(
  kind UNINDEXED, ref_id UNINDEXED, title, body,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(0.0, 0.0, 5.0, 1.0)');

-- The entries to rewrite before the transaction commits. (The triggers
-- test for a queued entry rather than use INSERT OR IGNORE: inside a
-- foreign key's ON DELETE action SQLite aborts on the conflict instead.)
-- The connection
-- runs with trusted_schema off, under which SQLite lets no trigger write
-- to a virtual table; so the triggers below only queue the rowid, and the
-- library rewrites the queued entries from the tables (src/lib/search/search.c)
-- in the same transaction, before every commit.
CREATE TABLE search_pending (
  doc_id INTEGER PRIMARY KEY  -- the search_index rowid: id * 16 + kind
) STRICT;

CREATE TRIGGER search_initiative_ai AFTER INSERT ON initiative BEGIN
  INSERT INTO search_pending (doc_id) SELECT new.id * 16 + 7
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = new.id * 16 + 7);
END;
CREATE TRIGGER search_initiative_au AFTER UPDATE ON initiative BEGIN
  INSERT INTO search_pending (doc_id) SELECT d FROM (SELECT old.id * 16 + 7 AS d UNION SELECT new.id * 16 + 7)
    WHERE d NOT IN (SELECT doc_id FROM search_pending);
END;
CREATE TRIGGER search_initiative_ad AFTER DELETE ON initiative BEGIN
  INSERT INTO search_pending (doc_id) SELECT old.id * 16 + 7
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = old.id * 16 + 7);
END;
CREATE TRIGGER search_framework_ai AFTER INSERT ON framework BEGIN
  INSERT INTO search_pending (doc_id) SELECT new.id * 16 + 8
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = new.id * 16 + 8);
END;
CREATE TRIGGER search_framework_au AFTER UPDATE ON framework BEGIN
  INSERT INTO search_pending (doc_id) SELECT d FROM (SELECT old.id * 16 + 8 AS d UNION SELECT new.id * 16 + 8)
    WHERE d NOT IN (SELECT doc_id FROM search_pending);
END;
CREATE TRIGGER search_framework_ad AFTER DELETE ON framework BEGIN
  INSERT INTO search_pending (doc_id) SELECT old.id * 16 + 8
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = old.id * 16 + 8);
END;
CREATE TRIGGER search_focus_area_ai AFTER INSERT ON focus_area BEGIN
  INSERT INTO search_pending (doc_id) SELECT new.id * 16 + 9
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = new.id * 16 + 9);
END;
CREATE TRIGGER search_focus_area_au AFTER UPDATE ON focus_area BEGIN
  INSERT INTO search_pending (doc_id) SELECT d FROM (SELECT old.id * 16 + 9 AS d UNION SELECT new.id * 16 + 9)
    WHERE d NOT IN (SELECT doc_id FROM search_pending);
END;
CREATE TRIGGER search_focus_area_ad AFTER DELETE ON focus_area BEGIN
  INSERT INTO search_pending (doc_id) SELECT old.id * 16 + 9
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = old.id * 16 + 9);
END;
CREATE TRIGGER search_meeting_ai AFTER INSERT ON meeting BEGIN
  INSERT INTO search_pending (doc_id) SELECT new.id * 16 + 3
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = new.id * 16 + 3);
END;
CREATE TRIGGER search_meeting_au AFTER UPDATE ON meeting BEGIN
  INSERT INTO search_pending (doc_id) SELECT d FROM (SELECT old.id * 16 + 3 AS d UNION SELECT new.id * 16 + 3)
    WHERE d NOT IN (SELECT doc_id FROM search_pending);
END;
CREATE TRIGGER search_meeting_ad AFTER DELETE ON meeting BEGIN
  INSERT INTO search_pending (doc_id) SELECT old.id * 16 + 3
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = old.id * 16 + 3);
END;
CREATE TRIGGER search_progress_update_au AFTER UPDATE ON progress_update BEGIN
  INSERT INTO search_pending (doc_id) SELECT d FROM (SELECT old.id * 16 + 11 AS d UNION SELECT new.id * 16 + 11)
    WHERE d NOT IN (SELECT doc_id FROM search_pending);
END;
CREATE TRIGGER search_progress_update_ad AFTER DELETE ON progress_update BEGIN
  INSERT INTO search_pending (doc_id) SELECT old.id * 16 + 11
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = old.id * 16 + 11);
END;

-- ---- The search index's mark (migration 0003) ---------------------------

-- New progress updates reach the index by a high-water mark rather than a
-- queued row each: updates are the one table that grows without bound, and
-- are almost always appended. Every update with an id up to the mark has
-- its entry, or is queued in search_pending; before each commit the library
-- indexes the updates above the mark, rewrites the queued entries and sets
-- the mark to the highest id. A new row gets the highest rowid plus one, so
-- it lands above the mark unless its id was chosen (an import) or the
-- newest update was deleted; only those inserts are queued.
CREATE TABLE search_mark (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  progress_update_id INTEGER NOT NULL  -- updates up to this id are indexed or queued
) STRICT;
INSERT INTO search_mark (id, progress_update_id) VALUES (1, 0);

CREATE TRIGGER search_progress_update_ai AFTER INSERT ON progress_update
  WHEN new.id <= (SELECT progress_update_id FROM search_mark WHERE id = 1) BEGIN
  INSERT INTO search_pending (doc_id) SELECT new.id * 16 + 11
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = new.id * 16 + 11);
END;

-- ---- Keeping initiative_status equal to the history (migration 0005) ----

-- A new update becomes the current one unless a later-dated one exists.
CREATE TRIGGER initiative_status_ai AFTER INSERT ON progress_update BEGIN
  INSERT INTO initiative_status
    (initiative_id, update_id, status_id, health, percent_complete, event_date)
    VALUES (new.initiative_id, new.id, new.status_id, new.health, new.percent_complete,
            new.event_date)
    ON CONFLICT (initiative_id) DO UPDATE SET
      update_id = excluded.update_id, status_id = excluded.status_id,
      health = excluded.health, percent_complete = excluded.percent_complete,
      event_date = excluded.event_date
    WHERE (excluded.event_date, excluded.update_id)
          > (initiative_status.event_date, initiative_status.update_id);
END;
-- An edit or a delete may change which update is the latest: the row is
-- found again from the history (one seek). While an initiative's updates
-- are deleted by cascade, this runs once per update and leaves no row.
CREATE TRIGGER initiative_status_au AFTER UPDATE OF initiative_id, status_id, health,
  percent_complete, event_date ON progress_update BEGIN
  DELETE FROM initiative_status WHERE initiative_id IN (old.initiative_id, new.initiative_id);
  INSERT INTO initiative_status
    (initiative_id, update_id, status_id, health, percent_complete, event_date)
    SELECT u.initiative_id, u.id, u.status_id, u.health, u.percent_complete, u.event_date
      FROM progress_update AS u
     WHERE u.id IN ((SELECT p.id FROM progress_update AS p WHERE p.initiative_id = old.initiative_id
                      ORDER BY p.event_date DESC, p.id DESC LIMIT 1),
                    (SELECT p.id FROM progress_update AS p WHERE p.initiative_id = new.initiative_id
                      ORDER BY p.event_date DESC, p.id DESC LIMIT 1));
END;
CREATE TRIGGER initiative_status_ad AFTER DELETE ON progress_update
  WHEN old.id = (SELECT update_id FROM initiative_status WHERE initiative_id = old.initiative_id) BEGIN
  DELETE FROM initiative_status WHERE initiative_id = old.initiative_id;
  INSERT INTO initiative_status
    (initiative_id, update_id, status_id, health, percent_complete, event_date)
    SELECT u.initiative_id, u.id, u.status_id, u.health, u.percent_complete, u.event_date
      FROM progress_update AS u
     WHERE u.id = (SELECT p.id FROM progress_update AS p WHERE p.initiative_id = old.initiative_id
                    ORDER BY p.event_date DESC, p.id DESC LIMIT 1);
END;

-- ---- Parties, people, exercises and documents in the search index (migration 0006)

-- A party by its name and short name (ROK, U.S.), a person by name, an
-- exercise by name, a document by its title and source (not its imported
-- text, which every query would find), queued as the entries above.
CREATE TRIGGER search_party_ai AFTER INSERT ON party BEGIN
  INSERT INTO search_pending (doc_id) SELECT new.id * 16 + 1
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = new.id * 16 + 1);
END;
CREATE TRIGGER search_party_au AFTER UPDATE ON party BEGIN
  INSERT INTO search_pending (doc_id) SELECT d FROM (SELECT old.id * 16 + 1 AS d UNION SELECT new.id * 16 + 1)
    WHERE d NOT IN (SELECT doc_id FROM search_pending);
END;
CREATE TRIGGER search_party_ad AFTER DELETE ON party BEGIN
  INSERT INTO search_pending (doc_id) SELECT old.id * 16 + 1
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = old.id * 16 + 1);
END;
CREATE TRIGGER search_person_ai AFTER INSERT ON person BEGIN
  INSERT INTO search_pending (doc_id) SELECT new.id * 16 + 2
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = new.id * 16 + 2);
END;
CREATE TRIGGER search_person_au AFTER UPDATE ON person BEGIN
  INSERT INTO search_pending (doc_id) SELECT d FROM (SELECT old.id * 16 + 2 AS d UNION SELECT new.id * 16 + 2)
    WHERE d NOT IN (SELECT doc_id FROM search_pending);
END;
CREATE TRIGGER search_person_ad AFTER DELETE ON person BEGIN
  INSERT INTO search_pending (doc_id) SELECT old.id * 16 + 2
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = old.id * 16 + 2);
END;
CREATE TRIGGER search_exercise_ai AFTER INSERT ON exercise BEGIN
  INSERT INTO search_pending (doc_id) SELECT new.id * 16 + 10
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = new.id * 16 + 10);
END;
CREATE TRIGGER search_exercise_au AFTER UPDATE ON exercise BEGIN
  INSERT INTO search_pending (doc_id) SELECT d FROM (SELECT old.id * 16 + 10 AS d UNION SELECT new.id * 16 + 10)
    WHERE d NOT IN (SELECT doc_id FROM search_pending);
END;
CREATE TRIGGER search_exercise_ad AFTER DELETE ON exercise BEGIN
  INSERT INTO search_pending (doc_id) SELECT old.id * 16 + 10
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = old.id * 16 + 10);
END;
CREATE TRIGGER search_document_ai AFTER INSERT ON document BEGIN
  INSERT INTO search_pending (doc_id) SELECT new.id * 16 + 5
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = new.id * 16 + 5);
END;
CREATE TRIGGER search_document_au AFTER UPDATE ON document BEGIN
  INSERT INTO search_pending (doc_id) SELECT d FROM (SELECT old.id * 16 + 5 AS d UNION SELECT new.id * 16 + 5)
    WHERE d NOT IN (SELECT doc_id FROM search_pending);
END;
CREATE TRIGGER search_document_ad AFTER DELETE ON document BEGIN
  INSERT INTO search_pending (doc_id) SELECT old.id * 16 + 5
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = old.id * 16 + 5);
END;
