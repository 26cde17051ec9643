package dev.watchkeeper.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.Bounds;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.ingest.AlertmanagerParser;
import dev.watchkeeper.ingest.EventsV2Parser;
import dev.watchkeeper.ingest.GenericAlertParser;
import dev.watchkeeper.triage.IncomingAlert;
import dev.watchkeeper.playbook.PlaybookParser;
import dev.watchkeeper.ranking.HistoryLine;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every parser of outside input, fed mutated valid samples: each input is either accepted (with every time inside
 * {@link Bounds}) or refused with a {@link BadInputException} naming fields; nothing else is thrown.
 */
class ParserFuzzTest {

    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    static final AtomicLong RUNS = new AtomicLong();
    static final AtomicLong REFUSED = new AtomicLong();

    final AlertmanagerParser alertmanager = new AlertmanagerParser();
    final EventsV2Parser eventsV2 = new EventsV2Parser();
    final GenericAlertParser generic = new GenericAlertParser();
    final PlaybookParser playbooks = new PlaybookParser();

    @AfterContainer
    static void report() {
        System.out.printf("[fuzz] parsers: %,d inputs tried, %,d refused with a 400-style error, 0 other failures%n",
                RUNS.get(), REFUSED.get());
    }

    /** Runs one parse: a BadInputException is a refusal; any other exception fails the property. */
    static void accepts(Runnable parse) {
        RUNS.incrementAndGet();
        try {
            parse.run();
        } catch (BadInputException e) {
            REFUSED.incrementAndGet();
            assertTrue(!e.errors().isEmpty() && e.errors().size() <= Bounds.MOST_ERRORS_LISTED + 1, e.getMessage());
        }
    }

    static void inBounds(IncomingAlert a) {
        if (a.startsAt() != null) {
            assertTrue(Bounds.inRange(a.startsAt()), a.startsAt().toString());
        }
        if (a.endsAt() != null) {
            assertTrue(Bounds.inRange(a.endsAt()), a.endsAt().toString());
        }
    }

    @Provide
    Arbitrary<String> alertmanagerBodies() {
        return Nasty.mutated(List.of(Samples.ALERTMANAGER, Samples.GRAFANA));
    }

    @Property(tries = 1500)
    void alertmanagerAndGrafana(@ForAll("alertmanagerBodies") String body) {
        accepts(() -> alertmanager.parse(body, NOW).forEach(ParserFuzzTest::inBounds));
    }

    @Provide
    Arbitrary<String> eventsV2Bodies() {
        return Nasty.mutated(Samples.eventsV2("R0UT1NGKEY0000000000000000000000"));
    }

    @Property(tries = 1500)
    void eventsV2(@ForAll("eventsV2Bodies") String body) {
        accepts(() -> {
            JsonNode root = Json.parse(body);
            eventsV2.routingKey(root);
            EventsV2Parser.Event e = eventsV2.parse(root, NOW);
            if (e.alert() != null) {
                inBounds(e.alert());
            }
        });
    }

    @Provide
    Arbitrary<String> genericBodies() {
        return Nasty.mutated(List.of(Samples.GENERIC));
    }

    @Property(tries = 1500)
    void generic(@ForAll("genericBodies") String body) {
        accepts(() -> inBounds(generic.parse(body, NOW)));
    }

    @Provide
    Arbitrary<String> historyLines() {
        return Nasty.mutated(List.of(Samples.HISTORY));
    }

    @Property(tries = 1500)
    void historyLines(@ForAll("historyLines") String line) {
        RUNS.incrementAndGet();
        HistoryLine.Parsed p = HistoryLine.parse(line);
        if (p.line() != null) {
            assertTrue(Bounds.inRange(p.line().startsAt()), line);
        } else {
            REFUSED.incrementAndGet();
            assertTrue(!p.errors().isEmpty(), line);
        }
    }

    static List<String> starterPlaybooks() {
        try (Stream<Path> files = Files.list(Path.of("..", "playbooks"))) {
            List<String> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().limit(12).toList()) {
                out.add(Files.readString(f));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A starter playbook with lines dropped, doubled or replaced by unusual ones. */
    @Provide
    Arbitrary<String> playbookTexts() {
        List<String> seeds = starterPlaybooks();
        Arbitrary<String> line = Arbitraries.oneOf(Arbitraries.of(Nasty.VALUES), Arbitraries.of(Nasty.TIMES),
                Arbitraries.of("---", "alerts:", "  - ", "guardrails:", "  - always_page: true", "quiet:", "owner:",
                        "matchers:", "  severity: [", "# ", "## Meaning", "## Mitigation", "```", "| a | b |", "\t", "*a",
                        "&anchor", "!!binary AAAA", "? complex", "window: 25:00-99:99 Mon-Fun"),
                Arbitraries.strings().all().ofMaxLength(80));
        return Combinators.combine(Arbitraries.of(seeds), Arbitraries.integers().between(0, 400).list().ofMaxSize(6),
                line.list().ofMinSize(1).ofMaxSize(6)).as((seed, where, lines) -> {
                    List<String> ls = new ArrayList<>(seed.lines().toList());
                    for (int i = 0; i < where.size(); i++) {
                        int at = where.get(i) % (ls.size() + 1);
                        String l = lines.get(i % lines.size());
                        switch (where.get(i) % 3) {
                            case 0 -> ls.add(at, l);
                            case 1 -> {
                                if (at < ls.size()) {
                                    ls.set(at, ls.get(at) + l);
                                }
                            }
                            default -> {
                                if (at < ls.size()) {
                                    ls.remove(at);
                                }
                            }
                        }
                    }
                    Nasty.TRIED.incrementAndGet();
                    return String.join("\n", ls);
                });
    }

    @Property(tries = 800)
    void playbooks(@ForAll("playbookTexts") String text) {
        RUNS.incrementAndGet();
        PlaybookParser.Result r = playbooks.parse("Fuzz.md", "Fuzz", text);
        assertTrue(r.ok() == (r.playbook() != null), "a playbook is loaded whole or not at all");
        if (!r.ok()) {
            REFUSED.incrementAndGet();
        }
    }
}
