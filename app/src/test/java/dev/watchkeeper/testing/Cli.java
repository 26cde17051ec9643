package dev.watchkeeper.testing;

import dev.watchkeeper.cli.WatchkeeperCommand;
import dev.watchkeeper.db.testing.TestDatabases;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the real command line against a test database and captures what it prints. */
public final class Cli {

    public record Result(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    public static Result run(Path dbFile, String... args) {
        return run(Map.of(), dbFile, args);
    }

    public static Result run(Map<String, Object> properties, Path dbFile, String... args) {
        Map<String, Object> props = new HashMap<>(properties);
        props.put("watchkeeper.db.url", TestDatabases.url(dbFile));
        props.putIfAbsent("watchkeeper.db.synchronous", "NORMAL");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WatchkeeperCommand.execute(props, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }
}
