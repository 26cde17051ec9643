package dev.watchkeeper.rotation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Brute force over random rotations, overrides and swaps: walk two years in small steps (30 s
 * around every DST transition) in zones with different DST rules and check every instant against
 * an independent reading of the rules.
 */
class RotationPlanPropertyTest {

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2028-01-01T00:00:00Z");
    private static final LocalTime[] TIMES = {LocalTime.of(9, 0), LocalTime.of(2, 30), LocalTime.of(1, 30),
            LocalTime.MIDNIGHT, LocalTime.of(17, 45)};
    private static final int[] DAYS = {7, 7, 14, 1, 3, 5};

    @ParameterizedTest
    @ValueSource(strings = {"America/Chicago", "Europe/London", "Australia/Sydney", "Asia/Kolkata"})
    void exactlyOnePrimaryAtEveryInstantAcrossDst(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        Random random = new Random(zoneId.hashCode());
        for (int round = 0; round < 6; round++) {
            RotationPlan plan = randomPlan(random, zone);
            checkEveryInstant(plan, walk(zone));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/Chicago", "Europe/London", "Australia/Sydney", "Asia/Kolkata"})
    void handoffsFallAtTheLocalHandoffTimeOnTheRightDay(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        for (LocalTime time : TIMES) {
            ShiftClock c = ShiftClock.anchoredAt(7, DayOfWeek.MONDAY, time, zone, FROM);
            for (int k = 0; k < 110; k++) {
                ZonedDateTime start = c.start(k).atZone(zone);
                assertEquals(DayOfWeek.MONDAY, start.getDayOfWeek());
                boolean gap = zone.getRules().getValidOffsets(LocalDateTime.of(start.toLocalDate(), time)).isEmpty();
                if (gap) {
                    // The wall-clock time did not exist that day: the handoff moves forward by the gap.
                    assertTrue(start.toLocalTime().isAfter(time), start.toString());
                } else {
                    assertEquals(time, start.toLocalTime(), start.toString());
                }
                long hours = Duration.between(c.start(k), c.end(k)).toHours();
                assertTrue(hours >= 167 && hours <= 169, "a week-long shift lasts 168 h ± 1 h, was " + hours);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/Chicago", "Europe/London", "Australia/Sydney", "Asia/Kolkata"})
    void joinersShadowExactlyTheirFirstNShifts(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        Random random = new Random(31L * zoneId.hashCode());
        for (int round = 0; round < 20; round++) {
            RotationPlan plan = randomPlan(random, zone);
            int last = plan.clock().shiftAt(TO);
            for (RotationPlan.Member m : plan.members()) {
                Set<Integer> shadowed = new TreeSet<>();
                for (int k = plan.clock().shiftAt(FROM); k <= last; k++) {
                    int shift = k;
                    if (plan.shadows(k).contains(m.handle()) && plan.volunteers().stream()
                            .noneMatch(v -> v.shift() == shift && v.handle().equals(m.handle()))) {
                        shadowed.add(k);
                    }
                    if (k < m.firstShift() + m.shadowShifts()) {
                        assertFalse(m.handle().equals(plan.scheduledPrimary(k)),
                                m + " is scheduled primary of shift " + k + " while still onboarding");
                    }
                }
                Set<Integer> expected = new TreeSet<>();
                for (int k = m.firstShift(); k < m.firstShift() + m.shadowShifts() && k <= last; k++) {
                    expected.add(k);
                }
                assertEquals(expected, shadowed, m.toString());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/Chicago", "Australia/Sydney"})
    void aConfirmedSwapTradesExactlyTheTwoShifts(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        Random random = new Random(7L * zoneId.hashCode());
        for (int round = 0; round < 20; round++) {
            RotationPlan base = randomPlan(random, zone);
            ShiftClock c = base.clock();
            int first = c.shiftAt(FROM);
            int i = first + random.nextInt(60);
            int j = first + random.nextInt(60);
            String a = base.primaryAt(c.start(i));
            String b = base.primaryAt(c.start(j));
            List<RotationPlan.Override> overrides = new ArrayList<>(base.overrides());
            overrides.add(new RotationPlan.Override(b, c.start(i), c.end(i)));
            overrides.add(new RotationPlan.Override(a, c.start(j), c.end(j)));
            RotationPlan swapped = new RotationPlan(c, base.members(), overrides, base.volunteers());
            for (int k = first; k < first + 60; k++) {
                for (Instant t = c.start(k); t.isBefore(c.end(k)); t = t.plus(Duration.ofHours(5))) {
                    String expected = k == i ? b : k == j ? a : base.primaryAt(t);
                    assertEquals(expected, swapped.primaryAt(t), "shift " + k + " at " + t);
                }
            }
        }
    }

    /** Every instant: one segment holds it, its primary is the rules' primary, the shift index is the naive one. */
    private static void checkEveryInstant(RotationPlan plan, List<Instant> instants) {
        List<RotationPlan.Segment> segments = plan.segments(FROM, TO);
        assertFalse(segments.isEmpty());
        assertFalse(segments.getFirst().start().isAfter(FROM), "the first segment starts at or before FROM");
        assertFalse(segments.getLast().end().isBefore(TO), "the last segment ends at or after TO");
        for (int s = 0; s < segments.size(); s++) {
            RotationPlan.Segment seg = segments.get(s);
            assertTrue(seg.end().isAfter(seg.start()), "a segment is not empty: " + seg);
            assertNotNull(seg.primary(), "every segment has a primary: " + seg);
            assertFalse(seg.shadows().contains(seg.primary()), "the primary never shadows themselves: " + seg);
            if (s > 0) {
                assertEquals(segments.get(s - 1).end(), seg.start(), "no gap, no overlap at segment " + s);
            }
        }
        int si = 0;
        int previousShift = Integer.MIN_VALUE;
        for (Instant t : instants) {
            while (!segments.get(si).end().isAfter(t)) {
                si++;
            }
            RotationPlan.Segment seg = segments.get(si);
            assertTrue(!seg.start().isAfter(t) && seg.end().isAfter(t));
            if (si + 1 < segments.size()) {
                assertTrue(segments.get(si + 1).start().isAfter(t), "exactly one segment holds " + t);
            }
            String expected = oraclePrimary(plan, t);
            assertEquals(expected, seg.primary(), "primary at " + t);
            assertEquals(expected, plan.primaryAt(t));
            int k = plan.clock().shiftAt(t);
            assertEquals(oracleShift(plan.clock(), t), k, "shift at " + t);
            assertEquals(k, seg.shift());
            assertTrue(k == previousShift || k == previousShift + 1 || previousShift == Integer.MIN_VALUE,
                    "shifts advance one at a time at " + t);
            previousShift = k;
        }
    }

    /** The shift index read from the wall clock: count handoff dates from the anchor, then compare times. */
    private static int oracleShift(ShiftClock c, Instant t) {
        LocalDate date = t.atZone(c.zone()).toLocalDate();
        long days = ChronoUnit.DAYS.between(c.anchorDate(), date);
        int k = (int) Math.floorDiv(days, c.shiftDays());
        Instant handoff = ZonedDateTime.of(c.anchorDate().plusDays((long) k * c.shiftDays()), c.handoffTime(), c.zone()).toInstant();
        return t.isBefore(handoff) ? k - 1 : k;
    }

    /** The rules read directly: newest covering override, else eligible members in order, shift index mod count. */
    private static String oraclePrimary(RotationPlan plan, Instant t) {
        for (int i = plan.overrides().size() - 1; i >= 0; i--) {
            RotationPlan.Override o = plan.overrides().get(i);
            if (!t.isBefore(o.from()) && t.isBefore(o.to())) {
                return o.handle();
            }
        }
        int k = oracleShift(plan.clock(), t);
        List<String> eligible = new ArrayList<>();
        for (RotationPlan.Member m : plan.members()) {
            if (k >= m.firstShift() + m.shadowShifts()) {
                eligible.add(m.handle());
            }
        }
        if (eligible.isEmpty()) {
            plan.members().forEach(m -> eligible.add(m.handle()));
        }
        return eligible.get(Math.floorMod(k, eligible.size()));
    }

    /** Ten-minute steps over two years, plus 30-second steps for six hours around every DST transition. */
    private static List<Instant> walk(ZoneId zone) {
        TreeSet<Instant> out = new TreeSet<>();
        for (Instant t = FROM; t.isBefore(TO); t = t.plus(Duration.ofMinutes(10))) {
            out.add(t);
        }
        var transition = zone.getRules().nextTransition(FROM);
        while (transition != null && transition.getInstant().isBefore(TO)) {
            Instant at = transition.getInstant();
            for (Instant t = at.minus(Duration.ofHours(3)); t.isBefore(at.plus(Duration.ofHours(3))); t = t.plusSeconds(30)) {
                out.add(t);
            }
            transition = zone.getRules().nextTransition(at);
        }
        return new ArrayList<>(out);
    }

    /** Founding members (eligible from the start), joiners with random N, overrides, swap-like overrides, volunteers. */
    static RotationPlan randomPlan(Random random, ZoneId zone) {
        LocalTime time = TIMES[random.nextInt(TIMES.length)];
        int days = DAYS[random.nextInt(DAYS.length)];
        ShiftClock c = ShiftClock.anchoredAt(days, DayOfWeek.of(1 + random.nextInt(7)), time, zone,
                FROM.plus(Duration.ofDays(random.nextInt(30))));
        int firstShift = c.shiftAt(FROM);
        int lastShift = c.shiftAt(TO);
        List<RotationPlan.Member> members = new ArrayList<>();
        int founders = 1 + random.nextInt(4);
        for (int i = 0; i < founders; i++) {
            members.add(new RotationPlan.Member("f" + i, firstShift - 1 - random.nextInt(3), 0));
        }
        int joiners = random.nextInt(4);
        for (int i = 0; i < joiners; i++) {
            int joined = firstShift + random.nextInt(Math.max(1, lastShift - firstShift));
            members.add(new RotationPlan.Member("j" + i, joined, random.nextInt(4)));
        }
        java.util.Collections.shuffle(members, random);
        List<RotationPlan.Override> overrides = new ArrayList<>();
        long span = Duration.between(FROM, TO).toMinutes();
        for (int i = random.nextInt(8); i > 0; i--) {
            Instant from = FROM.plus(Duration.ofMinutes(random.nextLong(span)));
            Instant to = from.plus(Duration.ofMinutes(30 + random.nextLong(60L * 24 * 10)));
            overrides.add(new RotationPlan.Override("o" + random.nextInt(3), from, to));
        }
        RotationPlan plain = new RotationPlan(c, members, List.of(), List.of());
        for (int i = random.nextInt(4); i > 0; i--) {
            int a = firstShift + random.nextInt(Math.max(1, lastShift - firstShift));
            int b = firstShift + random.nextInt(Math.max(1, lastShift - firstShift));
            overrides.add(new RotationPlan.Override(plain.scheduledPrimary(b), c.start(a), c.end(a)));
            overrides.add(new RotationPlan.Override(plain.scheduledPrimary(a), c.start(b), c.end(b)));
        }
        List<RotationPlan.Volunteer> volunteers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            String who = "v" + random.nextInt(2);
            int k = firstShift + random.nextInt(Math.max(1, lastShift - firstShift));
            if (seen.add(who + k)) {
                volunteers.add(new RotationPlan.Volunteer(who, k));
            }
        }
        return new RotationPlan(c, members, overrides, volunteers);
    }
}
