package dev.watchkeeper.rotation;

import java.time.Instant;

/** One of a person's upcoming stretches on call ({@code role}: primary or shadow), for "my shifts". */
public record PersonShift(String rotation, String role, Instant start, Instant end, String primary) {
}
