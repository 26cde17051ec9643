package dev.watchkeeper.migrate;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.testing.TestDatabases;
import dev.watchkeeper.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.watchkeeper.migrate.ConvertersTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watchkeeper migrate-from} through the real command line on a SQLite file. */
class MigrateFromCliTest {

    @TempDir
    Path dir;

    private String[] grafana(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("migrate-from", "grafana-oncall",
                "--alerts", fixture("grafana-oncall").toString(),
                "--schedule", fixture("grafana-oncall/schedule.ics").toString(),
                "--people", fixture("people.csv").toString(), "--as", "alice"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void movesHistoryPeopleAndScheduleAndASecondRunImportsNothingNew() {
        Path db = dir.resolve("wk.db");
        Cli.Result r = Cli.run(db, grafana());

        // One record of the fixture has a state Grafana OnCall does not have: reported, the rest imported.
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("alert_groups.page2.json:59: state: must be one of new, acknowledged, resolved, silenced; was 'escalating'"), r.err());
        assertTrue(r.out().contains("Read: alert groups 9, alerts 1"), r.out());
        assertTrue(r.out().contains("Mapped 7 occurrences: acted 2, ack 2, noise 1, none 2"), r.out());
        assertTrue(r.out().contains("  silenced → noise: 1"), r.out());
        assertTrue(r.out().contains("Skipped 2: duplicate (same id in another page) 1, unknown state 1"), r.out());
        assertTrue(r.out().contains("Not in the people map (decisions kept without a person; add them to --people): UDELETED99 1"), r.out());
        assertTrue(r.out().contains("Imported 7 occurrences; 0 were already imported"), r.out());
        assertTrue(r.out().contains("Rotation ml-primary: members"), r.out());
        assertTrue(r.out().contains("7-day shifts, hand-over monday 09:00 Europe/London"), r.out());
        assertTrue(r.out().contains("Created rotation ml-primary; overrides added 0"), r.out());
        assertTrue(r.out().contains("webhook_configs:") && r.out().contains("/ingest/alertmanager/<TOKEN>"), r.out());
        assertTrue(r.out().contains("replace https://events.pagerduty.com/v2/enqueue with"), r.out());
        assertTrue(r.out().contains("Backtest"), r.out());

        try (Database d = Database.open(TestDatabases.url(db))) {
            var dsl = d.read();
            assertEquals(List.of("ack:2", "acted:2", "noise:1"), dsl.fetch("select kind || ':' || count(*) from action "
                    + "where surface = 'import' group by kind order by kind").getValues(0, String.class));
            assertEquals(List.of("alice:acted", "bob:ack", "carol:acted"), dsl.fetch("select p.handle || ':' || a.kind from action a "
                    + "join person p on p.id = a.person_id where p.handle <> 'import' order by p.handle").getValues(0, String.class));
            assertEquals("U0ALICE01", dsl.fetchValue("select slack_user_id from person where handle = 'alice'"));
            assertEquals(List.of("alice", "bob", "carol"), dsl.fetch("select p.handle from rotation_member m join person p on p.id = m.person_id "
                    + "join rotation r on r.id = m.rotation_id where r.name = 'ml-primary' order by p.handle").getValues(0, String.class));
        }

        Cli.Result again = Cli.run(db, grafana());
        assertTrue(again.out().contains("Imported 0 occurrences; 7 were already imported"), again.out());
        assertTrue(again.out().contains("Rotation already there, unchanged: ml-primary"), again.out());
        try (Database d = Database.open(TestDatabases.url(db))) {
            assertEquals(7, d.read().fetchCount(org.jooq.impl.DSL.table("occurrence")));
            assertEquals(5, d.read().fetchCount(org.jooq.impl.DSL.table("action")));
        }
    }

    @Test
    void aDryRunShowsTheRotationAndWritesNothing() {
        Path db = dir.resolve("wk.db");
        Cli.Result r = Cli.run(db, grafana("--dry-run"));
        assertTrue(r.out().contains("Dry run: nothing was written."), r.out());
        assertTrue(r.out().contains("the next shifts:"), r.out());
        assertTrue(r.out().contains("Mapped 7 occurrences"), r.out());
        try (Database d = Database.open(TestDatabases.url(db))) {
            assertEquals(0, d.read().fetchCount(org.jooq.impl.DSL.table("occurrence")));
            assertEquals(0, d.read().fetchCount(org.jooq.impl.DSL.table("rotation")));
        }
    }

    @Test
    void unusableInputIsAnErrorAndNothingIsWritten() throws Exception {
        Path export = dir.resolve("export");
        Files.createDirectories(export);
        Files.writeString(export.resolve("incidents.json"), "{\"incidents\": [ {\"id\": \"Q1\", \"status\": \n");
        Path db = dir.resolve("wk.db");
        Cli.Result r = Cli.run(db, "migrate-from", "pagerduty", "--alerts", export.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("incidents.json:2: is not valid JSON"), r.err());
        assertTrue(r.err().contains("error: --alerts: no usable record in"), r.err());
        assertTrue(r.out().contains("Nothing was written."), r.out());

        Cli.Result tool = Cli.run(db, "migrate-from", "jira", "--alerts", export.toString());
        assertEquals(2, tool.exitCode());
        assertTrue(tool.err().contains("TOOL: must be opsgenie, grafana-oncall or pagerduty; was 'jira'"), tool.err());

        Cli.Result map = Cli.run(db, "migrate-from", "opsgenie", "--alerts", export.toString(), "--map", "closed=fixed");
        assertEquals(2, map.exitCode());
        assertTrue(map.err().contains("--map: closed: decision must be one of acted, ack, noise, none; was 'fixed'"), map.err());
        try (Database d = Database.open(TestDatabases.url(db))) {
            assertEquals(0, d.read().fetchCount(org.jooq.impl.DSL.table("occurrence")));
        }
    }
}
