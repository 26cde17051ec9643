package dev.watchkeeper.rotation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is on call, as pure functions of an instant: the rotation's shift clock, its members in
 * order, overrides (oldest first) and shadow volunteers. Nothing here reads a clock or a database.
 *
 * <p>Rules. Member {@code m} shadows shifts {@code [m.firstShift, m.firstShift + m.shadowShifts)}
 * and is primary-eligible from {@code m.firstShift + m.shadowShifts}. The scheduled primary of shift
 * {@code k} is {@code eligible(k)[k mod |eligible(k)|]}; when nobody is eligible yet every member
 * is (someone must be on call). An override covering an instant replaces the scheduled primary; the
 * newest override wins. A rotation with members therefore has exactly one primary at every instant.
 */
public record RotationPlan(ShiftClock clock, List<Member> members, List<Override> overrides,
                           List<Volunteer> volunteers) {

    public record Member(String handle, int firstShift, int shadowShifts) {
        public boolean shadowsShift(int k) {
            return k >= firstShift && k < firstShift + shadowShifts;
        }

        public boolean eligibleFor(int k) {
            return k >= firstShift + shadowShifts;
        }

        /** Shadow shifts left from shift {@code k} on (0 once primary-eligible). */
        public int shadowShiftsLeft(int k) {
            return Math.max(0, firstShift + shadowShifts - Math.max(k, firstShift));
        }
    }

    public record Override(String handle, Instant from, Instant to) {
        boolean covers(Instant t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    public record Volunteer(String handle, int shift) {
    }

    /**
     * A stretch of time with one primary: a whole shift, or the part of it an override changes.
     *
     * @param scheduled who the rotation itself puts on call for the shift
     * @param shadows   who shadows the shift (never the primary of the segment)
     */
    public record Segment(int shift, Instant start, Instant end, String primary, String scheduled,
                          List<String> shadows, boolean overridden) {
    }

    public RotationPlan {
        members = List.copyOf(members);
        overrides = List.copyOf(overrides);
        volunteers = List.copyOf(volunteers);
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    /** The members who may be primary for shift {@code k}, in rotation order. */
    public List<Member> eligible(int k) {
        List<Member> out = members.stream().filter(m -> m.eligibleFor(k)).toList();
        return out.isEmpty() ? members : out;
    }

    /** The primary the rotation schedules for shift {@code k} before overrides; null without members. */
    public String scheduledPrimary(int k) {
        List<Member> eligible = eligible(k);
        return eligible.isEmpty() ? null : eligible.get(Math.floorMod(k, eligible.size())).handle();
    }

    /** Onboarding shadows and volunteers of shift {@code k}, the scheduled primary excluded. */
    public List<String> shadows(int k) {
        Set<String> out = new LinkedHashSet<>();
        for (Member m : members) {
            if (m.shadowsShift(k)) {
                out.add(m.handle());
            }
        }
        for (Volunteer v : volunteers) {
            if (v.shift() == k) {
                out.add(v.handle());
            }
        }
        out.remove(scheduledPrimary(k));
        return List.copyOf(out);
    }

    /** The primary at {@code t}: the newest override covering it, else the scheduled primary. */
    public String primaryAt(Instant t) {
        for (int i = overrides.size() - 1; i >= 0; i--) {
            if (overrides.get(i).covers(t)) {
                return overrides.get(i).handle();
            }
        }
        return scheduledPrimary(clock.shiftAt(t));
    }

    /** The segment in progress at {@code t}, or null when nobody is on call (no members, no override). */
    public Segment at(Instant t) {
        return segments(t, t.plusMillis(1)).stream()
                .filter(s -> !s.start().isAfter(t) && s.end().isAfter(t))
                .findFirst().orElse(null);
    }

    /**
     * The segments that cover {@code [from, to)}, in order, with no gaps and no overlaps: the
     * first starts at or before {@code from}, the last ends at or after {@code to}.
     */
    public List<Segment> segments(Instant from, Instant to) {
        List<Segment> out = new ArrayList<>();
        if (!to.isAfter(from)) {
            return out;
        }
        int last = clock.shiftAt(to.minusMillis(1));
        for (int k = clock.shiftAt(from); k <= last; k++) {
            Instant start = clock.start(k);
            Instant end = clock.end(k);
            String scheduled = scheduledPrimary(k);
            List<String> shadows = shadows(k);
            TreeSet<Instant> cuts = new TreeSet<>();
            cuts.add(start);
            cuts.add(end);
            for (Override o : overrides) {
                if (o.from().isAfter(start) && o.from().isBefore(end)) {
                    cuts.add(o.from());
                }
                if (o.to().isAfter(start) && o.to().isBefore(end)) {
                    cuts.add(o.to());
                }
            }
            Instant pieceStart = null;
            String piecePrimary = null;
            for (Instant cut : cuts) {
                String primary = cut.equals(end) ? null : primaryAt(cut);
                if (pieceStart != null && (primary == null || !primary.equals(piecePrimary))) {
                    if (cut.isAfter(from)) {
                        out.add(segment(k, pieceStart, cut, piecePrimary, scheduled, shadows));
                    }
                    pieceStart = null;
                }
                if (primary != null && pieceStart == null) {
                    pieceStart = cut;
                    piecePrimary = primary;
                }
            }
        }
        return out;
    }

    private static Segment segment(int k, Instant start, Instant end, String primary, String scheduled,
                                   List<String> shadows) {
        List<String> s = shadows.stream().filter(h -> !h.equals(primary)).toList();
        return new Segment(k, start, end, primary, scheduled, s, !java.util.Objects.equals(primary, scheduled));
    }

    /** The next member after {@code handle} in rotation order among those eligible for shift {@code k}. */
    public String nextAfter(String handle, int k) {
        List<Member> eligible = eligible(k);
        if (eligible.isEmpty()) {
            return null;
        }
        for (int i = 0; i < eligible.size(); i++) {
            if (eligible.get(i).handle().equals(handle)) {
                return eligible.get((i + 1) % eligible.size()).handle();
            }
        }
        String scheduled = scheduledPrimary(k);
        return scheduled != null && !scheduled.equals(handle) ? scheduled : eligible.getFirst().handle();
    }
}
