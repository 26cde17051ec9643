package dev.watchkeeper.rotation;

import java.time.Instant;
import java.util.List;

/**
 * A shift of a rotation ended and was handed off. Published with Micronaut's event publisher so
 * that end-of-shift reports can draft themselves at handoff.
 */
public record ShiftEnded(String rotation, Instant start, Instant end, String primary, List<String> shadows) {
}
