-- exports.shown_state.refreshed_names: drop the kept shown texts that can no longer be reused: made under
-- other masking settings ($settings), or that looked up a name whose replacement changed ($changed: codes).
DELETE FROM shown_texts
WHERE settings <> $settings OR list_has_any(lookups, $changed::BIGINT[])
