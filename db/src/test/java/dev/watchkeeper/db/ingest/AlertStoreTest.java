package dev.watchkeeper.db.ingest;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.triage.TriageStore;

import dev.watchkeeper.db.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AlertStoreTest {

    @TempDir
    Path dir;

    @Test
    void recentForItemGivesFiringAlertsFirstThenTheMostRecentlySeenUpToTheLimit() {
        AlertStore alerts = new AlertStore();
        IngestStore ingest = new IngestStore();
        Instant t0 = Instant.parse("2026-03-02T09:00:00Z");
        try (Database db = Database.open(TestDatabases.url(dir.resolve("wk.db")))) {
            int item = db.write(tx -> new TriageStore().insertItem(tx, "Storm/api", "Storm", "api", "error", false, t0));
            int other = db.write(tx -> new TriageStore().insertItem(tx, "Other/api", "Other", "api", "error", false, t0));
            // fp0..fp5 seen one minute apart; the two seen last have resolved.
            for (int i = 0; i < 6; i++) {
                int n = i;
                Instant seen = t0.plusSeconds(60L * n);
                db.write(tx -> ingest.insertAlerts(tx, List.of(new AlertRow(0, "fp" + n, "Storm", "alertmanager", null, item, "error", "api",
                        "storm " + n, "{}", "{}", null, n >= 4 ? "resolved" : "firing", 1, seen, seen, seen, null)), null));
            }
            db.write(tx -> ingest.insertAlerts(tx, List.of(new AlertRow(0, "x", "Other", "alertmanager", null, other, "error", "api",
                    "other", "{}", "{}", null, "firing", 1, t0.plusSeconds(999), t0.plusSeconds(999), t0, null)), null));

            List<String> three = db.read(dsl -> alerts.recentForItem(dsl, item, 3)).stream().map(AlertRow::fingerprint).toList();
            assertEquals(List.of("fp3", "fp2", "fp1"), three);
            List<String> all = db.read(dsl -> alerts.recentForItem(dsl, item, 100)).stream().map(AlertRow::fingerprint).toList();
            assertEquals(List.of("fp3", "fp2", "fp1", "fp0", "fp5", "fp4"), all);
        }
    }
}
