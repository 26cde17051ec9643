package dev.watchkeeper.notify;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.ForbiddenException;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.notify.ContactStore;
import dev.watchkeeper.db.notify.Contacts;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The people directory: how each person is reached (Slack user, e-mail, webhook). A person changes their own
 * contacts; admins ({@code watchkeeper.admins}, or an admin API token) anyone's.
 */
@Singleton
public class PeopleDirectory {

    static final Pattern HANDLE = Pattern.compile("[^\\p{Cntrl}]{1,100}");
    static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,20}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s<>,;\"]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,63}");
    static final int MAX_URL = 2000;

    /** A change to someone's contacts: null leaves a field as it is, "" (or "none") removes it. */
    public record Change(String slack, String email, String webhook, String webhookSecret) {
    }

    private final Database db;
    private final ContactStore contacts;
    private final PersonStore people;
    private final NotifySettings settings;
    /** Holders of an admin API token are admins too (see {@code auth}). */
    @jakarta.inject.Inject
    @io.micronaut.core.annotation.Nullable
    dev.watchkeeper.core.AdminDirectory admins;
    private final Clock clock;

    public PeopleDirectory(Database db, ContactStore contacts, PersonStore people, NotifySettings settings, Clock clock) {
        this.db = db;
        this.contacts = contacts;
        this.people = people;
        this.settings = settings;
        this.clock = clock;
    }

    public Contacts link(String handle, Change c, String by) {
        String who = handle(handle, "handle");
        String actor = handle(by, "by");
        List<FieldError> errors = new ArrayList<>();
        String slack = clean(c.slack());
        String email = clean(c.email());
        String webhook = clean(c.webhook());
        String secret = clean(c.webhookSecret());
        if (slack != null && !slack.isEmpty() && !SLACK_USER.matcher(slack).matches()) {
            errors.add(new FieldError("slack", "must be a Slack user ID like U0123ABCD (profile → ⋮ → Copy member ID)"));
        }
        if (email != null && !email.isEmpty() && !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("email", "must be an e-mail address like alice@example.com"));
        }
        if (webhook != null && !webhook.isEmpty()) {
            if (webhook.length() > MAX_URL) {
                errors.add(new FieldError("webhook", "must be at most " + MAX_URL + " characters"));
            } else {
                try {
                    URI u = URI.create(webhook);
                    if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
                        errors.add(new FieldError("webhook", "must be an http(s) URL with a host"));
                    }
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("webhook", "is not a URL: " + e.getMessage()));
                }
            }
        }
        if (secret != null && secret.length() > 200) {
            errors.add(new FieldError("webhookSecret", "must be at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        if (!actor.equals(who) && !settings.isAdmin(actor) && !(admins != null && admins.isAdmin(actor))) {
            throw new ForbiddenException(actor + " may not change how " + who + " is reached: only " + who
                    + " and the admins may");
        }
        return db.write(tx -> {
            int id = people.idForHandle(tx, who, clock.instant());
            if (slack != null) {
                if (!slack.isEmpty()) {
                    Optional<String> other = contacts.handleOfSlackUser(tx, slack);
                    if (other.isPresent() && !other.get().equals(who)) {
                        throw new BadInputException("slack", slack + " is already linked to " + other.get());
                    }
                }
                contacts.setSlackUser(tx, id, slack.isEmpty() ? null : slack);
            }
            if (email != null) {
                contacts.setEmail(tx, id, email.isEmpty() ? null : email);
            }
            if (webhook != null || secret != null) {
                Contacts now = contacts.find(tx, id).orElseThrow();
                String url = webhook == null ? now.webhookUrl() : webhook.isEmpty() ? null : webhook;
                String key = secret == null ? now.webhookSecret() : secret.isEmpty() ? null : secret;
                contacts.setWebhook(tx, id, url, url == null ? null : key);
            }
            return contacts.find(tx, id).orElseThrow();
        });
    }

    public Contacts show(String handle) {
        String who = handle(handle, "handle");
        return db.read(dsl -> contacts.find(dsl, who))
                .orElseThrow(() -> new NotFoundException("nobody is called " + who));
    }

    public Optional<Contacts> find(String handle) {
        return db.read(dsl -> contacts.find(dsl, handle));
    }

    public List<Contacts> all() {
        return db.read(dsl -> contacts.all(dsl, 1000));
    }

    /** One line: how a person is reached, secrets left out. */
    public static String describe(Contacts c) {
        List<String> ways = new ArrayList<>();
        if (c.slackUserId() != null) {
            ways.add("slack " + c.slackUserId());
        }
        if (c.email() != null) {
            ways.add("email " + c.email() + (c.slackUserId() == null ? " (Slack user looked up by it when paged)" : ""));
        }
        if (c.webhookUrl() != null) {
            ways.add("webhook " + c.webhookUrl() + (c.webhookSecret() != null ? " (signed)" : ""));
        }
        return c.handle() + ": " + (ways.isEmpty() ? "cannot be reached (no Slack user, e-mail or webhook)"
                : String.join(", ", ways));
    }

    private static String handle(String s, String field) {
        String h = s == null ? "" : s.strip();
        if (h.startsWith("@")) {
            h = h.substring(1);
        }
        if (!HANDLE.matcher(h).matches()) {
            throw new BadInputException(field, "must be a handle of 1 to 100 characters");
        }
        return h;
    }

    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        String v = s.strip();
        return v.equalsIgnoreCase("none") ? "" : v;
    }
}
