-- A decision imported from a history file belongs to one occurrence (the file's line), not to every
-- occurrence its item held: its label is that line's own outcome. Live decisions leave it null and
-- settle the item's occurrences that fired since the previous decision.
ALTER TABLE action ADD COLUMN occurrence_id INTEGER REFERENCES occurrence (id);
