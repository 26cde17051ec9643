package dev.watchkeeper.ranking;

import dev.watchkeeper.db.ranking.DecisionFact;
import dev.watchkeeper.db.ranking.OccurrenceFact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the features need, in memory: when each alert name, fingerprint, service and group fired,
 * and when occurrences of each were acted on (the time the decision was made, because labels arrive
 * late). Per item it keeps only the occurrences no decision has settled yet. Queries take an instant and only count events strictly before it, so the same state answers
 * "as of t" for any t, and holding events after t cannot leak into a feature as of t.
 */
public final class FeatureState {

    static final String GLOBAL = "*";

    private final Map<String, TimeSeries> fires = new HashMap<>();
    private final Map<String, TimeSeries> acted = new HashMap<>();
    private final Map<String, ValueSeries> values = new HashMap<>();
    private final Map<String, ValueSeries> actedValues = new HashMap<>();
    private final Map<Integer, List<Occ>> itemOccurrences = new HashMap<>();
    private final Map<Integer, OccurrenceFact> latestOfItem = new HashMap<>();
    private final Map<String, String> interned = new HashMap<>();

    private record Occ(int id, String alertname, String fingerprint, String service, String group,
                       String[] context, double value, long startsAt) {
    }

    static String nameKey(String alertname) {
        return "a:" + alertname;
    }

    static String fingerprintKey(String fingerprint) {
        return "f:" + fingerprint;
    }

    static String serviceKey(String service) {
        return "s:" + (service == null ? "" : service);
    }

    static String groupKey(String group) {
        return "g:" + group;
    }

    /** Flapping: the same fingerprint fired this recently before. */
    static final long FLAP_WINDOW = 2 * Features.HOUR;

    /**
     * The alert name split by what it fired with, as of the occurrence's start: its severity, whether it
     * echoed other alerts of its service (a storm) or came first, and whether its fingerprint was
     * flapping. Each is a key with its own fire and action counts.
     */
    String[] contextKeys(OccurrenceFact o) {
        long t = o.startsAt();
        String name = o.alertname();
        boolean echo = fires(serviceKey(o.service()), t - Features.STORM_WINDOW, t) > 0;
        long last = lastFire(fingerprintKey(o.fingerprint()), t);
        boolean flap = last != Long.MIN_VALUE && t - last < FLAP_WINDOW;
        return new String[]{"ns:" + name + "|" + o.severity(), "nb:" + name + (echo ? "|echo" : "|first"),
                "nf:" + name + (flap ? "|flap" : "|fresh")};
    }

    /** Records that an occurrence fired. */
    public void addOccurrence(OccurrenceFact o) {
        String[] context = contextKeys(o);
        for (int k = 0; k < context.length; k++) {
            context[k] = intern(context[k]);
        }
        double value = Features.value(o);
        Occ occ = new Occ(o.id(), intern(nameKey(o.alertname())), intern(fingerprintKey(o.fingerprint())),
                intern(serviceKey(o.service())), intern(groupKey(o.groupKey())), context, value, o.startsAt());
        series(fires, occ.alertname).add(o.startsAt());
        series(fires, occ.fingerprint).add(o.startsAt());
        series(fires, occ.service).add(o.startsAt());
        series(fires, GLOBAL).add(o.startsAt());
        series(fires, occ.group).add(o.startsAt());
        for (String key : context) {
            series(fires, key).add(o.startsAt());
        }
        if (!Double.isNaN(value)) {
            values.computeIfAbsent(occ.alertname, k -> new ValueSeries()).add(o.startsAt(), value);
        }
        itemOccurrences.computeIfAbsent(o.itemId(), k -> new ArrayList<>(2)).add(occ);
        OccurrenceFact latest = latestOfItem.get(o.itemId());
        if (latest == null || o.startsAt() >= latest.startsAt()) {
            latestOfItem.put(o.itemId(), o);
        }
    }

    /**
     * Records a decision at {@code d.at()}. A decision bound to one occurrence settles that occurrence;
     * an unbound one settles the item's occurrences that fired since its previous decision (up to
     * {@code d.at()}). When it is {@code acted} they become positives for their alert name, fingerprint,
     * service and group, known from {@code d.at()}.
     */
    public void addDecision(DecisionFact d) {
        List<Occ> pending = itemOccurrences.get(d.itemId());
        if (pending == null || pending.isEmpty()) {
            return;
        }
        long at = d.at();
        String group = null;
        for (java.util.Iterator<Occ> it = pending.iterator(); it.hasNext(); ) {
            Occ occ = it.next();
            if (!d.settles(occ.id, occ.startsAt)) {
                continue;
            }
            it.remove();
            if (d.acted()) {
                series(this.acted, occ.alertname).add(at);
                series(this.acted, occ.fingerprint).add(at);
                series(this.acted, occ.service).add(at);
                series(this.acted, GLOBAL).add(at);
                for (String key : occ.context) {
                    series(this.acted, key).add(at);
                }
                if (!Double.isNaN(occ.value)) {
                    actedValues.computeIfAbsent(occ.alertname, k -> new ValueSeries()).add(at, occ.value);
                }
                group = occ.group;
            }
        }
        if (group != null) {
            series(this.acted, group).add(at);
        }
    }

    /** The most recent occurrence of an item, or null. */
    public OccurrenceFact latestOccurrence(int itemId) {
        return latestOfItem.get(itemId);
    }

    int fires(String key, long from, long to) {
        TimeSeries s = fires.get(key);
        return s == null ? 0 : s.countIn(from, to);
    }

    int acted(String key, long from, long to) {
        TimeSeries s = acted.get(key);
        return s == null ? 0 : s.countIn(from, to);
    }

    long lastFire(String key, long before) {
        TimeSeries s = fires.get(key);
        return s == null ? Long.MIN_VALUE : s.lastBefore(before);
    }

    long lastActed(String key, long before) {
        TimeSeries s = acted.get(key);
        return s == null ? Long.MIN_VALUE : s.lastBefore(before);
    }

    /** See {@link ValueSeries#standing}. */
    double[] valueStanding(String key, long from, long to, double value) {
        ValueSeries s = values.get(key);
        return s == null ? new double[]{0, 0, 0} : s.standing(from, to, value);
    }

    /**
     * {fired, acted} in {@code [from, to)} among the alert name's occurrences whose value was at most
     * (side &lt; 0) or at least (side &gt; 0) {@code value}; fires by start, actions by decision time.
     */
    int[] valueSide(String key, long from, long to, double value, int side) {
        ValueSeries f = values.get(key);
        ValueSeries a = actedValues.get(key);
        return new int[]{f == null ? 0 : f.countSide(from, to, value, side), a == null ? 0 : a.countSide(from, to, value, side)};
    }

    private String intern(String s) {
        String known = interned.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    private static TimeSeries series(Map<String, TimeSeries> map, String key) {
        return map.computeIfAbsent(key, k -> new TimeSeries());
    }
}
