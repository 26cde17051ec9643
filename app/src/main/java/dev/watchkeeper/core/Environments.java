package dev.watchkeeper.core;

/** Micronaut environments of Watchkeeper's own. */
public final class Environments {

    /**
     * The server's environment: scheduled jobs and outbound senders are {@code @Requires(env = SERVER)}, so the
     * CLI commands, which run in a context of their own, never start them.
     */
    public static final String SERVER = "server";

    private Environments() {
    }
}
