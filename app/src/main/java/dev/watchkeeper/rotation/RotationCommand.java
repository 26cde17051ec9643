package dev.watchkeeper.rotation;

import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.rotation.RotationRow;
import dev.watchkeeper.db.rotation.SwapRow;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;

/** {@code watchkeeper rotation ...}: rotations from the terminal. {@code --as} names who acts (default: the OS user). */
@Command(name = "rotation", description = "On-call rotations: create, join, override, swap, shadows, schedule.",
        mixinStandardHelpOptions = true)
@Prototype
public class RotationCommand implements Runnable, TopLevelCommand {

    @Inject
    RotationService rotations;
    @Inject
    MembershipService membership;
    @Inject
    CoverService covers;
    @Inject
    ShadowingService shadowing;
    @Inject
    HandoffService handoffs;
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

    @Command(name = "schedule", mixinStandardHelpOptions = true, description = "Upcoming shifts.")
    void schedule(@Parameters(paramLabel = "ROTATION") String name,
                  @Option(names = "--weeks", defaultValue = "4", description = "How far ahead (default ${DEFAULT-VALUE}).") int weeks,
                  @Option(names = "--json") boolean json) {
        RotationRow r = rotations.rotation(name);
        List<RotationPlan.Segment> s = rotations.schedule(name, weeks);
        out().print(json ? Json.write(s) + "\n" : OncallText.schedule(r.name(), s, ZoneId.of(r.zone())));
    }

    @Command(name = "now", mixinStandardHelpOptions = true, description = "Who is on call now.")
    void now(@Parameters(paramLabel = "ROTATION", arity = "0..1") String name) {
        for (RotationRow r : name == null ? rotations.rotations() : List.of(rotations.rotation(name))) {
            out().println(OncallText.onCall(rotations.onCallNow(r.name()), ZoneId.of(r.zone())));
        }
    }

    @Command(name = "join", mixinStandardHelpOptions = true, description = "Join a rotation (joiners shadow their first shifts).")
    void join(@Parameters(paramLabel = "ROTATION") String name,
              @Option(names = "--person", description = "Add someone else (members and admins).") String person,
              @Option(names = "--as", defaultValue = ME) String as) {
        MemberView m = membership.join(name, as, person);
        out().println(m.handle() + " joined " + name + (m.shadowShiftsLeft() > 0 ? " as a shadow for "
                + m.shadowShiftsLeft() + " shift" + (m.shadowShiftsLeft() == 1 ? "" : "s") : "") + ".");
    }

    @Command(name = "leave", mixinStandardHelpOptions = true, description = "Leave a rotation.")
    void leave(@Parameters(paramLabel = "ROTATION") String name,
               @Option(names = "--person", description = "Remove someone else (members and admins).") String person,
               @Option(names = "--as", defaultValue = ME) String as) {
        membership.leave(name, as, person);
        out().println((person == null ? as : person) + " left " + name + ".");
    }

    @Command(name = "override", mixinStandardHelpOptions = true, description = "PERSON covers FROM to TO as primary.")
    void override(@Parameters(paramLabel = "ROTATION") String name, @Parameters(paramLabel = "PERSON") String person,
                  @Parameters(paramLabel = "FROM") String from, @Parameters(paramLabel = "TO") String to,
                  @Option(names = "--as", defaultValue = ME) String as) {
        var o = covers.override(name, as, person, from, to);
        ZoneId zone = ZoneId.of(rotations.rotation(name).zone());
        out().println(o.handle() + " covers " + name + " from " + OncallText.when(o.startsAt(), zone) + " to "
                + OncallText.when(o.endsAt(), zone) + ".");
    }

    @Command(name = "swap", mixinStandardHelpOptions = true, description = "Offer to trade your shift for someone else's.")
    void swap(@Parameters(paramLabel = "ROTATION") String name,
              @Option(names = "--with", required = true) String with,
              @Option(names = "--mine", required = true, description = "A day (or time) in your shift.") String mine,
              @Option(names = "--theirs", required = true, description = "A day (or time) in their shift.") String theirs,
              @Option(names = "--as", defaultValue = ME) String as) {
        SwapRow s = covers.requestSwap(name, as, with, mine, theirs);
        out().println("Swap " + s.id() + " requested; " + s.other() + " must confirm: watchkeeper rotation confirm " + s.id());
    }

    @Command(name = "confirm", mixinStandardHelpOptions = true, description = "Confirm a swap you were asked for.")
    void confirm(@Parameters(paramLabel = "SWAP-ID") int id, @Option(names = "--as", defaultValue = ME) String as) {
        SwapRow s = covers.decideSwap(id, as, true);
        out().println("Swap " + s.id() + " between " + s.requester() + " and " + s.other() + " is " + s.state() + ".");
    }

    @Command(name = "decline", mixinStandardHelpOptions = true, description = "Decline (or withdraw) a swap.")
    void decline(@Parameters(paramLabel = "SWAP-ID") int id, @Option(names = "--as", defaultValue = ME) String as) {
        SwapRow s = covers.decideSwap(id, as, false);
        out().println("Swap " + s.id() + " is " + s.state() + ".");
    }

    @Command(name = "graduate", mixinStandardHelpOptions = true, description = "A shadow becomes primary-eligible from the next shift.")
    void graduate(@Parameters(paramLabel = "ROTATION") String name, @Parameters(paramLabel = "PERSON") String person,
                  @Option(names = "--as", defaultValue = ME) String as) {
        MemberView m = shadowing.graduate(name, as, person);
        out().println(m.handle() + " is primary-eligible in " + name + " from the next shift.");
    }

    @Command(name = "extend", mixinStandardHelpOptions = true, description = "A member shadows more shifts.")
    void extend(@Parameters(paramLabel = "ROTATION") String name, @Parameters(paramLabel = "PERSON") String person,
                @Option(names = "--shifts", defaultValue = "1") int shifts,
                @Option(names = "--as", defaultValue = ME) String as) {
        MemberView m = shadowing.extend(name, as, person, shifts);
        out().println(m.handle() + " shadows " + m.shadowShiftsLeft() + " more shift" + (m.shadowShiftsLeft() == 1 ? "" : "s") + ".");
    }

    @Command(name = "shadow", mixinStandardHelpOptions = true, description = "Volunteer to shadow a shift (default: the next one).")
    void shadow(@Parameters(paramLabel = "ROTATION") String name,
                @Option(names = "--shift", description = "A day (or time) in the shift.") String shift,
                @Option(names = "--as", defaultValue = ME) String as) {
        OnCall o = shadowing.volunteer(name, as, shift);
        ZoneId zone = ZoneId.of(rotations.rotation(name).zone());
        out().println(as + " shadows " + o.primary() + " from " + OncallText.when(o.since(), zone) + " to "
                + OncallText.when(o.until(), zone) + ".");
    }

    @Command(name = "readiness", mixinStandardHelpOptions = true, description = "How each shadow's guesses compare with the primaries.")
    void readiness(@Parameters(paramLabel = "ROTATION") String name, @Option(names = "--json") boolean json) {
        List<Readiness> r = rotations.readiness(name);
        out().print(json ? Json.write(r) + "\n" : OncallText.readiness(name, r) + "\n");
    }

    @Command(name = "guess", mixinStandardHelpOptions = true, description = "As a shadow: what would you do with ITEM (act, ack, noise)?")
    void guess(@Parameters(paramLabel = "ITEM") int item, @Parameters(paramLabel = "GUESS") String guess,
               @Option(names = "--as", defaultValue = ME) String as) {
        var c = copies.guess(item, as, guess);
        out().println("Recorded: " + c.handle() + " would " + c.guess() + " item " + item + ".");
    }

    @Command(name = "handoff", mixinStandardHelpOptions = true, description = "Send the handoff summary of the shift so far.")
    void handoff(@Parameters(paramLabel = "ROTATION") String name, @Option(names = "--as", defaultValue = ME) String as) {
        out().print(handoffs.handoffNow(name, as).toMarkdown());
    }

    @Command(name = "calendar", mixinStandardHelpOptions = true, description = "Secret calendar (.ics) links.")
    void calendar(@Parameters(paramLabel = "ROTATION") String name, @Option(names = "--as", defaultValue = ME) String as) {
        membership.calendarUrls(name, as).forEach((k, v) -> out().println(k + ": " + v));
    }
}
