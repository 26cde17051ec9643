package dev.watchkeeper.review;

import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import dev.watchkeeper.triage.AlertPipeline;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recorded week, through the real ingest and action endpoints with the test clock: week 2026-W10
 * (Mon 2 Mar – Sun 8 Mar, UTC) and the week before it. The review is read on Tue 10 Mar.
 *
 * <ul>
 *   <li>DiskNoise (service a): item A, created Tue 24 Feb; fired 3 times in W09 and 5 times in W10; nobody acted.</li>
 *   <li>FeatureNullRateHigh, feature=user_age, on services s1, s2, s3: items B, C, D on Tue 3 Mar; B and C acted on,
 *       D acknowledged and still firing.</li>
 *   <li>TrainingJobFailed (service t): item E, Wed 4 Mar, untouched.</li>
 * </ul>
 */
final class RecordedWeek {

    static final String WEEK = "2026-W10";
    static final Instant READ_AT = Instant.parse("2026-03-10T09:00:00Z");

    final int a;
    final int b;
    final int c;
    final int d;
    final int e;
    private final TestApp app;

    RecordedWeek(TestApp app) {
        this.app = app;
        int itemA = 0;
        for (String day : new String[]{"2026-02-24", "2026-02-25", "2026-02-26", "2026-03-02", "2026-03-03",
                "2026-03-04", "2026-03-05", "2026-03-06"}) {
            at(day + "T10:00:00Z");
            itemA = fire("{\"alertname\": \"DiskNoise\", \"severity\": \"warning\", \"service\": \"a\"}");
            at(day + "T10:10:00Z");
            fire("{\"alertname\": \"DiskNoise\", \"severity\": \"warning\", \"service\": \"a\", \"status\": \"resolved\"}");
        }
        a = itemA;
        at("2026-03-03T11:00:00Z");
        b = fire(nullRate("s1"));
        c = fire(nullRate("s2"));
        d = fire(nullRate("s3"));
        at("2026-03-03T12:00:00Z");
        act(b, "{\"action\": \"acted\", \"by\": \"alice\", \"note\": \"backfilled the user_age join\"}");
        act(c, "{\"action\": \"acted\", \"by\": \"alice\"}");
        act(d, "{\"action\": \"ack\", \"by\": \"bob\"}");
        at("2026-03-04T15:00:00Z");
        e = fire("{\"alertname\": \"TrainingJobFailed\", \"severity\": \"critical\", \"service\": \"t\"}");
        at(READ_AT.toString());
    }

    private static String nullRate(String service) {
        return "{\"alertname\": \"FeatureNullRateHigh\", \"severity\": \"warning\", \"service\": \"" + service + "\","
                + " \"labels\": {\"feature\": \"user_age\", \"team\": \"ml\"}}";
    }

    private void at(String instant) {
        app.clock().set(Instant.parse(instant));
    }

    private int fire(String json) {
        TestHttp.Response r = app.http().postJson("/api/alerts", json);
        assertTrue(r.status() == 200 || r.status() == 201, r.body());
        app.bean(AlertPipeline.class).drain();
        return r.json().get("alerts").get(0).get("itemId").asInt();
    }

    private void act(int item, String json) {
        TestHttp.Response r = app.http().postJson("/api/items/" + item + "/actions", json);
        assertTrue(r.status() == 200, r.body());
    }
}
