package dev.watchkeeper.rotation;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.rotation.RotationRow;
import dev.watchkeeper.db.rotation.RotationStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * Which rotation answers for an item, and who is on call in it now. Read-only and free of notifiers, so that
 * showing an item (its "On call" line, {@link OnCallContext}) needs nothing that sends messages.
 */
@Singleton
public class ItemRotation {

    private static final Logger LOG = LoggerFactory.getLogger(ItemRotation.class);

    private final Database db;
    private final RotationStore store;
    private final RotationSettings settings;
    private final Clock clock;

    public ItemRotation(Database db, RotationStore store, RotationSettings settings, Clock clock) {
        this.db = db;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** The rotation that answers for an item of {@code service}: by its service when configured, else the first rotation. */
    public Optional<RotationRow> rotationFor(String service) {
        return db.read(dsl -> {
            Optional<String> configured = settings.rotationForService(service);
            if (configured.isPresent()) {
                Optional<RotationRow> r = store.find(dsl, configured.get());
                if (r.isEmpty()) {
                    LOG.warn("watchkeeper.rotation.services maps {} to unknown rotation {}; using the first rotation",
                            service, configured.get());
                } else {
                    return r;
                }
            }
            return store.all(dsl).stream().findFirst();
        });
    }

    /** Who is on call in {@code r} now. */
    public OnCall onCallNow(RotationRow r) {
        return db.read(dsl -> RotationService.onCall(r, RotationService.plan(store, dsl, r), clock.instant()));
    }
}
