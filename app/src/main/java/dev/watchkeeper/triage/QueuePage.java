package dev.watchkeeper.triage;

import dev.watchkeeper.db.ItemRow;

import java.util.List;

/** One page of the queue and how many items match in all. */
public record QueuePage(List<ItemRow> items, int total, int limit, int offset) {
}
