package dev.watchkeeper.report;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.report.RecordStore;
import dev.watchkeeper.db.report.ReportRow;
import dev.watchkeeper.db.report.ReportStore;
import dev.watchkeeper.db.triage.TriageStore;
import dev.watchkeeper.db.report.WindowOccurrence;
import dev.watchkeeper.triage.Item;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shift and incident reports: drafted from the record, edited by a person, published. A published report
 * does not change. Every surface (Slack, HTTP, CLI) goes through here.
 */
@Singleton
public class ReportService {

    public static final Set<String> KINDS = Set.of("shift", "incident");
    public static final Set<String> STATES = Set.of("draft", "published");
    static final Duration LONGEST_WINDOW = Duration.ofDays(92);
    static final int LONGEST_TEXT = 100_000;
    /** The most reports one page of a list holds. */
    public static final int LONGEST_PAGE = 100;

    private static final Logger LOG = LoggerFactory.getLogger(ReportService.class);

    private final Database db;
    private final ReportStore reports;
    private final RecordStore record;
    private final TriageStore triage;
    private final ShiftReportBuilder shiftBuilder;
    private final IncidentReportBuilder incidentBuilder;
    private final ReportPublisher publisher;
    private final ShiftWindows windows;
    private final Words words;
    private final Clock clock;

    public ReportService(Database db, ReportStore reports, RecordStore record, TriageStore triage,
                         ShiftReportBuilder shiftBuilder, IncidentReportBuilder incidentBuilder,
                         ReportPublisher publisher, ShiftWindows windows, ReportConfig config, Clock clock) {
        this.db = db;
        this.reports = reports;
        this.record = record;
        this.triage = triage;
        this.shiftBuilder = shiftBuilder;
        this.incidentBuilder = incidentBuilder;
        this.publisher = publisher;
        this.windows = windows;
        this.words = new Words(ZoneId.of(config.zone()));
        this.clock = clock;
    }

    /** The shift that just ended for {@code rotation} (the last seven days without rotations). */
    public ShiftWindow lastShift(String rotation, String requestedBy) {
        return windows.lastShift(rotation, requestedBy, clock.instant());
    }

    /** Builds the shift report without storing it. */
    public String renderShift(ShiftWindow window) {
        validate(window);
        return new ShiftReportMarkdown(words).render(shiftBuilder.build(window));
    }

    /** Drafts a shift report, stores it and sends the draft to the primary (or whoever asked). */
    public ReportRow draftShift(ShiftWindow window, String by) {
        validate(window);
        requireActor(by);
        ShiftReportMarkdown md = new ShiftReportMarkdown(words);
        String body = capped(md.render(shiftBuilder.build(window)));
        Instant now = clock.instant();
        ReportRow draft = db.write(tx -> reports.find(tx, reports.insert(tx, "shift", window.rotation(), null,
                window.start(), window.end(), window.primary(), window.shadows(), md.title(window), body, by, now))
                .orElseThrow());
        send(draft);
        return draft;
    }

    /** Drafts a post-incident report for one item. */
    public ReportRow draftIncident(int itemId, String by) {
        requireActor(by);
        IncidentReport facts = incidentBuilder.build(itemId);
        IncidentReportMarkdown md = new IncidentReportMarkdown(words);
        String body = capped(md.render(facts));
        Instant now = clock.instant();
        Instant end = facts.end() != null ? facts.end() : now;
        Item item = facts.item();
        ReportRow draft = db.write(tx -> reports.find(tx, reports.insert(tx, "incident", null, item.id(),
                facts.start(), end.isBefore(facts.start()) ? facts.start() : end, item.assignee(), List.of(),
                md.title(item), body, by, now)).orElseThrow());
        send(draft);
        return draft;
    }

    /** Replaces the text of a draft with what a person wrote. */
    public ReportRow edit(int id, String text, String by) {
        List<FieldError> errors = new ArrayList<>();
        if (text == null || text.isBlank()) {
            errors.add(new FieldError("text", "is required: the report's new Markdown"));
        } else if (text.length() > LONGEST_TEXT) {
            errors.add(new FieldError("text", "must be at most " + LONGEST_TEXT + " characters, was " + text.length()));
        }
        if (by == null || by.isBlank()) {
            errors.add(new FieldError("by", "is required: who is editing"));
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        Instant now = clock.instant();
        return db.write(tx -> {
            ReportRow r = reports.find(tx, id).orElseThrow(() -> notFound(id));
            requireDraft(r);
            reports.edit(tx, id, text.endsWith("\n") ? text : text + "\n", by, now);
            return reports.find(tx, id).orElseThrow();
        });
    }

    /** Publishes a draft: it is final from now on, and goes to the rotation's channel. */
    public ReportRow publish(int id, String by) {
        requireActor(by);
        Instant now = clock.instant();
        ReportRow published = db.write(tx -> {
            ReportRow r = reports.find(tx, id).orElseThrow(() -> notFound(id));
            requireDraft(r);
            reports.publish(tx, id, by, now);
            return reports.find(tx, id).orElseThrow();
        });
        publisher.publish(published, () -> chart(published.id()));
        return published;
    }

    public ReportRow get(int id) {
        return db.read(dsl -> reports.find(dsl, id)).orElseThrow(() -> notFound(id));
    }

    /** The shift report already drafted for exactly this rotation and window. */
    public java.util.Optional<ReportRow> shiftReport(String rotation, Instant start, Instant end) {
        return db.read(dsl -> reports.findShift(dsl, rotation, start, end));
    }

    public List<ReportRow> list(String kind, String state, int limit) {
        return list(kind, state, limit, 0);
    }

    /** Newest first, {@code limit} (at most {@link #LONGEST_PAGE}) from {@code offset}. */
    public List<ReportRow> list(String kind, String state, int limit, int offset) {
        List<FieldError> errors = new ArrayList<>();
        if (kind != null && !KINDS.contains(kind)) {
            errors.add(new FieldError("kind", "must be shift or incident, was '" + kind + "'"));
        }
        if (state != null && !STATES.contains(state)) {
            errors.add(new FieldError("state", "must be draft or published, was '" + state + "'"));
        }
        if (limit < 1 || limit > LONGEST_PAGE) {
            errors.add(new FieldError("limit", "must be between 1 and " + LONGEST_PAGE + ", was " + limit));
        }
        if (offset < 0) {
            errors.add(new FieldError("offset", "must be 0 or more, was " + offset));
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        return db.read(dsl -> reports.list(dsl, kind, state, limit, offset));
    }

    /** Alerts per hour or day over the report's window, paged vs quiet, as a PNG. */
    public byte[] chart(int id) {
        ReportRow r = get(id);
        return db.read(dsl -> {
            List<WindowOccurrence> occurrences = record.occurrencesBetween(dsl, r.windowStart(),
                    r.windowEnd().equals(r.windowStart()) ? r.windowEnd().plusMillis(1) : r.windowEnd());
            if (r.itemId() != null) {
                occurrences = occurrences.stream().filter(o -> o.itemId() == r.itemId()).toList();
            }
            Map<Integer, Item> items = new HashMap<>();
            for (WindowOccurrence o : occurrences) {
                items.computeIfAbsent(o.itemId(), itemId -> triage.find(dsl, itemId).map(Item::of).orElse(null));
            }
            return ReportChart.png("Alerts per " + (Duration.between(r.windowStart(), r.windowEnd())
                            .compareTo(Duration.ofDays(2)) <= 0 ? "hour" : "day") + ", paged vs quiet",
                    r.windowStart(), r.windowEnd(), occurrences, items, words.zone());
        });
    }

    /** A drafted report of at most {@link #LONGEST_TEXT} characters, saying so when it was cut. */
    static String capped(String body) {
        if (body.length() <= LONGEST_TEXT) {
            return body;
        }
        String end = "\n\n… (cut: a report keeps at most " + LONGEST_TEXT + " characters)\n";
        return dev.watchkeeper.core.Bounds.cut(body, LONGEST_TEXT - end.length()) + end;
    }

    private void send(ReportRow draft) {
        try {
            publisher.sendDraft(draft);
        } catch (RuntimeException e) {
            // The draft is stored; it can be read and published from HTTP or the CLI.
            LOG.error("could not send the draft of report {}", draft.id(), e);
        }
    }

    private static void validate(ShiftWindow w) {
        List<FieldError> errors = new ArrayList<>();
        if (w.start() == null) {
            errors.add(new FieldError("from", "is required"));
        }
        if (w.end() == null) {
            errors.add(new FieldError("to", "is required"));
        }
        if (w.start() != null && w.end() != null) {
            if (!w.start().isBefore(w.end())) {
                errors.add(new FieldError("to", "must be after from"));
            } else if (Duration.between(w.start(), w.end()).compareTo(LONGEST_WINDOW) > 0) {
                errors.add(new FieldError("to", "a shift report covers at most " + LONGEST_WINDOW.toDays() + " days"));
            }
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
    }

    private static void requireActor(String by) {
        if (by == null || by.isBlank()) {
            throw new BadInputException("by", "is required: who is asking");
        }
    }

    private static void requireDraft(ReportRow r) {
        if (r.published()) {
            throw new BadInputException("state", "report " + r.id() + " was published by " + r.publishedBy()
                    + "; a published report does not change");
        }
    }

    private static NotFoundException notFound(int id) {
        return new NotFoundException("report " + id + " does not exist");
    }
}
