package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.ItemRow;
import dev.watchkeeper.db.QueueFilter;
import dev.watchkeeper.triage.QueuePage;
import dev.watchkeeper.triage.TriageService;
import jakarta.inject.Singleton;

/** The App Home tab: the items assigned to me, and the top of the queue. Published when it is opened. */
@Singleton
public class AppHome implements SlackHandlers {

    static final int LIMIT = 5;

    private final TriageService triage;
    private final ItemBlocks blocks;
    private final SlackPeople people;
    private final SlackOutbox outbox;

    public AppHome(TriageService triage, ItemBlocks blocks, SlackPeople people, SlackOutbox outbox) {
        this.triage = triage;
        this.blocks = blocks;
        this.people = people;
        this.outbox = outbox;
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
        ObjectNode view = Json.object();
        view.put("type", "home");
        ArrayNode list = view.putArray("blocks");
        var now = triage.now();
        QueuePage mine = triage.queue(new QueueFilter(QueueFilter.ACTIVE, null, null, handle, null, null, now, LIMIT, 0));
        list.add(ItemBlocks.header("Assigned to you (" + mine.total() + ")"));
        if (mine.items().isEmpty()) {
            list.add(ItemBlocks.context("Nothing assigned to you."));
        }
        for (ItemRow item : mine.items()) {
            blocks.card(list, triage.item(item.id()), true);
        }
        list.add(Json.object().put("type", "divider"));
        QueuePage top = triage.queue(QueueFilter.active(now, LIMIT));
        list.add(ItemBlocks.header("Top of the queue (" + top.total() + " open)"));
        if (top.items().isEmpty()) {
            list.add(ItemBlocks.context("The queue is empty."));
        }
        for (ItemRow item : top.items()) {
            blocks.card(list, triage.item(item.id()), true);
        }
        return view;
    }
}
