package dev.watchkeeper.migrate;

import dev.watchkeeper.rotation.RotationPlan;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rotations inferred from feeds generated with ical4j in each tool's style, checked instant by
 * instant (every 30 minutes for eight weeks, across a daylight-saving change) against who the feed
 * puts on call.
 */
class ScheduleImportTest {

    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static People people() {
        return People.load(null, List.of("alice=alice", "bob=bob", "carol=carol", "dave=dave",
                "alice@example.com=alice", "bob@example.com=bob", "carol@example.com=carol",
                "Alice Example=alice", "Bob Example=bob", "Carol Example=carol", "Dave Example=dave"));
    }

    static Calendar calendar() {
        Calendar cal = new Calendar();
        cal.add(new ProdId("-//test//feeds//EN"));
        cal.add(ImmutableVersion.VERSION_2_0);
        return cal;
    }

    static VEvent event(java.time.temporal.Temporal start, java.time.temporal.Temporal end, String summary, String uid) {
        VEvent e = new VEvent(start, end, summary);
        e.add(new Uid(uid));
        return e;
    }

    /** Who the feed's author meant to be on call at {@code t}, against the inferred rotation, every 30 minutes. */
    static void assertSameOnCall(ScheduleImport.Inferred s, Function<Instant, String> expected) {
        RotationPlan plan = s.plan();
        for (Instant t = NOW; t.isBefore(NOW.plus(Duration.ofDays(56))); t = t.plus(Duration.ofMinutes(30))) {
            assertEquals(expected.apply(t), plan.primaryAt(t), "at " + t);
        }
    }

    @Test
    void grafanaOnCallStyleRecurringEventsWithAnOverrideAcrossDst() {
        Calendar cal = calendar();
        cal.add(new XProperty("X-WR-CALNAME", "ML primary"));
        String[] who = {"alice", "bob", "carol"};
        for (int i = 0; i < 3; i++) {
            ZonedDateTime start = ZonedDateTime.of(LocalDate.of(2026, 1, 5).plusWeeks(i), LocalTime.of(9, 0), LONDON);
            VEvent e = event(start, start.plusWeeks(1), who[i], "rot-" + i);
            e.add(new RRule<>("FREQ=WEEKLY;INTERVAL=3"));
            cal.add(e);
        }
        // Overrides are single events in an override layer: one to come, one already past.
        cal.add(event(ZonedDateTime.of(2026, 3, 18, 12, 0, 0, 0, LONDON), ZonedDateTime.of(2026, 3, 20, 12, 0, 0, 0, LONDON), "dave", "ovr-1"));
        cal.add(event(ZonedDateTime.of(2026, 2, 10, 12, 0, 0, 0, LONDON), ZonedDateTime.of(2026, 2, 11, 12, 0, 0, 0, LONDON), "dave", "ovr-0"));

        ScheduleImport.Inferred s = ScheduleImport.infer(cal.toString(), "feed.ics", people(), null, NOW);

        assertTrue(s.ok(), s.problems().toString());
        assertEquals(List.of("carol", "alice", "bob"), s.members());
        assertEquals(7, s.shiftDays());
        assertEquals(DayOfWeek.MONDAY, s.handoffDay());
        assertEquals(LocalTime.of(9, 0), s.handoffTime());
        assertEquals(LONDON, s.zone());
        assertEquals(NOW, s.anchor());
        assertEquals(List.of(new RotationPlan.Override("dave", Instant.parse("2026-03-18T12:00:00Z"), Instant.parse("2026-03-20T12:00:00Z"))),
                s.overrides());
        assertEquals(1, s.pastDifferences());
        assertSameOnCall(s, t -> {
            if (!t.isBefore(Instant.parse("2026-03-18T12:00:00Z")) && t.isBefore(Instant.parse("2026-03-20T12:00:00Z"))) {
                return "dave";
            }
            ZonedDateTime z = t.atZone(LONDON);
            LocalDate monday = z.toLocalDate().with(java.time.temporal.TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            if (z.getDayOfWeek() == DayOfWeek.MONDAY && z.toLocalTime().isBefore(LocalTime.of(9, 0))) {
                monday = monday.minusWeeks(1);
            }
            long weeks = java.time.temporal.ChronoUnit.WEEKS.between(LocalDate.of(2026, 1, 5), monday);
            return who[(int) (weeks % 3)];
        });
        // The hand-over after the change to summer time is still 09:00 in London, 08:00 UTC.
        assertEquals(Instant.parse("2026-03-30T08:00:00Z"), s.clock().start(4));
    }

    /** Weekly Wednesday 17:00 New York shifts, one UTC event per shift, an override cut out of a shift. */
    static Calendar pagerDutyStyle() {
        Calendar cal = calendar();
        String[] who = {"Alice Example", "Bob Example"};
        String[] mail = {"alice@example.com", "bob@example.com"};
        ZonedDateTime first = ZonedDateTime.of(2026, 1, 7, 17, 0, 0, 0, NEW_YORK);
        for (int w = 0; w < 17; w++) {
            ZonedDateTime a = first.plusWeeks(w);
            ZonedDateTime b = a.plusWeeks(1);
            int p = w % 2;
            if (a.toLocalDate().equals(LocalDate.of(2026, 3, 18))) {
                ZonedDateTime o1 = ZonedDateTime.of(2026, 3, 20, 9, 0, 0, 0, NEW_YORK);
                ZonedDateTime o2 = o1.plusDays(1);
                cal.add(pd(a, o1, who[p], mail[p], w + "a"));
                cal.add(pd(o1, o2, "Carol Example", "carol@example.com", w + "b"));
                cal.add(pd(o2, b, who[p], mail[p], w + "c"));
            } else {
                cal.add(pd(a, b, who[p], mail[p], String.valueOf(w)));
            }
        }
        return cal;
    }

    static VEvent pd(ZonedDateTime a, ZonedDateTime b, String name, String mail, String uid) {
        VEvent e = event(a.toInstant(), b.toInstant(), "On Call - " + name + " - ML Primary", "Q" + uid + "@pagerduty.com");
        e.add(new Attendee(URI.create("mailto:" + mail)));
        return e;
    }

    @Test
    void pagerDutyStyleUtcEventsNeedTheZoneWhenHandOversMoveWithDst() {
        String ics = pagerDutyStyle().toString();
        ScheduleImport.Inferred unknown = ScheduleImport.infer(ics, "pd.ics", people(), null, NOW);
        assertFalse(unknown.ok());
        assertTrue(unknown.problems().get(0).contains("names no time zone") && unknown.problems().get(0).contains("Pass --zone")
                        && unknown.problems().get(0).contains("hand-overs seen at 22:00, 21:00"),
                unknown.problems().toString());

        ScheduleImport.Inferred s = ScheduleImport.infer(ics, "pd.ics", people(), NEW_YORK, NOW);
        assertTrue(s.ok(), s.problems().toString());
        assertEquals(List.of("bob", "alice"), s.members());
        assertEquals(DayOfWeek.WEDNESDAY, s.handoffDay());
        assertEquals(LocalTime.of(17, 0), s.handoffTime());
        assertEquals(Instant.parse("2026-02-25T22:00:00Z"), s.anchor());
        Instant o1 = ZonedDateTime.of(2026, 3, 20, 9, 0, 0, 0, NEW_YORK).toInstant();
        assertEquals(List.of(new RotationPlan.Override("carol", o1, o1.plus(Duration.ofDays(1)))), s.overrides());
        assertSameOnCall(s, t -> {
            if (!t.isBefore(o1) && t.isBefore(o1.plus(Duration.ofDays(1)))) {
                return "carol";
            }
            int w = 0;
            while (!ZonedDateTime.of(2026, 1, 7, 17, 0, 0, 0, NEW_YORK).plusWeeks(w + 1L).toInstant().isAfter(t)) {
                w++;
            }
            return w % 2 == 0 ? "alice" : "bob";
        });
    }

    /** Daily 08:00 Berlin shifts, four people, the zone named by X-WR-TIMEZONE, spring forward inside. */
    static Calendar opsgenieStyle(boolean withUnmapped) {
        Calendar cal = calendar();
        cal.add(new XProperty("X-WR-CALNAME", "ML_schedule"));
        cal.add(new XProperty("X-WR-TIMEZONE", "Europe/Berlin"));
        String[] who = {"Alice Example", "Bob Example", "Carol Example", "Dave Example"};
        for (int d = 0; d < 80; d++) {
            LocalDateTime a = LocalDate.of(2026, 2, 1).plusDays(d).atTime(8, 0);
            String name = withUnmapped && d == 40 ? "Former Employee" : who[d % 4];
            cal.add(event(ZonedDateTime.of(a, BERLIN), ZonedDateTime.of(a.plusDays(1), BERLIN), "ML_schedule: " + name, "og-" + d));
        }
        return cal;
    }

    @Test
    void opsgenieStyleDailyShiftsInANamedZone() {
        ScheduleImport.Inferred s = ScheduleImport.infer(opsgenieStyle(false).toString(), "og.ics", people(), null, NOW);
        assertTrue(s.ok(), s.problems().toString());
        assertEquals(1, s.shiftDays());
        assertEquals(BERLIN, s.zone());
        assertEquals(List.of("bob", "carol", "dave", "alice"), s.members());
        assertEquals(List.of(), s.overrides());
        assertEquals(Instant.parse("2026-03-02T07:00:00Z"), s.anchor());
        String[] who = {"alice", "bob", "carol", "dave"};
        RotationPlan plan = s.plan();
        for (Instant t = NOW; t.isBefore(Instant.parse("2026-04-20T00:00:00Z")); t = t.plus(Duration.ofMinutes(30))) {
            ZonedDateTime z = t.atZone(BERLIN);
            LocalDate day = z.toLocalTime().isBefore(LocalTime.of(8, 0)) ? z.toLocalDate().minusDays(1) : z.toLocalDate();
            long d = java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(2026, 2, 1), day);
            assertEquals(who[(int) (d % 4)], plan.primaryAt(t), "at " + t);
        }
    }

    @Test
    void aPersonNotInThePeopleMapIsReportedNotGuessed() {
        ScheduleImport.Inferred s = ScheduleImport.infer(opsgenieStyle(true).toString(), "og.ics", people(), null, NOW);
        assertFalse(s.ok());
        assertEquals(1, s.problems().size(), s.problems().toString());
        assertTrue(s.problems().get(0).startsWith("og.ics: event 'ML_schedule: Former Employee' (1 shift in the window): nobody in the people map"),
                s.problems().get(0));
    }

    @Test
    void notACalendarAndNoWholeDayShifts() {
        ScheduleImport.Inferred bad = ScheduleImport.infer("BEGIN:VCALENDAR\nthis is not\n", "x.ics", people(), null, NOW);
        assertFalse(bad.ok());
        assertTrue(bad.problems().get(0).startsWith("x.ics:"), bad.problems().toString());

        Calendar cal = calendar();
        for (int d = 0; d < 30; d++) {
            ZonedDateTime a = ZonedDateTime.of(2026, 2, 15, 9, 0, 0, 0, LONDON).plusDays(d);
            cal.add(event(a, a.plusHours(8), d % 2 == 0 ? "alice" : "bob", "h" + d));
        }
        ScheduleImport.Inferred hours = ScheduleImport.infer(cal.toString(), "h.ics", people(), null, NOW);
        assertFalse(hours.ok());
        assertTrue(hours.problems().get(0).contains("cannot infer the shift length"), hours.problems().toString());
    }
}
