package dev.watchkeeper.knowledge;

import dev.watchkeeper.testing.Cli;
import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watchkeeper knowledge draft-playbooks}: a preview that changes nothing, then --write. */
class PlaybookDraftTest {

    @TempDir
    Path dir;

    static final String EXISTING = """
            ---
            alerts:
              - FeatureNullRateHigh
            owner: ml-platform
            ---

            # FeatureNullRateHigh

            ## Meaning

            The share of nulls in a feature is above its bound.

            ## Mitigation

            Find the upstream table that changed.
            """;

    @Test
    void previewThenWriteThenNothingLeftToPropose() throws Exception {
        Path playbooks = Files.createDirectories(dir.resolve("playbooks"));
        Files.writeString(playbooks.resolve("feature-null-rate.md"), EXISTING);
        try (TestApp app = TestApp.start(dir)) {
            KnowledgeService k = app.bean(KnowledgeService.class);
            k.addNote("FeatureNullRateHigh", "the upstream export lands late on Mondays", "alice", "command");
            k.addNote("FeatureNullRateHigh", "Upstream export lands late on Monday.", "bob", "command");
            k.addNote("TrainingJobFailed", "check the bucket permissions of the trainer service account", "carol", "command");
        }
        Path db = dir.resolve("watchkeeper.db");

        Cli.Result preview = Cli.run(db, "knowledge", "draft-playbooks", "--dir", playbooks.toString());
        assertEquals(0, preview.exitCode(), preview.err());
        assertEquals("--- a/feature-null-rate.md\n"
                + "+++ b/feature-null-rate.md\n"
                + "@@ -14,3 +14,9 @@\n"
                + " \n"
                + " Find the upstream table that changed.\n"
                + " \n"
                + "+## Notes from on-call\n"
                + "+\n"
                + "+<!-- watchkeeper:notes:start -->\n"
                + "+- the upstream export lands late on Mondays (alice, 2 Mar 2026; noted 2 times)\n"
                + "+<!-- watchkeeper:notes:end -->\n"
                + "+\n", preview.out().substring(0, preview.out().indexOf("--- /dev/null")));
        assertTrue(preview.out().contains("+++ b/TrainingJobFailed.md\n"), preview.out());
        assertTrue(preview.out().endsWith("2 files would change. Nothing was written; run again with --write to apply.\n"));
        assertEquals(EXISTING, Files.readString(playbooks.resolve("feature-null-rate.md")), "a preview changes nothing");
        assertFalse(Files.exists(playbooks.resolve("TrainingJobFailed.md")));

        Cli.Result write = Cli.run(db, "knowledge", "draft-playbooks", "--dir", playbooks.toString(), "--write");
        assertEquals(0, write.exitCode(), write.err());
        assertEquals("Updated " + playbooks.resolve("feature-null-rate.md") + " (FeatureNullRateHigh)\n"
                + "Created " + playbooks.resolve("TrainingJobFailed.md") + " (TrainingJobFailed)\n", write.out());
        assertEquals(EXISTING + """

                ## Notes from on-call

                <!-- watchkeeper:notes:start -->
                - the upstream export lands late on Mondays (alice, 2 Mar 2026; noted 2 times)
                <!-- watchkeeper:notes:end -->
                """, Files.readString(playbooks.resolve("feature-null-rate.md")));
        String created = Files.readString(playbooks.resolve("TrainingJobFailed.md"));
        assertTrue(created.startsWith("---\nalerts:\n  - TrainingJobFailed\n---\n\n# TrainingJobFailed\n\n## Meaning\n"), created);
        assertTrue(created.contains("- check the bucket permissions of the trainer service account (carol, 2 Mar 2026)\n"));

        Cli.Result again = Cli.run(db, "knowledge", "draft-playbooks", "--dir", playbooks.toString(), "--write");
        assertEquals("Nothing to propose: every note is already in the playbooks.\n", again.out());

        // A new note rewrites only the marked section; a person's edits elsewhere stay.
        Files.writeString(playbooks.resolve("feature-null-rate.md"),
                Files.readString(playbooks.resolve("feature-null-rate.md")).replace("Find the upstream", "First find the upstream"));
        Cli.Result note = Cli.run(db, "note", "add", "FeatureNullRateHigh", "null", "spikes", "after", "schema", "migrations", "--by", "dan");
        assertEquals(0, note.exitCode(), note.err());
        Cli.run(db, "knowledge", "draft-playbooks", "--dir", playbooks.toString(), "--write");
        String updated = Files.readString(playbooks.resolve("feature-null-rate.md"));
        assertTrue(updated.contains("First find the upstream table"));
        assertTrue(updated.contains("- null spikes after schema migrations (dan, "), updated);
        assertEquals(1, updated.split("## Notes from on-call", -1).length - 1);
    }
}
