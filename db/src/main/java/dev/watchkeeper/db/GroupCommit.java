package dev.watchkeeper.db;

import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * {@link Database#writeGrouped}'s group commit: one writer thread takes every waiting request, runs each inside its
 * own savepoint (a request that throws is rolled back alone and gets its exception), commits once, and only then
 * completes the callers' futures.
 */
final class GroupCommit {

    private final Database db;
    private final LinkedBlockingQueue<GroupedWrite<?>> queue = new LinkedBlockingQueue<>();
    private Thread committer;
    private volatile boolean closed;

    GroupCommit(Database db) {
        this.db = db;
    }

    <T> CompletableFuture<T> submit(Function<DSLContext, T> work) {
        GroupedWrite<T> w = new GroupedWrite<>(work);
        start();
        if (closed) {
            w.future.completeExceptionally(new IllegalStateException("the database is closed"));
            return w.future;
        }
        queue.add(w);
        return w.future;
    }

    private synchronized void start() {
        if (committer == null && !closed) {
            committer = Thread.ofPlatform().name("db-group-commit").daemon(true).start(this::loop);
        }
    }

    private void loop() {
        List<GroupedWrite<?>> batch = new ArrayList<>();
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, Database.MAX_GROUP - 1);
            commit(batch);
            batch.clear();
        }
        GroupedWrite<?> left;
        while ((left = queue.poll()) != null) {
            left.future.completeExceptionally(new IllegalStateException("the database is closed"));
        }
    }

    private void commit(List<GroupedWrite<?>> batch) {
        db.writeLock.lock();
        Throwable[] storeFailure = new Throwable[1];
        try {
            db.requireSameFile();
            db.dsl().transaction(configuration -> {
                DSLContext tx = configuration.dsl();
                tx.connection(connection -> {
                    for (GroupedWrite<?> w : batch) {
                        // Each request in its own savepoint: a failing request rolls back only itself.
                        java.sql.Savepoint savepoint = connection.setSavepoint();
                        try {
                            w.runIn(tx);
                            connection.releaseSavepoint(savepoint);
                        } catch (Throwable t) {
                            w.failure = t;
                            if (Unavailable.reason(t) != null) {
                                storeFailure[0] = t;
                            }
                            connection.rollback(savepoint);
                            connection.releaseSavepoint(savepoint);
                        }
                    }
                });
            });
            db.noteWrite(storeFailure[0]);
        } catch (Throwable commitFailure) {
            // A full SQLite file may roll the whole transaction back itself, so the savepoint's rollback fails too:
            // the store failure that started it is the one to remember.
            db.noteWrite(storeFailure[0] != null ? storeFailure[0] : commitFailure);
            for (GroupedWrite<?> w : batch) {
                if (w.failure == null) {
                    w.failure = commitFailure;
                }
            }
        } finally {
            db.writeLock.unlock();
        }
        for (GroupedWrite<?> w : batch) {
            w.complete();
        }
    }

    private static final class GroupedWrite<T> {
        final Function<DSLContext, T> work;
        final CompletableFuture<T> future = new CompletableFuture<>();
        T result;
        Throwable failure;

        GroupedWrite(Function<DSLContext, T> work) {
            this.work = work;
        }

        void runIn(DSLContext tx) {
            result = work.apply(tx);
        }

        void complete() {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(result);
            }
        }
    }

    /** Stops the writer thread; what is still waiting fails with "the database is closed". */
    void close() {
        Thread c;
        synchronized (this) {
            closed = true;
            c = committer;
        }
        if (c != null) {
            c.interrupt();
            try {
                c.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
