package dev.watchkeeper.auth;

import dev.watchkeeper.core.CommandGroup;
import dev.watchkeeper.core.Listing;
import dev.watchkeeper.core.PrintingCommand;
import dev.watchkeeper.core.Secrets;
import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.db.auth.ApiTokenRow;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/**
 * {@code watchkeeper token create|list|revoke}: API tokens of people. The local operator (whoever can run the
 * command on the server's database) is trusted to manage them; over HTTP only admins may.
 */
@Command(name = "token", description = "Create, list and revoke API tokens (a person's credential on the HTTP API and web pages).",
        mixinStandardHelpOptions = true,
        subcommands = {TokenCommand.Create.class, TokenCommand.ListAll.class, TokenCommand.Revoke.class})
@Prototype
public class TokenCommand extends CommandGroup implements TopLevelCommand {

    @Command(name = "create", description = "Create a token for a person; prints the secret (shown once).",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Create extends PrintingCommand {
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

        @Override
        public void run() {
            ApiTokenService.Created c = tokens.create(handle, role, label, "cli");
            PrintWriter out = out();
            if (quiet) {
                out.println(c.secret());
                return;
            }
            out.println("Token " + c.token().id() + " for " + c.token().handle() + " (" + c.token().role() + ") created.");
            out.println("  Token: " + c.secret());
            out.println(Secrets.SHOWN_ONCE);
            out.println("Use it as 'Authorization: Bearer <token>' on /api, or sign in with it at /signin.");
        }
    }

    @Command(name = "list", description = "List tokens (shown by their first characters).", mixinStandardHelpOptions = true)
    @Prototype
    public static class ListAll extends PrintingCommand {
        @Inject
        ApiTokenService tokens;
        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

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
                    .column("STATE", r -> Secrets.state(r.revokedAt()))
                    .print(out(), tokens.list(), json,
                            "No API tokens. Create one: ./watchkeeper token create alice --role admin");
        }
    }

    @Command(name = "revoke", description = "Revoke a token: it is refused from now on, and its web sessions end.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Revoke extends PrintingCommand {
        @Inject
        ApiTokenService tokens;
        @Parameters(index = "0", paramLabel = "ID", description = "The token's id (see token list).")
        int id;

        @Override
        public void run() {
            ApiTokenRow row = tokens.revoke(id);
            out().println("Token " + row.id() + " of " + row.handle() + " revoked at "
                    + row.revokedAt() + ".");
        }
    }
}
