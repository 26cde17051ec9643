package dev.watchkeeper.migrate;

import dev.watchkeeper.rotation.RotationPlan;
import dev.watchkeeper.rotation.ShiftClock;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Infers a rotation from an iCalendar feed of on-call shifts, as Opsgenie, Grafana OnCall and
 * PagerDuty publish them (and as Watchkeeper does): recurring events (RRULE) or one event per shift,
 * overrides as single events (RECURRENCE-ID, or singles beside recurring events, or pieces of a shift
 * given to someone else). Inferred: members in order, shift length, hand-over time, weekday and time
 * zone, and the overrides still to come. Whatever cannot be inferred is a problem, never a guess: an
 * event whose person is not in the people map, a zone the feed does not name while its hand-overs move
 * with daylight saving time, no whole-day shifts, no pattern at all. {@link ScheduleFeed} reads the feed; this
 * infers the rotation from what it read.
 */
public final class ScheduleImport {

    /** One stretch of the feed with one person on call, as expanded within the window. */
    public record Stretch(Instant start, Instant end, String handle, boolean override) {
    }

    public record Inferred(List<String> members, int shiftDays, DayOfWeek handoffDay, LocalTime handoffTime,
                           ZoneId zone, Instant anchor, List<RotationPlan.Override> overrides, int pastDifferences,
                           List<String> notes, List<String> problems) {

        public boolean ok() {
            return problems.isEmpty() && !members.isEmpty();
        }

        public ShiftClock clock() {
            return new ShiftClock(shiftDays, handoffTime, zone, anchor.atZone(zone).toLocalDate());
        }

        public RotationPlan plan() {
            return new RotationPlan(clock(), members.stream().map(m -> new RotationPlan.Member(m, 0, 0)).toList(),
                    overrides, List.of());
        }
    }

    private ScheduleImport() {
    }

    public static Inferred infer(String ics, String source, People people, ZoneId zoneFlag, Instant now) {
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Instant from = now.minus(Limits.SCHEDULE_WINDOW.dividedBy(2));
        Instant to = now.plus(Limits.SCHEDULE_WINDOW.dividedBy(2));
        ScheduleFeed.Read read = ScheduleFeed.read(ics, source, people, zoneFlag, from, to, problems);
        if (read == null) {
            return failed(notes, problems);
        }
        List<Stretch> stretches = read.stretches();
        ZoneId zone = read.zone();
        String zoneSource = read.zoneSource();
        List<Stretch> base = stretches.stream().filter(s -> !s.override()).sorted(Comparator.comparing(Stretch::start)).toList();
        if (base.isEmpty()) {
            problems.add(source + ": no shifts between " + from + " and " + to);
            return failed(notes, problems);
        }

        if (zone == null) {
            // UTC times alone cannot tell a zone with daylight saving time from UTC when the window holds
            // few hand-overs on one side of a change: the operator says which.
            Map<LocalTime, Integer> utcTimes = new TreeMap<>();
            for (Stretch s : base) {
                utcTimes.merge(s.start().atZone(ZoneOffset.UTC).toLocalTime(), 1, Integer::sum);
            }
            List<String> seen = utcTimes.entrySet().stream().sorted(Map.Entry.<LocalTime, Integer>comparingByValue().reversed())
                    .limit(3).map(e -> e.getKey().toString()).toList();
            problems.add(source + ": the feed gives UTC times and names no time zone (no X-WR-TIMEZONE, no TZID);"
                    + " hand-overs seen at " + String.join(", ", seen) + " UTC. Pass --zone with the schedule's zone"
                    + " (e.g. --zone Europe/London, or --zone UTC if hand-overs keep one UTC time all year)");
            return failed(notes, problems);
        }
        notes.add("time zone " + zone.getId() + " (from " + zoneSource + ")");

        // Shift length and hand-over time: the commonest whole-day event length and local start time.
        Map<Integer, Integer> lengths = new TreeMap<>();
        Map<LocalTime, Integer> times = new TreeMap<>();
        for (Stretch s : base) {
            ZonedDateTime a = s.start().atZone(zone);
            ZonedDateTime b = s.end().atZone(zone);
            long days = ChronoUnit.DAYS.between(a.toLocalDate(), b.toLocalDate());
            if (a.toLocalTime().equals(b.toLocalTime()) && days >= 1 && days <= 56) {
                lengths.merge((int) days, 1, Integer::sum);
                times.merge(a.toLocalTime(), 1, Integer::sum);
            }
        }
        if (lengths.isEmpty()) {
            problems.add(source + ": no event starts and ends at the same time of day a whole number of days apart"
                    + " (1 to 56): cannot infer the shift length");
            return failed(notes, problems);
        }
        int shiftDays = lengths.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
        LocalTime handoff = times.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        int whole = lengths.values().stream().mapToInt(Integer::intValue).sum();
        notes.add("shift length " + shiftDays + " day" + (shiftDays == 1 ? "" : "s") + " (" + lengths.get(shiftDays)
                + " of " + whole + " whole-day shifts), hand-over at " + handoff);

        // Shift 0 starts at the feed's last hand-over at or before now (or steps back to it from the first one).
        List<ZonedDateTime> handovers = new ArrayList<>();
        for (Stretch s : base) {
            ZonedDateTime a = s.start().atZone(zone);
            ZonedDateTime b = s.end().atZone(zone);
            if (a.toLocalTime().equals(handoff) && b.toLocalTime().equals(handoff)
                    && ChronoUnit.DAYS.between(a.toLocalDate(), b.toLocalDate()) == shiftDays) {
                handovers.add(a);
            }
        }
        if (handovers.isEmpty()) {
            problems.add(source + ": no shift of " + shiftDays + " days starts and ends at " + handoff
                    + ": the hand-overs follow no pattern");
            return failed(notes, problems);
        }
        ZonedDateTime ref = handovers.stream().filter(z -> !z.toInstant().isAfter(now)).reduce((x, y) -> y)
                .orElse(handovers.get(0));
        LocalDate anchorDate = ref.toLocalDate();
        int guard = 0;
        while (ZonedDateTime.of(anchorDate.plusDays(shiftDays), handoff, zone).toInstant().compareTo(now) <= 0 && guard++ < 1000) {
            anchorDate = anchorDate.plusDays(shiftDays);
        }
        while (ZonedDateTime.of(anchorDate, handoff, zone).toInstant().isAfter(now) && guard++ < 2000) {
            anchorDate = anchorDate.minusDays(shiftDays);
        }
        ShiftClock clock = new ShiftClock(shiftDays, handoff, zone, anchorDate);
        Instant anchor = clock.start(0);

        // Who each shift belongs to: whoever the regular (non-override) events give most of it.
        TreeMap<Integer, String> scheduled = new TreeMap<>();
        int first = clock.shiftAt(from);
        int last = clock.shiftAt(to.minusMillis(1));
        for (int k = first; k <= last; k++) {
            Instant a = clock.start(k);
            Instant b = clock.end(k);
            if (a.isBefore(from) || b.isAfter(to)) {
                continue;
            }
            Map<String, Long> cover = new HashMap<>();
            for (Stretch s : base) {
                long overlap = Math.min(b.toEpochMilli(), s.end().toEpochMilli()) - Math.max(a.toEpochMilli(), s.start().toEpochMilli());
                if (overlap > 0) {
                    cover.merge(s.handle(), overlap, Long::sum);
                }
            }
            cover.entrySet().stream().max(Map.Entry.comparingByValue())
                    .filter(e -> e.getValue() * 2 >= Duration.between(a, b).toMillis())
                    .ifPresent(e -> scheduled.put(clock.shiftAt(a), e.getKey()));
        }
        if (scheduled.isEmpty()) {
            problems.add(source + ": no shift is covered for at least half its length by one person: no rotation to infer");
            return failed(notes, problems);
        }
        List<String> members = roundRobin(scheduled);
        notes.add("members " + String.join(", ", members) + " in turn, from " + scheduled.size() + " shifts between "
                + clock.start(scheduled.firstKey()) + " and " + clock.end(scheduled.lastKey()));

        // Overrides: wherever the feed's on-call person differs from the rotation's, from now on.
        TreeSet<Instant> cuts = new TreeSet<>();
        for (Stretch s : stretches) {
            cuts.add(s.start());
            cuts.add(s.end());
        }
        for (int k = first; k <= last + 1; k++) {
            cuts.add(clock.start(k));
        }
        List<RotationPlan.Override> overrides = new ArrayList<>();
        int past = 0;
        Instant prev = null;
        String prevWho = null;
        Instant runStart = null;
        List<Instant> points = new ArrayList<>(cuts.subSet(from, true, to, true));
        List<String> gaps = new ArrayList<>();
        for (Instant c : points) {
            if (prev != null) {
                Instant mid = prev.plusMillis(Duration.between(prev, c).toMillis() / 2);
                String feed = onCall(stretches, mid);
                String plan = members.get(Math.floorMod(clock.shiftAt(mid), members.size()));
                String who = feed != null && !feed.equals(plan) ? feed : null;
                if (feed == null && c.isAfter(now) && gaps.size() < 5) {
                    gaps.add(prev + " – " + c);
                }
                if (!java.util.Objects.equals(who, prevWho)) {
                    if (prevWho != null) {
                        if (prev.isAfter(now)) {
                            overrides.add(new RotationPlan.Override(prevWho, runStart, prev));
                        } else {
                            past++;
                        }
                    }
                    runStart = prev;
                    prevWho = who;
                }
            }
            prev = c;
        }
        if (prevWho != null) {
            if (prev.isAfter(now)) {
                overrides.add(new RotationPlan.Override(prevWho, runStart, prev));
            } else {
                past++;
            }
        }
        if (!gaps.isEmpty()) {
            notes.add("nobody is on call in the feed during " + String.join(", ", gaps)
                    + "; the rotation's scheduled member will be then");
        }
        if (past > 0) {
            notes.add(past + " past stretch" + (past == 1 ? "" : "es") + " differ from the inferred rotation (history, not imported)");
        }
        notes.add(overrides.size() + " override" + (overrides.size() == 1 ? "" : "s") + " still to come kept as overrides");
        return new Inferred(members, shiftDays, anchorDate.getDayOfWeek(), handoff, zone, anchor, overrides, past,
                notes, problems);
    }

    /**
     * The shortest member order that repeats to give the observed shifts, each member once; shifts it
     * cannot explain become overrides.
     */
    static List<String> roundRobin(TreeMap<Integer, String> scheduled) {
        Set<String> people = new LinkedHashSet<>(scheduled.values());
        List<String> best = null;
        int bestConflicts = Integer.MAX_VALUE;
        for (int n = 1; n <= Math.min(people.size(), 50); n++) {
            List<Map<String, Integer>> votes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                votes.add(new LinkedHashMap<>());
            }
            for (var e : scheduled.entrySet()) {
                votes.get(Math.floorMod(e.getKey(), n)).merge(e.getValue(), 1, Integer::sum);
            }
            List<String> slots = new ArrayList<>();
            boolean valid = true;
            for (Map<String, Integer> v : votes) {
                Optional<String> top = v.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
                if (top.isEmpty() || slots.contains(top.get())) {
                    valid = false;
                    break;
                }
                slots.add(top.get());
            }
            if (!valid) {
                continue;
            }
            int conflicts = 0;
            for (var e : scheduled.entrySet()) {
                if (!slots.get(Math.floorMod(e.getKey(), n)).equals(e.getValue())) {
                    conflicts++;
                }
            }
            if (conflicts < bestConflicts) {
                bestConflicts = conflicts;
                best = slots;
            }
        }
        return best == null ? List.of(scheduled.firstEntry().getValue()) : best;
    }

    private static String onCall(List<Stretch> stretches, Instant t) {
        Stretch best = null;
        for (Stretch s : stretches) {
            if (!s.start().isAfter(t) && s.end().isAfter(t)) {
                if (best == null || (s.override() && !best.override())
                        || (s.override() == best.override() && s.start().isAfter(best.start()))) {
                    best = s;
                }
            }
        }
        return best == null ? null : best.handle();
    }

    private static Inferred failed(List<String> notes, List<String> problems) {
        return new Inferred(List.of(), 0, null, null, null, null, List.of(), 0, notes, problems);
    }

    static String slug(String s) {
        String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return out.length() > 63 ? out.substring(0, 63) : out;
    }
}
