-- 0007_documents.sql - two things of a document. Its earlier texts: a
-- revised text replaces the document's body in place, and the text it
-- replaces is kept in document_text, with its revision number, digest,
-- size, source and time of import, so that no imported text is ever lost.
-- Its parties: each party a document names, in its role there: 'party'
-- (one of the countries that meet) or 'mentioned' (named only: an
-- adversary, a bystander), so either can be filtered by.
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


CREATE TABLE document_party (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
  party_id    INTEGER NOT NULL REFERENCES party (id) ON DELETE CASCADE,
  role        TEXT NOT NULL DEFAULT 'party' CHECK (role IN ('party', 'mentioned')),
  UNIQUE (document_id, party_id)
) STRICT;
CREATE INDEX document_party_by_party ON document_party (party_id, role);

-- document_text's audit images leave the body out, as the document's do: the sha256
-- stands for it.
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
