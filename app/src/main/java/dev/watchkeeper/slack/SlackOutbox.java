package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.core.WakeUp;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.observability.ServiceMetrics;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every outgoing Slack call goes through here: a row in {@code slack_outbox}, written in the caller's
 * transaction, then delivered by {@link #sendDue()} with retries. Transient failures (429, 5xx,
 * network) are retried with exponential backoff for as long as it takes; only permanent errors give up.
 *
 * <p>Item messages are rendered when they are sent ({@link OutboxDispatch} makes each row's calls), so a message
 * that waited through an outage shows the item as it is then. Calls about one item go in order: an update or
 * thread reply waits until the item's chat.postMessage has given it a ts.
 */
@Singleton
public class SlackOutbox {

    public static final String POST = "chat.postMessage";
    public static final String UPDATE = "chat.update";
    public static final String THREAD = "chat.postThread";
    public static final String HOME = "views.publish";
    public static final String RESPOND = "response_url";
    public static final String USERGROUP = "usergroups.users.update";
    /** A message whose content is fixed when enqueued (DMs, channel announcements). */
    public static final String MESSAGE = "chat.postMessage.fixed";
    /** Replaces a message whose content is fixed when enqueued (a report draft after an edit). */
    public static final String UPDATE_FIXED = "chat.update.fixed";
    /**
     * A page to a person's DM, under the page's idempotency key (carried in message metadata, like item messages,
     * so a retry after a lost answer finds the message instead of paging twice). The target is a Slack user ID,
     * or {@code email:ADDRESS} for a person known only by e-mail: the user is looked up (users.lookupByEmail) when
     * sending and linked to the person.
     */
    public static final String PAGE_DM = "chat.postMessage.page";
    /** A file shared in a channel through Slack's external upload flow (a report's chart). */
    public static final String UPLOAD = "files.uploadExternal";

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(SlackOutbox.class);

    private final Database db;
    private final OutboxStore store;
    private final SlackMessageStore messages;
    private final OutboxDispatch dispatch;
    private final Clock clock;
    private final String apiUrl;
    private final ServiceMetrics metrics;
    private final io.micronaut.context.event.ApplicationEventPublisher<dev.watchkeeper.notify.DeliveryFailed> failures;
    private volatile Instant pausedUntil = Instant.EPOCH;
    private final WakeUp wakeUp = new WakeUp();

    public SlackOutbox(Database db, OutboxStore store, SlackMessageStore messages, OutboxDispatch dispatch, Clock clock,
                       SlackConfig config, ServiceMetrics metrics,
                       io.micronaut.context.event.ApplicationEventPublisher<dev.watchkeeper.notify.DeliveryFailed> failures) {
        this.failures = failures;
        this.apiUrl = config.methodsUrlPrefix();
        this.metrics = metrics;
        this.db = db;
        this.store = store;
        this.messages = messages;
        this.dispatch = dispatch;
        this.clock = clock;
        for (String state : new String[]{OutboxStore.PENDING, OutboxStore.FAILED}) {
            metrics.databaseGauge("watchkeeper.slack.outbox.messages",
                    "Slack outbox backlog: calls waiting to be sent, or failed for good",
                    d -> store.counts(d).get(state), "state", state);
        }
    }

    /** Gives the item a message in {@code channel} (once: a second call for the same item does nothing). */
    public boolean postItemMessage(DSLContext tx, int itemId, String channel) {
        Instant now = clock.instant();
        if (!messages.create(tx, itemId, channel, now)) {
            return false;
        }
        return enqueue(tx, "item:" + itemId + ":post", POST, itemId, channel, "{}");
    }

    /** Re-renders the item's message in place, if it has one. Pending updates of one item collapse into one. */
    public boolean updateItemMessage(DSLContext tx, int itemId) {
        if (messages.find(tx, itemId).isEmpty()) {
            return false;
        }
        List<OutboxRow> rows = store.forItem(tx, itemId);
        if (rows.stream().anyMatch(r -> r.method().equals(UPDATE) && r.state().equals(OutboxStore.PENDING))) {
            return false;
        }
        return enqueue(tx, "item:" + itemId + ":update:" + UUID.randomUUID(), UPDATE, itemId, null, "{}");
    }

    /** A reply in the thread of the item's message (re-fires, resolutions). */
    public boolean threadReply(DSLContext tx, int itemId, String key, String mrkdwn) {
        if (messages.find(tx, itemId).isEmpty()) {
            return false;
        }
        ObjectNode payload = Json.object();
        payload.put("text", mrkdwn);
        return enqueue(tx, "item:" + itemId + ":thread:" + key, THREAD, itemId, null, Json.write(payload));
    }

    /** Posts a fixed message to a channel or, with a user ID as {@code channel}, to the person's DM with the app. */
    public void postMessage(String channel, String mrkdwn, com.fasterxml.jackson.databind.node.ArrayNode blocks) {
        ObjectNode payload = Json.object();
        payload.put("text", mrkdwn);
        if (blocks != null) {
            payload.set("blocks", blocks);
        }
        db.writeVoid(tx -> enqueue(tx, "msg:" + UUID.randomUUID(), MESSAGE, null, channel, Json.write(payload)));
    }

    /**
     * Pages a person in their DM under {@code key} (see {@link #PAGE_DM}); {@code target} is a user ID or
     * {@code email:ADDRESS}. Enqueuing the same key again adds nothing.
     */
    public boolean pageDm(String target, int personId, String key, String mrkdwn,
                          com.fasterxml.jackson.databind.node.ArrayNode blocks) {
        ObjectNode payload = Json.object();
        payload.put("text", mrkdwn);
        payload.put("personId", personId);
        if (blocks != null) {
            payload.set("blocks", blocks);
        }
        return db.write(tx -> enqueue(tx, key, PAGE_DM, null, target, Json.write(payload)));
    }

    /** Replaces the content of a message that is not an item's (e.g. a report draft in a DM). */
    public void updateMessage(String channel, String ts, String mrkdwn, com.fasterxml.jackson.databind.node.ArrayNode blocks) {
        ObjectNode payload = Json.object();
        payload.put("ts", ts);
        payload.put("text", mrkdwn);
        payload.set("blocks", blocks);
        db.writeVoid(tx -> enqueue(tx, "update:" + UUID.randomUUID(), UPDATE_FIXED, null, channel, Json.write(payload)));
    }

    /** Shares a file in {@code channel}; the bytes wait in the outbox (base64) until Slack takes them. */
    public void uploadFile(String channel, String filename, String title, String comment, byte[] bytes) {
        ObjectNode payload = Json.object();
        payload.put("filename", filename);
        payload.put("title", title);
        payload.put("comment", comment);
        payload.put("bytes", java.util.Base64.getEncoder().encodeToString(bytes));
        db.writeVoid(tx -> enqueue(tx, "upload:" + UUID.randomUUID(), UPLOAD, null, channel, Json.write(payload)));
    }

    /** Makes {@code userIds} the only members of user group {@code userGroupId} (e.g. @ml-oncall). */
    public void updateUserGroup(String userGroupId, java.util.List<String> userIds) {
        ObjectNode payload = Json.object();
        payload.put("users", String.join(",", userIds));
        db.writeVoid(tx -> enqueue(tx, "usergroup:" + userGroupId + ":" + UUID.randomUUID(), USERGROUP, null, userGroupId,
                Json.write(payload)));
    }

    /** Publishes a user's App Home view. */
    public void publishHome(String userId, ObjectNode view) {
        db.writeVoid(tx -> enqueue(tx, "home:" + userId + ":" + UUID.randomUUID(), HOME, null, userId, Json.write(view)));
    }

    /**
     * Answers an interaction later through its {@code response_url}. Only URLs on Slack's hosts (or on the
     * host of {@code slack.api-url}, for a proxy or a test server) are called, so a request cannot make
     * Watchkeeper post somewhere else.
     */
    public void respond(String responseUrl, ObjectNode message) {
        if (!allowedResponseUrl(responseUrl)) {
            LOG.warn("ignoring a response_url outside Slack: {}", responseUrl);
            return;
        }
        db.writeVoid(tx -> enqueue(tx, "respond:" + UUID.randomUUID(), RESPOND, null, responseUrl, Json.write(message)));
    }

    boolean allowedResponseUrl(String url) {
        try {
            java.net.URI u = java.net.URI.create(url);
            String host = u.getHost();
            if (host == null) {
                return false;
            }
            boolean slack = "https".equals(u.getScheme()) && (host.equals("slack.com") || host.endsWith(".slack.com"));
            return slack || host.equals(java.net.URI.create(apiUrl).getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Forgets sent calls older than {@code before}; pending and failed ones stay. */
    public int pruneSent(Instant before) {
        return db.write(tx -> store.deleteSentBefore(tx, before));
    }

    public boolean enqueue(DSLContext tx, String key, String method, Integer itemId, String target, String payload) {
        return wakeUp.added(store.enqueue(tx, key, method, itemId, target, payload, clock.instant()));
    }

    /** The background sender asks to be woken when something is enqueued. */
    void onEnqueue(Runnable r) {
        wakeUp.onEnqueue(r);
    }

    public Map<String, Integer> counts() {
        return db.read(store::counts);
    }

    /** What one run of {@link #sendDue()} did. */
    public record Run(int sent, int retrying, int failed) {
    }

    /**
     * Sends every call that is due now, oldest first, keeping per-item order. Stops early when Slack
     * is rate limiting or unreachable. The background sender calls this; tests call it after moving the clock.
     */
    public synchronized Run sendDue() {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            return new Run(0, 0, 0);
        }
        int sent = 0;
        int retrying = 0;
        int failed = 0;
        Set<Integer> blockedItems = new HashSet<>();
        boolean backoffReset = false;
        for (OutboxRow row : db.read(dsl -> store.pending(dsl, 500))) {
            Integer item = row.itemId();
            if (item != null && blockedItems.contains(item)) {
                continue;
            }
            if (row.nextAttemptAt().isAfter(now)) {
                if (item != null) {
                    blockedItems.add(item);
                }
                continue;
            }
            SlackCalls.Outcome outcome;
            try {
                outcome = dispatch.attempt(row);
            } catch (RuntimeException e) {
                // A bug or bad data in one row must not stop the others; treat it as permanent.
                outcome = new SlackCalls.Outcome.Permanent("internal error: " + e);
                LOG.error("Slack outbox row {} could not be prepared", row.id(), e);
            }
            int attempts = row.attempts() + 1;
            switch (outcome) {
                case SlackCalls.Outcome.Waiting w -> {
                    blockedItems.add(item);
                }
                case SlackCalls.Outcome.Sent s -> {
                    boolean reset = !backoffReset;
                    backoffReset = true;
                    db.writeVoid(tx -> {
                        store.markSent(tx, row.id(), attempts, s.ts(), now);
                        if (row.method().equals(POST) && item != null) {
                            messages.setPosted(tx, item, s.channel() == null ? row.target() : s.channel(), s.ts(), now);
                        }
                        if (reset) {
                            // Slack answers again: calls waiting out a backoff from the outage go at once, and their
                            // backoff starts over (a streak of failures must not leave them minutes behind).
                            store.resetBackoff(tx, now);
                        }
                    });
                    sent++;
                    metrics.slackCall("sent");
                }
                case SlackCalls.Outcome.Permanent p -> {
                    LOG.error("Slack {} (outbox {}, key {}) failed permanently after {} attempt(s): {}",
                            row.method(), row.id(), row.idempotencyKey(), attempts, p.error());
                    db.writeVoid(tx -> store.markFailed(tx, row.id(), attempts, p.error()));
                    failed++;
                    metrics.slackCall("failed");
                    if (row.idempotencyKey().startsWith("page:")) {
                        failures.publishEvent(new dev.watchkeeper.notify.DeliveryFailed(row.idempotencyKey(), "slack", p.error()));
                    }
                    if (item != null) {
                        blockedItems.add(item);
                    }
                }
                case SlackCalls.Outcome.Retry r -> {
                    // A 429 waits exactly Retry-After and leaves the backoff as it is; other transient failures
                    // grow the row's own backoff (consecutive failures, not attempts: 429s do not count).
                    Integer failures = r.after() != null ? null : row.backoffFailures() + 1;
                    Instant next = now.plus(r.after() != null ? r.after() : backoff(failures));
                    LOG.warn("Slack {} (outbox {}) failed, attempt {}: {}; next try at {}", row.method(), row.id(),
                            attempts, r.error(), next);
                    db.writeVoid(tx -> store.retryLater(tx, row.id(), attempts, failures, next, r.error()));
                    retrying++;
                    metrics.slackCall("retrying");
                    if (r.after() != null) {
                        // 429: Slack asked us to wait; every call waits, not only this one.
                        pausedUntil = next;
                    }
                    // Slack is rate limiting or unreachable: the rest would fail the same way.
                    return new Run(sent, retrying, failed);
                }
            }
        }
        return new Run(sent, retrying, failed);
    }

    /** Exponential in consecutive transient failures: 2 s, 4 s, 8 s … capped at 5 minutes. */
    static Duration backoff(int attempts) {
        long seconds = FIRST_BACKOFF.toSeconds() << Math.min(Math.max(attempts - 1, 0), 20);
        return seconds > MAX_BACKOFF.toSeconds() ? MAX_BACKOFF : Duration.ofSeconds(seconds);
    }
}
