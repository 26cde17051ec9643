package dev.watchkeeper.core;

/**
 * Who acts from a command line on this machine, the one rule for every command: {@code --by} when given, else
 * {@code WATCHKEEPER_USER}, else the login name. Surfaces with a credential (an API token, a signed Slack
 * request) never use it: their actor is the credential's person.
 */
public final class LocalActor {

    /** The same rule as a picocli default value, for {@code --as} options that show their default in help. */
    public static final String DEFAULT_VALUE = "${env:WATCHKEEPER_USER:-${sys:user.name}}";

    private LocalActor() {
    }

    public static String of(String by) {
        if (by != null && !by.isBlank()) {
            return by.strip();
        }
        String env = System.getenv("WATCHKEEPER_USER");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        return System.getProperty("user.name", "cli");
    }
}
