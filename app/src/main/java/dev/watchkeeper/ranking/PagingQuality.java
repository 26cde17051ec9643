package dev.watchkeeper.ranking;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.ranking.RankingStore;
import dev.watchkeeper.triage.ActionKind;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * How well live paging did, measured on what was paged: for the items first scored in a window, the
 * paging the model policy actually applied (after guardrails) and what the per-alert-name action rate
 * policy of the same model version would have done on the same items, judged by the first decision people
 * took on each item ({@code acted} is a hit; {@code ack} or {@code noise} is noise; undecided items count in
 * the paged share and pages a day only).
 *
 * <p>Both policies are measured on the same items: those scored while a model was live (a page decided
 * by severity before any model existed has no rate policy to compare with and is counted apart).
 */
@Singleton
public class PagingQuality {

    /** Windows longer than this are refused: the figures read every item of the window. */
    public static final int MAX_DAYS = 90;
    static final int MAX_ITEMS = 500_000;

    private final Database db;
    private final RankingStore store;
    private final Clock clock;

    public PagingQuality(Database db, RankingStore store, Clock clock) {
        this.db = db;
        this.store = store;
        this.clock = clock;
    }

    /**
     * One policy on a window.
     *
     * @param pagedShare     paged items / items (NaN without items)
     * @param recallOfActed  paged among the acted-on / acted-on (NaN without acted-on items)
     * @param noiseKeptQuiet not paged among the decided and not acted on / those (NaN without them)
     * @param pagesPerDay    paged items / days of the window
     * @param caught         paged items people acted on (the acted-on among the paged, and the paged among the acted-on)
     * @param nightPages     paged items paged (or, for the rate policy, first scored) between 22:00 and 07:00 in the
     *                       zone the report was asked for (UTC unless said)
     */
    public record Figures(String policy, int items, int decided, int acted, int paged, double pagedShare,
                          double recallOfActed, double noiseKeptQuiet, double pagesPerDay, int caught, int nightPages) {
    }

    /**
     * @param modelPolicy    the paging the live model versions actually applied (after guardrails)
     * @param alertNameRate  the per-alert-name rate policy of the same versions on the same items
     * @param bySeverity     items decided by severity while no model was live (paged share etc.; no rate policy)
     * @param models         the model versions in force over the window's items
     */
    public record Report(Instant from, Instant to, int days, Figures modelPolicy, Figures alertNameRate,
                         Figures bySeverity, List<String> models) {

        /** Plain lines for {@code model show} and the start-up banner. */
        public String text() {
            if (modelPolicy.items() == 0 && bySeverity.items() == 0) {
                return String.format(Locale.ROOT, "last %d days: no item scored yet", days);
            }
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "last %d days: ", days));
            if (modelPolicy.items() > 0) {
                b.append(line("model paging " + String.join(", ", models), modelPolicy)).append("; ")
                        .append(line("per-alert-name rate on the same items", alertNameRate));
            }
            if (bySeverity.items() > 0) {
                b.append(modelPolicy.items() > 0 ? "; " : "").append(line("by severity (no live model)", bySeverity));
            }
            return b.toString();
        }

        private static String line(String name, Figures f) {
            return String.format(Locale.ROOT, "%s: %d items (%d decided, %d acted on), paged %s, recall of acted %s, "
                            + "noise kept quiet %s, %.1f pages a day", name, f.items(), f.decided(), f.acted(),
                    pct(f.pagedShare()), pct(f.recallOfActed()), pct(f.noiseKeptQuiet()), f.pagesPerDay());
        }

        private static String pct(double v) {
            return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", v * 100);
        }
    }

    /** The last {@code days} days up to now (by the injected clock), {@code 1 ≤ days ≤ 90}. */
    public Report lastDays(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new BadInputException("days", "must be between 1 and " + MAX_DAYS + ", was " + days);
        }
        Instant to = clock.instant();
        return measure(to.minus(Duration.ofDays(days)), to);
    }

    /** Items first scored in {@code [from, to)}; the window must be 1 ms to 90 days long; night pages in UTC. */
    public Report measure(Instant from, Instant to) {
        return measure(from, to, ZoneOffset.UTC);
    }

    /** A page at night: between 22:00 and 07:00 in {@code zone}. */
    public static boolean atNight(Instant at, ZoneId zone) {
        int h = at.atZone(zone).getHour();
        return h >= 22 || h < 7;
    }

    /**
     * Items first scored in {@code [from, to)} (1 ms to 90 days), with night pages counted in {@code zone}: the
     * figures the weekly review shows for its week.
     */
    public Report measure(Instant from, Instant to, ZoneId zone) {
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new BadInputException("window", "must run forward and be at most " + MAX_DAYS + " days long, was "
                    + from + " .. " + to);
        }
        List<RankingStore.PagingRecord> rows = db.read(dsl -> store.pagingRecords(dsl, from, to, MAX_ITEMS));
        List<RankingStore.PagingRecord> modelRows = rows.stream()
                .filter(r -> !ThresholdPagingPolicy.SEVERITY.equals(r.policy())).toList();
        List<RankingStore.PagingRecord> severityRows = rows.stream()
                .filter(r -> ThresholdPagingPolicy.SEVERITY.equals(r.policy())).toList();
        double days = Math.max(Duration.between(from, to).toMillis() / (double) Features.DAY, 1e-9);
        List<String> models = modelRows.stream().map(RankingStore.PagingRecord::policy).distinct().toList();
        return new Report(from, to, (int) Math.round(days),
                figures("model", modelRows, r -> r.pagedAt() != null, r -> Instant.ofEpochMilli(r.pagedAt()), days, zone),
                figures("alert-name rate", modelRows.stream().filter(r -> r.ratePaged() != null).toList(),
                        r -> r.ratePaged() == 1, r -> Instant.ofEpochMilli(r.firstScoredAt()), days, zone),
                figures("severity", severityRows, r -> r.pagedAt() != null, r -> Instant.ofEpochMilli(r.pagedAt()), days,
                        zone), models);
    }

    private static Figures figures(String name, List<RankingStore.PagingRecord> rows,
                                   java.util.function.Predicate<RankingStore.PagingRecord> paged,
                                   java.util.function.Function<RankingStore.PagingRecord, Instant> pagedAt, double days,
                                   ZoneId zone) {
        int items = rows.size();
        int decided = 0;
        int acted = 0;
        int pagedCount = 0;
        int caught = 0;
        int noise = 0;
        int quiet = 0;
        int night = 0;
        for (RankingStore.PagingRecord r : rows) {
            boolean p = paged.test(r);
            if (p) {
                pagedCount++;
                night += atNight(pagedAt.apply(r), zone) ? 1 : 0;
            }
            if (r.outcome() == null) {
                continue;
            }
            decided++;
            if (ActionKind.ACTED.is(r.outcome())) {
                acted++;
                if (p) {
                    caught++;
                }
            } else {
                noise++;
                if (!p) {
                    quiet++;
                }
            }
        }
        return new Figures(name, items, decided, acted, pagedCount, ratio(pagedCount, items), ratio(caught, acted),
                ratio(quiet, noise), pagedCount / days, caught, night);
    }

    private static double ratio(int a, int b) {
        return b == 0 ? Double.NaN : a / (double) b;
    }
}
