package dev.watchkeeper.review;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.review.ReviewStore;
import dev.watchkeeper.knowledge.KnowledgeService;
import dev.watchkeeper.knowledge.PlaybookDrafter;
import dev.watchkeeper.playbook.PlaybookService;
import dev.watchkeeper.triage.ActionKind;
import dev.watchkeeper.triage.ActionRequest;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.TagService;
import dev.watchkeeper.triage.TriageService;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The decisions the review offers in one click. Each becomes an action (or an alert-name decision) with who,
 * when and surface; the caller says who, from its credential (the Slack user) or its single configured operator
 * (the web page), never from a form field.
 */
@Singleton
public class ReviewDecisions {

    public static final List<String> KINDS = List.of("close", "close-stale", "assign", "snooze", "tag", "known-noise",
            "keep-paging");
    static final Pattern ALERTNAME = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:.\\-]{0,199}");
    static final Map<String, Duration> SNOOZES = Map.of("1d", Duration.ofDays(1), "1w", Duration.ofDays(7),
            "2w", Duration.ofDays(14));
    static final int MAX_CLOSE = 500;

    /** One decision as a surface received it. Fields not needed by {@code kind} are ignored. */
    public record Request(String kind, Integer item, String week, String assignee, String until, String tag,
                          String alertname) {
    }

    private final Database db;
    private final ReviewStore store;
    private final PersonStore people;
    private final TriageService triage;
    private final TagService tags;
    private final KnowledgeService knowledge;
    private final PlaybookDrafter drafter;
    private final PlaybookService playbooks;
    private final ReviewService reviews;
    private final KeepPagingGuardrail keepPaging;
    private final Clock clock;

    public ReviewDecisions(Database db, ReviewStore store, PersonStore people, TriageService triage, TagService tags,
                           KnowledgeService knowledge, PlaybookDrafter drafter, PlaybookService playbooks,
                           ReviewService reviews, KeepPagingGuardrail keepPaging, Clock clock) {
        this.keepPaging = keepPaging;
        this.db = db;
        this.store = store;
        this.people = people;
        this.triage = triage;
        this.tags = tags;
        this.knowledge = knowledge;
        this.drafter = drafter;
        this.playbooks = playbooks;
        this.reviews = reviews;
        this.clock = clock;
    }

    /** Carries out a decision for {@code actor} through {@code surface}; returns what was done, in a sentence. */
    public String decide(Request r, String actor, String surface) {
        if (r.kind() == null || !KINDS.contains(r.kind())) {
            throw new BadInputException("decision", "must be one of " + KINDS + "; was "
                    + (r.kind() == null ? "missing" : "'" + r.kind() + "'"));
        }
        return switch (r.kind()) {
            case "close" -> {
                Item after = triage.act(item(r), new ActionRequest(ActionKind.CLOSE, actor, surface,
                        "closed in the weekly review", null, null));
                yield "Closed #" + after.id() + " " + after.title() + ".";
            }
            case "close-stale" -> closeStale(reviews.week(r.week()), actor, surface);
            case "assign" -> {
                if (r.assignee() == null || !r.assignee().strip().matches("@?[A-Za-z0-9._-]{1,64}")) {
                    throw new BadInputException("assignee", "must be a handle such as alice; was '" + r.assignee() + "'");
                }
                String who = r.assignee().strip().replaceFirst("^@", "");
                Item after = triage.act(item(r), new ActionRequest(ActionKind.ASSIGN, actor, surface, null, null, who));
                yield "Assigned #" + after.id() + " to " + who + ".";
            }
            case "snooze" -> {
                Duration d = SNOOZES.get(r.until() == null ? "" : r.until().strip());
                if (d == null) {
                    throw new BadInputException("until", "must be one of 1d, 1w, 2w; was '" + r.until() + "'");
                }
                Instant until = clock.instant().plus(d);
                Item after = triage.act(item(r), new ActionRequest(ActionKind.SNOOZE, actor, surface, null, until, null));
                yield "Snoozed #" + after.id() + " for " + r.until().strip() + ".";
            }
            case "tag" -> {
                int id = item(r);
                List<String> now = tags.tag(id, r.tag(), actor, surface);
                yield "Tagged #" + id + " " + TagService.normalise(r.tag()) + " (tags: " + String.join(", ", now) + ").";
            }
            case "known-noise" -> knownNoise(alertname(r), actor, surface);
            case "keep-paging" -> {
                String name = alertname(r);
                Instant now = clock.instant();
                db.writeVoid(tx -> store.insertDecision(tx, name, "keep_paging", people.idForHandle(tx, actor, now),
                        surface, now, null));
                keepPaging.refresh();
                yield "Kept paging " + name + " despite its score.";
            }
            default -> throw new IllegalStateException(r.kind());
        };
    }

    /** Closes the items that count as stale in this week's review. */
    String closeStale(Week week, String actor, String surface) {
        Review review = reviews.review(week);
        List<Integer> closed = new ArrayList<>();
        for (int id : review.health().staleItems().stream().limit(MAX_CLOSE).toList()) {
            Item item = triage.item(id).item();
            if (item.isClosed()) {
                continue;
            }
            triage.act(id, new ActionRequest(ActionKind.CLOSE, actor, surface, "closed as stale in the weekly review of "
                    + week.id(), null, null));
            closed.add(id);
        }
        return closed.isEmpty() ? "No stale items to close." : "Closed " + closed.size() + " stale item"
                + (closed.size() == 1 ? "" : "s") + ".";
    }

    /**
     * Records the decision, keeps it as a note on the alert name, and writes the playbook draft the notes call for
     * into the playbooks folder (the change is reviewed in git, as {@code knowledge draft-playbooks --write} does).
     */
    String knownNoise(String alertname, String actor, String surface) {
        Review review = reviews.review(reviews.week(null));
        String record = review.noisiest().stream().filter(n -> n.alertname().equals(alertname)).findFirst()
                .map(n -> "acted on " + n.acted() + " of " + n.fired() + " times in the last days reviewed")
                .orElse("decided in the weekly review");
        Instant now = clock.instant();
        db.writeVoid(tx -> store.insertDecision(tx, alertname, "known_noise", people.idForHandle(tx, actor, now),
                surface, now, record));
        keepPaging.refresh();
        knowledge.addNote(alertname, "Known noise, decided in the weekly review of " + review.week() + " ("
                + record + "). Candidate for a known_noise rule or retirement.", actor, "command");
        List<PlaybookDrafter.Change> changes = drafter.draft(playbooks.dir(), knowledge.all()).stream()
                .filter(c -> c.alertnames().contains(alertname)).toList();
        for (PlaybookDrafter.Change c : changes) {
            drafter.write(c);
        }
        return "Marked " + alertname + " as known noise" + (changes.isEmpty() ? "."
                : "; playbook draft written to " + changes.getFirst().path().getFileName() + " for review in git.");
    }

    private static int item(Request r) {
        if (r.item() == null || r.item() < 1) {
            throw new BadInputException(List.of(new FieldError("item", "is required: the item number")));
        }
        return r.item();
    }

    private static String alertname(Request r) {
        String n = r.alertname() == null ? "" : r.alertname().strip();
        if (!ALERTNAME.matcher(n).matches()) {
            throw new BadInputException("alertname", n.isEmpty() ? "is required" : "must be an alert name; was '" + n + "'");
        }
        return n;
    }
}
