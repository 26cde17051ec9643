package dev.watchkeeper.review;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The weekly review.
 *
 * @param zone              the time zone weeks start in (Monday 00:00) and times are shown in
 * @param weeksCompared     how many weeks before the chosen one its figures are compared with
 * @param staleAfter        an open item with no action for this long counts as stale in the figures
 * @param discuss           how many open items "items to discuss" lists
 * @param noisiest          how many alert names "noisiest" lists
 * @param rateDays          the action rate of an alert name is measured over this many days
 * @param shiftDays         how long a shift is, for "pages per shift"
 * @param clusterMinItems   a label value shared by at least this many items of the week is a cluster
 * @param slack             where and when the review is posted in Slack: {@code CHANNEL[=DAY HH:MM ZONE]}, comma-separated
 */
@ConfigurationProperties("watchkeeper.review")
public record ReviewConfig(@Bindable(defaultValue = "UTC") String zone,
                           @Bindable(defaultValue = "4") int weeksCompared,
                           @Bindable(defaultValue = "7d") Duration staleAfter,
                           @Bindable(defaultValue = "10") int discuss,
                           @Bindable(defaultValue = "5") int noisiest,
                           @Bindable(defaultValue = "30") int rateDays,
                           @Bindable(defaultValue = "7") int shiftDays,
                           @Bindable(defaultValue = "3") int clusterMinItems,
                           @Bindable(defaultValue = "") String slack) {
}
