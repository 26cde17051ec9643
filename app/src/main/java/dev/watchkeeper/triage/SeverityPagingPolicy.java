package dev.watchkeeper.triage;

import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Pages items at or above {@code watchkeeper.paging.min-severity} (default error). */
@Singleton
@Secondary
public class SeverityPagingPolicy implements PagingPolicy {

    private final Severity minSeverity;

    public SeverityPagingPolicy(@Value("${watchkeeper.paging.min-severity:error}") String minSeverity) {
        this.minSeverity = Severity.normalise(minSeverity).orElseThrow(() -> new IllegalArgumentException(
                "watchkeeper.paging.min-severity: " + Severity.ONE_OF + ", was '" + minSeverity + "'"));
    }

    @Override
    public boolean shouldPage(Item item, Score score) {
        return item.severity().atLeast(minSeverity);
    }

    @Override
    public String describe(Item item, Score score, boolean paged) {
        return "severity " + item.severity() + (paged ? " ≥ " : " < ") + minSeverity.wire();
    }
}
