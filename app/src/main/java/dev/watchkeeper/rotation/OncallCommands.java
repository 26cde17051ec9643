package dev.watchkeeper.rotation;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.ForbiddenException;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.rotation.RotationRow;
import dev.watchkeeper.db.rotation.SwapRow;
import jakarta.inject.Singleton;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The {@code /oncall} command, independent of any chat surface: {@link #handle} takes who typed it
 * and the text after {@code /oncall}, and answers markdown. Bad input gets usage, never a stack trace.
 */
@Singleton
public class OncallCommands {

    public static final String USAGE = """
            *Usage*
            `/oncall` — who is on call now in every rotation
            `/oncall schedule [ROTATION] [WEEKS]` — upcoming shifts (default 4 weeks)
            `/oncall join ROTATION` — join a rotation (you shadow your first shifts)
            `/oncall leave ROTATION`
            `/oncall swap [ROTATION] @user MY-SHIFT-DATE THEIR-SHIFT-DATE` — offer to trade shifts
            `/oncall swap confirm ID` · `/oncall swap decline ID`
            `/oncall override [ROTATION] @user FROM TO` — @user covers from FROM to TO (2026-03-09 or 2026-03-09T18:00)
            `/oncall handoff [ROTATION]` — send the handoff summary of the shift so far
            `/oncall shadow [ROTATION]` — shadow readiness · `/oncall shadow volunteer ROTATION [DATE]`
            `/oncall graduate ROTATION @user` · `/oncall extend ROTATION @user SHIFTS`
            `/oncall calendar [ROTATION]` — your secret calendar links
            `/oncall help`""";

    private final RotationService rotations;
    private final MembershipService membership;
    private final CoverService covers;
    private final ShadowingService shadowing;
    private final HandoffService handoffs;
    private final Map<String, BiFunction<String, List<String>, String>> commands;

    public OncallCommands(RotationService rotations, MembershipService membership, CoverService covers,
                          ShadowingService shadowing, HandoffService handoffs) {
        this.rotations = rotations;
        this.membership = membership;
        this.covers = covers;
        this.shadowing = shadowing;
        this.handoffs = handoffs;
        // One readable table from sub-command to handler.
        this.commands = Map.ofEntries(
                Map.entry("schedule", this::schedule),
                Map.entry("join", this::join),
                Map.entry("leave", this::leave),
                Map.entry("swap", this::swap),
                Map.entry("override", this::override),
                Map.entry("handoff", this::handoff),
                Map.entry("shadow", this::shadow),
                Map.entry("graduate", this::graduate),
                Map.entry("extend", this::extend),
                Map.entry("calendar", this::calendar));
    }

    public Reply handle(String actor, String text) {
        List<String> words = text == null || text.isBlank() ? List.of()
                : Arrays.asList(text.strip().split("\\s+"));
        if (words.isEmpty()) {
            return Reply.ok(now());
        }
        String sub = words.getFirst().toLowerCase();
        if (sub.equals("help")) {
            return Reply.ok(USAGE);
        }
        var handler = commands.get(sub);
        if (handler == null) {
            return Reply.error("Unknown sub-command `" + words.getFirst() + "`.\n" + USAGE);
        }
        try {
            return Reply.ok(handler.apply(actor, words.subList(1, words.size())));
        } catch (BadInputException e) {
            StringBuilder sb = new StringBuilder();
            for (FieldError fe : e.errors()) {
                sb.append(fe.field()).append(": ").append(fe.problem()).append("\n");
            }
            return Reply.error(sb + "\n" + USAGE);
        } catch (NotFoundException | ForbiddenException e) {
            return Reply.error(e.getMessage());
        }
    }

    private String now() {
        List<RotationRow> all = rotations.rotations();
        if (all.isEmpty()) {
            return "There are no rotations yet. Create one with `watchkeeper rotation create` or the HTTP API.";
        }
        StringBuilder sb = new StringBuilder();
        for (RotationRow r : all) {
            sb.append(OncallText.onCall(rotations.onCallNow(r.name()), ZoneId.of(r.zone()))).append("\n");
        }
        return sb.toString().strip();
    }

    private String schedule(String actor, List<String> args) {
        String rotation = null;
        int weeks = 4;
        for (String a : args) {
            if (a.matches("\\d+")) {
                weeks = Integer.parseInt(a);
            } else {
                rotation = a;
            }
        }
        RotationRow r = pick(rotation);
        return OncallText.schedule(r.name(), rotations.schedule(r.name(), weeks), ZoneId.of(r.zone()));
    }

    private String join(String actor, List<String> args) {
        expect(args, 1, "join ROTATION");
        MemberView m = membership.join(args.getFirst(), actor, null);
        return "You joined " + args.getFirst() + (m.shadowShiftsLeft() > 0 ? ". You shadow the primary for your first "
                + m.shadowShiftsLeft() + " shift" + (m.shadowShiftsLeft() == 1 ? "" : "s")
                + ": you get a copy of every page and can say what you would do." : ".");
    }

    private String leave(String actor, List<String> args) {
        expect(args, 1, "leave ROTATION");
        membership.leave(args.getFirst(), actor, null);
        return "You left " + args.getFirst() + ".";
    }

    private String swap(String actor, List<String> args) {
        if (!args.isEmpty() && (args.getFirst().equalsIgnoreCase("confirm") || args.getFirst().equalsIgnoreCase("decline"))) {
            expect(args, 2, "swap confirm|decline ID");
            boolean confirm = args.getFirst().equalsIgnoreCase("confirm");
            SwapRow s = covers.decideSwap(swapId(args.get(1)), actor, confirm);
            return "Swap " + s.id() + " between " + s.requester() + " and " + s.other() + " is " + s.state() + ".";
        }
        List<String> rest = optionalRotation(args, 3);
        expect(rest.subList(1, rest.size()), 3, "swap [ROTATION] @user MY-SHIFT-DATE THEIR-SHIFT-DATE");
        SwapRow s = covers.requestSwap(rest.get(0), actor, rest.get(1), rest.get(2), rest.get(3));
        return "Swap " + s.id() + " requested: " + s.other() + " is asked to confirm.";
    }

    private String override(String actor, List<String> args) {
        List<String> rest = optionalRotation(args, 3);
        expect(rest.subList(1, rest.size()), 3, "override [ROTATION] @user FROM TO");
        var o = covers.override(rest.get(0), actor, rest.get(1), rest.get(2), rest.get(3));
        ZoneId zone = ZoneId.of(rotations.rotation(rest.get(0)).zone());
        return o.handle() + " covers " + rest.get(0) + " from " + OncallText.when(o.startsAt(), zone) + " to "
                + OncallText.when(o.endsAt(), zone) + ".";
    }

    private String handoff(String actor, List<String> args) {
        RotationRow r = pick(args.isEmpty() ? null : args.getFirst());
        return handoffs.handoffNow(r.name(), actor).toMarkdown();
    }

    private String shadow(String actor, List<String> args) {
        if (!args.isEmpty() && args.getFirst().equalsIgnoreCase("volunteer")) {
            if (args.size() < 2) {
                throw new BadInputException("rotation", "is required: shadow volunteer ROTATION [DATE]");
            }
            OnCall o = shadowing.volunteer(args.get(1), actor, args.size() > 2 ? args.get(2) : null);
            ZoneId zone = ZoneId.of(rotations.rotation(args.get(1)).zone());
            return "You shadow " + o.primary() + " in " + args.get(1) + " from " + OncallText.when(o.since(), zone)
                    + " to " + OncallText.when(o.until(), zone) + ".";
        }
        RotationRow r = pick(args.isEmpty() ? null : args.getFirst());
        return OncallText.readiness(r.name(), rotations.readiness(r.name()));
    }

    private String graduate(String actor, List<String> args) {
        expect(args, 2, "graduate ROTATION @user");
        MemberView m = shadowing.graduate(args.get(0), actor, args.get(1));
        return m.handle() + " is primary-eligible in " + args.get(0) + " from the next shift.";
    }

    private String extend(String actor, List<String> args) {
        expect(args, 3, "extend ROTATION @user SHIFTS");
        int n;
        try {
            n = Integer.parseInt(args.get(2));
        } catch (NumberFormatException e) {
            throw new BadInputException("shifts", "must be a whole number, was '" + args.get(2) + "'");
        }
        MemberView m = shadowing.extend(args.get(0), actor, args.get(1), n);
        return m.handle() + " shadows " + m.shadowShiftsLeft() + " more shift" + (m.shadowShiftsLeft() == 1 ? "" : "s")
                + " in " + args.get(0) + ".";
    }

    private String calendar(String actor, List<String> args) {
        Map<String, String> urls = membership.calendarUrls(args.isEmpty() ? null : pick(args.getFirst()).name(), actor);
        StringBuilder sb = new StringBuilder("Subscribe in Google Calendar or Outlook (keep these links secret):\n");
        urls.forEach((k, v) -> sb.append("• ").append(k).append(": ").append(v).append("\n"));
        return sb.toString();
    }

    private RotationRow pick(String name) {
        if (name != null) {
            return rotations.rotation(name);
        }
        List<RotationRow> all = rotations.rotations();
        if (all.size() == 1) {
            return all.getFirst();
        }
        throw new BadInputException("rotation", all.isEmpty() ? "there are no rotations yet"
                : "name one of " + all.stream().map(RotationRow::name).toList());
    }

    /** Prepends the only rotation's name when the user left it out (args then has exactly {@code rest} words). */
    private List<String> optionalRotation(List<String> args, int rest) {
        if (args.size() == rest) {
            return new java.util.ArrayList<>(java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(pick(null).name()), args.stream()).toList());
        }
        if (args.isEmpty()) {
            throw new BadInputException("arguments", "missing");
        }
        return args;
    }

    private static void expect(List<String> args, int n, String usage) {
        if (args.size() != n) {
            throw new BadInputException("arguments", "expected `/oncall " + usage + "`");
        }
    }

    private static int swapId(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new BadInputException("id", "must be the number of the swap, was '" + s + "'");
        }
    }
}
