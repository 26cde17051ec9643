package dev.watchkeeper.triage;


import java.util.List;

/** One page of the queue and how many items match in all. */
public record QueuePage(List<Item> items, int total, int limit, int offset) {
}
