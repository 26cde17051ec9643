package dev.watchkeeper.db.playbook;

import dev.watchkeeper.db.testing.TestDatabases;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.triage.TriageStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuardrailDecisionStoreTest {

    @TempDir
    Path dir;

    @Test
    void keepsOneRowPerChangeOfDecisionInOrder() {
        GuardrailDecisionStore store = new GuardrailDecisionStore();
        Instant t0 = Instant.parse("2026-03-02T09:00:00Z");
        try (Database db = Database.open(TestDatabases.url(dir.resolve("wk.db")))) {
            int item = db.write(tx -> new TriageStore().insertItem(tx, "A/-", "A", null, "critical", false, t0));
            assertTrue((boolean) db.write(tx -> store.recordIfChanged(tx, item, t0, "Training", "quiet_during", false, "quiet 'GPU'")));
            assertFalse((boolean) db.write(tx -> store.recordIfChanged(tx, item, t0.plusSeconds(60), "Training", "quiet_during", false, "quiet 'GPU'")),
                    "the same decision again is not a new row");
            assertTrue((boolean) db.write(tx -> store.recordIfChanged(tx, item, t0.plusSeconds(120), "Training", "none", null, "score decides")));
            assertTrue((boolean) db.write(tx -> store.recordIfChanged(tx, item, t0.plusSeconds(180), "Training", "quiet_during", false, "quiet 'GPU'")),
                    "a decision that comes back after another is recorded again");

            List<GuardrailDecisionRow> rows = db.read(dsl -> store.forItem(dsl, item));
            assertEquals(List.of("quiet_during", "none", "quiet_during"), rows.stream().map(GuardrailDecisionRow::rule).toList());
            assertEquals(null, rows.get(1).page());
            assertEquals(Boolean.FALSE, rows.get(0).page());
            assertEquals(t0.plusSeconds(120), rows.get(1).decidedAt());
            assertEquals(rows.get(2), db.read(dsl -> store.latest(dsl, item)).orElseThrow());
            assertEquals(List.of(), db.read(dsl -> store.forItem(dsl, item + 1)));
            assertThrows(RuntimeException.class, () -> db.writeVoid(tx -> store.recordIfChanged(tx, 999, t0, "X", "never_page", false, "r")),
                    "decisions belong to an existing item");
        }
    }
}
