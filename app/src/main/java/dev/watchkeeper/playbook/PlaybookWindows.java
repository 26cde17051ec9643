package dev.watchkeeper.playbook;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.watchkeeper.playbook.YamlNodes.keys;
import static dev.watchkeeper.playbook.YamlNodes.scalar;
import static dev.watchkeeper.playbook.YamlNodes.strings;

/** Time windows in playbook front matter: recurring ({@code from/to/days/zone}) or one-off ({@code start/end}). */
final class PlaybookWindows {

    private PlaybookWindows() {
    }

    static TimeWindow window(PlaybookSource c, org.yaml.snakeyaml.nodes.Node node, String field, List<String> extraKeys) {
        if (!(node instanceof MappingNode m)) {
            c.at(node, field + ": must be a window: {from, to, zone, days} or {start, end}");
            return null;
        }
        List<String> allowed = new ArrayList<>(List.of("days", "from", "to", "zone", "start", "end"));
        allowed.addAll(extraKeys);
        Map<String, NodeTuple> k = keys(c, m, allowed, field);
        int before = c.problems.size();
        ZoneId zone = ZoneOffset.UTC;
        if (k.containsKey("zone")) {
            String z = scalar(c, k.get("zone").getValueNode(), field + ".zone");
            try {
                zone = z == null ? zone : ZoneId.of(z);
            } catch (DateTimeException e) {
                c.at(k.get("zone").getValueNode(), field + ".zone: '" + z + "' is not a time zone such as Europe/Berlin or UTC");
            }
        }
        boolean oneOff = k.containsKey("start") || k.containsKey("end");
        boolean recurring = k.containsKey("from") || k.containsKey("to") || k.containsKey("days");
        if (oneOff && recurring) {
            c.at(m, field + ": use either start/end (one-off) or from/to/days (recurring), not both");
            return null;
        }
        if (oneOff) {
            Instant start = instant(c, k, "start", field, zone);
            Instant end = instant(c, k, "end", field, zone);
            if (start != null && end != null && !end.isAfter(start)) {
                c.at(k.get("end").getValueNode(), field + ".end: must be after start");
            }
            return c.problems.size() == before ? TimeWindow.oneOff(start, end) : null;
        }
        LocalTime from = time(c, k, "from", field);
        LocalTime to = time(c, k, "to", field);
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (k.containsKey("days")) {
            for (ScalarNode s : strings(c, k.get("days").getValueNode(), field + ".days")) {
                Set<DayOfWeek> d = days(s.getValue());
                if (d == null) {
                    c.at(s, field + ".days: '" + s.getValue() + "' is not a day (mon..sun), a range (mon-fri), weekdays or weekends");
                } else {
                    days.addAll(d);
                }
            }
        }
        return c.problems.size() == before ? TimeWindow.recurring(days, from, to, zone) : null;
    }

    static LocalTime time(PlaybookSource c, Map<String, NodeTuple> k, String key, String field) {
        if (!k.containsKey(key)) {
            c.at(c.firstLine(k), field + ": '" + key + "' is required, a local time such as \"02:00\"");
            return null;
        }
        String v = scalar(c, k.get(key).getValueNode(), field + "." + key);
        try {
            return v == null ? null : LocalTime.parse(v.length() == 4 ? "0" + v : v);
        } catch (DateTimeParseException e) {
            c.at(k.get(key).getValueNode(), field + "." + key + ": '" + v + "' is not a time of day such as \"02:00\"");
            return null;
        }
    }

    static Instant instant(PlaybookSource c, Map<String, NodeTuple> k, String key, String field, ZoneId zone) {
        if (!k.containsKey(key)) {
            c.at(c.firstLine(k), field + ": '" + key + "' is required for a one-off window");
            return null;
        }
        String v = scalar(c, k.get(key).getValueNode(), field + "." + key);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeParseException e2) {
                c.at(k.get(key).getValueNode(), field + "." + key + ": '" + v
                        + "' is not a date-time such as 2026-03-14T22:00:00Z or 2026-03-14 22:00 (with zone)");
                return null;
            }
        }
    }

    static Set<DayOfWeek> days(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "daily", "every day" -> {
                return EnumSet.allOf(DayOfWeek.class);
            }
            case "weekdays" -> {
                return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
            }
            case "weekends" -> {
                return EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            }
            default -> {
            }
        }
        int dash = t.indexOf('-');
        if (dash > 0) {
            DayOfWeek a = day(t.substring(0, dash));
            DayOfWeek b = day(t.substring(dash + 1));
            if (a == null || b == null) {
                return null;
            }
            Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
            for (DayOfWeek d = a; ; d = d.plus(1)) {
                out.add(d);
                if (d == b) {
                    return out;
                }
            }
        }
        DayOfWeek d = day(t);
        return d == null ? null : EnumSet.of(d);
    }

    static DayOfWeek day(String t) {
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.name().toLowerCase(Locale.ROOT);
            if (t.equals(full) || t.equals(full.substring(0, 3))) {
                return d;
            }
        }
        return null;
    }
}
