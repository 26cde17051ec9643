package dev.watchkeeper.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.webhook.WebhookResponse;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/** The actual Web API calls behind the outbox, each answered with what the outbox should do next. */
@Singleton
public class SlackCalls {

    /** Slack errors worth retrying (Web API docs: these mean "try again later"). */
    private static final Set<String> TRANSIENT = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");

    public sealed interface Outcome {
        record Sent(String ts, String channel) implements Outcome {
        }

        /** Try again; {@code after} is Slack's Retry-After, or null for the usual backoff. */
        record Retry(Duration after, String error) implements Outcome {
        }

        record Permanent(String error) implements Outcome {
        }

        /** Not yet: waiting for an earlier call about the same item. */
        record Waiting() implements Outcome {
        }
    }

    private final SlackSdk slack;
    private final SlackConfig config;
    private volatile MethodsClient methods;

    public SlackCalls(SlackSdk slack, SlackConfig config) {
        this.slack = slack;
        this.config = config;
    }

    private MethodsClient methods() {
        if (methods == null) {
            methods = slack.get().methods(config.botToken());
        }
        return methods;
    }

    /** Message metadata type that carries the outbox idempotency key of a posted message. */
    static final String METADATA_TYPE = "watchkeeper_outbox";

    public Outcome postMessage(String channel, String text, String blocksJson, String threadTs) {
        return postMessage(channel, text, blocksJson, threadTs, null);
    }

    /** @param key the outbox idempotency key, stored in the message's metadata so a retry can find it */
    public Outcome postMessage(String channel, String text, String blocksJson, String threadTs, String key) {
        return call(() -> {
            var r = methods().chatPostMessage(req -> {
                req.channel(channel).text(text).unfurlLinks(false).unfurlMedia(false);
                if (key != null) {
                    req.metadataAsString("{\"event_type\":\"" + METADATA_TYPE + "\",\"event_payload\":{\"key\":"
                            + dev.watchkeeper.core.Json.write(key) + "}}");
                }
                if (blocksJson != null) {
                    req.blocksAsString(blocksJson);
                }
                if (threadTs != null) {
                    req.threadTs(threadTs);
                }
                return req;
            });
            return r.isOk() ? new Outcome.Sent(r.getTs(), r.getChannel()) : fromError(r);
        });
    }

    /**
     * Looks for a message this app already posted with {@code key} since {@code oldestEpochSecond}: after a
     * network error the post may have reached Slack although the answer did not reach us. Sent(ts) when
     * found, Permanent when it is certainly not there (or cannot be checked, e.g. a missing scope), Retry
     * when Slack cannot be asked now.
     */
    public Outcome findPosted(String channel, String key, long oldestEpochSecond) {
        return call(() -> {
            var r = methods().conversationsHistory(req -> req.channel(channel).oldest(oldestEpochSecond + ".000000")
                    .includeAllMetadata(true).limit(200));
            if (!r.isOk()) {
                return fromError(r);
            }
            for (var m : r.getMessages()) {
                var meta = m.getMetadata();
                if (meta != null && METADATA_TYPE.equals(meta.getEventType()) && meta.getEventPayload() != null
                        && key.equals(String.valueOf(meta.getEventPayload().get("key")))) {
                    return new Outcome.Sent(m.getTs(), channel);
                }
            }
            return new Outcome.Permanent("not posted");
        });
    }

    /** The DM channel with a user (conversations.open): Sent with the channel ID, e.g. D0123. */
    public Outcome openDm(String userId) {
        return call(() -> {
            var r = methods().conversationsOpen(req -> req.users(java.util.List.of(userId)).returnIm(false));
            return r.isOk() && r.getChannel() != null ? new Outcome.Sent(null, r.getChannel().getId()) : fromError(r);
        });
    }

    /**
     * The Slack user with this e-mail address (users.lookupByEmail, scope {@code users:read.email}): Sent with the
     * user ID in {@code channel}; Permanent {@code users_not_found} when there is none.
     */
    public Outcome lookupByEmail(String email) {
        return call(() -> {
            var r = methods().usersLookupByEmail(req -> req.email(email));
            return r.isOk() && r.getUser() != null ? new Outcome.Sent(null, r.getUser().getId()) : fromError(r);
        });
    }

    public Outcome update(String channel, String ts, String text, String blocksJson) {
        return call(() -> {
            var r = methods().chatUpdate(req -> req.channel(channel).ts(ts).text(text).blocksAsString(blocksJson));
            return r.isOk() ? new Outcome.Sent(r.getTs(), r.getChannel()) : fromError(r);
        });
    }

    /**
     * Shares a file in {@code channel} with the SDK's {@code files.uploadV2}: it asks for an upload URL
     * (files.getUploadURLExternal), sends the bytes there, then completes the upload into the channel
     * (files.completeUploadExternal). A retry starts over with a new URL; Slack drops uploads never completed.
     */
    public Outcome uploadFile(String channel, String filename, String title, String comment, byte[] bytes) {
        return call(() -> {
            try {
                var r = methods().filesUploadV2(req -> req.channel(channel).filename(filename).title(title)
                        .fileData(bytes).initialComment(comment).requestFileInfo(false));
                return r.isOk() ? new Outcome.Sent(null, channel) : fromError(r);
            } catch (com.slack.api.methods.SlackFilesUploadV2Exception e) {
                return uploadFailed(e);
            }
        });
    }

    /** Which of the three steps failed, and whether trying again may help. */
    static Outcome uploadFailed(com.slack.api.methods.SlackFilesUploadV2Exception e) {
        if (e.getCompleteResponse() != null && !e.getCompleteResponse().isOk()) {
            return fromError(e.getCompleteResponse());
        }
        for (var up : e.getUploadResponses().values()) {
            if (up.getCode() == 429 || up.getCode() >= 500) {
                return new Outcome.Retry(null, "HTTP " + up.getCode() + " from the upload URL");
            }
            if (up.getCode() != 200) {
                return new Outcome.Permanent("HTTP " + up.getCode() + " from the upload URL: " + up.getBody());
            }
        }
        for (var url : e.getGetURLResponses()) {
            if (!url.isOk()) {
                return fromError(url);
            }
        }
        return new Outcome.Permanent("upload failed: " + e);
    }

    public Outcome publishView(String userId, String viewJson) {
        return call(() -> {
            var r = methods().viewsPublish(req -> req.userId(userId).viewAsString(viewJson));
            return r.isOk() ? new Outcome.Sent(null, null) : fromError(r);
        });
    }

    /** Replaces the members of a user group ({@code users}: Slack user IDs separated by commas). */
    public Outcome updateUserGroup(String userGroupId, String users) {
        return call(() -> {
            var r = methods().usergroupsUsersUpdate(req -> req.usergroup(userGroupId).users(java.util.List.of(users.split(","))));
            return r.isOk() ? new Outcome.Sent(null, null) : fromError(r);
        });
    }

    public Outcome respond(String responseUrl, String json) {
        return call(() -> {
            WebhookResponse r = slack.get().send(responseUrl, json);
            int code = r.getCode() == null ? 0 : r.getCode();
            if (code == 200) {
                return new Outcome.Sent(null, null);
            }
            if (code == 429) {
                return new Outcome.Retry(retryAfter(firstHeader(r, "retry-after")), "HTTP 429");
            }
            if (code >= 500) {
                return new Outcome.Retry(null, "HTTP " + code);
            }
            return new Outcome.Permanent("HTTP " + code + " " + r.getBody());
        });
    }

    private interface Call {
        Outcome run() throws IOException, SlackApiException;
    }

    private static Outcome call(Call c) {
        try {
            return c.run();
        } catch (SlackApiException e) {
            int code = e.getResponse().code();
            if (code == 429) {
                return new Outcome.Retry(retryAfter(e.getResponse().header("Retry-After")), "HTTP 429 rate limited");
            }
            if (code >= 500 || code == 408) {
                return new Outcome.Retry(null, "HTTP " + code);
            }
            return new Outcome.Permanent("HTTP " + code + " " + e.getResponseBody());
        } catch (IOException e) {
            return new Outcome.Retry(null, "network: " + e);
        }
    }

    private static Outcome fromError(SlackApiTextResponse r) {
        String error = r.getError();
        return TRANSIENT.contains(error) ? new Outcome.Retry(null, error) : new Outcome.Permanent(error);
    }

    private static String firstHeader(WebhookResponse r, String name) {
        if (r.getHeaders() == null) {
            return null;
        }
        return r.getHeaders().entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
    }

    static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip())));
        } catch (RuntimeException e) {
            return Duration.ofSeconds(30);
        }
    }
}
