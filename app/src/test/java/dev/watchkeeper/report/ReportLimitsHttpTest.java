package dev.watchkeeper.report;

import dev.watchkeeper.core.Bounds;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import dev.watchkeeper.triage.AlertPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.watchkeeper.db.jooq.Tables.REPORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reports cannot exhaust disk or memory: capped notes, one stored copy, cut quotes, pages, a rate limit. */
class ReportLimitsHttpTest {

    @TempDir
    Path dir;
    TestApp app;
    TestHttp http;

    static final String WINDOW = "\"from\": \"2026-03-02T08:00:00Z\", \"to\": \"2026-03-02T12:00:00Z\"";

    @BeforeEach
    void start() {
        app = TestApp.start(dir, Map.of("watchkeeper.http.costly-burst", "4", "watchkeeper.http.costly-per-minute", "1"));
        http = app.http();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    int item() {
        TestHttp.Response r = http.postJson("/api/alerts", "{\"alertname\": \"TrainerDown\", \"service\": \"ranker\","
                + " \"severity\": \"critical\"}");
        assertEquals(201, r.status(), r.body());
        app.bean(AlertPipeline.class).drain();
        return r.json().get("alerts").get(0).get("itemId").asInt();
    }

    @Test
    void notesAreCappedQuotesAreCutAndADraftIsStoredOnce() {
        int id = item();
        TestHttp.Response tooLong = http.postJson("/api/items/" + id + "/actions", "{\"action\": \"acted\", \"by\": \"alice\","
                + " \"note\": \"" + "x".repeat(Bounds.LONGEST_NOTE + 1) + "\"}");
        assertEquals(400, tooLong.status(), tooLong.body());
        assertEquals("note", tooLong.json().get("errors").get(0).get("field").asText());

        String longNote = "restarted the trainer. " + "y".repeat(Bounds.LONGEST_NOTE - 100);
        assertEquals(200, http.postJson("/api/items/" + id + "/actions", "{\"action\": \"acted\", \"by\": \"alice\","
                + " \"note\": \"" + longNote + "\"}").status());

        TestHttp.Response draft = http.postJson("/api/reports/shift", "{\"by\": \"alice\", " + WINDOW + "}");
        assertEquals(201, draft.status(), draft.body());
        String body = draft.json().get("body").asText();
        assertTrue(body.contains("restarted the trainer"), body);
        assertTrue(body.length() < 4 * Bounds.LONGEST_QUOTE + 3_000, "report of " + body.length() + " characters");
        assertEquals(body, draft.json().get("draftedBody").asText());

        var stored = app.bean(Database.class).read().select(REPORT.DRAFTED_BODY, REPORT.BODY).from(REPORT).fetchOne();
        assertNotNull(stored);
        assertEquals("", stored.value1(), "the draft is not stored a second time");
        assertEquals(body, stored.value2());
    }

    @Test
    void listsArePagedAndDraftsAreRateLimited() {
        for (int i = 0; i < 4; i++) {
            assertEquals(201, http.postJson("/api/reports/shift", "{\"by\": \"alice\", " + WINDOW + "}").status());
        }
        TestHttp.Response limited = http.postJson("/api/reports/shift", "{\"by\": \"alice\", " + WINDOW + "}");
        assertEquals(429, limited.status(), limited.body());
        assertNotNull(limited.header("Retry-After"));
        assertTrue(limited.json().get("error").asText().contains("report draft"), limited.body());

        assertEquals(4, http.get("/api/reports").json().size());
        assertEquals(3, http.get("/api/reports?limit=3").json().size());
        assertEquals(1, http.get("/api/reports?limit=3&offset=3").json().size());
        TestHttp.Response tooMany = http.get("/api/reports?limit=100000");
        assertEquals(400, tooMany.status());
        assertEquals("limit", tooMany.json().get("errors").get(0).get("field").asText());

        app.clock().set(app.clock().instant().plusSeconds(61));
        assertEquals(201, http.postJson("/api/reports/shift", "{\"by\": \"alice\", " + WINDOW + "}").status(),
                "the limit refills with time");
    }
}
