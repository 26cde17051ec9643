package dev.watchkeeper.triage;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.triage.QueueFilter;
import dev.watchkeeper.db.triage.TriageStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * The triage queue, read-only: a page of items in rank order. Apart from {@link TriageService} so that what only
 * reads the queue (the {@code queue} command, {@code GET /api/queue}) needs the database and nothing else, not
 * the alert path and the channels that acting on an item reaches.
 */
@Singleton
public class ItemQueue {

    private final Database db;
    private final TriageStore triage;
    private final Clock clock;

    public ItemQueue(Database db, TriageStore triage, Clock clock) {
        this.db = db;
        this.triage = triage;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public QueuePage page(QueueFilter filter) {
        return db.read(dsl -> new QueuePage(triage.queue(dsl, filter).stream().map(Item::of).toList(),
                triage.count(dsl, filter), filter.limit(), filter.offset()));
    }
}
