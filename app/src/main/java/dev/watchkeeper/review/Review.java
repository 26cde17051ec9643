package dev.watchkeeper.review;

import java.time.Instant;
import java.util.List;

/**
 * The weekly review of the triage queue as a plain value, computed from the record for one week against the
 * weeks before it. Every surface (web page, Slack, CLI, JSON, Markdown) renders this.
 */
public record Review(String week, String label, Instant start, Instant end, String zone, Instant generatedAt,
                     Health health, Health previous, List<DiscussItem> discuss, List<NoisyName> noisiest,
                     List<RisingName> rising, List<Cluster> clusters, PagingQuality paging, List<SloBreach> sloBreaches,
                     List<NoteAdded> notes, List<String> draftsWaiting, List<ShadowReadiness> shadows,
                     List<Decision> decided, StaleInfo stale) {

    /**
     * Queue health at the end of the week.
     *
     * @param open                    items open (or acknowledged) at the end of the week
     * @param created                 items created in the week
     * @param closed                  items closed in the week
     * @param acknowledgedNeverClosed open at the end of the week although someone acknowledged them
     * @param stale                   open with no action for the review's stale period
     * @param oldestItem              the oldest open item, or null
     * @param oldestDays              its age in whole days at the end of the week
     */
    public record Health(int open, int created, int closed, int acknowledgedNeverClosed, int stale,
                         Integer oldestItem, String oldestTitle, long oldestDays, List<Integer> staleItems) {
    }

    public record DiscussItem(int id, String title, String severity, String state, Double score, String lane,
                              String owner, long ageDays, List<String> tags) {
    }

    /**
     * @param volume        occurrences in the week
     * @param usualVolume   mean occurrences per week over the weeks compared
     * @param trend         up, down, flat or new
     * @param fired         occurrences in the rate window
     * @param acted         of those, how many were on items someone acted on
     * @param decision      the decision about this alert name in force (known_noise, keep_paging) or null
     */
    public record NoisyName(String alertname, int volume, double usualVolume, String trend, int fired, int acted,
                            double actionRate, String suggestion, String decision) {
    }

    public record RisingName(String alertname, int occurrences, int acted, double rate, double previousRate) {
    }

    /** Items of the week that share a label value: a possible systematic failure. */
    public record Cluster(String label, String value, int items, List<String> alertnames, List<Integer> itemIds) {
        @com.fasterxml.jackson.annotation.JsonProperty("key")
        public String key() {
            return label + "=" + value;
        }
    }

    /**
     * The week's paging figures, as ranking measures them ({@link dev.watchkeeper.ranking.PagingQuality}).
     *
     * @param model      the paging the live model versions applied (after guardrails), on the items first scored in the week
     * @param byName     the per-alert-name rate policy of the same versions on the same items
     * @param bySeverity items decided by severity while no model was live, or null when there were none
     * @param note       what a reader should know about these figures, or null
     */
    public record PagingQuality(Policy model, Policy byName, Policy bySeverity, String liveModel, Instant liveSince,
                                String note) {

        /** The rows to show: model, alert-name rate and, when there are any, the items decided by severity. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public List<Policy> rows() {
            return bySeverity == null ? List.of(model, byName) : List.of(model, byName, bySeverity);
        }
    }

    /**
     * One paging policy on the items first scored in the week, judged by the first decision taken on each.
     *
     * @param items          items first scored in the week
     * @param decided        of those, decided (acted, acknowledged or noise)
     * @param paged          items paged
     * @param pagedActed     of those, acted on
     * @param acted          items acted on
     * @param actedPaged     of those, paged
     * @param noiseKeptQuiet decided and not acted on, and not paged / decided and not acted on (null without them)
     * @param perShift       pages per shift
     * @param night          pages between 22:00 and 07:00 in the review's zone
     */
    public record Policy(String name, int items, int decided, int paged, int pagedActed, int acted, int actedPaged,
                         Double noiseKeptQuiet, double perShift, int night) {
        @com.fasterxml.jackson.annotation.JsonProperty("precision")
        public double precision() {
            return paged == 0 ? 0 : (double) pagedActed / paged;
        }

        @com.fasterxml.jackson.annotation.JsonProperty("recall")
        public double recall() {
            return acted == 0 ? 0 : (double) actedPaged / acted;
        }
    }

    public record SloBreach(String playbook, String metric, double target, String window, int occurrences) {
    }

    public record NoteAdded(String alertname, String text, String author, Instant at) {
    }

    public record ShadowReadiness(String rotation, String handle, String summary, int shiftsDone) {
    }

    /** A decision of the week: who, when, through which surface, what. */
    public record Decision(Instant at, String actor, String surface, String what) {
    }

    /** The stale rule as configured, and how many items it would close now. */
    public record StaleInfo(String rule, int dueNow) {
    }
}
