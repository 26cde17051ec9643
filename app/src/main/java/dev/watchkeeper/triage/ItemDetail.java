package dev.watchkeeper.triage;

import dev.watchkeeper.db.ActionRow;
import dev.watchkeeper.db.AlertRow;

import java.util.List;

/** An item with its alerts and the actions taken on it. */
public record ItemDetail(Item item, List<AlertRow> alerts, List<ActionRow> actions, List<ItemContext.Line> context) {
}
