package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.App;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.ForbiddenException;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.rotation.SwapRow;
import dev.watchkeeper.rotation.PrimaryChanged;
import dev.watchkeeper.rotation.CoverService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.watchkeeper.slack.SlackText.escape;

/**
 * Rotations in Slack beyond notifications: the swap buttons (confirm, decline, withdraw) and keeping a
 * rotation's user group on its current primary.
 */
@Singleton
@Requires(condition = SlackConfigured.class)
public class RotationSlack implements SlackHandlers {

    static final String SWAP_CONFIRM = "wk_swap_confirm";
    static final String SWAP_DECLINE = "wk_swap_decline";
    static final String SWAP_WITHDRAW = "wk_swap_withdraw";
    private static final Logger LOG = LoggerFactory.getLogger(RotationSlack.class);

    private final SlackOutbox outbox;
    private final SlackPeople people;
    private final SlackOncallNotifier notifier;
    private final CoverService covers;

    public RotationSlack(SlackOutbox outbox, SlackPeople people, SlackOncallNotifier notifier,
                         CoverService covers) {
        this.outbox = outbox;
        this.people = people;
        this.notifier = notifier;
        this.covers = covers;
    }

    @Override
    public void register(App app) {
        app.blockAction(Pattern.compile("^wk_swap_(confirm|decline|withdraw)$"), (req, ctx) -> {
            var p = req.getPayload();
            var action = p.getActions().getFirst();
            boolean confirm = SWAP_CONFIRM.equals(action.getActionId());
            String handle = people.handle(p.getUser().getId(), p.getUser().getUsername());
            ObjectNode answer;
            try {
                SwapRow s = covers.decideSwap(Integer.parseInt(action.getValue()), handle, confirm);
                String result = "Swap " + s.id() + " between " + s.requester() + " and " + s.other() + " was "
                        + s.state() + " by " + handle + "." + (confirm ? " The schedule has changed." : "");
                answer = Json.object().put("replace_original", true).put("text", escape(result));
                String counterpart = handle.equals(s.requester()) ? s.other() : s.requester();
                notifier.dm(counterpart, result, null);
            } catch (BadInputException | NotFoundException | ForbiddenException e) {
                answer = SlackAnswer.followUp(SlackAnswer.sentences(e));
            } catch (NumberFormatException e) {
                answer = SlackAnswer.followUp(SlackText.escape("the button names no swap"));
            }
            if (p.getResponseUrl() != null) {
                outbox.respond(p.getResponseUrl(), answer);
            }
            return ctx.ack();
        });
    }

    /** The rotation's user group follows the primary: Slack's {@code usergroups.users.update}, through the outbox. */
    @EventListener
    void on(PrimaryChanged e) {
        if (e.userGroup() == null || e.userGroup().isBlank() || e.current() == null) {
            return;
        }
        Optional<String> user = people.slackUserId(e.current());
        if (user.isEmpty()) {
            LOG.warn("cannot put {} in user group {} of {}: they have not used Watchkeeper in Slack yet",
                    e.current(), e.userGroup(), e.rotation());
            return;
        }
        outbox.updateUserGroup(e.userGroup(), List.of(user.get()));
    }
}
