-- exports.shown_state.kept_texts: the kept shown texts of the keys in __shown_wanted, under $settings.
SELECT s.text_key, s.shown
FROM shown_texts s SEMI JOIN __shown_wanted w USING (text_key)
WHERE s.settings = $settings
