-- exports.shown_state.refreshed_names: the known names whose replacement changed since the last run
-- (new, gone or replaced by something else), comparing __shown_current (this run's) with shown_names.
SELECT coalesce(c.name_hash, s.name_hash) AS name_hash
FROM __shown_current c FULL OUTER JOIN shown_names s USING (name_hash)
WHERE c.replacement IS DISTINCT FROM s.replacement
