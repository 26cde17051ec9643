package dev.watchkeeper.ranking;

import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.ranking.OccurrenceFact;
import dev.watchkeeper.triage.NoiseHint;
import dev.watchkeeper.triage.Severity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one feature code path. Training, backtest and live scoring all call {@link #compute} for an
 * occurrence as of the instant it started, reading only events strictly before that instant from a
 * {@link FeatureState}.
 */
public final class Features {

    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    static final long[] WINDOWS = {HOUR, DAY, 7 * DAY, 30 * DAY};
    static final long STORM_WINDOW = 5 * MINUTE;
    static final int LABEL_BUCKETS = 8;
    /** Pseudo-count of the smoothed action rates: a rate needs a few fires before it moves off the prior. */
    static final double SMOOTHING = 5.0;

    public static final List<String> NAMES;

    static {
        List<String> n = new ArrayList<>(List.of("severity", "hour", "day_of_week", "weekend"));
        for (String k : List.of("name", "fp", "svc")) {
            n.addAll(List.of(k + "_fires_1h", k + "_fires_24h", k + "_fires_7d", k + "_fires_30d",
                    k + "_acted_7d", k + "_acted_30d", k + "_rate_7d", k + "_rate_30d"));
        }
        n.addAll(List.of("global_rate_30d", "fp_hours_since_last", "storm_5m", "svc_storm_5m", "burst_start",
                "group_hours_since_acted", "group_acted_7d", "group_fires_30d", "group_rate_30d", "value", "has_value",
                "value_z_30d", "value_share_below_30d", "known_noise"));
        for (int i = 0; i < LABEL_BUCKETS; i++) {
            n.add("label_hash_" + i);
        }
        n.addAll(List.of("name_logit_30d", "name_lift_7d", "fp_lift_30d", "group_lift_30d", "severity_lift_30d",
                "burst_lift_30d", "flap_lift_30d", "value_lift_30d"));
        NAMES = List.copyOf(n);
    }

    /** Where the alert name's smoothed 30-day action rate sits in the vector (the baseline's own number). */
    private static final int NAME_RATE_30D = NAMES.indexOf("name_rate_30d");

    private final NoiseHint noise;

    public Features(NoiseHint noise) {
        this.noise = noise;
    }

    /** A severity as a feature: critical 3, error 2, warning 1, info 0. */
    public static int severityRank(Severity severity) {
        return Severity.values().length - 1 - severity.ordinal();
    }

    /** A stored severity name as a feature; an unknown name (or none) counts as info. */
    public static int severityRank(String severity) {
        return Severity.parse(severity).map(Features::severityRank).orElse(0);
    }

    /** The feature vector of {@code o} as of its start, from events in {@code s} strictly before it. */
    public double[] compute(FeatureState s, OccurrenceFact o) {
        long t = o.startsAt();
        double[] x = new double[NAMES.size()];
        int i = 0;
        ZonedDateTime at = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC);
        x[i++] = severityRank(o.severity());
        x[i++] = at.getHour();
        x[i++] = at.getDayOfWeek().getValue();
        x[i++] = at.getDayOfWeek().getValue() >= 6 ? 1 : 0;
        double prior = globalRate(s, t);
        for (String key : List.of(FeatureState.nameKey(o.alertname()), FeatureState.fingerprintKey(o.fingerprint()),
                FeatureState.serviceKey(o.service()))) {
            for (long w : WINDOWS) {
                x[i++] = Math.log1p(s.fires(key, t - w, t));
            }
            int f7 = s.fires(key, t - 7 * DAY, t);
            int f30 = s.fires(key, t - 30 * DAY, t);
            int a7 = s.acted(key, t - 7 * DAY, t);
            int a30 = s.acted(key, t - 30 * DAY, t);
            x[i++] = Math.log1p(a7);
            x[i++] = Math.log1p(a30);
            x[i++] = smoothed(a7, f7, prior);
            x[i++] = smoothed(a30, f30, prior);
        }
        x[i++] = prior;
        long last = s.lastFire(FeatureState.fingerprintKey(o.fingerprint()), t);
        x[i++] = hoursSince(last, t);
        int storm = s.fires(FeatureState.GLOBAL, t - STORM_WINDOW, t);
        x[i++] = Math.log1p(storm);
        x[i++] = Math.log1p(s.fires(FeatureState.serviceKey(o.service()), t - STORM_WINDOW, t));
        x[i++] = storm == 0 ? 1 : 0;
        String group = FeatureState.groupKey(o.groupKey());
        x[i++] = hoursSince(s.lastActed(group, t), t);
        x[i++] = Math.log1p(s.acted(group, t - 7 * DAY, t));
        int g30 = s.fires(group, t - 30 * DAY, t);
        x[i++] = Math.log1p(g30);
        x[i++] = smoothed(s.acted(group, t - 30 * DAY, t), g30, prior);
        double value = value(o);
        x[i++] = Double.isNaN(value) ? 0 : Math.signum(value) * Math.log1p(Math.abs(value));
        x[i++] = Double.isNaN(value) ? 0 : 1;
        double[] standing = Double.isNaN(value) ? new double[]{0, 0, 0}
                : s.valueStanding(FeatureState.nameKey(o.alertname()), t - 30 * DAY, t, value);
        x[i++] = standing[0];
        x[i++] = standing[1];
        Map<String, String> labels = Json.stringMap(o.labels());
        x[i++] = noise.knownNoise(o.alertname(), labels, Instant.ofEpochMilli(t)) ? 1 : 0;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!"alertname".equals(e.getKey())) {
                x[i + Math.floorMod((e.getKey() + "=" + e.getValue()).hashCode(), LABEL_BUCKETS)] += 1;
            }
        }
        i += LABEL_BUCKETS;
        // How this alert's own kind fares against its alert name: the rate of its fingerprint, group,
        // severity, storm position, flapping and value range, each shrunk toward the name's rate (not the
        // global one, so that a sub-kind seen twice barely moves off its name), as log-odds differences.
        String name = FeatureState.nameKey(o.alertname());
        double name30 = x[NAME_RATE_30D];
        double nameLogit = RankModel.logit(name30);
        x[i++] = nameLogit;
        x[i++] = RankModel.logit(smoothed(s.acted(name, t - 7 * DAY, t), s.fires(name, t - 7 * DAY, t), name30)) - nameLogit;
        x[i++] = lift(s, FeatureState.fingerprintKey(o.fingerprint()), t, name30, nameLogit);
        x[i++] = lift(s, group, t, name30, nameLogit);
        for (String key : s.contextKeys(o)) {
            x[i++] = lift(s, key, t, name30, nameLogit);
        }
        if (Double.isNaN(value)) {
            x[i++] = 0;
        } else {
            double l = 0;
            for (int side : new int[]{-1, 1}) {
                int[] fa = s.valueSide(name, t - 30 * DAY, t, value, side);
                l += RankModel.logit(smoothed(fa[1], fa[0], name30)) - nameLogit;
            }
            x[i++] = l;
        }
        return x;
    }

    /** The per-alert-name smoothed 30-day action rate: the fallback scorer and the baseline. */
    public static double nameRate(FeatureState s, OccurrenceFact o) {
        long t = o.startsAt();
        String key = FeatureState.nameKey(o.alertname());
        return smoothed(s.acted(key, t - 30 * DAY, t), s.fires(key, t - 30 * DAY, t), globalRate(s, t));
    }

    /** Plain words: why this occurrence scores as it does. */
    public String explain(FeatureState s, OccurrenceFact o) {
        long t = o.startsAt();
        List<String> parts = new ArrayList<>();
        String name = FeatureState.nameKey(o.alertname());
        int f30 = s.fires(name, t - 30 * DAY, t);
        int a30 = s.acted(name, t - 30 * DAY, t);
        if (f30 == 0) {
            parts.add(o.alertname() + " never fired in the previous 30 days");
        } else {
            parts.add("acted on " + a30 + " of " + f30 + " times in 30 days");
        }
        int f7 = s.fires(name, t - 7 * DAY, t);
        int a7 = s.acted(name, t - 7 * DAY, t);
        if (f7 > 0 && a7 > 0 && (double) a7 / f7 > 2.0 * (a30 + 1) / (f30 + 1)) {
            parts.add("acted on " + a7 + " of " + f7 + " in the last 7 days, more than before");
        }
        int f1h = s.fires(name, t - HOUR, t);
        if (f1h > 0) {
            parts.add("fired " + f1h + (f1h == 1 ? " time" : " times") + " in the last hour");
        }
        long last = s.lastFire(FeatureState.fingerprintKey(o.fingerprint()), t);
        if (last != Long.MIN_VALUE && t - last < 2 * HOUR) {
            parts.add("this alert last fired " + duration(t - last) + " before (flapping?)");
        }
        int storm = s.fires(FeatureState.GLOBAL, t - STORM_WINDOW, t);
        if (storm >= 5) {
            parts.add("part of a storm: " + storm + " alerts in the 5 minutes before");
        }
        long groupActed = s.lastActed(FeatureState.groupKey(o.groupKey()), t);
        if (groupActed != Long.MIN_VALUE && t - groupActed < 7 * DAY) {
            parts.add("same group acted on " + duration(t - groupActed) + " before");
        }
        if (noise.knownNoise(o.alertname(), Json.stringMap(o.labels()), Instant.ofEpochMilli(t))) {
            parts.add("playbook marks it known noise");
        }
        parts.add("severity " + o.severity());
        return String.join("; ", parts);
    }

    private static double lift(FeatureState s, String key, long t, double nameRate, double nameLogit) {
        return RankModel.logit(smoothed(s.acted(key, t - 30 * DAY, t), s.fires(key, t - 30 * DAY, t), nameRate)) - nameLogit;
    }

    static double globalRate(FeatureState s, long t) {
        int f = s.fires(FeatureState.GLOBAL, t - 30 * DAY, t);
        int a = s.acted(FeatureState.GLOBAL, t - 30 * DAY, t);
        return (a + 1.0) / (f + 10.0);
    }

    static double smoothed(int acted, int fired, double prior) {
        return (acted + SMOOTHING * prior) / (fired + SMOOTHING);
    }

    private static double hoursSince(long last, long t) {
        return last == Long.MIN_VALUE ? Math.log1p(24 * 30) : Math.log1p(Math.min(24.0 * 30, (t - last) / (double) HOUR));
    }

    /** The numeric {@code value} annotation, or NaN. */
    static double value(OccurrenceFact o) {
        if (o.annotations() == null || !o.annotations().contains("\"value\"")) {
            return Double.NaN;
        }
        return parse(Json.stringMap(o.annotations()).get("value"));
    }

    private static double parse(String v) {
        if (v == null) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(v.trim().replace("%", ""));
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static String duration(long millis) {
        long min = millis / MINUTE;
        if (min < 90) {
            return min + " min";
        }
        long h = min / 60;
        return h < 48 ? h + " h" : (h / 24) + " days";
    }
}
