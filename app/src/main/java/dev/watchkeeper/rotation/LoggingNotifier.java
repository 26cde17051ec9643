package dev.watchkeeper.rotation;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs what would be sent, until a surface (Slack) provides its own {@link OncallNotifier}. */
@Singleton
@Secondary
public class LoggingNotifier implements OncallNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingNotifier.class);

    @Override
    public boolean pagePerson(String rotation, String handle, int itemId, String text, String key) {
        LOG.info("[{}] page {} about item {}: {}", rotation, handle, itemId, text);
        return false;
    }

    @Override
    public void shadowCopy(String rotation, String handle, int itemId, String text) {
        LOG.info("[{}] shadow copy to {} of item {}: {}", rotation, handle, itemId, text);
    }

    @Override
    public void tellShadowDecision(String handle, int itemId, String text) {
        LOG.info("to {} about item {}: {}", handle, itemId, text);
    }

    @Override
    public void announce(String rotation, String channel, String text) {
        LOG.info("[{}] to {}: {}", rotation, channel == null ? "(no channel)" : channel, text);
    }

    @Override
    public void askSwapConfirmation(String rotation, String handle, String requester, int swapId, String text) {
        LOG.info("[{}] to {} (swap {}): {}", rotation, handle, swapId, text);
    }

    @Override
    public void handoff(String rotation, String channel, String incomingPrimary, HandoffSummary summary) {
        // One line: the CLI prints the summary itself, and a server log needs only that it happened.
        LOG.info("[{}] handoff to {} in {}", rotation, incomingPrimary, channel);
    }
}
