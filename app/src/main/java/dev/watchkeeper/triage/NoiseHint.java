package dev.watchkeeper.triage;

import java.time.Instant;
import java.util.Map;

/** Whether an alert is known noise at an instant (a playbook's {@code known_noise}); a ranking feature. */
public interface NoiseHint {
    boolean knownNoise(String alertname, Map<String, String> labels, Instant at);
}
