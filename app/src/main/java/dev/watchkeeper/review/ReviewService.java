package dev.watchkeeper.review;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.triage.QueueFilter;
import dev.watchkeeper.db.report.RecordStore;
import dev.watchkeeper.db.triage.TriageStore;
import dev.watchkeeper.db.report.WindowOccurrence;
import dev.watchkeeper.db.review.ReviewStore;
import dev.watchkeeper.knowledge.KnowledgeService;
import dev.watchkeeper.knowledge.PlaybookDrafter;
import dev.watchkeeper.playbook.Playbook;
import dev.watchkeeper.playbook.PlaybookService;
import dev.watchkeeper.report.ReportChart;
import dev.watchkeeper.rotation.Readiness;
import dev.watchkeeper.rotation.RotationService;
import dev.watchkeeper.rotation.RotationView;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.StaleRule;
import dev.watchkeeper.triage.TagService;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes the weekly review from the record: reads the week's items, occurrences, actions and decisions in one
 * read, works out the queue's health, and puts the review together with the figures per alert name
 * ({@link AlertNameFigures}) and the label clusters ({@link LabelClusters}).
 */
@Singleton
public class ReviewService {

    static final int MAX_CLUSTERS = 10;
    static final int MAX_LISTED = 50;

    private final Database db;
    private final ReviewStore store;
    private final RecordStore record;
    private final TriageStore triage;
    private final TagService tags;
    private final PagingFigures paging;
    private final PlaybookService playbooks;
    private final KnowledgeService knowledge;
    private final PlaybookDrafter drafter;
    private final RotationService rotations;
    private final StaleRule staleRule;
    private final ReviewConfig config;
    private final Clock clock;
    /** Labels items are grouped by: every item of a service shares them, so they say nothing systematic. */
    private final Set<String> groupingLabels;

    public ReviewService(Database db, ReviewStore store, RecordStore record, TriageStore triage, TagService tags,
                         PagingFigures paging, PlaybookService playbooks, KnowledgeService knowledge,
                         PlaybookDrafter drafter, RotationService rotations, StaleRule staleRule, ReviewConfig config,
                         Clock clock,
                         @io.micronaut.context.annotation.Value("${watchkeeper.grouping.labels:alertname,service}") String grouping) {
        this.groupingLabels = Set.of(grouping.split("\\s*,\\s*"));
        this.db = db;
        this.store = store;
        this.record = record;
        this.triage = triage;
        this.tags = tags;
        this.paging = paging;
        this.playbooks = playbooks;
        this.knowledge = knowledge;
        this.drafter = drafter;
        this.rotations = rotations;
        this.staleRule = staleRule;
        this.config = config;
        this.clock = clock;
    }

    Database db() {
        return db;
    }

    public ZoneId zone() {
        return ZoneId.of(config.zone());
    }

    public Instant now() {
        return clock.instant();
    }

    /** The week a surface asked for ({@code null}: the last complete week). */
    public Week week(String text) {
        return Week.parse(text, clock.instant(), zone());
    }

    public Review review(Week week) {
        Instant start = week.start();
        Instant end = week.end();
        int k = Math.max(1, Math.min(12, config.weeksCompared()));
        Instant compareFrom = week.minus(k).start();
        Instant rateFrom = end.minus(Duration.ofDays(config.rateDays()));
        Instant from = compareFrom.isBefore(rateFrom) ? compareFrom : rateFrom;
        Instant now = clock.instant();

        Data d = db.read(dsl -> new Data(
                store.itemsAlive(dsl, from, end).stream().map(Item::of).toList(),
                store.lastActionBefore(dsl, end),
                store.lastActionBefore(dsl, start),
                store.firstActionIn(dsl, List.of("ack"), Instant.EPOCH, end),
                store.occurrences(dsl, from, end),
                store.actedBefore(dsl, from, now.isAfter(end) ? now : end),
                store.notesAdded(dsl, start, end, MAX_LISTED),
                store.decisionsIn(dsl, start, end, MAX_LISTED),
                store.decisionsInForce(dsl),
                store.actionsIn(dsl, List.of("close", "tag", "untag", "assign", "snooze"), start, end, MAX_LISTED),
                triage.queue(dsl, QueueFilter.active(now, Math.max(1, Math.min(100, config.discuss())))).stream()
                        .map(Item::of).toList()));

        Review.Health health = health(d.items, d.lastActionAtEnd, d.acked, start, end);
        Review.Health previous = health(d.items, d.lastActionAtStart, d.acked, week.minus(1).start(), start);

        Map<Integer, List<String>> tagsOf = tags.tagsOf(d.queue.stream().map(Item::id).toList());
        List<Review.DiscussItem> discuss = d.queue.stream().map(i -> new Review.DiscussItem(i.id(), i.title(),
                i.severity().wire(), i.state().wire(), i.score(), i.lane() == null ? null : i.lane().wire(), i.assignee(), Week.days(i.createdAt(), now),
                tagsOf.getOrDefault(i.id(), List.of()))).toList();

        List<ReviewStore.LabelledOccurrence> inWeek = d.occurrences.stream()
                .filter(o -> !o.startsAt().isBefore(start)).toList();
        List<Review.NoisyName> noisiest = AlertNameFigures.noisiest(d.occurrences, d.acted, d.inForce, inWeek, start,
                rateFrom, compareFrom, k, config);
        List<Review.RisingName> rising = AlertNameFigures.rising(d.occurrences, d.acted, inWeek, start, compareFrom);
        List<Review.Cluster> clusters = LabelClusters.of(inWeek, groupingLabels, config.clusterMinItems());

        List<Review.Decision> decided = new ArrayList<>();
        for (ReviewStore.NameDecision n : d.decisions) {
            decided.add(new Review.Decision(n.at(), n.actor(), n.surface(), ("known_noise".equals(n.kind())
                    ? "marked " + n.alertname() + " as known noise" : "kept paging " + n.alertname())
                    + (n.note() == null ? "" : " (" + n.note() + ")")));
        }
        for (ReviewStore.WindowAction a : d.actions) {
            decided.add(new Review.Decision(a.at(), a.actor(), a.surface(), describe(a)));
        }
        decided.sort(Comparator.comparing(Review.Decision::at));

        List<Review.NoteAdded> notes = d.notes.stream()
                .map(n -> new Review.NoteAdded(n.alertname(), n.text(), n.author(), n.at())).toList();

        return new Review(week.id(), week.label(), start, end, week.zone().getId(), now, health, previous, discuss,
                noisiest, rising, clusters, paging.of(week), sloBreaches(inWeek), notes, draftsWaiting(),
                shadows(), decided, new Review.StaleInfo(staleRule.describe(), staleRule.due().size()));
    }

    /** The chart of the week: alerts per day, paged vs quiet (PNG). */
    public byte[] chart(Week week) {
        return db.read(dsl -> {
            List<WindowOccurrence> occ = record.occurrencesBetween(dsl, week.start(), week.end());
            Map<Integer, Item> items = new HashMap<>();
            for (Item i : record.itemsTouched(dsl, week.start(), week.end()).stream().map(Item::of).toList()) {
                items.put(i.id(), i);
            }
            return ReportChart.png("Alerts in " + week.id() + ", paged vs quiet", week.start(), week.end(), occ, items,
                    week.zone());
        });
    }

    private record Data(List<Item> items, Map<Integer, Instant> lastActionAtEnd,
                        Map<Integer, Instant> lastActionAtStart, Map<Integer, Instant> acked,
                        List<ReviewStore.LabelledOccurrence> occurrences, Set<Integer> acted,
                        List<ReviewStore.NoteAdded> notes, List<ReviewStore.NameDecision> decisions,
                        Map<String, ReviewStore.NameDecision> inForce, List<ReviewStore.WindowAction> actions,
                        List<Item> queue) {
    }

    Review.Health health(List<Item> items, Map<Integer, Instant> lastAction, Map<Integer, Instant> acked,
                         Instant start, Instant end) {
        int open = 0;
        int created = 0;
        int closed = 0;
        int ackOpen = 0;
        List<Integer> stale = new ArrayList<>();
        Item oldest = null;
        Instant staleBefore = end.minus(config.staleAfter());
        for (Item i : items) {
            boolean existed = i.createdAt().isBefore(end);
            if (!existed) {
                continue;
            }
            if (!i.createdAt().isBefore(start)) {
                created++;
            }
            if (i.closedAt() != null && !i.closedAt().isBefore(start) && i.closedAt().isBefore(end)) {
                closed++;
            }
            boolean openAtEnd = i.closedAt() == null || !i.closedAt().isBefore(end);
            if (!openAtEnd) {
                continue;
            }
            open++;
            Instant ack = acked.get(i.id());
            if (ack != null && ack.isBefore(end)) {
                ackOpen++;
            }
            Instant touched = lastAction.getOrDefault(i.id(), i.createdAt());
            if (touched.isBefore(i.createdAt())) {
                touched = i.createdAt();
            }
            if (!touched.isAfter(staleBefore)) {
                stale.add(i.id());
            }
            if (oldest == null || i.createdAt().isBefore(oldest.createdAt())) {
                oldest = i;
            }
        }
        return new Review.Health(open, created, closed, ackOpen, stale.size(), oldest == null ? null : oldest.id(),
                oldest == null ? null : oldest.title(), oldest == null ? 0 : Week.days(oldest.createdAt(), end),
                stale.stream().limit(200).toList());
    }

    private List<Review.SloBreach> sloBreaches(List<ReviewStore.LabelledOccurrence> inWeek) {
        Map<String, Integer> count = new TreeMap<>();
        Map<String, Playbook> byName = new HashMap<>();
        Map<String, java.util.Optional<Playbook>> cache = new HashMap<>();
        for (ReviewStore.LabelledOccurrence o : inWeek) {
            java.util.Optional<Playbook> p = cache.computeIfAbsent(o.alertname() + "\u0000" + o.labelsJson(),
                    x -> playbooks.match(o.alertname(), LabelClusters.labels(o.labelsJson())).map(m -> m.playbook()));
            if (p.isPresent() && p.get().slo() != null) {
                count.merge(p.get().name(), 1, Integer::sum);
                byName.put(p.get().name(), p.get());
            }
        }
        List<Review.SloBreach> out = new ArrayList<>();
        count.forEach((name, n) -> {
            Playbook.Slo slo = byName.get(name).slo();
            out.add(new Review.SloBreach(name, slo.metric(), slo.target(), slo.window(), n));
        });
        out.sort(Comparator.comparingInt(Review.SloBreach::occurrences).reversed());
        return out;
    }

    /** Playbook files {@code knowledge draft-playbooks} would change: drafts from notes waiting for review. */
    private List<String> draftsWaiting() {
        try {
            return drafter.draft(playbooks.dir(), knowledge.all()).stream()
                    .map(c -> c.path().getFileName().toString() + (c.newFile() ? " (new)" : "")).sorted().toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private List<Review.ShadowReadiness> shadows() {
        List<Review.ShadowReadiness> out = new ArrayList<>();
        for (RotationView v : rotations.views()) {
            List<Readiness> ready = rotations.readiness(v.name());
            for (var m : v.members()) {
                if (!"shadow".equals(m.role())) {
                    continue;
                }
                Readiness r = ready.stream().filter(x -> x.handle().equals(m.handle())).findFirst()
                        .orElse(new Readiness(m.handle(), 0, 0, 0, 0, null, 0, 0, null));
                out.add(new Review.ShadowReadiness(v.name(), m.handle(), r.describe(),
                        Math.max(0, v.shadowShifts() - m.shadowShiftsLeft())));
            }
        }
        return out;
    }

    private static String describe(ReviewStore.WindowAction a) {
        String item = "#" + a.itemId() + " " + clip(a.title());
        return switch (a.kind()) {
            case "close" -> "closed " + item + (a.note() == null ? "" : " (" + a.note() + ")");
            case "tag" -> "tagged " + item + " " + a.note();
            case "untag" -> "removed tag " + a.note() + " from " + item;
            case "assign" -> "assigned " + item + " to " + a.assignee();
            case "snooze" -> "snoozed " + item;
            default -> a.kind() + " " + item;
        };
    }

    public static String pct(double rate) {
        return Math.round(rate * 100) + "%";
    }

    static String clip(String s) {
        return s == null ? "" : s.length() > 80 ? s.substring(0, 79) + "…" : s;
    }

}
