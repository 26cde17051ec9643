package dev.watchkeeper.db.report;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.db.ingest.AlertStore;
import dev.watchkeeper.db.ingest.IngestStore;
import dev.watchkeeper.db.knowledge.NoteRow;
import dev.watchkeeper.db.knowledge.NoteStore;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.triage.ItemRow;
import dev.watchkeeper.db.triage.TriageStore;

import dev.watchkeeper.db.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window questions reports ask, the report lifecycle and note captures, on a real SQLite file. */
class ReportStoresTest {

    @TempDir
    Path dir;

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void windowsIncludeTheirStartAndExcludeTheirEnd() {
        try (Database db = Database.open(TestDatabases.url(dir.resolve("wk.db")))) {
            TriageStore triage = new TriageStore();
            AlertStore alerts = new AlertStore();
            IngestStore ingest = new IngestStore();
            RecordStore record = new RecordStore();
            int[] ids = db.write(tx -> {
                int before = triage.insertItem(tx, "a", "A", "svc", "warning", false, T0.minusSeconds(3600));
                int atStart = triage.insertItem(tx, "b", "B", "svc", "critical", false, T0);
                int atEnd = triage.insertItem(tx, "c", "C", "svc", "info", false, T0.plusSeconds(7200));
                for (int item : new int[]{before, atStart, atEnd}) {
                    Instant at = triage.find(tx, item).orElseThrow().createdAt();
                    int alert = ingest.insertAlerts(tx, List.of(new AlertRow(0, "fp" + item, "Name" + item, "generic", null, item,
                            "warning", "svc", null, "{}", "{}", null, "firing", 1, at, at, at, null)), null).get("fp" + item);
                    alerts.openOccurrence(tx, alert, item, null, at, null, at, null);
                }
                int person = new PersonStore().idForHandle(tx, "alice", T0);
                triage.recordAction(tx, before, "acted", person, "cli", T0.plusSeconds(60), "fixed", null, null);
                triage.setState(tx, before, "resolved", T0.plusSeconds(60));
                return new int[]{before, atStart, atEnd};
            });
            Instant end = T0.plusSeconds(7200);
            List<WindowOccurrence> occ = db.read(dsl -> record.occurrencesBetween(dsl, T0, end));
            assertEquals(List.of("Name" + ids[1]), occ.stream().map(WindowOccurrence::alertname).toList());
            assertEquals(List.of(ids[0], ids[1]), db.read(dsl -> record.itemsTouched(dsl, T0, end)).stream()
                    .map(ItemRow::id).toList(), "the earlier item is touched by the action taken in the window");
            assertEquals(List.of(ids[1], ids[0]), db.read(dsl -> record.itemsOpenAt(dsl, T0.plusSeconds(30))).stream()
                    .map(ItemRow::id).toList(), "most urgent first: critical before warning");
            assertEquals(List.of(ids[1]), db.read(dsl -> record.itemsOpenAt(dsl, end)).stream().map(ItemRow::id).toList(),
                    "resolved before the end, created at the end: neither is handed over");
            assertEquals(Set.of(ids[0]), db.read(dsl -> record.actedItems(dsl, List.of(ids[0], ids[1], ids[2]))));
        }
    }

    @Test
    void reportsMoveFromDraftToPublishedAndNotesCountTheirCaptures() {
        try (Database db = Database.open(TestDatabases.url(dir.resolve("wk.db")))) {
            ReportStore reports = new ReportStore();
            int id = db.write(tx -> reports.insert(tx, "shift", "ml", null, T0, T0.plusSeconds(3600), "alice",
                    List.of("bob", "carol"), "Shift report", "# Drafted\n", "alice", T0));
            db.writeVoid(tx -> reports.edit(tx, id, "# Edited\n", "alice", T0.plusSeconds(5)));
            db.writeVoid(tx -> reports.publish(tx, id, "bob", T0.plusSeconds(9)));
            ReportRow r = db.read(dsl -> reports.find(dsl, id)).orElseThrow();
            assertEquals("# Drafted\n", r.draftedBody());
            assertEquals("# Edited\n", r.body());
            assertEquals(List.of("bob", "carol"), r.shadows());
            assertTrue(r.published());
            assertEquals(T0.plusSeconds(9), r.publishedAt());
            assertEquals(1, db.read(dsl -> reports.list(dsl, "shift", "published", 10)).size());
            assertEquals(0, db.read(dsl -> reports.list(dsl, "incident", null, 10)).size());

            NoteStore notes = new NoteStore();
            int noteId = db.write(tx -> {
                int alice = new PersonStore().idForHandle(tx, "alice", T0);
                int n = notes.insert(tx, "LabelDelay", null, "vendor batches labels", alice, null, T0);
                notes.addSource(tx, n, "command", alice, null, null, "vendor batches labels", T0);
                notes.seenAgain(tx, n, T0.plusSeconds(60));
                notes.addSource(tx, n, "command", alice, null, null, "the vendor batches labels", T0.plusSeconds(60));
                return n;
            });
            NoteRow n = db.read(dsl -> notes.find(dsl, noteId)).orElseThrow();
            assertEquals(2, n.seenCount());
            assertEquals(T0.plusSeconds(60), n.lastSeenAt());
            assertEquals("alice", n.author());
            // One capture per action: the same action cannot feed two notes.
            assertThrows(RuntimeException.class, () -> db.writeVoid(tx -> {
                int item = new TriageStore().insertItem(tx, "g", "G", null, "info", false, T0);
                int action = new TriageStore().recordAction(tx, item, "note", 1, "cli", T0, "x y z", null, null);
                notes.addSource(tx, noteId, "action", 1, item, action, "x y z", T0);
                notes.addSource(tx, noteId, "action", 1, item, action, "x y z", T0);
            }));
            assertEquals(List.of(), db.read(notes::itemsWithUncapturedNotes), "the failed transaction left nothing");
        }
    }
}
