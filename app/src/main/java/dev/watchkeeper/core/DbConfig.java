package dev.watchkeeper.core;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/** {@code watchkeeper.db.*}: where the database is ({@code WATCHKEEPER_DB_URL}). */
@ConfigurationProperties("watchkeeper.db")
public record DbConfig(
        @Bindable(defaultValue = "jdbc:sqlite:./data/watchkeeper.db") String url,
        @Nullable String username,
        @Nullable String password,
        @Bindable(defaultValue = "8") int poolSize,
        @Bindable(defaultValue = "FULL") String synchronous) {
}
