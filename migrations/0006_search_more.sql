-- 0006_search_more.sql - parties, people, exercises and documents in the
-- search index too: a party by its name and short name (ROK, U.S.), a
-- person by name, an exercise by name, a document by its title and source
-- (its imported text is not an entry: every query would find it). Their
-- rows are queued as those of 0002 are; the library writes the entries
-- (src/lib/search/search.c).
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

-- What is already there is queued; the library indexes it right after
-- migrating.
INSERT OR IGNORE INTO search_pending (doc_id)
  SELECT id * 16 + 1 FROM party
  UNION ALL SELECT id * 16 + 2 FROM person
  UNION ALL SELECT id * 16 + 10 FROM exercise
  UNION ALL SELECT id * 16 + 5 FROM document;
