package dev.watchkeeper.triage;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.triage.ItemRow;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.triage.TriageStore;
import dev.watchkeeper.db.review.ReviewStore;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stale items leave the queue by a rule people can see: acknowledged, source resolved, untouched for
 * {@link StaleConfig#after()} → resolved, with a {@code close} action by {@value #ACTOR} through surface
 * {@code rule} whose note states the rule. Run by {@link StaleJob} in the server and by {@code review close-stale}.
 */
@Singleton
public class StaleRule {

    /** The handle rule-made actions are recorded under. */
    public static final String ACTOR = "watchkeeper";
    /** Items closed per run at most; the next run takes the rest. */
    static final int BATCH = 1000;

    private final Database db;
    private final TriageStore triage;
    private final ReviewStore review;
    private final PersonStore people;
    private final StaleConfig config;
    private final ItemLifecycle lifecycle;
    private final ApplicationEventPublisher<ItemEvent> events;
    private final Clock clock;

    public StaleRule(Database db, TriageStore triage, ReviewStore review, PersonStore people, StaleConfig config,
                     ItemLifecycle lifecycle, ApplicationEventPublisher<ItemEvent> events, Clock clock) {
        this.db = db;
        this.triage = triage;
        this.review = review;
        this.people = people;
        this.config = config;
        this.lifecycle = lifecycle;
        this.events = events;
        this.clock = clock;
    }

    public Duration after() {
        return config.after();
    }

    /** The rule in words, as recorded on each item it closes. */
    public String describe() {
        return "stale rule (acknowledged, every alert resolved at the source, untouched for " + words(config.after())
                + " → closed as resolved by source)";
    }

    /** Items the rule would close now, oldest first. */
    public List<Item> due() {
        if (config.after().isZero() || config.after().isNegative()) {
            return List.of();
        }
        Instant cutoff = clock.instant().minus(config.after());
        return db.read(dsl -> {
            List<ItemRow> candidates = review.acknowledgedSourceResolved(dsl, BATCH);
            Map<Integer, Instant> last = review.lastActionOf(dsl, candidates.stream().map(ItemRow::id).toList());
            List<Item> out = new ArrayList<>();
            for (ItemRow i : candidates) {
                Instant touched = latest(last.get(i.id()), i.updatedAt());
                if (!touched.isAfter(cutoff)) {
                    out.add(Item.of(i));
                }
            }
            return out;
        });
    }

    /** Closes every due item; returns their ids. */
    public List<Integer> apply() {
        List<Item> due = due();
        if (due.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        String note = describe();
        List<Integer> closed = db.write(tx -> {
            int actor = people.idForHandle(tx, ACTOR, now);
            List<Integer> ids = new ArrayList<>();
            for (Item i : due) {
                // Re-read inside the transaction: someone may have acted or the alert fired again meanwhile.
                // The rules refuse an item that is no longer acknowledged and resolved at the source.
                Item current = triage.find(tx, i.id()).map(Item::of).orElse(null);
                if (current != null && lifecycle.act(tx, current, ActionKind.CLOSE, ItemStates.Sender.STALE_RULE,
                        () -> actor, "rule", now, note, null, null).isPresent()) {
                    ids.add(i.id());
                }
            }
            return ids;
        });
        for (int id : closed) {
            events.publishEvent(new ItemEvent(id, ItemEvent.Kind.ACTION, ActionKind.CLOSE.wire()));
        }
        return closed;
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    static String words(Duration d) {
        if (d.toHours() % 24 == 0 && d.toDays() > 0) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (d.toMinutes() % 60 == 0 && d.toHours() > 0) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        return d.toMinutes() + " minutes";
    }
}
