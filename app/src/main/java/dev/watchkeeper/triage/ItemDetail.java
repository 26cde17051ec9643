package dev.watchkeeper.triage;

import dev.watchkeeper.db.triage.ActionRow;
import dev.watchkeeper.db.ingest.AlertRow;

import java.util.List;

/** An item with its alerts and the actions taken on it. */
public record ItemDetail(Item item, List<AlertRow> alerts, List<ActionRow> actions, List<ItemContext.Line> context) {
}
