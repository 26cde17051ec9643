package dev.watchkeeper.rotation;

import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.rotation.RotationRow;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code watchkeeper rotation ...}: rotations from the terminal. {@code --as} names who acts (default: the OS user).
 * Slack's {@code /oncall} parses its text with the subcommand classes of {@link OncallSubcommands}.
 */
@Command(name = "rotation", description = "On-call rotations: create, join, override, swap, shadows, schedule.",
        mixinStandardHelpOptions = true,
        subcommands = {OncallSubcommands.Schedule.class, OncallSubcommands.Join.class, OncallSubcommands.Leave.class,
                OncallSubcommands.Cover.class, OncallSubcommands.Swap.class, OncallSubcommands.Confirm.class,
                OncallSubcommands.Decline.class, OncallSubcommands.Graduate.class, OncallSubcommands.Extend.class,
                OncallSubcommands.Shadow.class, OncallSubcommands.ReadinessOf.class, OncallSubcommands.Handoff.class,
                OncallSubcommands.Calendar.class})
@Prototype
public class RotationCommand implements Runnable, TopLevelCommand {

    @Inject
    RotationService rotations;
    @Inject
    MembershipService membership;
    @Inject
    EscalationPolicies policies;
    @Inject
    ShadowCopies copies;

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

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a rotation.")
    void create(@Parameters(paramLabel = "NAME") String name,
                @Option(names = "--members", split = ",", required = true, description = "Handles in rotation order.") List<String> members,
                @Option(names = "--shift-days", description = "Shift length in days (default 7).") Integer shiftDays,
                @Option(names = "--handoff-day", description = "Weekday of handoff (default monday).") String day,
                @Option(names = "--handoff-time", description = "HH:MM in the zone (default 09:00).") String time,
                @Option(names = "--zone", description = "IANA time zone (default UTC).") String zone,
                @Option(names = "--channel", description = "Slack channel of the rotation.") String channel,
                @Option(names = "--user-group", description = "Slack user group kept on the primary.") String group,
                @Option(names = "--shadow-shifts", description = "Shifts a joiner shadows (default from configuration).") Integer shadowShifts,
                @Option(names = "--as", defaultValue = ME, description = "Who acts (default: ${DEFAULT-VALUE}).") String as) {
        RotationView v = membership.create(new NewRotation(name, members, shiftDays, day, time, zone,
                channel, group, shadowShifts), as);
        out().print("Created rotation " + v.name() + ".\n" + OncallText.members(v));
    }

    @Command(name = "policy", mixinStandardHelpOptions = true,
            description = "Show or set the escalation policy: timeout and how many times the round repeats.")
    void policy(@Parameters(paramLabel = "ROTATION") String name,
                @Option(names = "--escalate-after", description = "e.g. 10m (1m to 1d), or 'default'.") String after,
                @Option(names = "--repeat", description = "Extra rounds after the first, 0 to 10.") Integer repeat,
                @Option(names = "--as", defaultValue = ME, description = "Who acts (default: ${DEFAULT-VALUE}).") String as) {
        EscalationPolicies.Policy p = after == null && repeat == null ? policies.policy(name) : policies.setPolicy(name, after, repeat, as);
        out().println(p.text());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Rotations and who is on call now.")
    void list(@Option(names = "--json") boolean json) {
        List<RotationView> all = rotations.views();
        if (json) {
            out().println(Json.write(all));
        } else if (all.isEmpty()) {
            out().println("No rotations yet.");
        }
        for (RotationView v : all) {
            if (!json) {
                out().println(OncallText.onCall(v.now(), ZoneId.of(v.zone())));
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A rotation, its members and who is on now.")
    void show(@Parameters(paramLabel = "ROTATION") String name, @Option(names = "--json") boolean json) {
        RotationView v = rotations.view(name);
        out().print(json ? Json.write(v) + "\n" : OncallText.members(v));
    }

    @Command(name = "now", mixinStandardHelpOptions = true, description = "Who is on call now.")
    void now(@Parameters(paramLabel = "ROTATION", arity = "0..1") String name) {
        for (RotationRow r : name == null ? rotations.rotations() : List.of(rotations.rotation(name))) {
            out().println(OncallText.onCall(rotations.onCallNow(r.name()), ZoneId.of(r.zone())));
        }
    }

    @Command(name = "guess", mixinStandardHelpOptions = true, description = "As a shadow: what would you do with ITEM (act, ack, noise)?")
    void guess(@Parameters(paramLabel = "ITEM") int item, @Parameters(paramLabel = "GUESS") String guess,
               @Option(names = "--as", defaultValue = ME) String as) {
        var c = copies.guess(item, as, guess);
        out().println("Recorded: " + c.handle() + " would " + c.guess() + " item " + item + ".");
    }
}
