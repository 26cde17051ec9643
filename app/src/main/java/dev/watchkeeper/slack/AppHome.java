package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.App;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.db.triage.QueueFilter;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.QueuePage;
import dev.watchkeeper.triage.TriageService;
import dev.watchkeeper.rotation.PersonShift;
import dev.watchkeeper.rotation.RotationService;
import jakarta.inject.Singleton;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.watchkeeper.slack.SlackText.escape;

/** The App Home tab: the items assigned to me, my shifts, and the top of the queue. Published when it is opened. */
@Singleton
public class AppHome implements SlackHandlers {

    static final int LIMIT = 5;
    static final int SHIFT_WEEKS = 8;
    static final int MAX_SHIFTS = 10;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final TriageService triage;
    private final ItemBlocks blocks;
    private final SlackPeople people;
    private final SlackOutbox outbox;
    private final RotationService rotations;

    public AppHome(TriageService triage, ItemBlocks blocks, SlackPeople people, SlackOutbox outbox,
                   RotationService rotations) {
        this.triage = triage;
        this.blocks = blocks;
        this.people = people;
        this.outbox = outbox;
        this.rotations = rotations;
    }

    @Override
    public void register(App app) {
        app.event(AppHomeOpenedEvent.class, (req, ctx) -> {
            AppHomeOpenedEvent e = req.getEvent();
            if (e.getTab() == null || "home".equals(e.getTab())) {
                outbox.publishHome(e.getUser(), view(people.handle(e.getUser(), null)));
            }
            return ctx.ack();
        });
    }

    public ObjectNode view(String handle) {
        List<LayoutBlock> list = new ArrayList<>();
        var now = triage.now();
        QueuePage mine = triage.queue(new QueueFilter(QueueFilter.ACTIVE, null, null, handle, null, null, now, LIMIT, 0));
        list.add(BlockJson.header("Assigned to you (" + mine.total() + ")"));
        if (mine.items().isEmpty()) {
            list.add(BlockJson.context("Nothing assigned to you."));
        }
        for (Item item : mine.items()) {
            list.addAll(blocks.card(triage.item(item.id()), true));
        }
        list.add(Blocks.divider());
        myShifts(list, handle);
        list.add(Blocks.divider());
        QueuePage top = triage.queue(QueueFilter.active(now, LIMIT));
        list.add(BlockJson.header("Top of the queue (" + top.total() + " open)"));
        if (top.items().isEmpty()) {
            list.add(BlockJson.context("The queue is empty."));
        }
        for (Item item : top.items()) {
            list.addAll(blocks.card(triage.item(item.id()), true));
        }
        ObjectNode view = dev.watchkeeper.core.Json.object().put("type", "home");
        view.set("blocks", BlockJson.json(list));
        return view;
    }

    /** The person's primary and shadow stretches in the next {@link #SHIFT_WEEKS} weeks, in each rotation's zone. */
    private void myShifts(List<LayoutBlock> list, String handle) {
        List<PersonShift> shifts = handle == null || handle.isBlank() ? List.of() : rotations.shiftsOf(handle, SHIFT_WEEKS);
        list.add(BlockJson.header("Your shifts (next " + SHIFT_WEEKS + " weeks)"));
        if (shifts.isEmpty()) {
            list.add(BlockJson.context("No shifts. Join a rotation with `/oncall join ROTATION`."));
            return;
        }
        Map<String, ZoneId> zones = new HashMap<>();
        StringBuilder sb = new StringBuilder();
        for (PersonShift s : shifts.subList(0, Math.min(shifts.size(), MAX_SHIFTS))) {
            ZoneId zone = zones.computeIfAbsent(s.rotation(), r -> ZoneId.of(rotations.rotation(r).zone()));
            sb.append("• *").append(escape(s.rotation())).append("* ").append(s.role()).append(": ")
                    .append(WHEN.format(s.start().atZone(zone))).append(" – ").append(WHEN.format(s.end().atZone(zone)))
                    .append(' ').append(zone.getId());
            if ("shadow".equals(s.role()) && s.primary() != null) {
                sb.append(" (shadowing ").append(escape(s.primary())).append(')');
            }
            sb.append('\n');
        }
        if (shifts.size() > MAX_SHIFTS) {
            sb.append("…and ").append(shifts.size() - MAX_SHIFTS).append(" more.");
        }
        list.add(BlockJson.section(sb.toString().strip()));
    }
}
