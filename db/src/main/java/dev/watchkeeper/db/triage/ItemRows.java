package dev.watchkeeper.db.triage;

import org.jooq.Record;

/** Maps a selected {@code triage_item} row (with the assignee's handle as {@code assignee.handle}) for stores outside this package. */
public final class ItemRows {

    private ItemRows() {
    }

    public static ItemRow of(Record r) {
        return TriageStore.toRow(r);
    }
}
