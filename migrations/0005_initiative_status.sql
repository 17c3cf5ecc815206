-- 0005_initiative_status.sql - each initiative's current status kept in a
-- small table of its own, so that the status board reads one row per
-- initiative however long the history grows.
--
-- Until now the view initiative_current found the latest update of each
-- initiative by a seek on progress_update_latest. At a million updates that
-- index no longer fits SQLite's page cache, and the board read one index
-- page per initiative from the file: 1.6 times slower than at 10,000
-- updates for the same 10,000 initiatives. The table holds a copy of the
-- latest update's fields; the triggers below keep it equal to the history
-- on every insert, edit and delete (cascades too), and atrack_check
-- compares the two.
CREATE TABLE initiative_status (
  initiative_id    INTEGER PRIMARY KEY,  -- the initiative (rows go with its updates)
  update_id        INTEGER NOT NULL,     -- its latest update by (event_date, id)
  status_id        INTEGER NOT NULL,
  health           TEXT,
  percent_complete INTEGER,
  event_date       TEXT NOT NULL
) STRICT;
INSERT INTO initiative_status
  (initiative_id, update_id, status_id, health, percent_complete, event_date)
  SELECT u.initiative_id, u.id, u.status_id, u.health, u.percent_complete, u.event_date
    FROM initiative AS i
    JOIN progress_update AS u ON u.id = (SELECT p.id FROM progress_update AS p
                                          WHERE p.initiative_id = i.id
                                          ORDER BY p.event_date DESC, p.id DESC LIMIT 1);

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

-- The view reads the table; the note is the one column it still takes
-- from the update itself (a query that does not ask for it skips that join).
DROP VIEW initiative_current;
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
