package dev.watchkeeper.migrate;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.rotation.OverrideRow;
import dev.watchkeeper.ranking.Backtest;
import dev.watchkeeper.ranking.Dataset;
import dev.watchkeeper.ranking.HistoryImporter;
import dev.watchkeeper.ranking.ModelRegistry;
import dev.watchkeeper.ranking.RankingConfig;
import dev.watchkeeper.rotation.RotationPlan;
import dev.watchkeeper.rotation.CoverService;
import dev.watchkeeper.rotation.MembershipService;
import dev.watchkeeper.rotation.NewRotation;
import dev.watchkeeper.rotation.RotationService;
import dev.watchkeeper.rotation.RotationView;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moving a team in from another paging tool: its alert history and decisions through the history
 * import, its people into Watchkeeper handles linked to Slack users, its schedule into a rotation with
 * overrides, and a backtest of the ranker trained on what was imported. Each step is its own method;
 * the {@code migrate-from} command calls them in order.
 */
@Singleton
public class MigrationService {

    private final Database db;
    private final PersonStore persons;
    private final HistoryImporter importer;
    private final RotationService rotations;
    private final MembershipService membership;
    private final CoverService covers;
    private final ModelRegistry registry;
    private final RankingConfig ranking;
    private final Clock clock;

    public MigrationService(Database db, PersonStore persons, HistoryImporter importer, RotationService rotations,
                            MembershipService membership, CoverService covers, ModelRegistry registry,
                            RankingConfig ranking, Clock clock) {
        this.db = db;
        this.persons = persons;
        this.importer = importer;
        this.rotations = rotations;
        this.membership = membership;
        this.covers = covers;
        this.registry = registry;
        this.ranking = ranking;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    // ---- alert history

    public Conversion convert(Tool tool, Path alerts, DecisionMap decisions, People people) {
        return Converter.of(tool).convert(alerts, decisions, people, clock.instant().plus(Duration.ofDays(1)));
    }

    /** Writes the converted lines to {@code historyFile} and imports it; lines already imported are skipped. */
    public HistoryImporter.Report importHistory(Conversion c, Path historyFile, PrintStream progress) {
        try {
            if (historyFile.getParent() != null) {
                Files.createDirectories(historyFile.getParent());
            }
            Files.write(historyFile, c.lines(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + historyFile + ": " + e.getMessage(), e);
        }
        return importer.importFile(historyFile, progress);
    }

    // ---- people

    public record Linked(int people, int linkedToSlack, List<String> problems) {
    }

    /**
     * Creates every mapped handle and links it to its Slack user ID. A Slack user already linked to
     * another handle, or a handle linked to another Slack user, is a problem and nothing is written.
     */
    public Linked linkPeople(People people) {
        Map<String, String> handles = people.handles();
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        db.read(dsl -> {
            for (var e : handles.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                Optional<String> slackOfHandle = persons.slackUserIdForHandle(dsl, e.getKey());
                if (slackOfHandle.isPresent() && slackOfHandle.get() != null && !slackOfHandle.get().equals(e.getValue())) {
                    problems.add("--people: " + e.getKey() + " is already linked to Slack user " + slackOfHandle.get()
                            + ", not " + e.getValue());
                }
                persons.handleOfSlackUser(dsl, e.getValue()).filter(h -> !h.equals(e.getKey())).ifPresent(h ->
                        problems.add("--people: Slack user " + e.getValue() + " already belongs to " + h + ", not " + e.getKey()));
            }
            return null;
        });
        if (!problems.isEmpty()) {
            return new Linked(0, 0, problems);
        }
        int[] linked = {0};
        db.writeVoid(tx -> {
            for (var e : handles.entrySet()) {
                persons.idForHandle(tx, e.getKey(), now);
                if (e.getValue() != null) {
                    persons.idForSlackUser(tx, e.getValue(), e.getKey(), now);
                    linked[0]++;
                }
            }
        });
        return new Linked(handles.size(), linked[0], List.of());
    }

    // ---- schedule

    /** The feed at {@code source}: an http(s) or webcal URL, or a file; at most {@link Limits#MAX_CALENDAR_BYTES}. */
    public String fetchCalendar(String source) {
        String s = source.strip();
        if (s.startsWith("webcal://")) {
            s = "https://" + s.substring(9);
        }
        if (s.startsWith("http://") || s.startsWith("https://")) {
            try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build()) {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(s)).timeout(Duration.ofSeconds(30))
                        .header("Accept", "text/calendar").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = r.body()) {
                    if (r.statusCode() != 200) {
                        throw new BadInputException("--schedule", "GET " + source + " answered " + r.statusCode());
                    }
                    return bounded(in, source);
                }
            } catch (IOException e) {
                throw new BadInputException("--schedule", "cannot fetch " + source + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BadInputException("--schedule", "interrupted while fetching " + source);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--schedule", "is not a valid URL: " + source);
            }
        }
        Path file = Path.of(s);
        if (!Files.isReadable(file)) {
            throw new BadInputException("--schedule", "cannot read " + source + " (a file, or an http(s)/webcal URL)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return bounded(in, source);
        } catch (IOException e) {
            throw new BadInputException("--schedule", "cannot read " + source + ": " + e.getMessage());
        }
    }

    private static String bounded(InputStream in, String source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > Limits.MAX_CALENDAR_BYTES) {
                throw new BadInputException("--schedule", source + " is larger than "
                        + Limits.MAX_CALENDAR_BYTES / (1024 * 1024) + " MiB");
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public ScheduleImport.Inferred inferSchedule(String ics, String source, People people, ZoneId zone) {
        return ScheduleImport.infer(ics, source, people, zone, clock.instant());
    }

    public record RotationResult(String name, boolean created, int overridesAdded, int overridesPresent,
                                 List<String> problems) {
    }

    /**
     * Creates the rotation (or finds the same one from an earlier run) and adds the overrides it does
     * not hold yet. A rotation of that name with other settings is a problem and nothing changes.
     */
    public RotationResult createRotation(String name, ScheduleImport.Inferred s, String actor) {
        Optional<dev.watchkeeper.db.rotation.RotationRow> existing = rotations.findRotation(name);
        boolean created = false;
        if (existing.isPresent()) {
            RotationView v = rotations.view(name);
            List<String> members = v.members().stream().map(m -> m.handle()).toList();
            RotationPlan plan = rotations.plan(name);
            boolean same = v.shiftDays() == s.shiftDays() && v.zone().equals(s.zone().getId())
                    && v.handoffTime().equals(s.handoffTime().toString()) && members.equals(s.members())
                    && plan.clock().start(plan.clock().shiftAt(s.anchor())).equals(s.anchor());
            if (!same) {
                return new RotationResult(name, false, 0, 0, List.of("--rotation: a rotation named '" + name
                        + "' already exists with other members or shifts; choose another name with --rotation"));
            }
        } else {
            membership.create(new NewRotation(name, s.members(), s.shiftDays(), s.handoffDay().name(),
                    s.handoffTime().toString(), s.zone().getId(), null, null, null), actor, s.anchor());
            created = true;
        }
        List<OverrideRow> have = rotations.overrides(name);
        int added = 0;
        int present = 0;
        for (RotationPlan.Override o : s.overrides()) {
            boolean there = have.stream().anyMatch(h -> h.handle().equals(o.handle()) && h.startsAt().equals(o.from())
                    && h.endsAt().equals(o.to()));
            if (there) {
                present++;
            } else {
                covers.override(name, actor, o.handle(), o.from().toString(), o.to().toString());
                added++;
            }
        }
        return new RotationResult(name, created, added, present, List.of());
    }

    // ---- ranking

    public record BacktestResult(int occurrences, int acted, Instant from, Backtest.Summary summary, int trainings,
                                 List<String> notes) {
    }

    /**
     * Walk-forward backtest on everything in the database (the imported history included): the first
     * 60% of the time span trains, the rest is scored, retraining weekly (at most 20 times).
     */
    public BacktestResult backtest() {
        Dataset d = registry.dataset();
        if (d.size() == 0) {
            return new BacktestResult(0, 0, null, null, 0, List.of("no history to backtest on"));
        }
        long first = d.startsAt()[0];
        long last = d.startsAt()[d.size() - 1];
        long from = first + (long) ((last - first) * 0.6);
        long week = Duration.ofDays(7).toMillis();
        long every = Math.max(week, (last - from) / 20 + 1);
        Backtest.Result r = Backtest.run(d, from, every, ranking.trainerOptions());
        Backtest.Summary s = r.summary(from, last + 1);
        return new BacktestResult(s.occurrences(), s.acted(), Instant.ofEpochMilli(from), s, r.trainings(), r.notes());
    }
}
