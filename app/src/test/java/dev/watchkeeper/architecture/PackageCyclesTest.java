package dev.watchkeeper.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app's packages depend on each other one way only: surfaces on domains, domains on {@code core}, nothing
 * back. Read from the sources (imports and fully qualified names), so a new cycle fails here with its path.
 */
class PackageCyclesTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/watchkeeper");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.watchkeeper\\.([a-z]+)\\.");

    /** Package (first level under dev.watchkeeper) to the packages it uses. */
    static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(f).getName(0).toString();
                Set<String> out = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    // the db module's packages (dev.watchkeeper.db...) are below the app's: not part of the graph
                    if (!m.group(1).equals(pkg) && !m.group(1).equals("db")) {
                        out.add(m.group(1));
                    }
                }
                // same-package simple names need no import; other packages always appear qualified or imported
            }
        }
        return uses;
    }

    /** Strongly connected components with more than one package (Tarjan). */
    static List<Set<String>> cycles(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> found = new ArrayList<>();
        int[] counter = {0};
        for (String v : g.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, g, index, low, stack, found, counter);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> g, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, List<Set<String>> found, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, g, index, low, stack, found, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }

    @Test
    void theGraphIsReadFromTheSources() throws IOException {
        Map<String, Set<String>> g = graph();
        assertTrue(g.keySet().containsAll(Set.of("core", "ingest", "triage", "slack", "cli")), g.keySet().toString());
        assertTrue(g.get("slack").contains("triage"), "slack renders triage items: " + g.get("slack"));
    }

    @Test
    void theFinderFindsACycle() {
        Map<String, Set<String>> g = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertEquals(List.of(Set.of("a", "b", "c")), cycles(g));
    }

    @Test
    void noPackageCycle() throws IOException {
        Map<String, Set<String>> g = graph();
        List<String> report = new ArrayList<>();
        for (Set<String> c : cycles(g)) {
            StringBuilder edges = new StringBuilder(c.toString()).append(":");
            for (String a : c) {
                for (String b : g.get(a)) {
                    if (c.contains(b)) {
                        edges.append(' ').append(a).append("->").append(b);
                    }
                }
            }
            report.add(edges.toString());
        }
        assertEquals(List.of(), report, "package cycles");
    }
}
