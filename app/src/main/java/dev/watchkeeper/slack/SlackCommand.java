package dev.watchkeeper.slack;

import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.Database;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code watchkeeper slack outbox}: what the Slack outbox holds, its permanent failures, and a retry. */
@Command(name = "slack", description = "Slack: the outbox of outgoing calls.", mixinStandardHelpOptions = true,
        subcommands = SlackCommand.Outbox.class)
@Prototype
public class SlackCommand implements Runnable, TopLevelCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "outbox", description = "Counts of pending, sent and failed Slack calls, and the recent failures.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Outbox implements Runnable {

        @Inject
        Database db;
        @Inject
        OutboxStore store;

        @Option(names = "--retry-failed", description = "Put permanently failed calls back in the queue.")
        boolean retryFailed;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            if (retryFailed) {
                // Due at once for the server that sends them, whatever its clock says next to this command's.
                int n = db.write(tx -> store.retryFailed(tx, java.time.Instant.EPOCH));
                out.println("Re-queued " + n + " failed call(s); the server sends them within seconds.");
            }
            Map<String, Integer> counts = db.read(store::counts);
            List<OutboxRow> failures = db.read(dsl -> store.recent(dsl, OutboxStore.FAILED, 10));
            if (json) {
                Map<String, Object> body = new LinkedHashMap<>(counts);
                body.put("recentFailures", failures.stream().map(r -> Map.of("id", r.id(), "method", r.method(),
                        "key", r.idempotencyKey(), "attempts", r.attempts(),
                        "error", r.lastError() == null ? "" : r.lastError())).toList());
                out.println(Json.write(body));
                return;
            }
            out.printf("pending %d  sent %d  failed %d%n", counts.get(OutboxStore.PENDING), counts.get(OutboxStore.SENT),
                    counts.get(OutboxStore.FAILED));
            for (OutboxRow r : failures) {
                out.printf("failed #%d %s %s after %d attempt(s): %s%n", r.id(), r.method(), r.idempotencyKey(),
                        r.attempts(), r.lastError());
            }
        }
    }
}
