package dev.watchkeeper.db.rotation;

import dev.watchkeeper.db.testing.TestDatabases;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.triage.TriageStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rotation store on a real SQLite file. */
class RotationStoreTest {

    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;
    Database db;
    final RotationStore store = new RotationStore();
    final PersonStore people = new PersonStore();
    int rotation;

    @BeforeEach
    void open() {
        db = Database.open(TestDatabases.url(dir.resolve("wk.db")));
        rotation = db.write(tx -> {
            int id = store.insertRotation(tx, "ml", 7, "MONDAY", "09:00", "UTC", "2026-03-02", "#ml", null, 2,
                    "secret", 0, T);
            store.addMember(tx, id, people.idForHandle(tx, "alice", T), 0, 0, T);
            store.addMember(tx, id, people.idForHandle(tx, "bob", T), 0, 0, T);
            store.addMember(tx, id, people.idForHandle(tx, "carol", T), 3, 2, T);
            return id;
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void membersKeepTheirOrderAndOnboarding() {
        List<MemberRow> m = db.read(dsl -> store.members(dsl, rotation));
        assertEquals(List.of("alice", "bob", "carol"), m.stream().map(MemberRow::handle).toList());
        assertEquals(List.of(0, 1, 2), m.stream().map(MemberRow::position).toList());
        assertEquals(3, m.get(2).firstShift());
        db.writeVoid(tx -> store.setShadowShifts(tx, rotation, m.get(2).personId(), 0));
        assertEquals(0, db.read(dsl -> store.members(dsl, rotation)).get(2).shadowShifts());
        assertTrue(db.<Boolean>write(tx -> store.removeMember(tx, rotation, m.get(1).personId())));
        assertFalse(db.<Boolean>write(tx -> store.removeMember(tx, rotation, m.get(1).personId())));
        assertEquals("ml", db.read(dsl -> store.findByCalendarToken(dsl, "secret")).orElseThrow().name());
    }

    @Test
    void handoffOnlyMovesForward() {
        assertTrue(db.<Boolean>write(tx -> store.advanceHandoff(tx, rotation, 1)));
        assertFalse(db.<Boolean>write(tx -> store.advanceHandoff(tx, rotation, 1)), "the same shift is handed off once");
        assertFalse(db.<Boolean>write(tx -> store.advanceHandoff(tx, rotation, 0)));
        assertEquals(1, db.read(dsl -> store.find(dsl, rotation)).orElseThrow().lastHandoffShift());
    }

    @Test
    void pagesAndShadowCopies() {
        TriageStore triage = new TriageStore();
        int item = db.write(tx -> triage.insertItem(tx, "a/b", "A", "b", "critical", false, T));
        int alice = db.read(dsl -> store.personId(dsl, "alice")).orElseThrow();
        int carol = db.read(dsl -> store.personId(dsl, "carol")).orElseThrow();
        assertTrue(db.<Boolean>write(tx -> store.insertPage(tx, item, rotation, alice, T)));
        assertFalse(db.<Boolean>write(tx -> store.insertPage(tx, item, rotation, alice, T)), "an item is paged once");
        assertTrue(db.<Boolean>write(tx -> store.insertCopy(tx, item, carol, rotation, T)));
        assertTrue(db.<Boolean>write(tx -> store.setGuess(tx, item, carol, "ack", T.plusSeconds(60))));
        assertFalse(db.<Boolean>write(tx -> store.setGuess(tx, item, alice, "ack", T)), "alice has no copy");

        assertEquals(1, (int) db.<Integer>write(tx -> store.setDecision(tx, item, "acted", alice, T.plusSeconds(120))));
        assertEquals(0, (int) db.<Integer>write(tx -> store.setDecision(tx, item, "noise", alice, T.plusSeconds(180))),
                "the first decision is kept");
        ShadowCopyRow c = db.read(dsl -> store.copiesOfItem(dsl, item)).getFirst();
        assertEquals("ack", c.guess());
        assertEquals("acted", c.decision());
        assertEquals("alice", c.decidedBy());

        assertEquals(1, db.read(store::openPages).size());
        db.writeVoid(tx -> store.escalated(tx, item, 1, alice, T.plusSeconds(900)));
        assertEquals(1, db.read(dsl -> store.page(dsl, item)).orElseThrow().level());
        db.writeVoid(tx -> store.pageDone(tx, item, T.plusSeconds(901)));
        assertEquals(0, db.read(store::openPages).size());
        assertNull(db.read(dsl -> store.firstDecisionSince(dsl, item, T)).orElse(null));
        int actionAt = db.write(tx -> triage.recordAction(tx, item, "ack", alice, "http", T.plusSeconds(30), null, null, null));
        assertTrue(actionAt > 0);
        assertEquals(T.plusSeconds(30), db.read(dsl -> store.firstDecisionSince(dsl, item, T)).orElseThrow());
    }
}
