package dev.watchkeeper.testing;

import dev.watchkeeper.core.CoreFactory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The clock of every test application: starts at a fixed instant and moves only when a test moves it. */
@Singleton
@Requires(env = "test")
@Replaces(value = Clock.class, factory = CoreFactory.class)
public class TestClock extends Clock {

    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private volatile Instant now = START;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public Instant advance(Duration d) {
        now = now.plus(d);
        return now;
    }
}
