package dev.watchkeeper.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Beans are wired so that the code reads top to bottom: no lazy look-ups hiding a dependency cycle (a cycle is
 * broken by splitting a class, by an interface the lower package declares, or by passing what is needed), and no
 * event published without a listener in the application. Read from the sources, like {@link PackageCyclesTest}.
 */
class WiringTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/watchkeeper");
    /** Micronaut's and jakarta's ways to ask for a bean later instead of in the constructor. */
    private static final Pattern LAZY = Pattern.compile(
            "\\bBeanProvider\\s*<|\\b(?:jakarta|javax)\\.inject\\.Provider\\b|\\bimport\\s+(?:jakarta|javax)\\.inject\\.Provider;"
                    + "|@Lazy\\b");
    private static final Pattern PUBLISHER = Pattern.compile("ApplicationEventPublisher<([\\w.]+)>");
    private static final Pattern LISTENER = Pattern.compile("@EventListener\\s+(?:public\\s+|protected\\s+)?void\\s+\\w+\\(\\s*(?:final\\s+)?([\\w.]+)\\s");

    static Map<Path, String> sources() throws IOException {
        Map<Path, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                all.put(SOURCES.relativize(f), Files.readString(f));
            }
        }
        assertTrue(all.size() > 100, "the sources were not found from " + Path.of("").toAbsolutePath());
        return all;
    }

    @Test
    void noBeanIsLookedUpLazily() throws IOException {
        List<String> found = new ArrayList<>();
        for (Map.Entry<Path, String> f : sources().entrySet()) {
            String[] lines = f.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (LAZY.matcher(lines[i]).find()) {
                    found.add(f.getKey() + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        assertEquals(List.of(), found, "a lazy bean look-up hides a dependency cycle; break the cycle instead");
    }

    @Test
    void everyPublishedEventHasAListener() throws IOException {
        Set<String> published = new TreeSet<>();
        Set<String> heard = new TreeSet<>();
        for (String source : sources().values()) {
            Matcher p = PUBLISHER.matcher(source);
            while (p.find()) {
                published.add(simple(p.group(1)));
            }
            Matcher l = LISTENER.matcher(source);
            while (l.find()) {
                heard.add(simple(l.group(1)));
            }
        }
        assertTrue(published.contains("ItemEvent"), published.toString());
        Set<String> unheard = new TreeSet<>(published);
        unheard.removeAll(heard);
        assertEquals(Set.of(), unheard, "events published in main code that nothing in main code listens to");
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    @Test
    void theScanSeesWhatItLooksFor() {
        assertTrue(LAZY.matcher("    private final BeanProvider<SlackOutbox> outbox;").find());
        assertTrue(LAZY.matcher("import jakarta.inject.Provider;").find());
        assertTrue(LAZY.matcher("    PrimaryWatch(@Lazy PagingService paging) {").find());
        Matcher l = LISTENER.matcher("    @EventListener\n    void on(ShiftEnded e) {");
        assertTrue(l.find());
        assertEquals("ShiftEnded", l.group(1));
    }
}
