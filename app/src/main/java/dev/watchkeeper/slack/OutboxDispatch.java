package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.ContactStore;
import dev.watchkeeper.triage.ItemDetails;
import jakarta.inject.Singleton;

import java.util.Optional;

import static dev.watchkeeper.slack.SlackOutbox.HOME;
import static dev.watchkeeper.slack.SlackOutbox.MESSAGE;
import static dev.watchkeeper.slack.SlackOutbox.PAGE_DM;
import static dev.watchkeeper.slack.SlackOutbox.POST;
import static dev.watchkeeper.slack.SlackOutbox.RESPOND;
import static dev.watchkeeper.slack.SlackOutbox.THREAD;
import static dev.watchkeeper.slack.SlackOutbox.UPDATE;
import static dev.watchkeeper.slack.SlackOutbox.UPDATE_FIXED;
import static dev.watchkeeper.slack.SlackOutbox.UPLOAD;
import static dev.watchkeeper.slack.SlackOutbox.USERGROUP;

/**
 * What one outbox row means as Web API calls, made once: an item message rendered as the item is now, a page
 * looked for in the DM before paging again after an answer was lost, a person found by e-mail linked to their
 * Slack user. {@link SlackOutbox} decides when a row is tried and what its outcome does to the queue.
 */
@Singleton
class OutboxDispatch {

    private final Database db;
    private final OutboxStore store;
    private final SlackMessageStore messages;
    private final SlackCalls calls;
    private final ItemDetails triage;
    private final ItemBlocks blocks;
    private final ContactStore contacts;

    OutboxDispatch(Database db, OutboxStore store, SlackMessageStore messages, SlackCalls calls, ItemDetails triage,
                   ItemBlocks blocks, ContactStore contacts) {
        this.db = db;
        this.store = store;
        this.messages = messages;
        this.calls = calls;
        this.triage = triage;
        this.blocks = blocks;
        this.contacts = contacts;
    }

    /** An earlier attempt failed in a way that does not tell whether Slack acted on it. */
    static boolean ambiguous(OutboxRow row) {
        String e = row.lastError();
        return row.attempts() > 0 && e != null && (e.startsWith("network") || e.startsWith("HTTP 5"));
    }

    /** Links a person found by e-mail to their Slack user, unless that user is someone else's already. */
    private void link(int personId, String slackUserId) {
        db.writeVoid(tx -> {
            java.util.Optional<String> other = contacts.handleOfSlackUser(tx, slackUserId);
            if (other.isEmpty()) {
                contacts.setSlackUser(tx, personId, slackUserId);
            }
        });
    }

    SlackCalls.Outcome attempt(OutboxRow row) {
        JsonNode payload = Json.parse(row.payload());
        return switch (row.method()) {
            case POST -> {
                if (ambiguous(row)) {
                    // The last try may have posted although no answer came back: look before posting again.
                    SlackCalls.Outcome found = calls.findPosted(row.target(), row.idempotencyKey(),
                            row.createdAt().getEpochSecond() - 1);
                    if (!(found instanceof SlackCalls.Outcome.Permanent)) {
                        yield found;
                    }
                }
                ObjectNode msg = blocks.message(triage.item(row.itemId()));
                yield calls.postMessage(row.target(), msg.get("text").asText(), Json.write(msg.get("blocks")), null,
                        row.idempotencyKey());
            }
            case UPDATE, THREAD -> {
                Optional<SlackMessageRow> m = db.read(dsl -> messages.find(dsl, row.itemId()));
                if (m.isEmpty()) {
                    yield new SlackCalls.Outcome.Permanent("the item has no Slack message");
                }
                if (!m.get().posted()) {
                    boolean postFailed = db.read(dsl -> store.forItem(dsl, row.itemId())).stream()
                            .anyMatch(r -> r.method().equals(POST) && r.state().equals(OutboxStore.FAILED));
                    yield postFailed ? new SlackCalls.Outcome.Permanent("the item's message was never posted")
                            : new SlackCalls.Outcome.Waiting();
                }
                if (row.method().equals(UPDATE)) {
                    ObjectNode msg = blocks.message(triage.item(row.itemId()));
                    yield calls.update(m.get().channel(), m.get().ts(), msg.get("text").asText(),
                            Json.write(msg.get("blocks")));
                }
                yield calls.postMessage(m.get().channel(), payload.path("text").asText(), null, m.get().ts());
            }
            case PAGE_DM -> {
                String user = row.target();
                if (user.startsWith("email:")) {
                    SlackCalls.Outcome found = calls.lookupByEmail(user.substring("email:".length()));
                    if (!(found instanceof SlackCalls.Outcome.Sent s)) {
                        yield found;
                    }
                    user = s.channel();
                    link(payload.path("personId").asInt(), user);
                }
                if (ambiguous(row)) {
                    // The last try may have paged although no answer came back: look in the DM before paging again.
                    if (calls.openDm(user) instanceof SlackCalls.Outcome.Sent dm) {
                        SlackCalls.Outcome found = calls.findPosted(dm.channel(), row.idempotencyKey(),
                                row.createdAt().getEpochSecond() - 1);
                        if (!(found instanceof SlackCalls.Outcome.Permanent)) {
                            yield found;
                        }
                    }
                }
                yield calls.postMessage(user, payload.path("text").asText(),
                        payload.has("blocks") ? Json.write(payload.get("blocks")) : null, null, row.idempotencyKey());
            }
            case HOME -> calls.publishView(row.target(), row.payload());
            case MESSAGE -> calls.postMessage(row.target(), payload.path("text").asText(),
                    payload.has("blocks") ? Json.write(payload.get("blocks")) : null, null);
            case RESPOND -> calls.respond(row.target(), row.payload());
            case UPDATE_FIXED -> calls.update(row.target(), payload.path("ts").asText(), payload.path("text").asText(),
                    Json.write(payload.get("blocks")));
            case UPLOAD -> calls.uploadFile(row.target(), payload.path("filename").asText(), payload.path("title").asText(),
                    payload.path("comment").asText(null),
                    java.util.Base64.getDecoder().decode(payload.path("bytes").asText()));
            case USERGROUP -> calls.updateUserGroup(row.target(), payload.path("users").asText());
            default -> new SlackCalls.Outcome.Permanent("unknown method " + row.method());
        };
    }
}
