package dev.watchkeeper.triage;

import dev.watchkeeper.db.ActionRow;
import dev.watchkeeper.db.AlertRow;
import dev.watchkeeper.db.ItemRow;

import java.util.List;

/** An item with its alerts and the actions taken on it. */
public record ItemDetail(ItemRow item, List<AlertRow> alerts, List<ActionRow> actions, List<ItemContext.Line> context) {
}
