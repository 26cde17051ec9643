package dev.watchkeeper.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The .ics feeds parse with ical4j and hold exactly the computed shifts. */
class CalendarFeedTest {

    @TempDir
    Path dir;
    TestApp app;
    TestHttp http;

    @BeforeEach
    void start() {
        app = TestApp.start(dir, Map.of("watchkeeper.base-url", "https://wk.example.org"));
        http = app.http();
        assertEquals(201, http.postJson("/api/rotations", """
                {"name": "ml", "members": ["alice", "bob"], "zone": "America/Chicago",
                 "handoffDay": "monday", "handoffTime": "02:30"}""").status());
        http.postJson("/api/rotations/ml/members", "{\"by\": \"carol\"}");
        http.postJson("/api/rotations/ml/overrides",
                "{\"by\": \"alice\", \"person\": \"dave\", \"from\": \"2026-03-04T12:00\", \"to\": \"2026-03-05T12:00\"}");
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private static List<VEvent> parse(String ics) throws Exception {
        Calendar cal = new CalendarBuilder().build(new StringReader(ics));
        return cal.getComponents(Component.VEVENT);
    }

    private static Instant start(VEvent e) {
        return Instant.from(e.getStartDate().orElseThrow().getDate());
    }

    private static Instant end(VEvent e) {
        return Instant.from(e.getEndDate().orElseThrow().getDate());
    }

    @Test
    void rotationFeedMatchesTheComputedSchedule() throws Exception {
        assertEquals(403, http.get("/api/rotations/ml/calendar?by=mallory").status());
        JsonNode urls = http.get("/api/rotations/ml/calendar?by=alice").json();
        String url = urls.get("rotation").asText();
        assertTrue(url.startsWith("https://wk.example.org/calendar/rotation/") && url.endsWith(".ics"), url);
        TestHttp.Response r = http.get(url.substring("https://wk.example.org".length()));
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("text/calendar"), r.header("Content-Type"));

        List<VEvent> events = parse(r.body());
        Instant now = app.clock().instant();
        List<RotationPlan.Segment> expected = app.bean(RotationService.class)
                .schedule("ml", now.minus(Duration.ofDays(28)), now.plus(Duration.ofDays(7 * 26)));
        assertEquals(expected.size(), events.size());
        Set<String> uids = new HashSet<>();
        for (int i = 0; i < expected.size(); i++) {
            RotationPlan.Segment s = expected.get(i);
            VEvent e = events.get(i);
            assertEquals(s.start(), start(e), "event " + i);
            assertEquals(s.end(), end(e), "event " + i);
            assertTrue(e.getSummary().getValue().startsWith("ml on call: " + s.primary()), e.getSummary().getValue());
            uids.add(e.getUid().orElseThrow().getValue());
        }
        assertEquals(expected.size(), uids.size(), "every event has its own UID");
        assertTrue(expected.stream().anyMatch(s -> s.primary().equals("dave") && s.overridden()), "the override is in the feed");
        // 2026-03-08 is the US spring-forward day: 02:30 does not exist in Chicago, so that shift starts at 03:30 CDT.
        assertTrue(events.stream().anyMatch(e -> start(e).equals(Instant.parse("2026-03-09T07:30:00Z"))));

        assertEquals(404, http.get("/calendar/rotation/not-a-token.ics").status());
        assertEquals(404, http.get("/calendar/rotation/" + url.substring(url.lastIndexOf('/') + 1).replace(".ics", "")).status());
    }

    @Test
    void personFeedHoldsTheirPrimaryAndShadowShifts() throws Exception {
        JsonNode urls = http.get("/api/rotations/ml/calendar?by=carol").json();
        String url = urls.get("person").asText().substring("https://wk.example.org".length());
        List<VEvent> events = parse(http.get(url).body());
        Instant now = app.clock().instant();
        List<RotationPlan.Segment> schedule = app.bean(RotationService.class)
                .schedule("ml", now.minus(Duration.ofDays(28)), now.plus(Duration.ofDays(7 * 26)));
        List<RotationPlan.Segment> carols = schedule.stream()
                .filter(s -> s.primary().equals("carol") || s.shadows().contains("carol")).toList();
        assertEquals(carols.size(), events.size());
        List<RotationPlan.Segment> shadowing = schedule.stream().filter(s -> s.shadows().contains("carol")).toList();
        assertEquals(Set.of(0, 1), shadowing.stream().map(RotationPlan.Segment::shift).collect(java.util.stream.Collectors.toSet()),
                "carol shadows exactly her first two shifts");
        assertEquals(shadowing.size(), events.stream().filter(e -> e.getSummary().getValue().startsWith("ml: shadowing")).count());
        for (int i = 0; i < carols.size(); i++) {
            assertEquals(carols.get(i).start(), start(events.get(i)));
            assertEquals(carols.get(i).end(), end(events.get(i)));
        }
    }
}
