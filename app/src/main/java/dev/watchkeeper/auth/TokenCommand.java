package dev.watchkeeper.auth;

import dev.watchkeeper.core.Listing;
import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.db.auth.ApiTokenRow;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code watchkeeper token create|list|revoke}: API tokens of people. The local operator (whoever can run the
 * command on the server's database) is trusted to manage them; over HTTP only admins may.
 */
@Command(name = "token", description = "Create, list and revoke API tokens (a person's credential on the HTTP API and web pages).",
        mixinStandardHelpOptions = true,
        subcommands = {TokenCommand.Create.class, TokenCommand.ListAll.class, TokenCommand.Revoke.class})
@Prototype
public class TokenCommand implements Runnable, TopLevelCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", description = "Create a token for a person; prints the secret (shown once).",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Create implements Runnable {
        @Inject
        ApiTokenService tokens;
        @Parameters(index = "0", paramLabel = "HANDLE", description = "The person the token acts as, e.g. alice.")
        String handle;
        @Option(names = "--role", defaultValue = "member", description = "member (default) or admin.")
        String role;
        @Option(names = "--label", description = "What the token is for, e.g. laptop.")
        String label;
        @Option(names = "--quiet", description = "Print only the secret (for scripts: TOKEN=$(... --quiet)).")
        boolean quiet;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            ApiTokenService.Created c = tokens.create(handle, role, label, "cli");
            PrintWriter out = spec.commandLine().getOut();
            if (quiet) {
                out.println(c.secret());
                return;
            }
            out.println("Token " + c.token().id() + " for " + c.token().handle() + " (" + c.token().role() + ") created.");
            out.println("  Token: " + c.secret());
            out.println("The token is shown only this once; Watchkeeper keeps only its SHA-256.");
            out.println("Use it as 'Authorization: Bearer <token>' on /api, or sign in with it at /signin.");
        }
    }

    @Command(name = "list", description = "List tokens (shown by their first characters).", mixinStandardHelpOptions = true)
    @Prototype
    public static class ListAll implements Runnable {
        @Inject
        ApiTokenService tokens;
        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            new Listing<ApiTokenRow>()
                    .number("ID", r -> String.valueOf(r.id()))
                    .column("PERSON", ApiTokenRow::handle)
                    .column("ROLE", ApiTokenRow::role)
                    .column("TOKEN", r -> r.tokenHint() + "…")
                    .column("LABEL", r -> r.label() == null ? "" : r.label())
                    .column("CREATED", r -> r.createdAt() + " by " + r.createdBy())
                    .column("LAST USED", r -> r.lastUsedAt() == null ? "never" : r.lastUsedAt().toString())
                    .column("STATE", r -> r.revoked() ? "revoked " + r.revokedAt() : "active")
                    .print(spec.commandLine().getOut(), tokens.list(), json,
                            "No API tokens. Create one: ./watchkeeper token create alice --role admin");
        }
    }

    @Command(name = "revoke", description = "Revoke a token: it is refused from now on, and its web sessions end.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Revoke implements Runnable {
        @Inject
        ApiTokenService tokens;
        @Parameters(index = "0", paramLabel = "ID", description = "The token's id (see token list).")
        int id;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            ApiTokenRow row = tokens.revoke(id);
            spec.commandLine().getOut().println("Token " + row.id() + " of " + row.handle() + " revoked at "
                    + row.revokedAt() + ".");
        }
    }
}
