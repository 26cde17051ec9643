package dev.watchkeeper.ranking;

import dev.watchkeeper.core.Json;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.ranking.ModelVersionRow;
import dev.watchkeeper.db.ranking.RankingStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trains model versions, decides their state, and hands the live (and shadow) model to the scorer. A
 * candidate goes live unless {@link PromotionGate} finds it worse than the live model on rows neither was
 * fitted on; otherwise it waits in shadow.
 */
@Singleton
public class ModelRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
    private static final Duration REFRESH = Duration.ofSeconds(30);

    private final Database db;
    private final RankingStore store;
    private final Features features;
    private final RankingConfig config;
    private final Clock clock;

    private volatile Loaded live;
    private volatile Loaded shadow;
    private volatile Instant loadedAt;

    public ModelRegistry(Database db, RankingStore store, Features features, RankingConfig config, Clock clock) {
        this.db = db;
        this.store = store;
        this.features = features;
        this.config = config;
        this.clock = clock;
    }

    /** A model version with its deserialized model. */
    public record Loaded(ModelVersionRow row, RankModel model) {
    }

    public record Outcome(ModelVersionRow version, Double liveAucOnHoldout, String decision) {
    }

    /** Every occurrence and acted decision in the database, replayed into features. */
    public Dataset dataset() {
        return dataset(db);
    }

    /** The same, from another database (the backtest's scratch copy). */
    public Dataset dataset(Database source) {
        return source.read(dsl -> Dataset.replay(features, store.occurrencesAfter(dsl, 0, Integer.MAX_VALUE),
                store.decisionsAfter(dsl, 0)));
    }

    /** Trains on everything known before {@code cutoff} and files the result as live or shadow. */
    public Outcome train(Instant cutoff) {
        Dataset d = dataset();
        return file(d, Trainer.train(d, cutoff.toEpochMilli(), config.trainerOptions()), cutoff);
    }

    /**
     * Files a trained candidate as live or shadow by the {@link PromotionGate}, judged on {@code truth} (the
     * history as people decided it; a test may hand a candidate fitted on other labels).
     */
    Outcome file(Dataset truth, Trainer.Trained t, Instant cutoff) {
        Optional<Loaded> current = loadLive();
        PromotionGate.Verdict gate = PromotionGate.judge(truth, t, current.map(Loaded::row));
        String state = gate.promote() ? "live" : "shadow";
        String decision = gate.text();
        Double liveAuc = gate.liveAuc();
        Map<String, Object> metrics = new java.util.LinkedHashMap<>(t.metrics());
        metrics.put("gate", gate.toMap());
        Instant now = clock.instant();
        Double la = liveAuc;
        ModelVersionRow saved = db.write(tx -> {
            if ("live".equals(state)) {
                store.newestIn(tx, "live").ifPresent(old -> store.setState(tx, old.id(), "retired", now,
                        "was live; replaced by a newer model"));
            } else {
                store.newestIn(tx, "shadow").ifPresent(old -> store.setState(tx, old.id(), "retired", now,
                        "shadow replaced by a newer candidate"));
            }
            int id = store.insertModel(tx, new ModelVersionRow(0, t.model().kind(), state, now,
                    Instant.ofEpochMilli(t.trainFrom()), cutoff, Instant.ofEpochMilli(t.holdoutFrom()),
                    Json.write(t.model().features()), Json.write(t.params()), Json.write(metrics), t.threshold(),
                    t.model().toBytes(), now, decision));
            return store.find(tx, id).orElseThrow();
        });
        invalidate();
        LOG.info("trained {}: {}", saved.name(), decision);
        return new Outcome(saved, la, decision);
    }

    /** How many items a (shadow) model has scored beside the live one. */
    public int shadowScores(int id) {
        return db.read(dsl -> store.countShadowScores(dsl, id));
    }

    public List<ModelVersionRow> list() {
        return db.read(store::list);
    }

    public ModelVersionRow find(int id) {
        return db.read(dsl -> store.find(dsl, id))
                .orElseThrow(() -> new NotFoundException("model version " + id + " does not exist"));
    }

    /** Makes a version live by hand; the live one is retired. */
    public ModelVersionRow promote(int id) {
        ModelVersionRow m = find(id);
        RankModel.fromBytes(m.model());
        Instant now = clock.instant();
        db.writeVoid(tx -> {
            store.newestIn(tx, "live").filter(old -> old.id() != id).ifPresent(old -> store.setState(tx, old.id(),
                    "retired", now, "was live; replaced by " + m.name() + " (promoted by hand)"));
            store.setState(tx, id, "live", now, "promoted by hand");
        });
        invalidate();
        return find(id);
    }

    /** Retires the live version and brings back the one it replaced. */
    public ModelVersionRow rollback() {
        Instant now = clock.instant();
        ModelVersionRow back = db.write(tx -> {
            ModelVersionRow current = store.newestIn(tx, "live")
                    .orElseThrow(() -> new NotFoundException("no live model to roll back"));
            ModelVersionRow previous = store.list(tx).stream()
                    .filter(m -> m.id() != current.id() && "retired".equals(m.state()) && m.note() != null
                            && m.note().startsWith("was live"))
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("no earlier live model to roll back to"));
            store.setState(tx, current.id(), "retired", now, "rolled back");
            store.setState(tx, previous.id(), "live", now, "restored by rollback of " + current.name());
            return store.find(tx, previous.id()).orElseThrow();
        });
        invalidate();
        return back;
    }

    /** The live model, or empty (the scorer falls back) when there is none or it cannot be loaded. */
    public Optional<Loaded> live() {
        refreshIfStale();
        return Optional.ofNullable(live);
    }

    public Optional<Loaded> shadow() {
        refreshIfStale();
        return Optional.ofNullable(shadow);
    }

    private Optional<Loaded> loadLive() {
        return load("live");
    }

    private Optional<Loaded> load(String state) {
        Optional<ModelVersionRow> row = db.read(dsl -> store.newestIn(dsl, state));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Loaded(row.get(), RankModel.fromBytes(row.get().model())));
        } catch (RuntimeException e) {
            LOG.warn("cannot load model {}: {}; scoring falls back to per-alert-name action rates",
                    row.get().name(), e.toString());
            return Optional.empty();
        }
    }

    private void refreshIfStale() {
        Instant now = clock.instant();
        Instant at = loadedAt;
        if (at == null || now.isAfter(at.plus(REFRESH)) || now.isBefore(at)) {
            synchronized (this) {
                if (loadedAt == at) {
                    live = load("live").orElse(null);
                    shadow = load("shadow").orElse(null);
                    loadedAt = now;
                }
            }
        }
    }

    void invalidate() {
        loadedAt = null;
    }
}
