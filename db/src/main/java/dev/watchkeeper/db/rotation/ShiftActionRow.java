package dev.watchkeeper.db.rotation;

import java.time.Instant;

/** An action taken during a shift, with the title of its item (for handoff summaries). */
public record ShiftActionRow(int itemId, String title, String kind, String actor, Instant at, String note) {
}
