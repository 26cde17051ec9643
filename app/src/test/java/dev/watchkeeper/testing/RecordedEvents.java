package dev.watchkeeper.testing;

import dev.watchkeeper.triage.ItemEvent;
import dev.watchkeeper.triage.ItemNotifier;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything that happened to items in a test application, in order: what the alert pipeline told its
 * {@link ItemNotifier}s (created, re-fired, updated, paged, ...) and every {@link ItemEvent} published (actions).
 */
@Singleton
@Requires(env = "test")
public class RecordedEvents implements ItemNotifier {

    private final List<ItemEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(ItemEvent event) {
        events.add(event);
    }

    @Override
    public void paged(int itemId) {
        events.add(new ItemEvent(itemId, ItemEvent.Kind.PAGED, null));
    }

    @Override
    public void changed(int itemId, ItemEvent.Kind what) {
        events.add(new ItemEvent(itemId, what, null));
    }

    public List<ItemEvent> all() {
        return List.copyOf(events);
    }

    public List<ItemEvent.Kind> kindsFor(int itemId) {
        return events.stream().filter(e -> e.itemId() == itemId).map(ItemEvent::kind).toList();
    }
}
