package dev.watchkeeper.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;
import dev.watchkeeper.core.Json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Correctly signed Slack requests to {@code /slack/events} of a {@link TestApp}, signed with
 * {@link SlackSignature.Generator} at the test clock's time, as Slack signs them.
 */
public final class SlackRequests {

    private final TestApp app;
    private final String secret;
    private final FakeSlack fake;
    private int counter;

    public SlackRequests(TestApp app, String secret, FakeSlack fake) {
        this.app = app;
        this.secret = secret;
        this.fake = fake;
    }

    /** {@code /triage <text>} from {@code userId}. */
    public TestHttp.Response command(String command, String text, String userId, String userName) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "legacy");
        f.put("team_id", "T1");
        f.put("team_domain", "acme");
        f.put("channel_id", "C_OPS");
        f.put("channel_name", "ops");
        f.put("user_id", userId);
        f.put("user_name", userName);
        f.put("command", command);
        f.put("text", text);
        f.put("api_app_id", "A1");
        f.put("response_url", fake.responseUrl("cmd-" + (++counter)));
        f.put("trigger_id", "1.2.3");
        return signedForm(form(f));
    }

    /** A button click or menu choice on an item message (block_actions). */
    public TestHttp.Response blockAction(String actionId, String value, String blockId, String selectedOption,
                                         String selectedUser, String userId, boolean ephemeral) {
        ObjectNode p = Json.object();
        p.put("type", "block_actions");
        p.putObject("team").put("id", "T1").put("domain", "acme");
        p.putObject("user").put("id", userId).put("username", userId.toLowerCase()).put("team_id", "T1");
        p.put("api_app_id", "A1");
        p.put("trigger_id", "1.2.3");
        p.put("response_url", fake.responseUrl("action-" + (++counter)));
        ObjectNode container = p.putObject("container");
        container.put("type", "message").put("message_ts", "1700000000.000001").put("channel_id", "C_ALERTS")
                .put("is_ephemeral", ephemeral);
        p.putObject("channel").put("id", "C_ALERTS").put("name", "alerts");
        ObjectNode a = p.putArray("actions").addObject();
        a.put("action_id", actionId);
        a.put("block_id", blockId);
        a.put("type", selectedUser != null ? "users_select" : selectedOption != null ? "static_select" : "button");
        a.put("action_ts", "1700000001.000000");
        if (value != null) {
            a.put("value", value);
        }
        if (selectedOption != null) {
            ObjectNode o = a.putObject("selected_option");
            o.putObject("text").put("type", "plain_text").put("text", selectedOption);
            o.put("value", selectedOption);
        }
        if (selectedUser != null) {
            a.put("selected_user", selectedUser);
        }
        return signedForm("payload=" + enc(Json.write(p)));
    }

    /** A button click on a message in {@code channel} (e.g. the app's DM) with that message's ts. */
    public TestHttp.Response messageButton(String actionId, String value, String channel, String messageTs, String userId) {
        ObjectNode p = Json.object();
        p.put("type", "block_actions");
        p.putObject("team").put("id", "T1").put("domain", "acme");
        p.putObject("user").put("id", userId).put("username", userId.toLowerCase()).put("team_id", "T1");
        p.put("api_app_id", "A1");
        p.put("trigger_id", "trigger-" + (++counter));
        p.put("response_url", fake.responseUrl("action-" + counter));
        p.putObject("container").put("type", "message").put("message_ts", messageTs).put("channel_id", channel)
                .put("is_ephemeral", false);
        p.putObject("channel").put("id", channel).put("name", "directmessage");
        p.putObject("message").put("type", "message").put("ts", messageTs).put("text", "");
        ObjectNode a = p.putArray("actions").addObject();
        a.put("action_id", actionId).put("block_id", "b1").put("type", "button").put("value", value)
                .put("action_ts", "1700000001.000000");
        return signedForm("payload=" + enc(Json.write(p)));
    }

    /** A modal submitted: {@code values} are plain-text input values by block id (action id {@code inputActionId}). */
    public TestHttp.Response viewSubmission(String callbackId, String privateMetadata, Map<String, String> values,
                                            String inputActionId, String userId) {
        ObjectNode p = Json.object();
        p.put("type", "view_submission");
        p.putObject("team").put("id", "T1").put("domain", "acme");
        p.putObject("user").put("id", userId).put("username", userId.toLowerCase()).put("team_id", "T1");
        p.put("api_app_id", "A1");
        p.put("trigger_id", "trigger-" + (++counter));
        ObjectNode view = p.putObject("view");
        view.put("id", "VMODAL").put("type", "modal").put("callback_id", callbackId)
                .put("private_metadata", privateMetadata);
        ObjectNode state = view.putObject("state").putObject("values");
        values.forEach((block, value) -> state.putObject(block).putObject(inputActionId)
                .put("type", "plain_text_input").put("value", value));
        return signedForm("payload=" + enc(Json.write(p)));
    }

    /** A button click in the App Home tab (container type view, no response_url). */
    public TestHttp.Response homeButton(String actionId, int itemId, String userId) {
        ObjectNode p = Json.object();
        p.put("type", "block_actions");
        p.putObject("team").put("id", "T1").put("domain", "acme");
        p.putObject("user").put("id", userId).put("username", userId.toLowerCase()).put("team_id", "T1");
        p.put("api_app_id", "A1");
        p.put("trigger_id", "1.2.3");
        p.putObject("container").put("type", "view").put("view_id", "V1");
        p.putObject("view").put("id", "V1").put("type", "home");
        ObjectNode a = p.putArray("actions").addObject();
        a.put("action_id", actionId).put("block_id", "wk_item:" + itemId).put("type", "button")
                .put("value", String.valueOf(itemId)).put("action_ts", "1700000001.000000");
        return signedForm("payload=" + enc(Json.write(p)));
    }

    /** The "Send to triage" message shortcut on a message. */
    public TestHttp.Response messageShortcut(String callbackId, String messageText, String messageTs, String userId) {
        ObjectNode p = Json.object();
        p.put("type", "message_action");
        p.put("callback_id", callbackId);
        p.put("trigger_id", "1.2.3");
        p.put("message_ts", messageTs);
        p.put("response_url", fake.responseUrl("shortcut-" + (++counter)));
        p.putObject("team").put("id", "T1").put("domain", "acme");
        p.putObject("channel").put("id", "C_SUPPORT").put("name", "support");
        p.putObject("user").put("id", userId).put("name", userId.toLowerCase()).put("team_id", "T1");
        ObjectNode m = p.putObject("message");
        m.put("type", "message").put("user", "U_CUSTOMER").put("ts", messageTs).put("text", messageText);
        return signedForm("payload=" + enc(Json.write(p)));
    }

    /** An Events API event (wrapped in event_callback). */
    public TestHttp.Response event(ObjectNode event) {
        ObjectNode p = Json.object();
        p.put("token", "legacy");
        p.put("team_id", "T1");
        p.put("api_app_id", "A1");
        p.set("event", event);
        p.put("type", "event_callback");
        p.put("event_id", "Ev" + (++counter));
        p.put("event_time", app.clock().instant().getEpochSecond());
        return signedJson(Json.write(p));
    }

    public TestHttp.Response signedForm(String body) {
        return post("application/x-www-form-urlencoded", body, app.clock().instant().getEpochSecond());
    }

    public TestHttp.Response signedJson(String body) {
        return post("application/json", body, app.clock().instant().getEpochSecond());
    }

    public TestHttp.Response post(String contentType, String body, long timestampSeconds) {
        String ts = String.valueOf(timestampSeconds);
        String sig = new SlackSignature.Generator(secret).generate(ts, body);
        return app.http().post("/slack/events", contentType, body,
                "X-Slack-Request-Timestamp", ts, "X-Slack-Signature", sig);
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
