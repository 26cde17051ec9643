package dev.watchkeeper.rotation;

import java.time.Instant;
import java.util.List;

/** Who is on call for a rotation during one segment: the primary, the shadows, from when until when. */
public record OnCall(String rotation, int shift, String primary, List<String> shadows, Instant since, Instant until,
                     boolean overridden) {

    static OnCall of(String rotation, RotationPlan.Segment s) {
        return new OnCall(rotation, s.shift(), s.primary(), s.shadows(), s.start(), s.end(), s.overridden());
    }
}
