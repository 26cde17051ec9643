package dev.watchkeeper.playbook;

import dev.watchkeeper.core.Environments;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Reloads the playbooks when a file in the folder changes (the server only). Events are collected for a
 * short quiet period first, so an editor's save (write, rename, delete backup) reloads once.
 */
@Context
@Requires(env = Environments.SERVER)
@Requires(property = "watchkeeper.playbooks.watch", notEquals = "false")
public class PlaybookWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(PlaybookWatcher.class);
    static final long SETTLE_MILLIS = 300;

    private final PlaybookService playbooks;
    private WatchService watch;
    private Thread thread;

    public PlaybookWatcher(PlaybookService playbooks) {
        this.playbooks = playbooks;
    }

    @PostConstruct
    public void start() {
        Path dir = playbooks.dir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            watch = dir.getFileSystem().newWatchService();
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            LOG.warn("cannot watch {} for changes; use './watchkeeper playbooks reload'", dir, e);
            return;
        }
        thread = Thread.ofPlatform().daemon().name("playbook-watcher").start(this::loop);
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watch.take();
                key.pollEvents();
                key.reset();
                // Let a burst of events settle, then reload once.
                WatchKey more;
                while ((more = watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    more.pollEvents();
                    more.reset();
                }
                try {
                    playbooks.reload();
                } catch (RuntimeException e) {
                    LOG.error("reloading playbooks failed", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // stopping
        }
    }

    @PreDestroy
    public void stop() throws IOException {
        if (watch != null) {
            watch.close();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
