package dev.watchkeeper.knowledge;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.triage.ActionRow;
import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.db.ingest.AlertStore;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.knowledge.NoteRow;
import dev.watchkeeper.db.knowledge.NoteStore;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.triage.TriageStore;
import dev.watchkeeper.triage.Item;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tribal knowledge: notes about alerts, captured from {@code /note}, from the note on any action and from
 * replies in an alert's thread; near-duplicates merge (see {@link NoteSimilarity}).
 */
@Singleton
public class KnowledgeService {

    /** A note written on an action is kept as knowledge only when it says this much (so "looking" is not). */
    public static final int MIN_WORDS_FROM_ACTIONS = 3;
    public static final int LONGEST_NOTE = 4_000;
    static final Pattern ITEM = Pattern.compile("#?(\\d{1,9})");
    static final Pattern ALERTNAME = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:.\\-]*");

    /** @param merged true when the text joined an existing, similar note instead of making a new one */
    public record NoteResult(NoteRow note, boolean merged) {
    }

    private final Database db;
    private final NoteStore notes;
    private final TriageStore triage;
    private final AlertStore alerts;
    private final PersonStore people;
    private final Clock clock;

    public KnowledgeService(Database db, NoteStore notes, TriageStore triage, AlertStore alerts, PersonStore people,
                            Clock clock) {
        this.db = db;
        this.notes = notes;
        this.triage = triage;
        this.alerts = alerts;
        this.people = people;
        this.clock = clock;
    }

    /**
     * A note typed by a person ({@code /note}, CLI, HTTP).
     *
     * @param target an alert name, or an item id ("42" or "#42") to bind the note to that item's alert and group
     */
    public NoteResult addNote(String target, String text, String author, String source) {
        List<FieldError> errors = new ArrayList<>();
        if (target == null || target.isBlank()) {
            errors.add(new FieldError("target", "is required: an alert name or an item id"));
        } else if (target.strip().matches("#?\\d{10,}")) {
            errors.add(new FieldError("target", "is not an item id: too large, was '" + dev.watchkeeper.core.Bounds.cut(
                    target.strip(), 30) + "'"));
        } else if (!ITEM.matcher(target.strip()).matches() && !ALERTNAME.matcher(target.strip()).matches()) {
            errors.add(new FieldError("target", "must be an alert name (letters, digits, _ : . -) or an item id; was '"
                    + target + "'"));
        }
        if (text == null || text.isBlank()) {
            errors.add(new FieldError("text", "is required: what to remember about this alert"));
        } else if (text.length() > LONGEST_NOTE) {
            errors.add(new FieldError("text", "must be at most " + LONGEST_NOTE + " characters, was " + text.length()));
        }
        if (author == null || author.isBlank()) {
            errors.add(new FieldError("by", "is required: who wrote the note"));
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        String t = target.strip();
        Instant now = clock.instant();
        var itemMatch = ITEM.matcher(t);
        if (itemMatch.matches()) {
            int itemId = Integer.parseInt(itemMatch.group(1));
            return db.write(tx -> {
                Item item = triage.find(tx, itemId).map(Item::of).orElseThrow(() -> new NotFoundException("item " + itemId + " does not exist"));
                String alertname = mainAlertname(tx, itemId).orElseThrow(() -> new BadInputException("target",
                        "item " + itemId + " has no alerts, so there is no alert name to bind the note to; name the alert instead"));
                return capture(tx, alertname, item.groupKey(), text.strip(), author, itemId, null, source, now);
            });
        }
        return db.write(tx -> capture(tx, t, null, text.strip(), author, null, null, source, now));
    }

    /**
     * A reply in an alert message's thread, in a channel that opted in. Slack calls this.
     *
     * @return empty when the reply is too short to be knowledge or the item has no alert
     */
    public Optional<NoteResult> captureThreadReply(int itemId, String author, String text, Instant at) {
        if (text == null || NoteSimilarity.words(text).size() < MIN_WORDS_FROM_ACTIONS) {
            return Optional.empty();
        }
        return db.write(tx -> {
            Optional<Item> item = triage.find(tx, itemId).map(Item::of);
            Optional<String> alertname = mainAlertname(tx, itemId);
            if (item.isEmpty() || alertname.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(capture(tx, alertname.get(), item.get().groupKey(), text.strip(), author, itemId, null,
                    "thread", at));
        });
    }

    /**
     * Keeps the note of an action as knowledge, once per action. Notes shorter than
     * {@link #MIN_WORDS_FROM_ACTIONS} words, and items without alerts, are passed over.
     */
    public Optional<NoteResult> captureAction(ActionRow action) {
        if (action.note() == null || action.note().isBlank()) {
            return Optional.empty();
        }
        return db.write(tx -> {
            if (notes.actionCaptured(tx, action.id())) {
                return Optional.empty();
            }
            Optional<Item> item = triage.find(tx, action.itemId()).map(Item::of);
            Optional<String> alertname = mainAlertname(tx, action.itemId());
            if (item.isEmpty() || alertname.isEmpty() || item.get().manual()
                    || NoteSimilarity.words(action.note()).size() < MIN_WORDS_FROM_ACTIONS) {
                return Optional.empty();
            }
            return Optional.of(capture(tx, alertname.get(), item.get().groupKey(), action.note().strip(),
                    action.actor(), action.itemId(), action.id(), "action", action.at()));
        });
    }

    /** Captures the notes of every action not looked at yet (e.g. after a history import). Returns how many became knowledge. */
    public int captureFromActions() {
        int captured = 0;
        for (int itemId : db.read(notes::itemsWithUncapturedNotes)) {
            captured += captureItemActions(itemId);
        }
        return captured;
    }

    /** Captures the notes of an item's actions not looked at yet (called after each action). */
    public int captureItemActions(int itemId) {
        int captured = 0;
        for (ActionRow a : db.read(dsl -> triage.actions(dsl, itemId))) {
            if (a.note() != null && !a.note().isBlank() && captureAction(a).isPresent()) {
                captured++;
            }
        }
        return captured;
    }

    public List<NoteRow> notesFor(Collection<String> alertnames) {
        if (alertnames.isEmpty()) {
            return List.of();
        }
        return db.read(dsl -> notes.forAlertnames(dsl, alertnames));
    }

    public List<NoteRow> all() {
        return db.read(notes::all);
    }

    /** The most notes one page of a list holds. */
    public static final int LONGEST_PAGE = 500;

    /** Notes by alert name, {@code limit} (1 to {@link #LONGEST_PAGE}) from {@code offset}. */
    public List<NoteRow> page(int limit, int offset) {
        List<FieldError> errors = new ArrayList<>();
        if (limit < 1 || limit > LONGEST_PAGE) {
            errors.add(new FieldError("limit", "must be between 1 and " + LONGEST_PAGE + ", was " + limit));
        }
        if (offset < 0) {
            errors.add(new FieldError("offset", "must be 0 or more, was " + offset));
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        return db.read(dsl -> notes.page(dsl, limit, offset));
    }

    private NoteResult capture(DSLContext tx, String alertname, String groupKey, String text, String author,
                               Integer itemId, Integer actionId, String source, Instant at) {
        int authorId = people.idForHandle(tx, author, at);
        Optional<NoteRow> similar = notes.forAlertnames(tx, List.of(alertname)).stream()
                .filter(n -> NoteSimilarity.same(n.text(), text))
                .findFirst();
        int noteId;
        if (similar.isPresent()) {
            noteId = similar.get().id();
            notes.seenAgain(tx, noteId, at);
        } else {
            noteId = notes.insert(tx, alertname, groupKey, text, authorId, itemId, at);
        }
        notes.addSource(tx, noteId, source, authorId, itemId, actionId, text, at);
        return new NoteResult(notes.find(tx, noteId).orElseThrow(), similar.isPresent());
    }

    /** The alert name of an item: the one most of its alerts carry (the earliest seen on a tie). */
    private Optional<String> mainAlertname(DSLContext dsl, int itemId) {
        List<AlertRow> members = alerts.forItem(dsl, itemId);
        Map<String, Long> counts = members.stream().collect(Collectors.groupingBy(AlertRow::alertname, Collectors.counting()));
        return members.stream()
                .sorted(Comparator.comparing(AlertRow::firstSeenAt))
                .map(AlertRow::alertname)
                .max(Comparator.comparing((Function<String, Long>) counts::get));
    }
}
