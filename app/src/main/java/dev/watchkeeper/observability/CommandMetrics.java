package dev.watchkeeper.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

/**
 * A command serves no {@code /metrics}: the command line turns Micronaut's metrics off
 * ({@code micronaut.metrics.enabled=false}), so no Prometheus registry and no JVM meters start with a command, and
 * what a command counts goes to this registry, which keeps nothing.
 */
@Factory
class CommandMetrics {

    @Singleton
    @Requires(env = Environment.CLI)
    @Requires(property = "micronaut.metrics.enabled", value = "false")
    MeterRegistry nowhere() {
        return new CompositeMeterRegistry();
    }
}
