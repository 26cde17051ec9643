package dev.watchkeeper.cluster;

import dev.watchkeeper.core.Environments;
import dev.watchkeeper.db.Database;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * SQLite serves one server per database file: a second server on the same file would run every scheduled job a
 * second time. At start the server takes an exclusive lock on {@code <file>.server.lock} beside the database (a
 * separate file, because closing any descriptor of the database file itself would drop SQLite's own locks) and
 * refuses to start when another server holds it. The lock goes with the process, so a crash never leaves it
 * behind. CLI commands do not take it: they may run beside the server. PostgreSQL needs no such lock (jobs go
 * through {@link JobLock}).
 */
@Context
@Requires(env = Environments.SERVER)
public class SingleServerGuard {

    /** Thrown when another server holds the database file. */
    public static final class SecondServerException extends IllegalStateException {
        SecondServerException(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    public SingleServerGuard(Database db) {
        Path file = db.sqliteFile();
        if (file == null) {
            channel = null;
            lock = null;
            return;
        }
        Path lockFile = file.resolveSibling(file.getFileName() + ".server.lock");
        FileLock taken = null;
        FileChannel ch;
        try {
            Files.createDirectories(lockFile.getParent());
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                taken = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                taken = null; // held by another server in this same JVM
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the server lock file " + lockFile, e);
        }
        if (taken == null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // Closing a lock file we could not lock; nothing to keep.
            }
            throw new SecondServerException("another Watchkeeper server already runs on the SQLite database " + file
                    + " (it holds " + lockFile + "). SQLite serves one server per database file; stop the other"
                    + " server, or run several instances on PostgreSQL (see docs/deploy.md).");
        }
        channel = ch;
        lock = taken;
    }

    @PreDestroy
    void release() throws IOException {
        if (lock != null) {
            lock.release();
            channel.close();
        }
    }
}
