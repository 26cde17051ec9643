package dev.watchkeeper.report;

import dev.watchkeeper.triage.Item;

import java.time.Duration;
import java.util.List;

/**
 * The facts of one shift, before any wording: what the Markdown and Slack renderings say.
 *
 * @param mtta mean time from an item's first alert to the first ack, acted or noise; null when nobody responded
 * @param mttr mean time from an item's first alert to its resolution; null when nothing was resolved
 */
public record ShiftReport(ShiftWindow window, Volume volume, List<Issue> issues, Duration mtta, int mttaItems,
                          Duration mttr, int mttrItems, List<NoisyAlert> noisiest,
                          List<ReadinessSource.ShadowReadiness> readiness, List<Item> handedOver) {

    /**
     * @param alerts firing episodes that began in the window
     * @param items  items with an alert in the window or created in it
     */
    public record Volume(int alerts, int alertNames, int items, int paged, int quiet) {
    }

    /**
     * A major issue.
     *
     * @param reasons why it is major: "acted on", "score 0.93", "open 3 h"
     * @param fixes   how it was fixed: the notes of acted actions and of notes on the item
     */
    public record Issue(Item item, List<String> reasons, int firings, List<Timeline.Entry> timeline,
                        List<Fix> fixes, boolean acted) {
    }

    public record Fix(String actor, String text) {
    }

    /** @param actedFirings firings whose item was acted on: the alert's action rate is actedFirings / firings */
    public record NoisyAlert(String alertname, int firings, int items, int actedFirings) {
    }

    public boolean quiet() {
        return volume.alerts() == 0 && volume.items() == 0 && handedOver.isEmpty() && issues.isEmpty();
    }
}
