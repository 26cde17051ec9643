package dev.watchkeeper.db;

import dev.watchkeeper.db.testing.TestDatabases;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.watchkeeper.db.jooq.Tables.ALERT_EVENT;
import static dev.watchkeeper.db.jooq.Tables.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statements rendered once per shape and bound again: the values land in the right columns (nulls of every type
 * included), a shape is built once, and a wrong number of values is refused before anything runs.
 */
class RenderedStatementsTest {

    @TempDir
    Path dir;

    @Test
    void aShapeIsRenderedOnceAndBoundEachTime() {
        try (Database db = Database.open(TestDatabases.url(dir.resolve("rs.db")))) {
            RenderedStatements statements = new RenderedStatements();
            Integer integrationId = db.write(tx -> tx.insertInto(INTEGRATION, INTEGRATION.KIND, INTEGRATION.NAME,
                            INTEGRATION.TOKEN_HASH, INTEGRATION.TOKEN_HINT, INTEGRATION.CREATED_AT)
                    .values("generic", "test", "hash", "hint", 0L).returning(INTEGRATION.ID).fetchOne(INTEGRATION.ID));
            int[] builds = new int[1];
            List<Integer> ids = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                int run = r;
                String payload = "payload " + run;
                Integer integration = run == 1 ? null : integrationId;
                ids.add(db.write(tx -> statements.of(tx, "event", 1, n -> {
                    builds[0]++;
                    return tx.resultQuery("{0} returning {1}", tx.insertInto(ALERT_EVENT, ALERT_EVENT.SOURCE,
                                    ALERT_EVENT.INTEGRATION_ID, ALERT_EVENT.RECEIVED_AT, ALERT_EVENT.PAYLOAD)
                            .values(val(ALERT_EVENT.SOURCE), val(ALERT_EVENT.INTEGRATION_ID),
                                    val(ALERT_EVENT.RECEIVED_AT), val(ALERT_EVENT.PAYLOAD)),
                            ALERT_EVENT.ID.getUnqualifiedName());
                }).query(tx, rs -> rs.getInt(1), "src", integration, 1_000L + run, payload).getFirst()));
            }
            assertEquals(1, builds[0], "built once, then bound again");
            assertEquals(1, statements.size());
            for (int run = 0; run < 3; run++) {
                int id = ids.get(run);
                var row = db.read(d -> d.selectFrom(ALERT_EVENT).where(ALERT_EVENT.ID.eq(id)).fetchOne());
                assertEquals("payload " + run, row.getPayload());
                assertEquals(1_000L + run, row.getReceivedAt());
                if (run == 1) {
                    assertNull(row.getIntegrationId());
                } else {
                    assertEquals(integrationId, row.getIntegrationId());
                }
            }

            // An IN list of n values is its own shape; the rows come back through the reader.
            for (int n = 1; n <= 3; n++) {
                List<Integer> wanted = ids.subList(0, n);
                List<String> payloads = db.read(tx -> statements.of(tx, "payloads", wanted.size(), k -> tx
                                .select(ALERT_EVENT.PAYLOAD).from(ALERT_EVENT)
                                .where(ALERT_EVENT.ID.in(java.util.stream.IntStream.range(0, k)
                                        .mapToObj(i -> val(ALERT_EVENT.ID)).toList()))
                                .orderBy(ALERT_EVENT.ID))
                        .query(tx, rs -> rs.getString(1), wanted.toArray()));
                assertEquals(n, payloads.size());
                assertEquals("payload " + (n - 1), payloads.getLast());
            }
            assertEquals(4, statements.size());

            // A batch: one statement, bound per row, nulls included.
            db.write(tx -> {
                statements.of(tx, "repayload", 1, n -> tx.update(ALERT_EVENT)
                                .set(ALERT_EVENT.INTEGRATION_ID, val(ALERT_EVENT.INTEGRATION_ID))
                                .where(ALERT_EVENT.ID.eq(val(ALERT_EVENT.ID))))
                        .batch(tx, List.of(new Object[]{null, ids.get(0)}, new Object[]{integrationId, ids.get(1)}));
                return null;
            });
            assertNull(db.read(d -> d.select(ALERT_EVENT.INTEGRATION_ID).from(ALERT_EVENT)
                    .where(ALERT_EVENT.ID.eq(ids.get(0))).fetchOne().value1()));
            assertEquals(integrationId, db.read(d -> d.select(ALERT_EVENT.INTEGRATION_ID).from(ALERT_EVENT)
                    .where(ALERT_EVENT.ID.eq(ids.get(1))).fetchOne().value1()));
            assertEquals(integrationId, db.read(d -> d.select(ALERT_EVENT.INTEGRATION_ID).from(ALERT_EVENT)
                    .where(ALERT_EVENT.ID.eq(ids.get(2))).fetchOne().value1()), "a row the batch did not name");

            // Too few values: refused, nothing written.
            Integer before = db.read(d -> d.fetchCount(ALERT_EVENT));
            IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> db.write(tx ->
                    statements.of(tx, "event", 1, n -> {
                        throw new AssertionError("already rendered");
                    }).update(tx, "src", null, 5L)));
            assertTrue(wrong.getMessage().startsWith("3 values for 4 bind markers"), wrong.getMessage());
            assertEquals(before, (Integer) db.read(d -> d.fetchCount(ALERT_EVENT)));
            RenderedStatements.Statement again = db.read(tx -> statements.of(tx, "event", 1, n -> null));
            assertSame(again, db.read(tx -> statements.of(tx, "event", 1, n -> null)));
        }
    }

    @Test
    void eachConnectionPreparesAStatementOnceAndAFailedOneIsDropped() throws Exception {
        try (Database db = Database.open(TestDatabases.url(dir.resolve("prepared.db")))) {
            RenderedStatements statements = new RenderedStatements();
            String insert = db.read(tx -> statements.of(tx, "event", 1, n -> tx.insertInto(ALERT_EVENT,
                            ALERT_EVENT.ID, ALERT_EVENT.SOURCE, ALERT_EVENT.RECEIVED_AT, ALERT_EVENT.PAYLOAD)
                    .values(val(ALERT_EVENT.ID), val(ALERT_EVENT.SOURCE), val(ALERT_EVENT.RECEIVED_AT),
                            val(ALERT_EVENT.PAYLOAD)))).sql();
            javax.sql.DataSource pool = db.dataSource();
            java.sql.PreparedStatement first;
            java.sql.Connection physical;
            try (java.sql.Connection c = pool.getConnection()) {
                physical = c.unwrap(java.sql.Connection.class);
                first = PreparedCache.with(c, insert, ps -> ps);
                assertSame(first, PreparedCache.with(c, insert, ps -> ps));
            }
            // The pool hands this thread its last connection again: the statement is the one prepared before.
            try (java.sql.Connection c = pool.getConnection()) {
                assertSame(physical, c.unwrap(java.sql.Connection.class));
                assertSame(first, PreparedCache.with(c, insert, ps -> ps));
                int kept = PreparedCache.kept(c);
                // A failing run (the same id twice) drops and closes its statement; the next run prepares anew.
                PreparedCache.with(c, insert, ps -> {
                    ps.setInt(1, 7);
                    ps.setString(2, "src");
                    ps.setLong(3, 1L);
                    ps.setString(4, "p");
                    return ps.executeUpdate();
                });
                assertThrows(java.sql.SQLException.class, () -> PreparedCache.with(c, insert, ps -> ps.executeUpdate()));
                assertTrue(first.isClosed());
                assertEquals(kept - 1, PreparedCache.kept(c));
                assertTrue(PreparedCache.with(c, insert, ps -> ps) != first);
            }
            // Through the statements: values bound each run, results read and closed.
            for (int i = 0; i < 20; i++) {
                int id = 100 + i;
                db.write(tx -> statements.of(tx, "event", 1, n -> null).update(tx, id, "src", (long) id, "p" + id));
                assertEquals(List.of("p" + id), db.read(tx -> statements.of(tx, "payload", 1, n -> tx
                                .select(ALERT_EVENT.PAYLOAD).from(ALERT_EVENT).where(ALERT_EVENT.ID.eq(val(ALERT_EVENT.ID))))
                        .query(tx, rs -> rs.getString(1), id)));
            }
            if (!TestDatabases.postgres()) {
                // A kept statement holds no read transaction once its result is closed: a full checkpoint succeeds.
                try (java.sql.Connection c = pool.getConnection(); var st = c.createStatement();
                     var rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    assertTrue(rs.next());
                    assertEquals(0, rs.getInt(1), "checkpoint blocked by an open read");
                }
            }
        }
    }

    private static <T> Field<T> val(Field<T> column) {
        return DSL.val(null, column.getDataType());
    }
}
