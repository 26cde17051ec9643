package dev.watchkeeper.rotation;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every message rotations send in a test application, as "kind to: text". */
@Singleton
@Primary
@Requires(env = "test")
// Slack tests turn this off (watchkeeper.test.record-notifications: false) to exercise Slack's notifier.
@Requires(property = "watchkeeper.test.record-notifications", notEquals = "false")
public class RecordingNotifier implements OncallNotifier {

    public record Sent(String kind, String to, Integer itemId, String text) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<HandoffSummary> handoffs = new CopyOnWriteArrayList<>();

    @Override
    public boolean pagePerson(String rotation, String handle, int itemId, String text, String key) {
        sent.add(new Sent("page", handle, itemId, text));
        return true;
    }

    @Override
    public void shadowCopy(String rotation, String handle, int itemId, String text) {
        sent.add(new Sent("shadow-copy", handle, itemId, text));
    }

    @Override
    public void tellShadowDecision(String handle, int itemId, String text) {
        sent.add(new Sent("decision", handle, itemId, text));
    }

    @Override
    public void announce(String rotation, String channel, String text) {
        sent.add(new Sent("announce", channel, null, text));
    }

    @Override
    public void askSwapConfirmation(String rotation, String handle, String requester, int swapId, String text) {
        sent.add(new Sent("swap", handle, swapId, text));
    }

    @Override
    public void handoff(String rotation, String channel, String incomingPrimary, HandoffSummary summary) {
        sent.add(new Sent("handoff", incomingPrimary, null, summary.toMarkdown()));
        handoffs.add(summary);
    }

    public List<Sent> all() {
        return List.copyOf(sent);
    }

    public List<Sent> of(String kind) {
        return sent.stream().filter(s -> s.kind().equals(kind)).toList();
    }

    public List<HandoffSummary> handoffs() {
        return List.copyOf(handoffs);
    }

    public void clear() {
        sent.clear();
        handoffs.clear();
    }
}
