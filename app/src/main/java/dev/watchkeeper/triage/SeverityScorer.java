package dev.watchkeeper.triage;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

import java.time.Instant;

/** Scores by severity alone: the scorer of last resort, used until the ranking domain provides one. */
@Singleton
@Secondary
public class SeverityScorer implements ItemScorer {

    @Override
    public Score score(Item item, Instant asOf) {
        double p = switch (item.severity()) {
            case CRITICAL -> 0.9;
            case ERROR -> 0.6;
            case WARNING -> 0.3;
            case INFO -> 0.1;
        };
        return new Score(p, "severity " + item.severity(), "severity");
    }
}
