package dev.watchkeeper.review;

import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.ItemRow;
import dev.watchkeeper.db.QueueFilter;
import dev.watchkeeper.db.RecordStore;
import dev.watchkeeper.db.TriageStore;
import dev.watchkeeper.db.WindowOccurrence;
import dev.watchkeeper.db.review.ReviewStore;
import dev.watchkeeper.knowledge.KnowledgeService;
import dev.watchkeeper.knowledge.PlaybookDrafter;
import dev.watchkeeper.playbook.Playbook;
import dev.watchkeeper.playbook.PlaybookService;
import dev.watchkeeper.report.ReportChart;
import dev.watchkeeper.rotation.Readiness;
import dev.watchkeeper.rotation.RotationService;
import dev.watchkeeper.rotation.RotationView;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Computes the weekly review from the record. */
@Singleton
public class ReviewService {

    /** Labels that say nothing about a failure mode (they are the item's identity or the sender's plumbing). */
    static final Set<String> NOT_CLUSTER_LABELS = Set.of("alertname", "severity", "instance", "pod", "job", "status",
            "fingerprint", "endpoint", "container", "prometheus", "receiver");
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
                store.itemsAlive(dsl, from, end),
                store.lastActionBefore(dsl, end),
                store.lastActionBefore(dsl, start),
                store.firstActionIn(dsl, List.of("ack"), Instant.EPOCH, end),
                store.occurrences(dsl, from, end),
                store.actedBefore(dsl, from, now.isAfter(end) ? now : end),
                store.notesAdded(dsl, start, end, MAX_LISTED),
                store.decisionsIn(dsl, start, end, MAX_LISTED),
                store.decisionsInForce(dsl),
                store.actionsIn(dsl, List.of("close", "tag", "untag", "assign", "snooze"), start, end, MAX_LISTED),
                triage.queue(dsl, QueueFilter.active(now, Math.max(1, Math.min(100, config.discuss()))))));

        Review.Health health = health(d.items, d.lastActionAtEnd, d.acked, start, end);
        Review.Health previous = health(d.items, d.lastActionAtStart, d.acked, week.minus(1).start(), start);

        Map<Integer, List<String>> tagsOf = tags.tagsOf(d.queue.stream().map(ItemRow::id).toList());
        List<Review.DiscussItem> discuss = d.queue.stream().map(i -> new Review.DiscussItem(i.id(), i.title(),
                i.severity(), i.state(), i.score(), i.lane(), i.assignee(), Week.days(i.createdAt(), now),
                tagsOf.getOrDefault(i.id(), List.of()))).toList();

        List<ReviewStore.LabelledOccurrence> inWeek = d.occurrences.stream()
                .filter(o -> !o.startsAt().isBefore(start)).toList();
        List<Review.NoisyName> noisiest = noisiest(d, inWeek, start, rateFrom, compareFrom, k);
        List<Review.RisingName> rising = rising(d, inWeek, start, compareFrom);
        List<Review.Cluster> clusters = clusters(inWeek);

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
            Map<Integer, ItemRow> items = new HashMap<>();
            for (ItemRow i : record.itemsTouched(dsl, week.start(), week.end())) {
                items.put(i.id(), i);
            }
            return ReportChart.png("Alerts in " + week.id() + ", paged vs quiet", week.start(), week.end(), occ, items,
                    week.zone());
        });
    }

    private record Data(List<ItemRow> items, Map<Integer, Instant> lastActionAtEnd,
                        Map<Integer, Instant> lastActionAtStart, Map<Integer, Instant> acked,
                        List<ReviewStore.LabelledOccurrence> occurrences, Set<Integer> acted,
                        List<ReviewStore.NoteAdded> notes, List<ReviewStore.NameDecision> decisions,
                        Map<String, ReviewStore.NameDecision> inForce, List<ReviewStore.WindowAction> actions,
                        List<ItemRow> queue) {
    }

    Review.Health health(List<ItemRow> items, Map<Integer, Instant> lastAction, Map<Integer, Instant> acked,
                         Instant start, Instant end) {
        int open = 0;
        int created = 0;
        int closed = 0;
        int ackOpen = 0;
        List<Integer> stale = new ArrayList<>();
        ItemRow oldest = null;
        Instant staleBefore = end.minus(config.staleAfter());
        for (ItemRow i : items) {
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

    private List<Review.NoisyName> noisiest(Data d, List<ReviewStore.LabelledOccurrence> inWeek, Instant start,
                                            Instant rateFrom, Instant compareFrom, int k) {
        Map<String, Integer> volume = countByName(inWeek);
        Map<String, Integer> before = countByName(d.occurrences.stream()
                .filter(o -> !o.startsAt().isBefore(compareFrom) && o.startsAt().isBefore(start)).toList());
        Map<String, int[]> rate = new HashMap<>();
        for (ReviewStore.LabelledOccurrence o : d.occurrences) {
            if (!o.startsAt().isBefore(rateFrom)) {
                int[] r = rate.computeIfAbsent(o.alertname(), n -> new int[2]);
                r[0]++;
                r[1] += d.acted.contains(o.itemId()) ? 1 : 0;
            }
        }
        return volume.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(Math.max(1, Math.min(50, config.noisiest())))
                .map(e -> {
                    String name = e.getKey();
                    double usual = before.getOrDefault(name, 0) / (double) k;
                    int[] r = rate.getOrDefault(name, new int[2]);
                    ReviewStore.NameDecision inForce = d.inForce.get(name);
                    return new Review.NoisyName(name, e.getValue(), Math.round(usual * 10) / 10.0,
                            trend(e.getValue(), usual), r[0], r[1], r[0] == 0 ? 0 : (double) r[1] / r[0],
                            suggestion(r[0], r[1], config.rateDays(), inForce),
                            inForce == null ? null : inForce.kind());
                })
                .toList();
    }

    static String trend(int volume, double usual) {
        if (usual == 0) {
            return volume == 0 ? "flat" : "new";
        }
        if (volume > usual * 1.25) {
            return "up";
        }
        return volume < usual * 0.8 ? "down" : "flat";
    }

    /** A concrete next step for an alert name, from how often people acted on it. */
    static String suggestion(int fired, int acted, int days, ReviewStore.NameDecision inForce) {
        String record = "acted on " + acted + " of " + fired + " time" + (fired == 1 ? "" : "s") + " in " + days + " days";
        if (inForce != null && "known_noise".equals(inForce.kind())) {
            return record + " — marked known noise by " + inForce.actor() + "; review the playbook draft in git";
        }
        if (inForce != null && "keep_paging".equals(inForce.kind())) {
            return record + " — kept paging by " + inForce.actor() + " despite its score";
        }
        double rate = fired == 0 ? 0 : (double) acted / fired;
        if (acted == 0) {
            return record + " — tune the rule, retire it, or mark it known noise in its playbook";
        }
        if (rate < 0.1) {
            return record + " (" + pct(rate) + ") — raise its threshold or add a never_page guardrail to its playbook";
        }
        if (rate >= 0.5) {
            return record + " (" + pct(rate) + ") — a real signal: keep paging it and fix the cause";
        }
        return record + " (" + pct(rate) + ") — review its threshold with the playbook's owner";
    }

    private List<Review.RisingName> rising(Data d, List<ReviewStore.LabelledOccurrence> inWeek, Instant start,
                                           Instant compareFrom) {
        Map<String, int[]> now = rateByName(inWeek, d.acted);
        Map<String, int[]> before = rateByName(d.occurrences.stream()
                .filter(o -> !o.startsAt().isBefore(compareFrom) && o.startsAt().isBefore(start)).toList(), d.acted);
        List<Review.RisingName> out = new ArrayList<>();
        now.forEach((name, r) -> {
            if (r[0] < 3) {
                return;
            }
            double rate = (double) r[1] / r[0];
            int[] b = before.getOrDefault(name, new int[2]);
            double prev = b[0] == 0 ? 0 : (double) b[1] / b[0];
            if (rate >= 0.3 && rate - prev >= 0.25) {
                out.add(new Review.RisingName(name, r[0], r[1], rate, prev));
            }
        });
        out.sort(Comparator.comparingDouble((Review.RisingName r) -> r.rate() - r.previousRate()).reversed()
                .thenComparing(Review.RisingName::alertname));
        return out.stream().limit(MAX_CLUSTERS).toList();
    }

    /** Label values shared by many items of the week; values that nearly every item shares are not a pattern. */
    List<Review.Cluster> clusters(List<ReviewStore.LabelledOccurrence> inWeek) {
        Map<String, Set<Integer>> itemsOf = new TreeMap<>();
        Map<String, Set<String>> namesOf = new HashMap<>();
        Set<Integer> allItems = new LinkedHashSet<>();
        Map<String, Map<String, String>> parsed = new HashMap<>();
        for (ReviewStore.LabelledOccurrence o : inWeek) {
            allItems.add(o.itemId());
            Map<String, String> labels = parsed.computeIfAbsent(o.labelsJson(), ReviewService::labels);
            for (Map.Entry<String, String> l : labels.entrySet()) {
                if (NOT_CLUSTER_LABELS.contains(l.getKey()) || groupingLabels.contains(l.getKey()) || l.getValue() == null || l.getValue().isBlank()) {
                    continue;
                }
                String key = l.getKey() + "=" + l.getValue();
                itemsOf.computeIfAbsent(key, x -> new TreeSet<>()).add(o.itemId());
                namesOf.computeIfAbsent(key, x -> new TreeSet<>()).add(o.alertname());
            }
        }
        int min = Math.max(2, config.clusterMinItems());
        List<Review.Cluster> out = new ArrayList<>();
        itemsOf.forEach((key, ids) -> {
            if (ids.size() >= min && ids.size() < Math.max(min + 1, allItems.size() * 0.8)) {
                int eq = key.indexOf('=');
                out.add(new Review.Cluster(key.substring(0, eq), key.substring(eq + 1), ids.size(),
                        List.copyOf(namesOf.get(key)), ids.stream().limit(MAX_LISTED).toList()));
            }
        });
        out.sort(Comparator.comparingInt(Review.Cluster::items).reversed()
                .thenComparing(c -> -c.alertnames().size()).thenComparing(Review.Cluster::key));
        return out.stream().limit(MAX_CLUSTERS).toList();
    }

    static Map<String, String> labels(String json) {
        try {
            return json == null ? Map.of() : Json.stringMap(json);
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private List<Review.SloBreach> sloBreaches(List<ReviewStore.LabelledOccurrence> inWeek) {
        Map<String, Integer> count = new TreeMap<>();
        Map<String, Playbook> byName = new HashMap<>();
        Map<String, java.util.Optional<Playbook>> cache = new HashMap<>();
        for (ReviewStore.LabelledOccurrence o : inWeek) {
            java.util.Optional<Playbook> p = cache.computeIfAbsent(o.alertname() + "\u0000" + o.labelsJson(),
                    x -> playbooks.match(o.alertname(), labels(o.labelsJson())).map(m -> m.playbook()));
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

    private static Map<String, Integer> countByName(List<ReviewStore.LabelledOccurrence> occ) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (ReviewStore.LabelledOccurrence o : occ) {
            out.merge(o.alertname(), 1, Integer::sum);
        }
        return out;
    }

    private static Map<String, int[]> rateByName(List<ReviewStore.LabelledOccurrence> occ, Set<Integer> acted) {
        Map<String, int[]> out = new TreeMap<>();
        for (ReviewStore.LabelledOccurrence o : occ) {
            int[] r = out.computeIfAbsent(o.alertname(), n -> new int[2]);
            r[0]++;
            r[1] += acted.contains(o.itemId()) ? 1 : 0;
        }
        return out;
    }

    public static String pct(double rate) {
        return Math.round(rate * 100) + "%";
    }

    static String clip(String s) {
        return s == null ? "" : s.length() > 80 ? s.substring(0, 79) + "…" : s;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
