package dev.watchkeeper.report;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

import java.util.List;

/** Until rotations track shadows' answers there is nothing to say about readiness, so the section is left out. */
@Singleton
@Secondary
public class NoReadiness implements ReadinessSource {

    @Override
    public List<ShadowReadiness> readiness(ShiftWindow window) {
        return List.of();
    }
}
