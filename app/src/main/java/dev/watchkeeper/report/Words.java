package dev.watchkeeper.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The small phrases reports are made of: times, durations, counts, lists. */
public final class Words {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final ZoneId zone;

    public Words(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** "Mon 2 Mar 09:05". */
    public String time(Instant at) {
        return TIME.format(at.atZone(zone));
    }

    /** The zone as printed after a time, e.g. "UTC". */
    public String zoneName() {
        return zone.getId().equals("Z") ? "UTC" : zone.getId();
    }

    /** "45 min", "1 h 5 min", "3 d 4 h"; under a minute is "under a minute". */
    public static String duration(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return "under a minute";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = d.toHours();
        if (hours < 24) {
            long m = minutes % 60;
            return hours + " h" + (m == 0 ? "" : " " + m + " min");
        }
        long h = hours % 24;
        return d.toDays() + " d" + (h == 0 ? "" : " " + h + " h");
    }

    /** "1 alert", "3 alerts". */
    public static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** "once", "twice", "3 times". */
    public static String times(long n) {
        return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
    }

    /** Ends a sentence with a full stop unless it already ends with one (inside a closing quote too). */
    public static String sentence(String s) {
        return s.matches("(?s).*[.!?][\u201d)]?$") ? s : s + ".";
    }

    /** "a", "a and b", "a, b and c". */
    public static String and(List<String> parts) {
        if (parts.isEmpty()) {
            return "";
        }
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
    }

    /** Text from people, on one line, quoted. */
    /** A note quoted on one line, cut at {@link dev.watchkeeper.core.Bounds#LONGEST_QUOTE} characters. */
    public static String quote(String text) {
        return "\u201c" + dev.watchkeeper.core.Bounds.cut(oneLine(text), dev.watchkeeper.core.Bounds.LONGEST_QUOTE) + "\u201d";
    }

    public static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Sentence case for a phrase that starts a line. */
    public static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public static String percent(long part, long whole) {
        return whole == 0 ? "0%" : Math.round(100.0 * part / whole) + "%";
    }
}
