package dev.watchkeeper.triage;

import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.db.ingest.AlertStore;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.observability.ServiceMetrics;
import dev.watchkeeper.db.triage.TriageStore;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Steps 3 to 5 of the path of an alert, after commit and off the ingestion thread ({@link #process}): score the
 * item ({@link ItemScorer}), choose its lane ({@link PagingPolicy}, then the {@link Guardrail}s), record it, keep its
 * messages true ({@link ItemNotifier}: Slack's alert message) and page the people on call ({@link Pager}: rotations).
 * Work for the same item coalesces, so a storm of 500 alerts on one item scores it a few times, not 500.
 */
@Singleton
public class AlertPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(AlertPipeline.class);

    private final Database db;
    private final TriageStore triage;
    private final AlertStore alerts;
    private final ItemScorer scorer;
    private final PagingPolicy policy;
    private final List<Guardrail> guardrails;
    private final List<ItemNotifier> notifiers;
    private final Pager pager;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "alert-pipeline");
        t.setDaemon(true);
        return t;
    });
    private final Map<Integer, EnumSet<ItemEvent.Kind>> pending = new ConcurrentHashMap<>();
    /** When each recently scored item was last scored ({@link System#nanoTime}), to space out its re-scoring. */
    private final Map<Integer, Long> lastScored = new ConcurrentHashMap<>();

    /**
     * An existing item is scored again at most this often; what arrives for it meanwhile (alerts joining, firing
     * again, resolving) is scored together at the end of the interval. A new item is scored at once. Without it,
     * many items growing at once were each re-scored (and their decision rewritten: the reason counts alerts)
     * after every request, work that grew with the request rate instead of with the items.
     */
    static final long RESCORE_INTERVAL_NANOS = 1_000_000_000L;

    public AlertPipeline(Database db, TriageStore triage, AlertStore alerts, ItemScorer scorer, PagingPolicy policy,
                         List<Guardrail> guardrails, List<ItemNotifier> notifiers, Pager pager, Clock clock,
                         ServiceMetrics metrics) {
        this.db = db;
        this.metrics = metrics;
        this.triage = triage;
        this.alerts = alerts;
        this.scorer = scorer;
        this.policy = policy;
        // In @Order: playbook rules before the review's "keep paging" (KeepPagingGuardrail).
        List<Guardrail> ordered = new java.util.ArrayList<>(guardrails);
        io.micronaut.core.order.OrderUtil.sort(ordered);
        this.guardrails = List.copyOf(ordered);
        List<ItemNotifier> channels = new java.util.ArrayList<>(notifiers);
        io.micronaut.core.order.OrderUtil.sort(channels);
        this.notifiers = List.copyOf(channels);
        this.pager = pager;
        this.clock = clock;
    }

    /**
     * Queues one item an ingested request touched, a manual item, or an item to re-score. Returns at once. An
     * item scored less than {@link #RESCORE_INTERVAL_NANOS} ago waits for the rest of that interval, unless it is new.
     */
    public void submit(int itemId, EnumSet<ItemEvent.Kind> kinds) {
        EnumSet<ItemEvent.Kind> add = kinds.isEmpty() ? EnumSet.of(ItemEvent.Kind.UPDATED) : kinds;
        boolean[] first = new boolean[1];
        pending.compute(itemId, (id, existing) -> {
            if (existing == null) {
                first[0] = true;
                return EnumSet.copyOf(add);
            }
            existing.addAll(add);
            return existing;
        });
        boolean created = add.contains(ItemEvent.Kind.CREATED);
        if (first[0]) {
            Long last = created ? null : lastScored.get(itemId);
            long wait = last == null ? 0 : last + RESCORE_INTERVAL_NANOS - System.nanoTime();
            schedule(itemId, Math.max(0, wait));
        } else if (created) {
            // A new item does not wait behind an earlier submission queued for later.
            schedule(itemId, 0);
        }
    }

    private void schedule(int itemId, long nanos) {
        if (nanos == 0) {
            executor.execute(() -> run(itemId));
        } else {
            executor.schedule(() -> run(itemId), nanos, TimeUnit.NANOSECONDS);
        }
    }

    private void run(int itemId) {
        EnumSet<ItemEvent.Kind> work = pending.remove(itemId);
        if (work == null) {
            return;
        }
        long now = System.nanoTime();
        lastScored.put(itemId, now);
        if (lastScored.size() > 10_000) {
            lastScored.values().removeIf(t -> now - t > RESCORE_INTERVAL_NANOS);
        }
        try {
            process(itemId, work);
        } catch (RuntimeException e) {
            LOG.error("scoring item {} failed; it stays in the queue unscored", itemId, e);
        }
    }

    /**
     * Alerts of an item the guardrails look at: its most recently seen, firing first. Looking at all of
     * them made each scoring of a storm's item cost as much as the storm so far (quadratic in the storm);
     * a profile of the ingestion benchmark had 40% of the server's CPU there.
     */
    static final int GUARDRAIL_ALERTS = 100;

    /**
     * The path of an alert after commit, for one item, on the caller's thread: score it, let the paging policy and
     * then the guardrails choose its lane, record that, keep its messages true, and page when it is newly paged.
     * Each step is a call below, in this order.
     */
    public Optional<Item> process(int itemId, EnumSet<ItemEvent.Kind> kinds) {
        Optional<Item> found = db.read(dsl -> triage.find(dsl, itemId)).map(Item::of);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Item item = found.get();
        Instant now = clock.instant();
        boolean newlyPaged = false;
        if (!item.isClosed()) {
            Score score = metrics.scoring().record(() -> scorer.score(item, now));
            boolean policyPaged = policy.shouldPage(item, score);
            LaneChoice lane = guardrails(item, score, new LaneChoice(policyPaged, policy.describe(item, score, policyPaged)), now);
            newlyPaged = lane.paged() && item.pagedAt() == null;
            record(item, score, policyPaged, lane, newlyPaged, now);
        }
        for (ItemEvent.Kind k : kinds) {
            tellNotifiers(itemId, n -> n.changed(itemId, k));
        }
        if (newlyPaged) {
            tellNotifiers(itemId, n -> n.paged(itemId));
            page(itemId);
        }
        return db.read(dsl -> triage.find(dsl, itemId)).map(Item::of);
    }

    /** The lane an item goes to and why ("severity critical ≥ error", a playbook rule, ...). */
    private record LaneChoice(boolean paged, String reason) {
    }

    /** The first guardrail with a verdict replaces the policy's lane (in @Order: playbook rules, then the review's). */
    private LaneChoice guardrails(Item item, Score score, LaneChoice byPolicy, Instant now) {
        if (guardrails.isEmpty()) {
            return byPolicy;
        }
        List<AlertRow> members = db.read(dsl -> alerts.recentForItem(dsl, item.id(), GUARDRAIL_ALERTS));
        for (Guardrail g : guardrails) {
            Optional<Guardrail.Verdict> v = g.apply(item, members, score, now);
            if (v.isPresent()) {
                return new LaneChoice(v.get().page(), v.get().reason());
            }
        }
        return byPolicy;
    }

    /** Writes the score and lane (and when it was paged), and lets the policy account for its decision. */
    private void record(Item item, Score score, boolean policyPaged, LaneChoice lane, boolean newlyPaged, Instant now) {
        Lane chosen = lane.paged() ? Lane.PAGED : Lane.QUIET;
        // In an alert storm the decision rarely changes; skipping the unchanged write spares a commit per item.
        boolean changed = newlyPaged || !java.util.Objects.equals(item.score(), score.probability())
                || !java.util.Objects.equals(item.scoreReason(), score.reason())
                || chosen != item.lane() || !java.util.Objects.equals(item.laneReason(), lane.reason());
        if (changed) {
            db.writeGrouped(tx -> {
                triage.setDecision(tx, item.id(), score.probability(), score.reason(), chosen.wire(), lane.reason(),
                        newlyPaged ? now : null);
                policy.account(tx, item, score, policyPaged, lane.paged(), lane.reason(), now);
                return null;
            });
        }
    }

    /** Each channel's message is its own: one failing (a bug, a bad row) neither stops the others nor the page. */
    private void tellNotifiers(int itemId, java.util.function.Consumer<ItemNotifier> call) {
        for (ItemNotifier n : notifiers) {
            try {
                call.accept(n);
            } catch (RuntimeException e) {
                LOG.error("{} could not update the message of item {}", n.getClass().getSimpleName(), itemId, e);
            }
        }
    }

    private void page(int itemId) {
        try {
            pager.pageOnCall(itemId);
        } catch (RuntimeException e) {
            // The item stays in the paged lane at the top of the queue; nobody was told, so say so loudly.
            LOG.error("paging the people on call about item {} failed", itemId, e);
        }
    }

    /** Waits until everything queued so far has been processed (tests, CLI, shutdown). */
    public void drain() {
        try {
            // Items waiting for their re-scoring interval are scored now.
            Future<?> marker = executor.submit(() -> List.copyOf(pending.keySet()).forEach(this::run));
            marker.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the alert pipeline did not drain", e);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
