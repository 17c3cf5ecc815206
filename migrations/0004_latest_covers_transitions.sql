-- 0004_latest_covers_transitions.sql - index progress_update_latest also
-- holds each update's status and reopen flag. Every update written is
-- checked against its neighbours in the history (rules T1-T3); with these
-- two columns in the index that check reads no table row, which took
-- about a fifth of the library's own work per logged update.
DROP INDEX progress_update_latest;
CREATE INDEX progress_update_latest
  ON progress_update (initiative_id, event_date, id, status_id, is_reopen);
