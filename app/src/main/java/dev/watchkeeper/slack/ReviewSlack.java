package dev.watchkeeper.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.review.ReviewDecisions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.regex.Pattern;

import static dev.watchkeeper.slack.SlackText.escape;

/** The decision buttons of the weekly review message: each click is one decision by the Slack user who clicked. */
@Singleton
public class ReviewSlack implements SlackHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewSlack.class);
    private static final Pattern ACTIONS = Pattern.compile("^" + ReviewSlackBlocks.PREFIX + "[a-z_]+$");

    private final ReviewDecisions decisions;
    private final SlackPeople people;
    private final SlackOutbox outbox;

    public ReviewSlack(ReviewDecisions decisions, SlackPeople people, SlackOutbox outbox) {
        this.decisions = decisions;
        this.people = people;
        this.outbox = outbox;
    }

    @Override
    public void register(App app) {
        app.blockAction(ACTIONS, (req, ctx) -> {
            onButton(req.getPayload());
            return ctx.ack();
        });
    }

    void onButton(BlockActionPayload p) {
        BlockActionPayload.Action a = p.getActions().getFirst();
        String handle = people.handle(p.getUser().getId(), p.getUser().getUsername());
        String value = a.getValue() != null ? a.getValue()
                : a.getSelectedOption() != null ? a.getSelectedOption().getValue() : null;
        String text;
        try {
            ReviewDecisions.Request r = switch (a.getActionId()) {
                case ReviewSlackBlocks.CLOSE -> new ReviewDecisions.Request("close", item(value), null, null, null, null, null);
                case ReviewSlackBlocks.CLOSE_STALE -> new ReviewDecisions.Request("close-stale", null, value, null, null, null, null);
                case ReviewSlackBlocks.SNOOZE -> new ReviewDecisions.Request("snooze", item(value), null, null, after(value), null, null);
                case ReviewSlackBlocks.TAG -> new ReviewDecisions.Request("tag", item(value), null, null, null, after(value), null);
                case ReviewSlackBlocks.ASSIGN -> {
                    String user = a.getSelectedUser();
                    if (user == null || user.isBlank()) {
                        throw new BadInputException("user", "no user was selected");
                    }
                    yield new ReviewDecisions.Request("assign", item(a.getBlockId() == null ? null
                            : a.getBlockId().replace("review_item_", "")), null, people.handle(user, null), null, null, null);
                }
                case ReviewSlackBlocks.KNOWN_NOISE -> new ReviewDecisions.Request("known-noise", null, null, null, null, null, value);
                case ReviewSlackBlocks.KEEP_PAGING -> new ReviewDecisions.Request("keep-paging", null, null, null, null, null, value);
                default -> throw new BadInputException("action", "unknown review button " + a.getActionId());
            };
            text = ":white_check_mark: " + escape(decisions.decide(r, handle, "slack")) + " (" + escape(handle) + ")";
        } catch (BadInputException | NotFoundException e) {
            text = SlackAnswer.sentences(e);
        } catch (RuntimeException e) {
            LOG.error("review decision {} failed", a.getActionId(), e);
            text = SlackAnswer.FAILED;
        }
        if (p.getResponseUrl() != null) {
            outbox.respond(p.getResponseUrl(), SlackAnswer.followUp(text));
        }
    }

    private static Integer item(String value) {
        if (value == null) {
            return null;
        }
        String v = value.contains("|") ? value.substring(0, value.indexOf('|')) : value;
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException("item", "the button names no item");
        }
    }

    private static String after(String value) {
        return value == null || !value.contains("|") ? null : value.substring(value.indexOf('|') + 1);
    }
}
