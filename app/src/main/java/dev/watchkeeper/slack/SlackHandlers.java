package dev.watchkeeper.slack;

import com.slack.api.bolt.App;

/**
 * How a domain adds its Slack commands, buttons, shortcuts and event handlers: implement this as a
 * bean and register on the Bolt {@link App} (e.g. {@code app.command("/oncall", ...)}). The factory
 * calls every bean once when it builds the app; nothing central needs editing.
 */
public interface SlackHandlers {

    void register(App app);
}
