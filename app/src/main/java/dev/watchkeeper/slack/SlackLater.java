package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.response.Response;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.function.Supplier;

/**
 * For commands whose work may take longer than Slack's 3 seconds (a report, a search): answer at once
 * with a short note, do the work off the request thread, and deliver the result to the command's
 * {@code response_url} through the outbox.
 *
 * <pre>app.command("/report", (req, ctx) -&gt; later.ackThen(req.getPayload().getResponseUrl(),
 *         "Building the report…", () -&gt; reports.render(...)));</pre>
 */
@Singleton
public class SlackLater {

    private static final Logger LOG = LoggerFactory.getLogger(SlackLater.class);

    private final SlackOutbox outbox;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Phaser inFlight = new Phaser(1);

    public SlackLater(SlackOutbox outbox) {
        this.outbox = outbox;
    }

    /** Returns the immediate ephemeral answer; {@code work}'s message follows through the response_url. */
    public Response ackThen(String responseUrl, String ackText, Supplier<ObjectNode> work) {
        inFlight.register();
        executor.execute(() -> {
            try {
                outbox.respond(responseUrl, work.get());
            } catch (RuntimeException e) {
                LOG.error("slow Slack work failed", e);
                outbox.respond(responseUrl, SlackAnswer.error(e));
            } finally {
                inFlight.arriveAndDeregister();
            }
        });
        return SlackAnswer.json(SlackAnswer.ephemeral(SlackText.escape(ackText)));
    }

    /** Waits until all work started so far has handed its answer to the outbox (tests). */
    public void drain() {
        inFlight.arriveAndAwaitAdvance();
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }
}
