package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.App;
import com.slack.api.model.event.Event;
import com.slack.api.model.event.MessageBotEvent;
import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageChannelArchiveEvent;
import com.slack.api.model.event.MessageChannelConvertToPublicEvent;
import com.slack.api.model.event.MessageChannelJoinEvent;
import com.slack.api.model.event.MessageChannelLeaveEvent;
import com.slack.api.model.event.MessageChannelNameEvent;
import com.slack.api.model.event.MessageChannelPostingPermissionsEvent;
import com.slack.api.model.event.MessageChannelPurposeEvent;
import com.slack.api.model.event.MessageChannelTopicEvent;
import com.slack.api.model.event.MessageChannelUnarchiveEvent;
import com.slack.api.model.event.MessageDeletedEvent;
import com.slack.api.model.event.MessageEkmAccessDeniedEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.model.event.MessageGroupTopicEvent;
import com.slack.api.model.event.MessageMeEvent;
import com.slack.api.model.event.MessageMetadataDeletedEvent;
import com.slack.api.model.event.MessageMetadataPostedEvent;
import com.slack.api.model.event.MessageMetadataUpdatedEvent;
import com.slack.api.model.event.MessageRepliedEvent;
import com.slack.api.model.event.MessageThreadBroadcastEvent;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.knowledge.KnowledgeService;
import dev.watchkeeper.knowledge.NoteCommand;
import dev.watchkeeper.knowledge.NoteCommands;
import dev.watchkeeper.triage.ActionKind;
import dev.watchkeeper.triage.ActionRequest;
import dev.watchkeeper.triage.TriageService;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
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

    private final KnowledgeService knowledge;
    private final SlackPeople people;
    private final TriageService triage;
    private final Database db;
    private final SlackMessageStore messages;
    private final Set<String> noteChannels;

    public NoteSlack(KnowledgeService knowledge, SlackPeople people, TriageService triage, Database db,
                     SlackMessageStore messages, @Value("${slack.note-channels:}") String noteChannels) {
        this.knowledge = knowledge;
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
            return SlackAnswer.json(note(actor, people.mentionsToHandles(p.getText())));
        });
        app.event(MessageEvent.class, (req, ctx) -> {
            var e = req.getEvent();
            onMessage(e.getChannel(), e.getUser(), e.getBotId(), e.getTs(), e.getThreadTs(), e.getText());
            return ctx.ack();
        });
        // A reply with a file, and a reply also sent to the channel, are replies too.
        app.event(MessageFileShareEvent.class, (req, ctx) -> {
            var e = req.getEvent();
            onMessage(e.getChannel(), e.getUser(), null, e.getTs(), e.getThreadTs(), e.getText());
            return ctx.ack();
        });
        app.event(MessageThreadBroadcastEvent.class, (req, ctx) -> {
            var e = req.getEvent();
            onMessage(e.getChannel(), e.getUser(), null, e.getTs(), e.getThreadTs(), e.getText());
            return ctx.ack();
        });
        // Subscribing to channel messages brings every other subtype too; they are never notes, but an
        // event without a handler would be answered 404 and Slack would send it again.
        for (Class<? extends Event> type : List.of(MessageBotEvent.class, MessageChangedEvent.class,
                MessageDeletedEvent.class, MessageChannelArchiveEvent.class, MessageChannelConvertToPublicEvent.class,
                MessageChannelJoinEvent.class, MessageChannelLeaveEvent.class, MessageChannelNameEvent.class,
                MessageChannelPostingPermissionsEvent.class, MessageChannelPurposeEvent.class,
                MessageChannelTopicEvent.class, MessageChannelUnarchiveEvent.class, MessageEkmAccessDeniedEvent.class,
                MessageGroupTopicEvent.class, MessageMeEvent.class, MessageMetadataDeletedEvent.class,
                MessageMetadataPostedEvent.class, MessageMetadataUpdatedEvent.class, MessageRepliedEvent.class)) {
            ignore(app, type);
        }
    }

    /** {@code /note ALERTNAME|ITEM text}: parsed by the CLI's {@code note add}, kept as the signed Slack user. */
    ObjectNode note(String actor, String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("help")) {
            return SlackAnswer.ephemeral(SlackText.escape(NoteCommands.USAGE));
        }
        return SlashArgs.answer("/note", SlackText.escape(NoteCommands.USAGE), () -> {
            NoteCommand.Add add = SlashArgs.parse(new NoteCommand.Add(), "/note", text);
            return SlackAnswer.ephemeral(SlackText.escape(NoteCommands.answer(add.add(knowledge, actor, "command"))));
        });
    }

    private static <E extends Event> void ignore(App app, Class<E> type) {
        app.event(type, (req, ctx) -> ctx.ack());
    }

    /** @return the item the message was kept on as a note, if it was */
    Optional<Integer> onMessage(String channel, String user, String botId, String ts, String threadTs, String rawText) {
        if (botId != null || user == null || channel == null || !noteChannels.contains(channel)) {
            return Optional.empty();
        }
        if (threadTs == null || threadTs.equals(ts)) {
            return Optional.empty(); // not a reply
        }
        String text = rawText == null ? "" : rawText.strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> item = db.read(dsl -> messages.itemFor(dsl, channel, threadTs));
        if (item.isEmpty()) {
            return Optional.empty();
        }
        String actor = people.handle(user, null);
        try {
            triage.act(item.get(), new ActionRequest(ActionKind.NOTE, actor, "slack", people.mentionsToHandles(text), null, null));
            return item;
        } catch (BadInputException | NotFoundException ex) {
            LOG.info("thread reply on item {} not kept as a note: {}", item.get(), ex.getMessage());
            return Optional.empty();
        }
    }
}
