package dev.watchkeeper.slack;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.PersonStore;
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
