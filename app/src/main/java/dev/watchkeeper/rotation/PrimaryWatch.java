package dev.watchkeeper.rotation;

import dev.watchkeeper.db.rotation.RotationRow;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Notices when a rotation's primary changes and publishes {@link PrimaryChanged}; run by the scheduled check. */
@Singleton
public class PrimaryWatch {

    private final RotationService rotations;
    private final ApplicationEventPublisher<PrimaryChanged> events;
    private final Clock clock;
    private final Map<String, String> lastSeen = new ConcurrentHashMap<>();

    public PrimaryWatch(RotationService rotations, ApplicationEventPublisher<PrimaryChanged> events, Clock clock) {
        this.rotations = rotations;
        this.events = events;
        this.clock = clock;
    }

    /** Publishes one event per rotation whose primary differs from the one seen at the last check. */
    public List<PrimaryChanged> check() {
        List<PrimaryChanged> changed = new ArrayList<>();
        for (RotationRow r : rotations.rotations()) {
            RotationPlan plan = rotations.plan(r.name());
            String now = plan.isEmpty() ? null : plan.primaryAt(clock.instant());
            String before = lastSeen.get(r.name());
            if (now != null && !Objects.equals(before, now)) {
                lastSeen.put(r.name(), now);
                PrimaryChanged e = new PrimaryChanged(r.name(), r.userGroup(), before, now);
                events.publishEvent(e);
                changed.add(e);
            }
        }
        return changed;
    }
}
