package dev.watchkeeper.playbook;

import dev.watchkeeper.triage.NoiseHint;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Map;

/** An alert is known noise when its playbook has a {@code known_noise} condition that holds at that instant. */
@Singleton
public class PlaybookNoiseHint implements NoiseHint {

    private final PlaybookService playbooks;

    public PlaybookNoiseHint(PlaybookService playbooks) {
        this.playbooks = playbooks;
    }

    @Override
    public boolean knownNoise(String alertname, Map<String, String> labels, Instant at) {
        Map<String, String> all = PlaybookSet.withAlertname(alertname, labels);
        return playbooks.match(alertname, all).flatMap(m -> m.playbook().noiseAt(all, at)).isPresent();
    }
}
