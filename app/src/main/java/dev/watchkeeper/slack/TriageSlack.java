package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.Durations;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.playbook.PlaybookService;
import dev.watchkeeper.triage.ActionKind;
import dev.watchkeeper.triage.ActionRequest;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.TriageService;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static dev.watchkeeper.slack.SlackText.escape;

/** Triage in Slack: {@code /triage}, the buttons on item messages, and the "Send to triage" shortcut. */
@Singleton
public class TriageSlack implements SlackHandlers {

    public static final String SHORTCUT = "send_to_triage";
    private static final Logger LOG = LoggerFactory.getLogger(TriageSlack.class);
    private static final Pattern ITEM_ACTIONS = Pattern.compile("^wk_(acted|ack|noise|snooze|assign)$");

    private final TriageCommand command;
    private final TriageService triage;
    private final SlackPeople people;
    private final SlackOutbox outbox;
    private final ItemBlocks blocks;
    private final AppHome home;
    private final PlaybookService playbooks;

    public TriageSlack(TriageCommand command, TriageService triage, SlackPeople people, SlackOutbox outbox,
                       ItemBlocks blocks, AppHome home, PlaybookService playbooks) {
        this.home = home;
        this.playbooks = playbooks;
        this.command = command;
        this.triage = triage;
        this.people = people;
        this.outbox = outbox;
        this.blocks = blocks;
    }

    @Override
    public void register(App app) {
        app.command("/triage", (req, ctx) -> {
            var p = req.getPayload();
            var caller = new TriageCommand.Caller(p.getUserId(), people.handle(p.getUserId(), p.getUserName()));
            if (p.getText() != null && p.getText().strip().equalsIgnoreCase("reload")) {
                return SlackAnswer.json(SlackAnswer.ephemeral(reloadSummary(playbooks.reload())));
            }
            return SlackAnswer.json(command.run(caller, p.getText()));
        });
        app.blockAction(ITEM_ACTIONS, (req, ctx) -> {
            onButton(req.getPayload());
            return ctx.ack();
        });
        app.messageShortcut(SHORTCUT, (req, ctx) -> {
            onShortcut(req.getPayload());
            return ctx.ack();
        });
    }

    void onButton(BlockActionPayload p) {
        BlockActionPayload.Action action = p.getActions().getFirst();
        String handle = people.handle(p.getUser().getId(), p.getUser().getUsername());
        boolean ephemeral = p.getContainer() != null && p.getContainer().isEphemeral();
        try {
            int itemId = itemOf(action);
            ActionRequest request = switch (action.getActionId()) {
                case ItemBlocks.ACT -> new ActionRequest(ActionKind.ACTED, handle, "slack", null, null, null);
                case ItemBlocks.ACK -> new ActionRequest(ActionKind.ACK, handle, "slack", null, null, null);
                case ItemBlocks.NOISE -> new ActionRequest(ActionKind.NOISE, handle, "slack", null, null, null);
                case ItemBlocks.SNOOZE -> {
                    String value = action.getSelectedOption() == null ? "" : action.getSelectedOption().getValue();
                    String choice = value.substring(value.indexOf('|') + 1);
                    Instant until = triage.now().plus(Durations.parse("duration", choice));
                    yield new ActionRequest(ActionKind.SNOOZE, handle, "slack", null, until, null);
                }
                case ItemBlocks.ASSIGN -> {
                    String user = action.getSelectedUser();
                    if (user == null || user.isBlank()) {
                        throw new BadInputException("user", "no user was selected");
                    }
                    yield new ActionRequest(ActionKind.ASSIGN, handle, "slack", null, null, people.handle(user, null));
                }
                default -> throw new BadInputException("action", "unknown button " + action.getActionId());
            };
            Item after = triage.act(itemId, request);
            // The channel message updates itself (AlertMessages); an ephemeral card is replaced here.
            if (ephemeral && p.getResponseUrl() != null) {
                ObjectNode msg = Json.object();
                msg.put("replace_original", true);
                msg.put("text", TriageCommand.done(request.kind(), after));
                List<LayoutBlock> list = new ArrayList<>();
                list.add(BlockJson.section(msg.get("text").asText()));
                list.addAll(blocks.card(triage.item(itemId), true));
                msg.set("blocks", BlockJson.json(list));
                outbox.respond(p.getResponseUrl(), msg);
            }
            // A click in the App Home tab: show the tab as it is now.
            if (p.getView() != null && "home".equals(p.getView().getType())) {
                outbox.publishHome(p.getUser().getId(), home.view(handle));
            }
        } catch (BadInputException | NotFoundException e) {
            tell(p.getResponseUrl(), SlackAnswer.sentences(e));
        }
    }

    void onShortcut(MessageShortcutPayload p) {
        String handle = people.handle(p.getUser().getId(), p.getUser().getName());
        String text = p.getMessage() == null || p.getMessage().getText() == null ? "" : p.getMessage().getText();
        String link = permalink(p);
        String author = p.getMessage() == null ? null : p.getMessage().getUser();
        String body = text.isBlank() ? "(message without text)" : text;
        if (author != null) {
            body = body + "\n(from Slack user " + author + ")";
        }
        try {
            Item item = triage.addManual(body, handle, "slack", null, null, link);
            tell(p.getResponseUrl(), ":inbox_tray: Sent to triage as #" + item.id() + ": " + escape(item.title()));
        } catch (RuntimeException e) {
            LOG.error("Send to triage failed", e);
            tell(p.getResponseUrl(), SlackAnswer.FAILED);
        }
    }

    /** A link back to the message: https://TEAM.slack.com/archives/CHANNEL/pTS (ts without the dot). */
    static String permalink(MessageShortcutPayload p) {
        if (p.getChannel() == null || p.getMessageTs() == null) {
            return null;
        }
        String domain = p.getTeam() == null || p.getTeam().getDomain() == null ? "app" : p.getTeam().getDomain();
        return "https://" + domain + ".slack.com/archives/" + p.getChannel().getId() + "/p"
                + p.getMessageTs().replace(".", "");
    }

    private void tell(String responseUrl, String text) {
        if (responseUrl == null) {
            return;
        }
        outbox.respond(responseUrl, SlackAnswer.followUp(text));
    }

    private static int itemOf(BlockActionPayload.Action action) {
        String value = action.getValue();
        if (value == null && action.getSelectedOption() != null) {
            value = action.getSelectedOption().getValue();
        }
        if ((value == null || value.isBlank()) && action.getBlockId() != null
                && action.getBlockId().startsWith(ItemBlocks.ITEM_BLOCK_PREFIX)) {
            value = action.getBlockId().substring(ItemBlocks.ITEM_BLOCK_PREFIX.length());
        }
        if (value != null && value.contains("|")) {
            value = value.substring(0, value.indexOf('|'));
        }
        try {
            return Integer.parseInt(value == null ? "" : value);
        } catch (NumberFormatException e) {
            throw new BadInputException(java.util.List.of(new FieldError("item", "the button names no item")));
        }
    }

    /** {@code /triage reload}: what was loaded, and every problem, one per line. */
    static String reloadSummary(PlaybookService.ReloadReport r) {
        if (!r.dirExists()) {
            return "No playbooks folder at `" + escape(r.dir().toString()) + "`; no playbooks loaded.";
        }
        StringBuilder b = new StringBuilder("Reloaded " + r.loaded() + " playbook" + (r.loaded() == 1 ? "" : "s")
                + " from `" + escape(r.dir().toString()) + "`");
        b.append(r.problems().isEmpty() ? ", no problems." : ", " + r.problems().size() + " problem"
                + (r.problems().size() == 1 ? "" : "s") + ":");
        r.problems().forEach(p -> b.append("\n• ").append(escape(p.toString())));
        r.keptPrevious().forEach(n -> b.append("\nKept the last good version of ").append(escape(n)));
        return b.toString();
    }

}
