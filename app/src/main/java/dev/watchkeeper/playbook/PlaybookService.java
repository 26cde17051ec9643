package dev.watchkeeper.playbook;

import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.ingest.AlertRow;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The playbooks in force: loaded at start from {@code watchkeeper.playbooks.dir}, reloaded on change (the
 * file watcher), on {@code watchkeeper playbooks reload} and on Slack's {@code /triage reload}. When a file
 * that loaded before is broken now, its last good version stays in force and the problem is reported,
 * so a typo never takes a team's runbook away in the middle of an incident.
 */
@Singleton
public class PlaybookService {

    private static final Logger LOG = LoggerFactory.getLogger(PlaybookService.class);

    private final Path dir;
    private final Clock clock;
    private final PlaybookLoader loader = new PlaybookLoader();
    private volatile PlaybookSet current;
    /** Matches remembered for {@link #current}, see {@link #match}. */
    private volatile Matches matches;

    /** At most this many matches are remembered. */
    static final int MAX_REMEMBERED = 10_000;

    /** What a reload did: how many playbooks are in force, every problem, files kept at their last good version. */
    public record ReloadReport(Path dir, boolean dirExists, int loaded, List<Problem> problems, List<String> keptPrevious,
                               Instant at) {
    }

    public PlaybookService(@Value("${watchkeeper.playbooks.dir:./playbooks}") String dir, Clock clock) {
        this.dir = Path.of(dir);
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    /** The playbooks in force; the first call loads the folder (CLI commands that never ask do not pay for it). */
    public PlaybookSet current() {
        PlaybookSet set = current;
        if (set == null) {
            synchronized (this) {
                if (current == null) {
                    reload();
                }
                set = current;
            }
        }
        return set;
    }

    public synchronized ReloadReport reload() {
        Instant now = clock.instant();
        if (!Files.isDirectory(dir)) {
            current = new PlaybookSet(List.of(), List.of(), List.of(), now);
            LOG.debug("playbooks folder {} does not exist; no playbooks loaded", dir.toAbsolutePath());
            return new ReloadReport(dir, false, 0, List.of(), List.of(), now);
        }
        PlaybookSet previous = current == null ? PlaybookSet.EMPTY : current;
        PlaybookSet fresh = loader.load(dir, now);
        Map<String, Playbook> byName = new LinkedHashMap<>();
        fresh.playbooks().forEach(p -> byName.put(p.name(), p));
        List<String> kept = new ArrayList<>();
        for (Playbook old : previous.playbooks()) {
            boolean broken = fresh.problems().stream().anyMatch(pr -> pr.file().equals(old.file()));
            if (broken && !byName.containsKey(old.name()) && Files.exists(Path.of(old.file()))) {
                byName.put(old.name(), old);
                kept.add(old.name());
            }
        }
        List<Playbook> all = new ArrayList<>(byName.values());
        all.sort(java.util.Comparator.comparing(Playbook::name));
        current = new PlaybookSet(List.copyOf(all), fresh.problems(), List.copyOf(kept), now);
        for (Problem p : fresh.problems()) {
            LOG.warn("playbook problem: {}", p);
        }
        boolean first = previous == PlaybookSet.EMPTY;
        if (!first) {
            LOG.info("reloaded {} playbooks from {} ({} problems)", all.size(), dir, fresh.problems().size());
        }
        return new ReloadReport(dir, true, all.size(), fresh.problems(), List.copyOf(kept), now);
    }

    public Optional<Playbook> find(String name) {
        return current().find(name);
    }

    /**
     * The playbook for an alert. Remembered for the playbooks in force: a match depends only on the alert name and
     * on the labels some playbook's matchers read, and the alert path asks for every alert of every request (its
     * group key, then its guardrails), mostly for the same few names.
     */
    public Optional<PlaybookSet.Match> match(String alertname, Map<String, String> labels) {
        PlaybookSet set = current();
        Matches known = matches;
        if (known == null || known.set() != set) {
            known = new Matches(set, set.playbooks().stream().flatMap(p -> p.match().stream())
                    .map(LabelMatcher::label).distinct().sorted().toList(), new ConcurrentHashMap<>());
            matches = known;
        }
        List<String> key = new ArrayList<>(1 + known.labels().size());
        key.add(alertname);
        for (String label : known.labels()) {
            key.add(labels.get(label));
        }
        if (known.byKey().size() >= MAX_REMEMBERED) {
            known.byKey().clear(); // many distinct names or label values: start over rather than grow
        }
        return known.byKey().computeIfAbsent(key, k -> set.match(alertname, labels));
    }

    /** Remembered matches: the set they were made with, the labels its matchers read, and the matches by key. */
    private record Matches(PlaybookSet set, List<String> labels,
                           ConcurrentHashMap<List<String>, Optional<PlaybookSet.Match>> byKey) {
    }

    /** The playbook for a stored alert: its labels plus alertname, service and severity. */
    public Optional<PlaybookSet.Match> forAlert(AlertRow a) {
        return match(a.alertname(), labelsOf(a));
    }

    public static Map<String, String> labelsOf(AlertRow a) {
        LabelsKey key = new LabelsKey(a.labelsJson(), a.alertname(), a.service(), a.severity());
        Map<String, String> known = LABELS.get(key);
        if (known != null) {
            return known;
        }
        Map<String, String> labels = new HashMap<>(Json.stringMap(a.labelsJson()));
        labels.putIfAbsent("alertname", a.alertname());
        if (a.service() != null) {
            labels.putIfAbsent("service", a.service());
        }
        if (a.severity() != null) {
            labels.putIfAbsent("severity", a.severity());
        }
        Map<String, String> out = Collections.unmodifiableMap(labels);
        if (LABELS.size() >= MAX_LABELS_REMEMBERED) {
            LABELS.clear(); // many distinct alerts: start over rather than grow
        }
        LABELS.put(key, out);
        return out;
    }

    /**
     * At most this many alerts' labels are remembered: more than the 100 alerts each of 140 items growing at once
     * reads at each scoring. At 10,000 that working set did not fit, the memo was emptied every few seconds and most
     * labels were parsed again (a profile of the alert path, benchmark's groups shape). About 1 KB each.
     */
    static final int MAX_LABELS_REMEMBERED = 30_000;

    /** What {@link #labelsOf} reads of a stored alert. */
    private record LabelsKey(String labelsJson, String alertname, String service, String severity) {
    }

    /**
     * Labels of stored alerts, as {@link #labelsOf} made them (a function of the key alone). Each scoring of an item
     * reads the labels of up to 100 of its alerts, mostly the same ones as the time before; parsing their JSON each
     * time was the largest part of the alert path's own work in a profile of many items growing at once.
     */
    private static final ConcurrentHashMap<LabelsKey, Map<String, String>> LABELS = new ConcurrentHashMap<>();
}
