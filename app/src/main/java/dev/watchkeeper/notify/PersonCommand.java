package dev.watchkeeper.notify;

import dev.watchkeeper.core.Json;
import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.db.notify.Contacts;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/** {@code watchkeeper person ...}: how people are reached when paged. */
@Command(name = "person", description = "People and how they are reached: Slack user, e-mail, webhook.",
        mixinStandardHelpOptions = true)
@Prototype
public class PersonCommand implements Runnable, TopLevelCommand {

    @Inject
    PeopleDirectory directory;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final String ME = dev.watchkeeper.core.LocalActor.DEFAULT_VALUE;

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Command(name = "link", mixinStandardHelpOptions = true,
            description = "Set how a person is reached (\"none\" removes a method). Pages go to every method set.")
    void link(@Parameters(paramLabel = "HANDLE") String handle,
              @Option(names = "--slack", description = "Slack user ID (U0123ABCD).") String slack,
              @Option(names = "--email", description = "E-mail address; also finds their Slack user when paged.") String email,
              @Option(names = "--webhook", description = "URL that receives pages as JSON POSTs.") String webhook,
              @Option(names = "--webhook-secret", description = "Signs webhook bodies (HMAC-SHA256).") String secret,
              @Option(names = "--as", defaultValue = ME, description = "Who acts (default: ${DEFAULT-VALUE}).") String as) {
        Contacts c = directory.link(handle, new PeopleDirectory.Change(slack, email, webhook, secret), as);
        out().println(PeopleDirectory.describe(c));
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "How a person is reached.")
    void show(@Parameters(paramLabel = "HANDLE") String handle, @Option(names = "--json") boolean json) {
        Contacts c = directory.show(handle);
        out().println(json ? Json.write(view(c)) : PeopleDirectory.describe(c));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Everyone and how they are reached.")
    void list(@Option(names = "--json") boolean json) {
        List<Contacts> all = directory.all();
        if (json) {
            out().println(Json.write(all.stream().map(PersonCommand::view).toList()));
            return;
        }
        if (all.isEmpty()) {
            out().println("Nobody yet.");
        }
        all.forEach(c -> out().println(PeopleDirectory.describe(c)));
    }

    /** What is shown of a person: the webhook secret only as whether there is one. */
    public record View(String handle, String slackUserId, String email, String webhookUrl, boolean webhookSigned) {
    }

    static View view(Contacts c) {
        return new View(c.handle(), c.slackUserId(), c.email(), c.webhookUrl(), c.webhookSecret() != null);
    }
}
