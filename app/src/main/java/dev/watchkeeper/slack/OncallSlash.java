package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchkeeper.db.rotation.RotationRow;
import dev.watchkeeper.db.rotation.SwapRow;
import dev.watchkeeper.rotation.CoverService;
import dev.watchkeeper.rotation.HandoffService;
import dev.watchkeeper.rotation.MemberView;
import dev.watchkeeper.rotation.OnCall;
import dev.watchkeeper.rotation.OncallText;
import dev.watchkeeper.rotation.OncallSubcommands;
import dev.watchkeeper.rotation.RotationCommand;
import dev.watchkeeper.rotation.MembershipService;
import dev.watchkeeper.rotation.RotationService;
import dev.watchkeeper.rotation.ShadowingService;
import jakarta.inject.Singleton;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

import static dev.watchkeeper.slack.SlackText.escape;

/**
 * {@code /oncall}: each subcommand's text is parsed by the command line's own class ({@link RotationCommand}'s
 * {@code schedule}, {@code join}, {@code swap}, ...) and answered in words for the Slack user who sent it. Bad input
 * is answered field by field with the usage ({@link SlashArgs#answer}).
 */
@Singleton
public class OncallSlash {

    static final String USAGE = """
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
            `/oncall help` · `/oncall SUBCOMMAND --help` its options
            Subcommands take the same arguments and options as `./watchkeeper rotation …`; you act as yourself.""";

    private final RotationService rotations;
    private final MembershipService membership;
    private final CoverService covers;
    private final ShadowingService shadowing;
    private final HandoffService handoffs;
    /** One table from subcommand to handler: who acts and the words after the subcommand, to the answer's text. */
    private final Map<String, BiFunction<String, String, String>> table = new LinkedHashMap<>();

    public OncallSlash(RotationService rotations, MembershipService membership, CoverService covers,
                       ShadowingService shadowing, HandoffService handoffs) {
        this.rotations = rotations;
        this.membership = membership;
        this.covers = covers;
        this.shadowing = shadowing;
        this.handoffs = handoffs;
        table.put("", (actor, a) -> now());
        table.put("help", (actor, a) -> USAGE);
        table.put("schedule", (actor, a) -> schedule(SlashArgs.parse(new OncallSubcommands.Schedule(), "/oncall schedule", a)));
        table.put("join", (actor, a) -> join(actor, SlashArgs.parse(new OncallSubcommands.Join(), "/oncall join", a)));
        table.put("leave", (actor, a) -> leave(actor, SlashArgs.parse(new OncallSubcommands.Leave(), "/oncall leave", a)));
        table.put("swap", this::swap);
        table.put("confirm", (actor, a) -> decide(actor, true, a));
        table.put("decline", (actor, a) -> decide(actor, false, a));
        table.put("override", (actor, a) -> override(actor, SlashArgs.parse(new OncallSubcommands.Cover(), "/oncall override", a)));
        table.put("handoff", (actor, a) -> handoffs.handoffNow(rotations.rotationOrOnly(
                SlashArgs.parse(new OncallSubcommands.Handoff(), "/oncall handoff", a).rotation()).name(), actor).toMarkdown());
        table.put("shadow", this::shadow);
        table.put("readiness", (actor, a) -> readiness(a));
        table.put("graduate", (actor, a) -> graduate(actor, SlashArgs.parse(new OncallSubcommands.Graduate(), "/oncall graduate", a)));
        table.put("extend", (actor, a) -> extend(actor, SlashArgs.parse(new OncallSubcommands.Extend(), "/oncall extend", a)));
        table.put("calendar", (actor, a) -> calendar(actor, SlashArgs.parse(new OncallSubcommands.Calendar(), "/oncall calendar", a)));
    }

    /** Runs {@code /oncall <text>} as {@code actor} (mentions already turned into handles); always answers. */
    public ObjectNode run(String actor, String text) {
        String t = text == null ? "" : text.strip();
        String[] split = t.split("\\h+", 2);
        String name = split[0].toLowerCase(Locale.ROOT);
        String args = split.length < 2 ? "" : split[1];
        var handler = table.get(name);
        if (handler == null) {
            return SlashArgs.unknown(split[0], USAGE);
        }
        return SlashArgs.answer("/oncall " + name, USAGE, () -> SlackAnswer.ephemeral(escape(handler.apply(actor, args))));
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

    private String schedule(OncallSubcommands.Schedule s) {
        RotationRow r = rotations.rotationOrOnly(s.rotation());
        return OncallText.schedule(r.name(), rotations.schedule(r.name(), s.weeks()), ZoneId.of(r.zone()));
    }

    private String join(String actor, OncallSubcommands.Join j) {
        MemberView m = membership.join(j.rotation(), actor, j.person());
        String who = j.person() == null ? "You" : m.handle();
        return who + " joined " + j.rotation() + (m.shadowShiftsLeft() > 0 ? (j.person() == null ? ". You shadow" : ". They shadow")
                + " the primary for " + (j.person() == null ? "your" : "their") + " first " + m.shadowShiftsLeft() + " shift"
                + (m.shadowShiftsLeft() == 1 ? "" : "s") + ": you get a copy of every page and can say what you would do." : ".");
    }

    private String leave(String actor, OncallSubcommands.Leave l) {
        membership.leave(l.rotation(), actor, l.person());
        return (l.person() == null ? "You" : l.person()) + " left " + l.rotation() + ".";
    }

    /** {@code swap [ROTATION] @user MINE THEIRS}, or {@code swap confirm|decline ID}. */
    private String swap(String actor, String args) {
        String[] split = args.split("\\h+", 2);
        String first = split[0].toLowerCase(Locale.ROOT);
        if (first.equals("confirm") || first.equals("decline")) {
            return decide(actor, first.equals("confirm"), split.length < 2 ? "" : split[1]);
        }
        OncallSubcommands.Swap.Asked a = SlashArgs.parse(new OncallSubcommands.Swap(), "/oncall swap", args).asked();
        SwapRow s = covers.requestSwap(rotations.rotationOrOnly(a.rotation()).name(), actor, a.with(), a.mine(), a.theirs());
        return "Swap " + s.id() + " requested: " + s.other() + " is asked to confirm.";
    }

    private String decide(String actor, boolean confirm, String args) {
        int id = confirm ? SlashArgs.parse(new OncallSubcommands.Confirm(), "/oncall swap confirm", args).id()
                : SlashArgs.parse(new OncallSubcommands.Decline(), "/oncall swap decline", args).id();
        SwapRow s = covers.decideSwap(id, actor, confirm);
        return "Swap " + s.id() + " between " + s.requester() + " and " + s.other() + " is " + s.state() + ".";
    }

    private String override(String actor, OncallSubcommands.Cover o) {
        RotationRow r = rotations.rotationOrOnly(o.rotation());
        var cover = covers.override(r.name(), actor, o.person(), o.from(), o.to());
        ZoneId zone = ZoneId.of(r.zone());
        return cover.handle() + " covers " + r.name() + " from " + OncallText.when(cover.startsAt(), zone) + " to "
                + OncallText.when(cover.endsAt(), zone) + ".";
    }

    /** {@code shadow [ROTATION]} is the readiness; {@code shadow volunteer ROTATION [DATE]} volunteers. */
    private String shadow(String actor, String args) {
        String[] split = args.split("\\h+", 2);
        if (!split[0].equalsIgnoreCase("volunteer")) {
            return readiness(args);
        }
        OncallSubcommands.Shadow s = SlashArgs.parse(new OncallSubcommands.Shadow(), "/oncall shadow volunteer",
                split.length < 2 ? "" : split[1]);
        OnCall o = shadowing.volunteer(s.rotation(), actor, s.shift());
        ZoneId zone = ZoneId.of(rotations.rotation(s.rotation()).zone());
        return "You shadow " + o.primary() + " in " + s.rotation() + " from " + OncallText.when(o.since(), zone)
                + " to " + OncallText.when(o.until(), zone) + ".";
    }

    private String readiness(String args) {
        RotationRow r = rotations.rotationOrOnly(SlashArgs.parse(new OncallSubcommands.ReadinessOf(), "/oncall shadow", args).rotation());
        return OncallText.readiness(r.name(), rotations.readiness(r.name()));
    }

    private String graduate(String actor, OncallSubcommands.Graduate g) {
        MemberView m = shadowing.graduate(g.rotation(), actor, g.person());
        return m.handle() + " is primary-eligible in " + g.rotation() + " from the next shift.";
    }

    private String extend(String actor, OncallSubcommands.Extend e) {
        MemberView m = shadowing.extend(e.rotation(), actor, e.person(), e.shifts());
        return m.handle() + " shadows " + m.shadowShiftsLeft() + " more shift" + (m.shadowShiftsLeft() == 1 ? "" : "s")
                + " in " + e.rotation() + ".";
    }

    private String calendar(String actor, OncallSubcommands.Calendar c) {
        Map<String, String> urls = membership.calendarUrls(c.rotation() == null ? null : rotations.rotation(c.rotation()).name(), actor);
        StringBuilder sb = new StringBuilder("Subscribe in Google Calendar or Outlook (keep these links secret):\n");
        urls.forEach((k, v) -> sb.append("• ").append(k).append(": ").append(v).append("\n"));
        return sb.toString();
    }
}
