package dev.watchkeeper.ranking;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.testing.TestDatabases;
import dev.watchkeeper.testing.Cli;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watchkeeper history import}: good lines through the ingestion path, bad ones named by file:line. */
class HistoryImportTest {

    @TempDir
    Path dir;

    @Test
    void importsGoodLinesWithOriginalTimesAndRejectsBadOnesWhole() throws Exception {
        Path file = dir.resolve("hist.jsonl");
        Files.write(file, List.of(
                "{\"id\":\"a1\",\"alertname\":\"NullRate\",\"severity\":\"warning\",\"labels\":{\"service\":\"ranker\"},"
                        + "\"annotations\":{\"value\":\"0.31\"},\"startsAt\":\"2026-03-01T04:12:00Z\",\"endsAt\":\"2026-03-01T04:40:00Z\","
                        + "\"outcome\":{\"action\":\"acted\",\"at\":\"2026-03-01T04:20:00Z\",\"by\":\"alice\",\"note\":\"join dropped rows\"}}",
                "{\"id\":\"a2\",\"severity\":\"warning\",\"startsAt\":\"2026-03-01T05:00:00Z\"}",
                "{\"id\":\"a3\",\"alertname\":\"NullRate\",\"labels\":{\"service\":\"ranker\"},\"annotations\":{\"value\":\"0.05\"},"
                        + "\"startsAt\":\"2026-03-01T06:00:00Z\",\"endsAt\":null,\"outcome\":null}",
                "{\"id\":\"a4\",\"alertname\":\"Lag\",\"startsAt\":\"2026-03-01T07:00:00Z\",\"outcome\":{\"action\":\"fixed\",\"at\":\"2026-03-01T07:05:00Z\"}}",
                "not json",
                "{\"id\":\"a1\",\"alertname\":\"Dup\",\"startsAt\":\"2026-03-01T08:00:00Z\"}",
                "{\"id\":\"a5\",\"alertname\":\"Lag\",\"severity\":\"critical\",\"startsAt\":\"2026-03-01T09:00:00Z\",\"endsAt\":\"2026-03-01T09:30:00Z\","
                        + "\"outcome\":{\"action\":\"noise\",\"at\":\"2026-03-01T09:10:00Z\",\"by\":\"bob\"}}"));
        Path db = dir.resolve("wk.db");

        Cli.Result r = Cli.run(db, "history", "import", file.toString());

        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("hist.jsonl:2: alertname: is required"), r.err());
        assertTrue(r.err().contains("hist.jsonl:4: outcome.action: must be one of acted, ack, noise, none; was 'fixed'"), r.err());
        assertTrue(r.err().contains("hist.jsonl:5: line: is not valid JSON"), r.err());
        assertTrue(r.err().contains("hist.jsonl:6: id: duplicates line 1"), r.err());
        assertTrue(r.out().contains("imported 3 occurrences"), r.out());

        try (Database d = Database.open(TestDatabases.url(db))) {
            var dsl = d.read();
            assertEquals(List.of("a1", "a3", "a5"), dsl.fetch("select external_id from occurrence order by external_id")
                    .getValues(0, String.class));
            assertEquals(0, dsl.fetchCount(DSL.table("occurrence"), DSL.field("external_id").in("a2", "a4")));
            var acted = dsl.fetchOne("select a.kind, a.surface, a.at, a.note, p.handle from action a join person p on p.id = a.person_id "
                    + "where a.kind = 'acted'");
            assertEquals("import", acted.get(1, String.class));
            assertEquals(java.time.Instant.parse("2026-03-01T04:20:00Z").toEpochMilli(), acted.get(2, Long.class));
            assertEquals("join dropped rows", acted.get(3, String.class));
            assertEquals("alice", acted.get(4, String.class));
            // Each imported decision is bound to its own line's occurrence: it labels that one alone.
            assertEquals(List.of("a1:acted", "a5:noise"), dsl.fetch("select o.external_id || ':' || a.kind from action a "
                    + "join occurrence o on o.id = a.occurrence_id order by o.external_id").getValues(0, String.class));
            // Original timestamps and the occurrence's own annotations are kept.
            var first = dsl.fetchOne("select starts_at, ends_at, annotations from occurrence where external_id = 'a1'");
            assertEquals(java.time.Instant.parse("2026-03-01T04:12:00Z").toEpochMilli(), first.get(0, Long.class));
            assertEquals(java.time.Instant.parse("2026-03-01T04:40:00Z").toEpochMilli(), first.get(1, Long.class));
            assertTrue(first.get(2, String.class).contains("0.31"));
            // a1 was acted on (item resolved), so a3 opened a new item; a3 still fires.
            assertEquals(3, dsl.fetchCount(DSL.table("triage_item")));
            assertEquals(1, dsl.fetchCount(DSL.table("occurrence"), DSL.field("ends_at").isNull()));
        }

        Cli.Result again = Cli.run(db, "history", "import", file.toString());
        assertTrue(again.out().contains("imported 0 occurrences") && again.out().contains("3 were already imported"), again.out());
    }

    @Test
    void aMissingFileIsAClearError() {
        Cli.Result r = Cli.run(dir.resolve("wk.db"), "history", "import", dir.resolve("nope.jsonl").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("FILE: cannot read"), r.err());
    }
}
