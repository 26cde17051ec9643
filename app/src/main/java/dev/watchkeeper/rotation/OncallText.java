package dev.watchkeeper.rotation;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Plain-text renderings shared by the CLI and the /oncall command. */
public final class OncallText {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm");

    private OncallText() {
    }

    public static String when(Instant t, ZoneId zone) {
        return t == null ? "-" : WHEN.format(t.atZone(zone)) + " " + zone.getId();
    }

    public static String onCall(OnCall o, ZoneId zone) {
        if (o.primary() == null) {
            return o.rotation() + ": nobody on call (the rotation has no members)";
        }
        return o.rotation() + ": " + o.primary() + (o.overridden() ? " (override)" : "")
                + (o.shadows().isEmpty() ? "" : ", shadows: " + String.join(", ", o.shadows()))
                + " — until " + when(o.until(), zone);
    }

    public static String schedule(String rotation, List<RotationPlan.Segment> segments, ZoneId zone) {
        StringBuilder sb = new StringBuilder("Schedule of " + rotation + " (" + zone.getId() + ")\n");
        for (RotationPlan.Segment s : segments) {
            sb.append(String.format("%s → %s  %s%s%s%n", WHEN.format(s.start().atZone(zone)),
                    WHEN.format(s.end().atZone(zone)), s.primary(), s.overridden() ? " (override for " + s.scheduled() + ")" : "",
                    s.shadows().isEmpty() ? "" : "  shadows: " + String.join(", ", s.shadows())));
        }
        return sb.toString();
    }

    public static String members(RotationView v) {
        StringBuilder sb = new StringBuilder();
        sb.append(v.name()).append(": ").append(v.shiftDays()).append("-day shifts, handoff ")
                .append(v.handoffDay().toLowerCase()).append(" ").append(v.handoffTime()).append(" ").append(v.zone());
        if (v.channel() != null) {
            sb.append(", channel ").append(v.channel());
        }
        if (v.userGroup() != null) {
            sb.append(", user group ").append(v.userGroup());
        }
        sb.append(", joiners shadow ").append(v.shadowShifts()).append(" shift").append(v.shadowShifts() == 1 ? "" : "s")
                .append("\nMembers:\n");
        for (MemberView m : v.members()) {
            sb.append("  ").append(m.position() + 1).append(". ").append(m.handle());
            if (m.shadowShiftsLeft() > 0) {
                sb.append(" (shadow, ").append(m.shadowShiftsLeft()).append(" shift")
                        .append(m.shadowShiftsLeft() == 1 ? "" : "s").append(" left)");
            }
            sb.append("\n");
        }
        sb.append("Now: ").append(onCall(v.now(), ZoneId.of(v.zone()))).append("\n");
        return sb.toString();
    }

    public static String readiness(String rotation, List<Readiness> rows) {
        if (rows.isEmpty()) {
            return rotation + ": no shadow has received a paged alert yet.";
        }
        StringBuilder sb = new StringBuilder("Shadow readiness in " + rotation + ":\n");
        for (Readiness r : rows) {
            sb.append("• ").append(r.describe()).append("\n");
        }
        return sb.toString();
    }
}
