package dev.watchkeeper.migrate;

import dev.watchkeeper.migrate.ScheduleImport.Stretch;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads an iCalendar feed of on-call shifts ({@link ScheduleImport} infers the rotation from what this reads):
 * its events expanded within a window into stretches of one person on call, each mapped to a person, and the
 * schedule's time zone. Whatever cannot be read is a problem.
 */
final class ScheduleFeed {

    /** The feed's stretches within the window, and its zone (null when neither the operator nor the feed names one). */
    record Read(List<Stretch> stretches, ZoneId zone, String zoneSource) {
    }

    private ScheduleFeed() {
    }

    /** The feed's stretches between {@code from} and {@code to}, or null after adding to {@code problems}. */
    static Read read(String ics, String source, People people, ZoneId zoneFlag, Instant from, Instant to,
                     List<String> problems) {
        Calendar cal;
        try {
            cal = new CalendarBuilder().build(new StringReader(ics));
        } catch (ParserException e) {
            problems.add(source + ":" + e.getLineNo() + ": not an iCalendar feed: " + e.getMessage());
            return null;
        } catch (IOException | RuntimeException e) {
            problems.add(source + ":1: not an iCalendar feed: " + e.getMessage());
            return null;
        }
        List<VEvent> events = cal.getComponents(Component.VEVENT);
        if (events.isEmpty()) {
            problems.add(source + ": the feed holds no events");
            return null;
        }
        if (events.size() > Limits.MAX_EVENTS) {
            problems.add(source + ": the feed holds " + events.size() + " events, more than " + Limits.MAX_EVENTS);
            return null;
        }

        // The zone: the operator's flag, else the calendar's, else the recurring events' TZID.
        ZoneId zone = zoneFlag;
        String zoneSource = "--zone";
        if (zone == null) {
            Optional<String> wr = cal.getProperty("X-WR-TIMEZONE").map(p -> ((Property) p).getValue());
            if (wr.isPresent() && validZone(wr.get()) != null) {
                zone = validZone(wr.get());
                zoneSource = "X-WR-TIMEZONE";
            }
        }
        if (zone == null) {
            Map<String, Integer> tzids = new TreeMap<>();
            for (VEvent e : events) {
                e.getProperty(Property.DTSTART).flatMap(p -> ((Property) p).getParameter(Parameter.TZID))
                        .map(p -> ((Parameter) p).getValue()).filter(z -> validZone(z) != null).ifPresent(z -> tzids.merge(z, 1, Integer::sum));
            }
            if (!tzids.isEmpty()) {
                zone = validZone(tzids.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey());
                zoneSource = "the events' TZID";
            }
        }

        boolean anyRecurring = events.stream().anyMatch(e -> e.getProperty(Property.RRULE).isPresent()
                || e.getProperty(Property.RDATE).isPresent());
        List<Stretch> stretches = new ArrayList<>();
        Map<String, Integer> unmapped = new LinkedHashMap<>();
        ZoneId expandZone = zone == null ? ZoneOffset.UTC : zone;
        for (VEvent e : events) {
            boolean recurring = e.getProperty(Property.RRULE).isPresent() || e.getProperty(Property.RDATE).isPresent();
            boolean override = e.getProperty(Property.RECURRENCE_ID).isPresent() || (anyRecurring && !recurring);
            String handle = person(e, people);
            String summary = e.getProperty(Property.SUMMARY).map(p -> ((Property) p).getValue()).orElse("(no SUMMARY)");
            Set<Period<Temporal>> periods;
            try {
                periods = e.calculateRecurrenceSet(new Period<>(from.atZone(expandZone), to.atZone(expandZone)));
            } catch (RuntimeException ex) {
                problems.add(source + ": event '" + summary + "': cannot read its times: " + ex.getMessage());
                continue;
            }
            for (Period<Temporal> p : periods) {
                Instant s = instant(p.getStart(), expandZone);
                Instant t = instant(p.getEnd(), expandZone);
                if (s == null || t == null || !t.isAfter(s)) {
                    continue;
                }
                if (handle == null) {
                    unmapped.merge(summary, 1, Integer::sum);
                    continue;
                }
                if (stretches.size() >= Limits.MAX_SHIFTS) {
                    problems.add(source + ": more than " + Limits.MAX_SHIFTS + " shifts within the window");
                    return null;
                }
                stretches.add(new Stretch(s, t, handle, override));
            }
        }
        for (var u : unmapped.entrySet()) {
            problems.add(source + ": event '" + u.getKey() + "' (" + u.getValue() + " shift" + (u.getValue() == 1 ? "" : "s")
                    + " in the window): nobody in the people map matches its ATTENDEE or SUMMARY; add a line to --people");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new Read(stretches, zone, zoneSource);
    }

    /** The mapped person of an event: an ATTENDEE's email, else the SUMMARY or a part of it. */
    static String person(VEvent e, People people) {
        List<String> candidates = new ArrayList<>();
        for (Property a : e.getProperties(Property.ATTENDEE)) {
            String v = a.getValue();
            candidates.add(v.regionMatches(true, 0, "mailto:", 0, 7) ? v.substring(7) : v);
            a.getParameter(Parameter.CN).map(p -> ((Parameter) p).getValue()).ifPresent(c -> candidates.add((String) c));
        }
        String summary = e.getProperty(Property.SUMMARY).map(p -> ((Property) p).getValue()).orElse("").strip();
        if (!summary.isEmpty()) {
            String noParen = summary.replaceAll("\\s*\\([^)]*\\)", "").strip();
            candidates.add(summary);
            candidates.add(noParen);
            for (String part : noParen.split("\\s+-\\s+|:\\s*|,\\s*|\\s+on call\\s*")) {
                candidates.add(part.strip());
            }
        }
        for (String c : candidates) {
            if (!c.isBlank()) {
                Optional<People.Person> p = people.find(c);
                if (p.isPresent()) {
                    return p.get().handle();
                }
            }
        }
        return null;
    }

    static Instant instant(Temporal t, ZoneId zone) {
        if (t instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (t instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (t instanceof Instant i) {
            return i;
        }
        if (t instanceof LocalDateTime l) {
            return l.atZone(zone).toInstant();
        }
        if (t instanceof LocalDate d) {
            return d.atStartOfDay(zone).toInstant();
        }
        return null;
    }

    private static ZoneId validZone(String z) {
        try {
            return ZoneId.of(z.strip());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
