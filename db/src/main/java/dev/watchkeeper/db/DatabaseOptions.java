package dev.watchkeeper.db;

/**
 * How to reach the database.
 *
 * @param synchronous SQLite's {@code synchronous} pragma: FULL syncs the WAL on every commit, so a
 *                    committed transaction survives a power cut as well as a killed process.
 */
public record DatabaseOptions(String url, String username, String password, int poolSize,
                              int busyTimeoutMillis, String synchronous) {

    public DatabaseOptions {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("watchkeeper.db.url: must not be empty");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("watchkeeper.db.pool-size: must be at least 1, was " + poolSize);
        }
    }

    public static DatabaseOptions of(String url) {
        return new DatabaseOptions(url, null, null, 8, 10_000, "FULL");
    }
}
