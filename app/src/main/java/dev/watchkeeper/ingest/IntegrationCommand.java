package dev.watchkeeper.ingest;

import dev.watchkeeper.core.CommandGroup;
import dev.watchkeeper.core.Listing;
import dev.watchkeeper.core.PrintingCommand;
import dev.watchkeeper.core.Secrets;
import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.db.ingest.IntegrationRow;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code watchkeeper integration create|list|revoke}: the senders allowed to post alerts, and their tokens. */
@Command(name = "integration", description = "Create, list and revoke alert sender integrations (tokens).",
        mixinStandardHelpOptions = true,
        subcommands = {IntegrationCommand.Create.class, IntegrationCommand.ListAll.class, IntegrationCommand.Revoke.class})
@Prototype
public class IntegrationCommand extends CommandGroup implements TopLevelCommand {

    @Command(name = "create", description = "Create an integration; prints its URL and secret token (shown once).",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Create extends PrintingCommand {
        @Inject
        IntegrationService integrations;
        @Option(names = "--kind", required = true, description = "alertmanager, pagerduty, grafana or generic.")
        String kind;
        @Option(names = "--name", required = true, description = "A unique name, e.g. prod.")
        String name;

        @Override
        public void run() {
            IntegrationService.Created c = integrations.create(kind, name);
            PrintWriter out = out();
            out.println("Integration '" + c.integration().name() + "' (" + c.integration().kind() + ") created.");
            out.println("  URL:   " + c.url());
            out.println("  Token: " + c.token());
            out.println(Secrets.SHOWN_ONCE);
            switch (c.integration().kind()) {
                case "pagerduty" -> out.println("Senders: set the Events API v2 URL to " + c.url()
                        + " and the routing/integration key to the token.");
                case "alertmanager", "grafana", "generic" -> out.println("Senders: POST to " + c.url()
                        + " with 'Authorization: Bearer <token>', or to " + c.url() + "/<token>.");
                default -> {
                }
            }
        }
    }

    @Command(name = "list", description = "List integrations (tokens are shown by their last 4 characters).",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class ListAll extends PrintingCommand {
        @Inject
        IntegrationService integrations;
        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Override
        public void run() {
            new Listing<IntegrationRow>()
                    .number("ID", r -> String.valueOf(r.id()))
                    .column("NAME", IntegrationRow::name)
                    .column("KIND", IntegrationRow::kind)
                    .column("TOKEN", r -> "…" + r.tokenHint())
                    .column("URL", r -> integrations.urlFor(r.kind()))
                    .column("CREATED", r -> r.createdAt().toString())
                    .column("STATE", r -> Secrets.state(r.revokedAt()))
                    .print(out(), integrations.list(), json,
                            "No integrations. Create one: ./watchkeeper integration create --kind alertmanager --name prod");
        }
    }

    @Command(name = "revoke", description = "Revoke an integration: its token is refused from now on.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Revoke extends PrintingCommand {
        @Inject
        IntegrationService integrations;
        @Parameters(index = "0", paramLabel = "NAME", description = "The integration's name.")
        String name;

        @Override
        public void run() {
            IntegrationRow row = integrations.revoke(name);
            out().println("Integration '" + row.name() + "' revoked at " + row.revokedAt() + ".");
        }
    }
}
