package dev.watchkeeper.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.ButtonElement;
import dev.watchkeeper.rotation.HandoffSummary;
import dev.watchkeeper.rotation.OncallNotifier;
import dev.watchkeeper.triage.ItemDetails;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static dev.watchkeeper.slack.SlackText.escape;

/**
 * Rotations through Slack: pages and shadow copies go to the person's DM with the app (with the item's
 * buttons, or "what would you do?" buttons for shadows), announcements and handoffs to the rotation's
 * channel. A person is reached in Slack by the user linked to them (first use of Watchkeeper in Slack, or
 * {@code person link --slack}), or by their e-mail address (users.lookupByEmail when the page is sent). A shadow's
 * answer to "what would you do?" comes back through {@link ShadowGuessSlack}. Present
 * even without Slack settings, so that a CLI enqueues for a Slack-sending server sharing the database
 * ({@link SlackDelivery}); with neither, it only logs.
 */
@Singleton
public class SlackOncallNotifier implements OncallNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(SlackOncallNotifier.class);

    // Only what renders and enqueues: rotation services depend on this notifier, so nothing here may depend on them.
    private final SlackOutbox outbox;
    private final SlackPeople people;
    private final ItemDetails items;
    private final ItemBlocks blocks;
    private final SlackDelivery delivery;
    private final dev.watchkeeper.notify.PeopleDirectory directory;

    public SlackOncallNotifier(SlackOutbox outbox, SlackPeople people, ItemDetails items, ItemBlocks blocks,
                               SlackDelivery delivery, dev.watchkeeper.notify.PeopleDirectory directory) {
        this.delivery = delivery;
        this.directory = directory;
        this.outbox = outbox;
        this.people = people;
        this.items = items;
        this.blocks = blocks;
    }

    @Override
    public boolean pagePerson(String rotation, String handle, int itemId, String text, String key) {
        if (!delivery.enabled()) {
            LOG.info("[{}] page {} about item {} (Slack is not set up): {}", rotation, handle, itemId, text);
            return false;
        }
        var contacts = directory.find(handle).orElse(null);
        if (contacts == null || (contacts.slackUserId() == null && contacts.email() == null)) {
            LOG.warn("cannot reach {} in Slack (no Slack user linked and no e-mail to look one up): {}", handle, text);
            return false;
        }
        List<LayoutBlock> list = new ArrayList<>();
        list.add(BlockJson.section(escape(text)));
        list.addAll(blocks.card(items.item(itemId), true));
        String target = contacts.slackUserId() != null ? contacts.slackUserId() : "email:" + contacts.email();
        outbox.pageDm(target, contacts.personId(), key, escape(text), BlockJson.json(list));
        return true;
    }

    @Override
    public void shadowCopy(String rotation, String handle, int itemId, String text) {
        dm(handle, text, list -> {
            list.addAll(blocks.card(items.item(itemId), false));
            List<ButtonElement> guesses = new ArrayList<>();
            for (String[] g : new String[][]{{"acted", "I would act"}, {"ack", "I would acknowledge"}, {"noise", "Noise"}}) {
                guesses.add(button(ShadowGuessSlack.GUESS + "_" + g[0], g[1], itemId + "|" + g[0], null));
            }
            list.add(buttons(guesses.toArray(ButtonElement[]::new)));
        });
    }

    @Override
    public void tellShadowDecision(String handle, int itemId, String text) {
        dm(handle, text, null);
    }

    @Override
    public void announce(String rotation, String channel, String text) {
        if (channel == null || channel.isBlank() || !delivery.enabled()) {
            LOG.info("[{}] no channel to announce in: {}", rotation, text);
            return;
        }
        outbox.postMessage(channel, escape(text), null);
    }

    /**
     * The member asked gets Confirm / Decline buttons; the member who asked gets a copy with a Withdraw
     * button. The buttons are answered by {@link RotationSlack}.
     */
    @Override
    public void askSwapConfirmation(String rotation, String handle, String requester, int swapId, String text) {
        dm(handle, text, list -> list.add(buttons(
                button(RotationSlack.SWAP_CONFIRM, "Confirm", swapId, "primary"),
                button(RotationSlack.SWAP_DECLINE, "Decline", swapId, "danger"))));
        if (requester != null && !requester.equals(handle)) {
            dm(requester, "You asked " + handle + " to swap shifts in " + rotation + " (swap "
                    + swapId + "). Waiting for them to confirm.", list -> list.add(buttons(
                    button(RotationSlack.SWAP_WITHDRAW, "Withdraw", swapId, null))));
        }
    }

    static ActionsBlock buttons(ButtonElement... elements) {
        return Blocks.actions(a -> a.elements(List.of(elements)));
    }

    static ButtonElement button(String actionId, String label, int value, String style) {
        return button(actionId, label, String.valueOf(value), style);
    }

    static ButtonElement button(String actionId, String label, String value, String style) {
        return com.slack.api.model.block.element.BlockElements.button(b -> b.actionId(actionId).text(plainText(label))
                .value(value).style(style));
    }

    @Override
    public void handoff(String rotation, String channel, String incomingPrimary, HandoffSummary summary) {
        String text = SlackText.clip(escape(summary.toMarkdown()), 3900);
        if (!delivery.enabled()) {
            LOG.info("[{}] handoff (Slack is not set up): {}", rotation, summary.toMarkdown());
            return;
        }
        if (channel != null && !channel.isBlank()) {
            outbox.postMessage(channel, text, null);
        }
        if (incomingPrimary != null) {
            dm(incomingPrimary, summary.toMarkdown(), null);
        }
    }

    void dm(String handle, String text, Consumer<List<LayoutBlock>> more) {
        if (!delivery.enabled()) {
            LOG.info("to {} (Slack is not set up): {}", handle, text);
            return;
        }
        Optional<String> user = people.slackUserId(handle);
        if (user.isEmpty()) {
            LOG.warn("cannot reach {} in Slack (they have not used Watchkeeper there yet): {}", handle, text);
            return;
        }
        List<LayoutBlock> list = new ArrayList<>();
        list.add(BlockJson.section(escape(text)));
        if (more != null) {
            more.accept(list);
        }
        outbox.postMessage(user.get(), escape(text), BlockJson.json(list));
    }
}
