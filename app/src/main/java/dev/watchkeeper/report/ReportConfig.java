package dev.watchkeeper.report;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How reports are drafted.
 *
 * @param zone          time zone of the times printed in reports
 * @param majorScore    an item scored at least this is a major issue
 * @param majorDuration an item open at least this long is a major issue
 * @param noisiest      how many alert names the "noisiest alerts" section lists
 */
@ConfigurationProperties("watchkeeper.reports")
public record ReportConfig(@Bindable(defaultValue = "UTC") String zone,
                           @Bindable(defaultValue = "0.8") double majorScore,
                           @Bindable(defaultValue = "2h") Duration majorDuration,
                           @Bindable(defaultValue = "5") int noisiest) {

    public static ReportConfig defaults() {
        return new ReportConfig("UTC", 0.8, Duration.ofHours(2), 5);
    }
}
