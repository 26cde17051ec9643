package dev.watchkeeper.db.notify;

import dev.watchkeeper.db.Database;

import dev.watchkeeper.db.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PersonStoreTest {

    @TempDir
    Path dir;

    @Test
    void aHandleAddedBeforeSlackIsLinkedWhenThatNameFirstUsesSlack() {
        try (Database db = Database.open(TestDatabases.url(dir.resolve("wk.db")))) {
            PersonStore people = new PersonStore();
            Instant t = Instant.parse("2026-03-02T09:00:00Z");
            int alice = db.write(tx -> people.idForHandle(tx, "alice", t));
            int viaSlack = db.write(tx -> people.idForSlackUser(tx, "UALICE", "alice", t));
            assertEquals(alice, viaSlack, "the same person, now reachable in Slack");
            assertEquals("UALICE", db.read(dsl -> people.slackUserId(dsl, alice)).orElseThrow());
            int again = db.write(tx -> people.idForSlackUser(tx, "UALICE", "alice", t));
            assertEquals(alice, again);

            // A second Slack user with the same name does not take over a linked person.
            int other = db.write(tx -> people.idForSlackUser(tx, "UOTHER", "alice", t));
            assertNotEquals(alice, other);
            assertEquals("alice-UOTHER", db.read(dsl -> people.handle(dsl, other)).orElseThrow());
        }
    }
}
