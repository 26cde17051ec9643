package dev.watchkeeper.testing;

import dev.watchkeeper.triage.ItemEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every {@link ItemEvent} published in a test application, in order. */
@Singleton
@Requires(env = "test")
public class RecordedEvents {

    private final List<ItemEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(ItemEvent event) {
        events.add(event);
    }

    public List<ItemEvent> all() {
        return List.copyOf(events);
    }

    public List<ItemEvent.Kind> kindsFor(int itemId) {
        return events.stream().filter(e -> e.itemId() == itemId).map(ItemEvent::kind).toList();
    }
}
