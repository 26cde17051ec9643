package dev.watchkeeper.triage;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.triage.ItemRow;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.triage.TagStore;
import dev.watchkeeper.db.triage.TriageStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tags on items, so a team can prioritise the queue and collect the examples of a failure. Each tag and untag
 * is also an action on the item (kind {@code tag} or {@code untag}, the tag as its note), with who, when and surface.
 */
@Singleton
public class TagService {

    /** Lower-case letters, digits and {@code . _ : -}, up to 40 characters, starting with a letter or digit. */
    public static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._:-]{0,39}");
    /** No item carries more tags than this. */
    public static final int MAX_TAGS_PER_ITEM = 20;

    private final Database db;
    private final TriageStore triage;
    private final TagStore tags;
    private final PersonStore people;
    private final Clock clock;

    public TagService(Database db, TriageStore triage, TagStore tags, PersonStore people, Clock clock) {
        this.db = db;
        this.triage = triage;
        this.tags = tags;
        this.people = people;
        this.clock = clock;
    }

    /** The tag as stored (lower case), or a {@link BadInputException} naming the field. */
    public static String normalise(String tag) {
        String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("#")) {
            t = t.substring(1);
        }
        if (!TAG.matcher(t).matches()) {
            throw new BadInputException("tag", t.isEmpty() ? "is required, e.g. customer-x"
                    : "must be 1 to 40 letters, digits or . _ : - (starting with a letter or digit); was '" + tag + "'");
        }
        return t;
    }

    /** Tags the item; returns its tags afterwards. Tagging twice with one tag records one action. */
    public List<String> tag(int itemId, String tag, String actor, String surface) {
        return change(itemId, tag, actor, surface, true);
    }

    public List<String> untag(int itemId, String tag, String actor, String surface) {
        return change(itemId, tag, actor, surface, false);
    }

    private List<String> change(int itemId, String rawTag, String actor, String surface, boolean add) {
        List<FieldError> errors = new ArrayList<>();
        String tag = null;
        try {
            tag = normalise(rawTag);
        } catch (BadInputException e) {
            errors.addAll(e.errors());
        }
        if (actor == null || actor.isBlank()) {
            errors.add(new FieldError("by", "is required: who is tagging"));
        }
        if (surface == null || !TriageService.SURFACES.contains(surface)) {
            errors.add(new FieldError("surface", "must be one of " + TriageService.SURFACES));
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        String t = tag;
        Instant now = clock.instant();
        return db.write(tx -> {
            ItemRow item = triage.find(tx, itemId)
                    .orElseThrow(() -> new NotFoundException("item " + itemId + " does not exist"));
            int personId = people.idForHandle(tx, actor, now);
            List<String> before = tags.tagsOf(tx, List.of(item.id())).getOrDefault(item.id(), List.of());
            boolean changed;
            if (add) {
                if (!before.contains(t) && before.size() >= MAX_TAGS_PER_ITEM) {
                    throw new BadInputException("tag", "item " + itemId + " already has " + MAX_TAGS_PER_ITEM
                            + " tags; remove one first");
                }
                changed = tags.add(tx, itemId, t, personId, surface, now);
            } else {
                changed = tags.remove(tx, itemId, t);
            }
            if (changed) {
                triage.recordAction(tx, itemId, (add ? ActionKind.TAG : ActionKind.UNTAG).wire(), personId, surface, now, t, null, null);
            }
            return tags.tagsOf(tx, List.of(itemId)).getOrDefault(itemId, List.of());
        });
    }

    public Map<Integer, List<String>> tagsOf(Collection<Integer> itemIds) {
        return itemIds.isEmpty() ? Map.of() : db.read(dsl -> tags.tagsOf(dsl, itemIds));
    }

    /** Items carrying the tag, newest first, at most {@code limit} (1 to 10,000). */
    public List<Item> itemsTagged(String tag, int limit) {
        String t = normalise(tag);
        if (limit < 1 || limit > 10_000) {
            throw new BadInputException("limit", "must be between 1 and 10000, was " + limit);
        }
        return db.read(dsl -> tags.itemsTagged(dsl, t, limit)).stream().map(Item::of).toList();
    }

    /** Every tag in use, with how many items carry it. */
    public Map<String, Integer> counts() {
        return db.read(tags::counts);
    }
}
