package dev.watchkeeper.rotation;

import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every {@link ShiftEnded} published in a test application. */
@Singleton
@Requires(env = "test")
public class RecordedShiftEnds {

    private final List<ShiftEnded> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(ShiftEnded e) {
        events.add(e);
    }

    public List<ShiftEnded> all() {
        return List.copyOf(events);
    }
}
