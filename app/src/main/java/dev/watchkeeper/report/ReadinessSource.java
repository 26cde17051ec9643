package dev.watchkeeper.report;

import java.util.List;

/** How ready each shadow of a shift is to be primary. Rotations provide it; the shift report shows it. */
public interface ReadinessSource {

    List<ShadowReadiness> readiness(ShiftWindow window);

    /** @param summary one or two plain sentences, e.g. "Answered 8 of 10 prompts; agreed with the primary on 7." */
    record ShadowReadiness(String shadow, String summary) {
    }
}
