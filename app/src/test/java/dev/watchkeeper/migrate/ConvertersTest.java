package dev.watchkeeper.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.Json;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each tool's fixture export (built from its public API documentation) becomes the expected history lines. */
class ConvertersTest {

    static final Instant LATEST = Instant.parse("2026-03-03T00:00:00Z");

    static Path fixture(String name) {
        try {
            return Path.of(ConvertersTest.class.getResource("/migrate/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static People people() {
        return People.load(fixture("people.csv"), List.of());
    }

    static Conversion convert(Tool tool, String dir, List<String> map) {
        return Converter.of(tool).convert(fixture(dir), new DecisionMap(tool, map), people(), LATEST);
    }

    /** id → the line's outcome as "action@at by", or "none". */
    static Map<String, String> outcomes(Conversion c) {
        Map<String, String> out = new HashMap<>();
        for (String line : c.lines()) {
            JsonNode n = Json.parse(line);
            JsonNode o = n.get("outcome");
            out.put(n.get("id").asText(), o == null || o.isNull() ? "none"
                    : o.get("action").asText() + "@" + o.get("at").asText() + (o.has("by") ? " " + o.get("by").asText() : ""));
        }
        return out;
    }

    static JsonNode line(Conversion c, String id) {
        return c.lines().stream().map(Json::parse).filter(n -> n.get("id").asText().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void grafanaOnCallAlertGroups() {
        Conversion c = convert(Tool.GRAFANA_ONCALL, "grafana-oncall", List.of());
        assertEquals(Map.of(
                "grafana-oncall:IAG0000001", "acted@2026-02-02T04:40:01.429805Z alice",
                "grafana-oncall:IAG0000002", "noise@2026-02-03T10:05:00Z",
                "grafana-oncall:IAG0000003", "ack@2026-02-04T08:03:00Z bob",
                "grafana-oncall:IAG0000004", "none",
                "grafana-oncall:IAG0000005", "ack@2026-02-06T22:25:00Z",
                "grafana-oncall:IAG0000006", "none",
                "grafana-oncall:IAG0000007", "acted@2026-02-08T01:45:00Z carol"), outcomes(c));
        assertEquals(Map.of("alert groups", 9, "alerts", 1), c.read());
        assertEquals(Map.of("duplicate (same id in another page)", 1, "unknown state", 1), c.skipped());
        assertEquals(List.of("alert_groups.page2.json:59: state: must be one of new, acknowledged, resolved, silenced; was 'escalating'"),
                c.problems().lines());
        assertTrue(c.decisions().summary().contains("silenced → noise: 1"), c.decisions().summary().toString());
        assertTrue(c.decisions().summary().contains("resolved-by-user → acted: 2"));
        assertEquals(Map.of("UDELETED99", 1), c.people().unmapped());
        JsonNode first = line(c, "grafana-oncall:IAG0000001");
        assertEquals("FeatureNullRateHigh", first.get("alertname").asText());
        assertEquals("ranker", first.at("/labels/service").asText());
        assertEquals("2026-02-02T04:40:01.429805Z", first.get("endsAt").asText());
        // No last_alert on the page: the group's alert from the alerts pages names it (legacy Grafana payload).
        assertEquals("FeatureStoreLag", line(c, "grafana-oncall:IAG0000006").get("alertname").asText());
        assertEquals("critical", line(c, "grafana-oncall:IAG0000003").get("severity").asText());
    }

    @Test
    void opsgenieAlertsLogsNotesAndCsv() {
        Conversion c = convert(Tool.OPSGENIE, "opsgenie", List.of());
        assertEquals(Map.of(
                "opsgenie:70413a06-38d6-4c85-92b8-5ebc900d42e2", "acted@2026-02-02T04:32:00Z alice",
                "opsgenie:1b2c4d6e-0000-4000-8000-000000000002", "none",
                "opsgenie:1b2c4d6e-0000-4000-8000-000000000003", "ack@2026-02-04T08:03:00Z bob",
                "opsgenie:1b2c4d6e-0000-4000-8000-000000000004", "ack@2026-02-06T22:25:00Z",
                "opsgenie:1b2c4d6e-0000-4000-8000-000000000005", "ack@2026-02-03T10:06:00Z",
                "opsgenie:1b2c4d6e-0000-4000-8000-000000000006", "none",
                "opsgenie:2f3e4d5c-0000-4000-8000-0000000000c1", "acted@2026-02-10T03:50:00Z carol"), outcomes(c));
        assertEquals(Map.of("alerts", 10, "alert logs", 3, "alert notes", 1), c.read());
        assertEquals(List.of(
                "alerts-export.csv:3: createdAt: is not an RFC 3339 time: 'yesterday'",
                "alerts-offset-5.json:40: status: must be open or closed; was 'resolved'"), c.problems().lines().stream().sorted().toList());
        JsonNode first = line(c, "opsgenie:70413a06-38d6-4c85-92b8-5ebc900d42e2");
        assertEquals("FeatureNullRateHigh", first.get("alertname").asText());
        assertEquals("error", first.get("severity").asText());
        assertEquals("ranker-null-rate-user_age", first.at("/labels/alias").asText());
        assertEquals("upstream join dropped rows; re-ran the backfill", first.at("/outcome/note").asText());
        // No alias, no alertname tag: the message names it and no alias label is made up.
        JsonNode noAlias = line(c, "opsgenie:1b2c4d6e-0000-4000-8000-000000000002");
        assertEquals("Disk almost full on db-3", noAlias.get("alertname").asText());
        assertFalse(noAlias.get("labels").has("alias"));
        assertEquals("2026-02-03T09:10:00Z", noAlias.get("endsAt").asText());
        assertEquals("PipelineFailed", line(c, "opsgenie:2f3e4d5c-0000-4000-8000-0000000000c1").get("alertname").asText());
        assertEquals(Map.of("former.employee@example.com", 1), c.people().unmapped());
        assertTrue(c.decisions().summary().contains("snoozed → ack: 1"));
    }

    @Test
    void pagerDutyIncidentsLogEntriesAndAlerts() {
        Conversion c = convert(Tool.PAGERDUTY, "pagerduty", List.of());
        assertEquals(Map.of(
                "pagerduty:Q1A2B3C4D5E6F7", "acted@2026-02-02T04:40:00Z alice",
                "pagerduty:Q2B3C4D5E6F7G8", "ack@2026-02-04T08:03:00Z bob",
                "pagerduty:Q3C4D5E6F7G8H9", "none",
                "pagerduty:Q4D5E6F7G8H9I0", "ack@2026-02-06T22:25:00Z",
                "pagerduty:Q5E6F7G8H9I0J1", "none",
                "pagerduty:Q6F7G8H9I0J1K2", "acted@2026-02-10T03:50:00Z carol"), outcomes(c));
        assertEquals(List.of("incidents-offset-5.json:29: created_at: is required"), c.problems().lines());
        assertEquals(Map.of("PDELETED1", 1), c.people().unmapped());
        JsonNode first = line(c, "pagerduty:Q1A2B3C4D5E6F7");
        // The offset time zone of the export (time_zone=America/New_York) becomes UTC.
        assertEquals("2026-02-02T04:12:00Z", first.get("startsAt").asText());
        assertEquals("FeatureNullRateHigh", first.get("alertname").asText());
        assertEquals("warning", first.get("severity").asText());
        assertEquals("ranker", first.at("/labels/service").asText());
        assertEquals("upstream join dropped rows", first.at("/outcome/note").asText());
        assertEquals("Disk almost full on db-3", line(c, "pagerduty:Q3C4D5E6F7G8H9").get("alertname").asText());
        assertTrue(c.decisions().summary().contains("resolved-after-ack → ack: 1"));
    }

    @Test
    void theMappingIsOverridableRowByRow() {
        Conversion c = convert(Tool.GRAFANA_ONCALL, "grafana-oncall", List.of("resolved-after-ack=acted", "silenced=ack"));
        Map<String, String> o = outcomes(c);
        assertEquals("acted@2026-02-04T08:31:00Z", o.get("grafana-oncall:IAG0000003"));
        assertEquals("ack@2026-02-03T10:05:00Z", o.get("grafana-oncall:IAG0000002"));
        assertTrue(c.decisions().summary().contains("silenced → ack: 1"));
        BadInputException bad = assertThrows(BadInputException.class,
                () -> new DecisionMap(Tool.PAGERDUTY, List.of("silenced=noise", "triggered=fixed")));
        assertEquals(2, bad.errors().size());
        assertTrue(bad.getMessage().contains("unknown pagerduty state 'silenced'"), bad.getMessage());
        assertTrue(bad.getMessage().contains("triggered: decision must be one of acted, ack, noise, none; was 'fixed'"));
    }

    @Test
    void peopleFlagsAndBadMappings() {
        People p = People.load(null, List.of("PX1=dana:U0DANA001", "eve@example.com=@eve"));
        assertEquals("dana", p.handleOf("px1"));
        assertEquals("eve", p.handleOf("EVE@example.com"));
        assertNull(p.handleOf("nobody"));
        assertEquals(Map.of("nobody", 1), p.unmapped());
        BadInputException bad = assertThrows(BadInputException.class,
                () -> People.load(null, List.of("x=has space", "y=ok:not-a-slack-id", "novalue")));
        assertEquals(3, bad.errors().size(), bad.getMessage());
    }
}
