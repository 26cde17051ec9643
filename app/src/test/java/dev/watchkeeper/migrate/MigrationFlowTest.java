package dev.watchkeeper.migrate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.ranking.HistoryImporter;
import dev.watchkeeper.rotation.CalendarFeed;
import dev.watchkeeper.rotation.RotationPlan;
import dev.watchkeeper.rotation.RotationService;
import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service end to end on a real SQLite file: Watchkeeper's own feed round trip, rotation re-runs, backtest. */
class MigrationFlowTest {

    @TempDir
    Path dir;
    TestApp app;
    MigrationService migration;
    RotationService rotations;

    @BeforeEach
    void start() {
        app = TestApp.start(dir);
        migration = app.bean(MigrationService.class);
        rotations = app.bean(RotationService.class);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    static People people() {
        return People.load(null, List.of("alice=alice", "bob=bob", "carol=carol", "dave=dave"));
    }

    private static List<String> shifts(List<RotationPlan.Segment> segments) {
        return segments.stream().map(s -> s.start() + " " + s.end() + " " + s.primary()).toList();
    }

    @Test
    void watchkeepersOwnFeedGivesBackTheSameShifts() {
        app.bean(dev.watchkeeper.rotation.MembershipService.class).create(new dev.watchkeeper.rotation.NewRotation("ml", List.of("alice", "bob", "carol"), 7, "monday", "02:30",
                "America/Chicago", null, null, 0), "alice");
        app.bean(dev.watchkeeper.rotation.CoverService.class).override("ml", "alice", "dave", "2026-03-04T12:00", "2026-03-05T12:00");
        String ics = app.bean(CalendarFeed.class).rotationFeed(rotations.rotation("ml").calendarToken());

        // The feed's times are UTC and name no zone (hand-overs move with DST on 8 March): not guessed.
        ScheduleImport.Inferred noZone = migration.inferSchedule(ics, "ml.ics", people(), null);
        assertFalse(noZone.ok());
        assertTrue(noZone.problems().get(0).contains("Pass --zone"), noZone.problems().toString());

        ScheduleImport.Inferred s = migration.inferSchedule(ics, "ml.ics", people(), ZoneId.of("America/Chicago"));
        assertTrue(s.ok(), s.problems().toString());
        assertEquals(1, s.overrides().size(), s.members() + " " + s.anchor() + " " + s.overrides() + " " + s.notes());
        MigrationService.RotationResult r = migration.createRotation("ml-copy", s, "alice");
        assertTrue(r.created());
        assertEquals(1, r.overridesAdded());

        Instant now = app.clock().instant();
        Instant until = now.plus(Duration.ofDays(7 * 20));
        List<String> original = shifts(rotations.schedule("ml", now, until));
        assertEquals(original, shifts(rotations.schedule("ml-copy", now, until)));
        assertTrue(original.stream().anyMatch(x -> x.endsWith(" dave")), original.toString());

        // A second run finds the same rotation and override and changes nothing.
        MigrationService.RotationResult again = migration.createRotation("ml-copy", s, "alice");
        assertFalse(again.created());
        assertEquals(0, again.overridesAdded());
        assertEquals(1, again.overridesPresent());
        assertEquals(1, rotations.overrides("ml-copy").size());
        // Another rotation under that name is refused rather than changed.
        ScheduleImport.Inferred other = new ScheduleImport.Inferred(List.of("bob", "alice"), s.shiftDays(), s.handoffDay(),
                s.handoffTime(), s.zone(), s.anchor(), List.of(), 0, List.of(), List.of());
        assertTrue(migration.createRotation("ml-copy", other, "alice").problems().get(0).contains("already exists"));
    }

    @Test
    void fetchesAFeedOverHttpWithinBounds() throws Exception {
        String ics = Files.readString(ConvertersTest.fixture("grafana-oncall/schedule.ics"));
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/feed.ics", x -> {
            byte[] body = ics.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.createContext("/huge.ics", x -> {
            x.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (var out = x.getResponseBody()) {
                for (long sent = 0; sent <= Limits.MAX_CALENDAR_BYTES; sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException ignored) {
                // the client stops reading at the limit
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertEquals(ics, migration.fetchCalendar(base + "/feed.ics"));
            var missing = org.junit.jupiter.api.Assertions.assertThrows(dev.watchkeeper.core.BadInputException.class,
                    () -> migration.fetchCalendar(base + "/nothing.ics"));
            assertTrue(missing.getMessage().contains("answered 404"), missing.getMessage());
            var huge = org.junit.jupiter.api.Assertions.assertThrows(dev.watchkeeper.core.BadInputException.class,
                    () -> migration.fetchCalendar(base + "/huge.ics"));
            assertTrue(huge.getMessage().contains("is larger than 8 MiB"), huge.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void peopleAreLinkedToSlackUsersAndAConflictWritesNothing() {
        MigrationService.Linked ok = migration.linkPeople(People.load(null, List.of("PU1=alice:U0ALICE01", "PU2=bob")));
        assertEquals(2, ok.people());
        assertEquals(1, ok.linkedToSlack());
        assertEquals(List.of(), ok.problems());
        MigrationService.Linked again = migration.linkPeople(People.load(null, List.of("PU1=alice:U0ALICE01")));
        assertEquals(List.of(), again.problems());

        MigrationService.Linked clash = migration.linkPeople(People.load(null, List.of("PU3=carol:U0CAROL03", "PU2=bob:U0ALICE01")));
        assertEquals(List.of("--people: Slack user U0ALICE01 already belongs to alice, not bob"), clash.problems());
        dev.watchkeeper.db.Database db = app.bean(dev.watchkeeper.db.Database.class);
        assertEquals(0, db.read().fetchCount(org.jooq.impl.DSL.table("person"), org.jooq.impl.DSL.field("handle").eq("carol")));
    }

    /**
     * A PagerDuty export of 700 incidents over 70 days in which each alert name has its own chance of
     * being acted on: imported, then backtested.
     */
    @Test
    void backtestOnAnImportedHistory() throws IOException {
        Path export = dir.resolve("pd");
        Files.createDirectories(export);
        String[] names = {"FeatureNullRateHigh", "DriftScoreHigh", "LabelDelay", "TrainingJobFailed", "DiskAlmostFull",
                "FeatureStoreLag", "AccuracyBelowSLO", "PipelineFailed"};
        double[] acted = {0.8, 0.05, 0.3, 0.9, 0.02, 0.1, 0.6, 0.5};
        Random rnd = new Random(17);
        Instant t0 = Instant.parse("2025-12-20T00:00:00Z");
        ArrayNode incidents = Json.MAPPER.createArrayNode();
        ArrayNode entries = Json.MAPPER.createArrayNode();
        ArrayNode alerts = Json.MAPPER.createArrayNode();
        for (int i = 0; i < 700; i++) {
            int k = rnd.nextInt(names.length);
            Instant created = t0.plus(Duration.ofMinutes(144L * i + rnd.nextInt(60)));
            String id = "QX" + i;
            ObjectNode inc = incidents.addObject();
            inc.put("id", id).put("type", "incident").put("title", names[k] + " #" + i).put("created_at", created.toString())
                    .put("status", "resolved").put("urgency", k % 2 == 0 ? "high" : "low");
            inc.putObject("service").put("id", "PSVC" + k % 3).put("type", "service_reference").put("summary", "svc-" + k % 3);
            boolean act = rnd.nextDouble() < acted[k];
            boolean ack = act || rnd.nextBoolean();
            if (ack) {
                entry(entries, id + "a", "acknowledge_log_entry", created.plusSeconds(300), id, true);
            }
            entry(entries, id + "r", "resolve_log_entry", created.plusSeconds(1800), id, act);
            ObjectNode alert = alerts.addObject();
            alert.put("id", "PA" + i).put("type", "alert").put("created_at", created.toString()).put("severity", k < 4 ? "error" : "warning");
            alert.putObject("incident").put("id", id).put("type", "incident_reference");
            alert.putObject("body").put("type", "alert_body").putObject("details").put("alertname", names[k]);
        }
        for (int page = 0; page < 7; page++) {
            ObjectNode p = Json.object();
            ArrayNode part = p.putArray("incidents");
            for (int i = page * 100; i < page * 100 + 100; i++) {
                part.add(incidents.get(i));
            }
            p.put("limit", 100).put("offset", page * 100).putNull("total").put("more", page < 6);
            Files.writeString(export.resolve("incidents-offset-" + page * 100 + ".json"), Json.write(p));
        }
        ObjectNode logPage = Json.object();
        logPage.set("log_entries", entries);
        logPage.put("limit", 10000).put("offset", 0).put("more", false);
        Files.writeString(export.resolve("log_entries.json"), Json.write(logPage));
        ObjectNode alertPage = Json.object();
        alertPage.set("alerts", alerts);
        alertPage.put("more", false);
        Files.writeString(export.resolve("alerts.json"), Json.write(alertPage));

        People people = People.load(null, List.of("PUSER01=alice"));
        Conversion c = migration.convert(Tool.PAGERDUTY, export, new DecisionMap(Tool.PAGERDUTY, List.of()), people);
        assertTrue(c.problems().isEmpty(), c.problems().lines().toString());
        assertEquals(700, c.mapped());
        HistoryImporter.Report r = migration.importHistory(c, dir.resolve("history.jsonl"), null);
        assertEquals(700, r.imported());
        assertEquals(0, migration.importHistory(c, dir.resolve("history.jsonl"), null).imported());

        MigrationService.BacktestResult b = migration.backtest();
        assertNotNull(b.summary(), b.notes().toString());
        assertTrue(b.trainings() >= 1, b.notes().toString());
        assertTrue(b.occurrences() > 200 && b.occurrences() < 320, "scored " + b.occurrences());
        // The names carry the signal: the per-name rate and the model trained on the import both find it.
        assertTrue(b.summary().nameRate()[0] > 0.75, b.summary().table());
        assertTrue(b.summary().model()[0] > 0.75, b.summary().table());
    }

    private static void entry(ArrayNode entries, String id, String type, Instant at, String incident, boolean byUser) {
        ObjectNode e = entries.addObject();
        e.put("id", id).put("type", type).put("created_at", at.toString());
        e.putObject("agent").put("id", byUser ? "PUSER01" : "PSVC0").put("type", byUser ? "user_reference" : "service_reference");
        e.putObject("channel").put("type", byUser ? "web_ui" : "timeout");
        e.putObject("incident").put("id", incident).put("type", "incident_reference");
    }
}
