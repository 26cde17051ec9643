package dev.watchkeeper.slack;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.PersonStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Slack users as Watchkeeper people: created on first contact, then known by their handle. */
@Singleton
public class SlackPeople {

    private final Database db;
    private final PersonStore people;
    private final Clock clock;
    private final Map<String, String> handles = new ConcurrentHashMap<>();

    public SlackPeople(Database db, PersonStore people, Clock clock) {
        this.db = db;
        this.people = people;
        this.clock = clock;
    }

    private static final java.util.regex.Pattern MENTION = java.util.regex.Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|([^>]*))?>");

    /** Command text with Slack's {@code <@U123|name>} mentions turned into {@code @handle}. */
    public String mentionsToHandles(String text) {
        if (text == null) {
            return "";
        }
        return MENTION.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                "@" + handle(m.group(1), m.group(2))));
    }

    /** The Slack user ID of a Watchkeeper person, if they have used Slack. */
    public java.util.Optional<String> slackUserId(String handle) {
        return db.read(dsl -> people.slackUserIdForHandle(dsl, handle)).filter(id -> !id.isBlank());
    }

    /** The handle of the person behind this Slack user ID (created with {@code name} when new). */
    public String handle(String slackUserId, String name) {
        String known = handles.get(slackUserId);
        if (known != null) {
            return known;
        }
        String handle = db.write(tx -> {
            int id = people.idForSlackUser(tx, slackUserId, name, clock.instant());
            return people.handle(tx, id).orElseThrow();
        });
        handles.put(slackUserId, handle);
        return handle;
    }
}
