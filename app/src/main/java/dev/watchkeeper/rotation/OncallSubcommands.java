package dev.watchkeeper.rotation;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
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
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code rotation} subcommands Slack's {@code /oncall} shares: it parses its text with these classes (without
 * running them), so both surfaces take the same arguments and refuse bad ones with the same words. Where Slack
 * always took a shorter form (the rotation left out when there is only one, a number or a day as a word), the
 * command line takes it too. {@link RotationCommand} lists them as its subcommands.
 */
public final class OncallSubcommands {

    private static final String ME = dev.watchkeeper.core.LocalActor.DEFAULT_VALUE;

    private OncallSubcommands() {
    }

    /** What every shared subcommand has: the services (injected on the command line only) and the output. */
    @Command
    abstract static class Sub implements Runnable {
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
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    /** A subcommand someone does: {@code --as} names who (Slack refuses it: there the signed user acts). */
    abstract static class Acting extends Sub {
        @Option(names = "--as", defaultValue = ME, description = "Who acts (default: ${DEFAULT-VALUE}).")
        String as;
    }

    private static final String ONLY = "The rotation (may be left out when there is only one).";

    /** A number typed where a rotation could be: {@code schedule 2} is two weeks of the only rotation. */
    private static boolean isNumber(String word) {
        return word != null && word.matches("\\d{1,9}");
    }

    /** The value given once, as the option or as the word; {@code fallback} when neither. */
    private static <T> T once(String field, T option, T word, T fallback) {
        if (option != null && word != null) {
            throw new BadInputException(field, "give it once: as --" + field + " or as a word");
        }
        return option != null ? option : word != null ? word : fallback;
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true, description = "Upcoming shifts.")
    @Prototype
    public static class Schedule extends Sub {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ROTATION", description = ONLY)
        String rotation;
        @Parameters(index = "1", arity = "0..1", paramLabel = "WEEKS", description = "How far ahead, as --weeks.")
        Integer weeksWord;
        @Option(names = "--weeks", description = "How far ahead (default 4).")
        Integer weeks;
        @Option(names = "--json")
        boolean json;

        /** The rotation named, or null; a number alone is the weeks ({@code schedule 2}). */
        public String rotation() {
            return weeksWord == null && isNumber(rotation) ? null : rotation;
        }

        public int weeks() {
            Integer word = weeksWord != null ? weeksWord : isNumber(rotation) ? Integer.valueOf(rotation) : null;
            return once("weeks", weeks, word, 4);
        }

        @Override
        public void run() {
            RotationRow r = rotations.rotationOrOnly(rotation());
            List<RotationPlan.Segment> s = rotations.schedule(r.name(), weeks());
            out().print(json ? Json.write(s) + "\n" : OncallText.schedule(r.name(), s, ZoneId.of(r.zone())));
        }
    }

    @Command(name = "join", mixinStandardHelpOptions = true, description = "Join a rotation (joiners shadow their first shifts).")
    @Prototype
    public static class Join extends Acting {
        @Parameters(paramLabel = "ROTATION")
        String rotation;
        @Option(names = "--person", description = "Add someone else (members and admins).")
        String person;

        public String rotation() {
            return rotation;
        }

        public String person() {
            return person;
        }

        @Override
        public void run() {
            MemberView m = membership.join(rotation, as, person);
            out().println(m.handle() + " joined " + rotation + (m.shadowShiftsLeft() > 0 ? " as a shadow for "
                    + m.shadowShiftsLeft() + " shift" + (m.shadowShiftsLeft() == 1 ? "" : "s") : "") + ".");
        }
    }

    @Command(name = "leave", mixinStandardHelpOptions = true, description = "Leave a rotation.")
    @Prototype
    public static class Leave extends Acting {
        @Parameters(paramLabel = "ROTATION")
        String rotation;
        @Option(names = "--person", description = "Remove someone else (members and admins).")
        String person;

        public String rotation() {
            return rotation;
        }

        public String person() {
            return person;
        }

        @Override
        public void run() {
            membership.leave(rotation, as, person);
            out().println((person == null ? as : person) + " left " + rotation + ".");
        }
    }

    @Command(name = "override", mixinStandardHelpOptions = true, description = "PERSON covers FROM to TO as primary.")
    @Prototype
    public static class Cover extends Acting {
        @Parameters(index = "0..3", arity = "3..4", paramLabel = "[ROTATION] PERSON FROM TO", hideParamSyntax = true,
                description = "The rotation may be left out when there is only one.")
        List<String> words;

        /** The rotation named, or null when left out. */
        public String rotation() {
            return words.size() == 4 ? words.getFirst() : null;
        }

        public String person() {
            return words.get(words.size() - 3);
        }

        public String from() {
            return words.get(words.size() - 2);
        }

        public String to() {
            return words.getLast();
        }

        @Override
        public void run() {
            String name = rotations.rotationOrOnly(rotation()).name();
            var o = covers.override(name, as, person(), from(), to());
            ZoneId zone = ZoneId.of(rotations.rotation(name).zone());
            out().println(o.handle() + " covers " + name + " from " + OncallText.when(o.startsAt(), zone) + " to "
                    + OncallText.when(o.endsAt(), zone) + ".");
        }
    }

    @Command(name = "swap", mixinStandardHelpOptions = true, description = "Offer to trade your shift for someone else's.")
    @Prototype
    public static class Swap extends Acting {
        @Parameters(index = "0..3", arity = "0..4", paramLabel = "[ROTATION] [PERSON MINE THEIRS]", hideParamSyntax = true,
                description = "The rotation (may be left out when there is only one), and who, as --with, --mine, --theirs.")
        List<String> words;
        @Option(names = "--with", description = "Who you swap with.")
        String with;
        @Option(names = "--mine", description = "A day (or time) in your shift.")
        String mine;
        @Option(names = "--theirs", description = "A day (or time) in their shift.")
        String theirs;

        /** What is asked: the rotation (null when left out), who with, a day in each shift. */
        public record Asked(String rotation, String with, String mine, String theirs) {
        }

        public Asked asked() {
            List<String> w = words == null ? List.of() : words;
            if (with == null && mine == null && theirs == null) {
                if (w.size() < 3) {
                    throw new BadInputException("with", "is required: who you swap with and a day in each shift "
                            + "(PERSON MINE THEIRS, or --with, --mine and --theirs)");
                }
                return new Asked(w.size() == 4 ? w.getFirst() : null, w.get(w.size() - 3), w.get(w.size() - 2), w.getLast());
            }
            if (w.size() > 1) {
                throw new BadInputException("with", "give it once: as --with or as a word");
            }
            List<FieldError> missing = new ArrayList<>();
            if (with == null) {
                missing.add(new FieldError("with", "is required with --mine and --theirs"));
            }
            if (mine == null) {
                missing.add(new FieldError("mine", "is required with --with and --theirs"));
            }
            if (theirs == null) {
                missing.add(new FieldError("theirs", "is required with --with and --mine"));
            }
            if (!missing.isEmpty()) {
                throw new BadInputException(missing);
            }
            return new Asked(w.isEmpty() ? null : w.getFirst(), with, mine, theirs);
        }

        @Override
        public void run() {
            Asked a = asked();
            SwapRow s = covers.requestSwap(rotations.rotationOrOnly(a.rotation()).name(), as, a.with(), a.mine(), a.theirs());
            out().println("Swap " + s.id() + " requested; " + s.other() + " must confirm: watchkeeper rotation confirm " + s.id());
        }
    }

    @Command(name = "confirm", mixinStandardHelpOptions = true, description = "Confirm a swap you were asked for.")
    @Prototype
    public static class Confirm extends Acting {
        @Parameters(paramLabel = "SWAP-ID")
        int id;

        public int id() {
            return id;
        }

        @Override
        public void run() {
            SwapRow s = covers.decideSwap(id, as, true);
            out().println("Swap " + s.id() + " between " + s.requester() + " and " + s.other() + " is " + s.state() + ".");
        }
    }

    @Command(name = "decline", mixinStandardHelpOptions = true, description = "Decline (or withdraw) a swap.")
    @Prototype
    public static class Decline extends Acting {
        @Parameters(paramLabel = "SWAP-ID")
        int id;

        public int id() {
            return id;
        }

        @Override
        public void run() {
            SwapRow s = covers.decideSwap(id, as, false);
            out().println("Swap " + s.id() + " is " + s.state() + ".");
        }
    }

    @Command(name = "graduate", mixinStandardHelpOptions = true, description = "A shadow becomes primary-eligible from the next shift.")
    @Prototype
    public static class Graduate extends Acting {
        @Parameters(index = "0", paramLabel = "ROTATION")
        String rotation;
        @Parameters(index = "1", paramLabel = "PERSON")
        String person;

        public String rotation() {
            return rotation;
        }

        public String person() {
            return person;
        }

        @Override
        public void run() {
            MemberView m = shadowing.graduate(rotation, as, person);
            out().println(m.handle() + " is primary-eligible in " + rotation + " from the next shift.");
        }
    }

    @Command(name = "extend", mixinStandardHelpOptions = true, description = "A member shadows more shifts.")
    @Prototype
    public static class Extend extends Acting {
        @Parameters(index = "0", paramLabel = "ROTATION")
        String rotation;
        @Parameters(index = "1", paramLabel = "PERSON")
        String person;
        @Parameters(index = "2", arity = "0..1", paramLabel = "SHIFTS", description = "How many more, as --shifts.")
        Integer shiftsWord;
        @Option(names = "--shifts", description = "How many more shifts (default 1).")
        Integer shifts;

        public String rotation() {
            return rotation;
        }

        public String person() {
            return person;
        }

        public int shifts() {
            return once("shifts", shifts, shiftsWord, 1);
        }

        @Override
        public void run() {
            MemberView m = shadowing.extend(rotation, as, person, shifts());
            out().println(m.handle() + " shadows " + m.shadowShiftsLeft() + " more shift" + (m.shadowShiftsLeft() == 1 ? "" : "s") + ".");
        }
    }

    @Command(name = "shadow", mixinStandardHelpOptions = true, description = "Volunteer to shadow a shift (default: the next one).")
    @Prototype
    public static class Shadow extends Acting {
        @Parameters(index = "0", paramLabel = "ROTATION")
        String rotation;
        @Parameters(index = "1", arity = "0..1", paramLabel = "DAY", description = "A day (or time) in the shift, as --shift.")
        String shiftWord;
        @Option(names = "--shift", description = "A day (or time) in the shift.")
        String shift;

        public String rotation() {
            return rotation;
        }

        /** A day or time in the shift, or null for the next shift. */
        public String shift() {
            return once("shift", shift, shiftWord, null);
        }

        @Override
        public void run() {
            OnCall o = shadowing.volunteer(rotation, as, shift());
            ZoneId zone = ZoneId.of(rotations.rotation(rotation).zone());
            out().println(as + " shadows " + o.primary() + " from " + OncallText.when(o.since(), zone) + " to "
                    + OncallText.when(o.until(), zone) + ".");
        }
    }

    @Command(name = "readiness", mixinStandardHelpOptions = true, description = "How each shadow's guesses compare with the primaries.")
    @Prototype
    public static class ReadinessOf extends Sub {
        @Parameters(arity = "0..1", paramLabel = "ROTATION", description = ONLY)
        String rotation;
        @Option(names = "--json")
        boolean json;

        public String rotation() {
            return rotation;
        }

        @Override
        public void run() {
            String name = rotations.rotationOrOnly(rotation).name();
            List<Readiness> r = rotations.readiness(name);
            out().print(json ? Json.write(r) + "\n" : OncallText.readiness(name, r) + "\n");
        }
    }

    @Command(name = "handoff", mixinStandardHelpOptions = true, description = "Send the handoff summary of the shift so far.")
    @Prototype
    public static class Handoff extends Acting {
        @Parameters(arity = "0..1", paramLabel = "ROTATION", description = ONLY)
        String rotation;

        /** The rotation named, or null when left out. */
        public String rotation() {
            return rotation;
        }

        @Override
        public void run() {
            out().print(handoffs.handoffNow(rotations.rotationOrOnly(rotation).name(), as).toMarkdown());
        }
    }

    @Command(name = "calendar", mixinStandardHelpOptions = true,
            description = "Secret calendar (.ics) links: the rotation's, when named, and your own.")
    @Prototype
    public static class Calendar extends Acting {
        @Parameters(arity = "0..1", paramLabel = "ROTATION", description = "The rotation (left out: only your own link).")
        String rotation;

        public String rotation() {
            return rotation;
        }

        @Override
        public void run() {
            membership.calendarUrls(rotation == null ? null : rotations.rotation(rotation).name(), as)
                    .forEach((k, v) -> out().println(k + ": " + v));
        }
    }
}
