-- exports.shown_state.pruned_shown_texts: drop the kept shown texts this run's exports did not use
-- (__shown_used: the keys they asked for); returns the count.
DELETE FROM shown_texts WHERE text_key NOT IN (SELECT text_key FROM __shown_used)
