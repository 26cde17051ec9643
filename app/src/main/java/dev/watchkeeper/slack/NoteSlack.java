package dev.watchkeeper.slack;

import com.slack.api.bolt.App;
import com.slack.api.model.event.MessageBotEvent;
import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageDeletedEvent;
import com.slack.api.model.event.MessageEvent;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.slack.SlackMessageStore;
import dev.watchkeeper.knowledge.NoteCommands;
import dev.watchkeeper.triage.ActionRequest;
import dev.watchkeeper.triage.TriageService;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Notes from Slack: {@code /note ALERTNAME|ITEM text}, and replies in the thread of an alert message in
 * the channels that opted in ({@code slack.note-channels}). A reply becomes a {@code note} action on the
 * item, so it shows in "how it was fixed" and is kept as knowledge about the alert.
 */
@Singleton
public class NoteSlack implements SlackHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(NoteSlack.class);

    private final NoteCommands notes;
    private final SlackPeople people;
    private final TriageService triage;
    private final Database db;
    private final SlackMessageStore messages;
    private final Set<String> noteChannels;

    public NoteSlack(NoteCommands notes, SlackPeople people, TriageService triage, Database db,
                     SlackMessageStore messages, @Value("${slack.note-channels:}") String noteChannels) {
        this.notes = notes;
        this.people = people;
        this.triage = triage;
        this.db = db;
        this.messages = messages;
        this.noteChannels = Arrays.stream(noteChannels.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void register(App app) {
        app.command("/note", (req, ctx) -> {
            var p = req.getPayload();
            String actor = people.handle(p.getUserId(), p.getUserName());
            String answer = notes.handle(actor, people.mentionsToHandles(p.getText()));
            return TriageSlack.json(TriageCommand.ephemeral(SlackText.escape(answer)));
        });
        app.event(MessageEvent.class, (req, ctx) -> {
            onMessage(req.getEvent());
            return ctx.ack();
        });
        // Subscribing to channel messages brings these too; they are never notes.
        app.event(MessageBotEvent.class, (req, ctx) -> ctx.ack());
        app.event(MessageChangedEvent.class, (req, ctx) -> ctx.ack());
        app.event(MessageDeletedEvent.class, (req, ctx) -> ctx.ack());
    }

    /** @return the item the message was kept on as a note, if it was */
    Optional<Integer> onMessage(MessageEvent e) {
        if (e.getBotId() != null || e.getUser() == null || e.getChannel() == null
                || !noteChannels.contains(e.getChannel())) {
            return Optional.empty();
        }
        if (e.getThreadTs() == null || e.getThreadTs().equals(e.getTs())) {
            return Optional.empty(); // not a reply
        }
        String text = e.getText() == null ? "" : e.getText().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> item = db.read(dsl -> messages.itemFor(dsl, e.getChannel(), e.getThreadTs()));
        if (item.isEmpty()) {
            return Optional.empty();
        }
        String actor = people.handle(e.getUser(), null);
        try {
            triage.act(item.get(), new ActionRequest("note", actor, "slack", people.mentionsToHandles(text), null, null));
            return item;
        } catch (BadInputException | NotFoundException ex) {
            LOG.info("thread reply on item {} not kept as a note: {}", item.get(), ex.getMessage());
            return Optional.empty();
        }
    }
}
