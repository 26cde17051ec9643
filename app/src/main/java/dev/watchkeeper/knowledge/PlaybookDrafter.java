package dev.watchkeeper.knowledge;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.watchkeeper.db.knowledge.NoteRow;
import jakarta.inject.Singleton;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns notes into proposed playbook changes: a marked "Notes from on-call" section in the playbook that names
 * the alert, or a new playbook when none does. Only the text between the markers is ever rewritten.
 */
@Singleton
public class PlaybookDrafter {

    public static final String START = "<!-- watchkeeper:notes:start -->";
    public static final String END = "<!-- watchkeeper:notes:end -->";
    public static final String HEADING = "## Notes from on-call";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** One file to create or change. {@code before} is empty for a new file. */
    public record Change(Path path, boolean newFile, String before, String after, List<String> alertnames) {

        public String diff() {
            List<String> a = before.isEmpty() ? List.of() : Arrays.asList(before.split("\n", -1));
            List<String> b = Arrays.asList(after.split("\n", -1));
            String name = path.getFileName().toString();
            return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(newFile ? "/dev/null" : "a/" + name,
                    "b/" + name, a, DiffUtils.diff(a, b), 3)) + "\n";
        }
    }

    /** The changes the notes call for in {@code dir}; files whose notes section is already current are left out. */
    public List<Change> draft(Path dir, List<NoteRow> notes) {
        Map<String, List<NoteRow>> byAlert = new TreeMap<>();
        for (NoteRow n : notes) {
            byAlert.computeIfAbsent(n.alertname(), k -> new ArrayList<>()).add(n);
        }
        Map<String, Path> owners = owners(dir);
        Map<Path, Map<String, List<NoteRow>>> byFile = new LinkedHashMap<>();
        byAlert.forEach((alertname, list) -> {
            Path file = owners.getOrDefault(alertname, dir.resolve(fileName(alertname)));
            byFile.computeIfAbsent(file, f -> new TreeMap<>()).put(alertname, list);
        });
        List<Change> changes = new ArrayList<>();
        byFile.forEach((file, notesByAlert) -> {
            boolean exists = Files.exists(file);
            String before = exists ? read(file) : "";
            String section = section(notesByAlert);
            String after = exists ? merge(before, section) : newPlaybook(notesByAlert.keySet().iterator().next(), section);
            if (!after.equals(before)) {
                changes.add(new Change(file, !exists, before, after, List.copyOf(notesByAlert.keySet())));
            }
        });
        return changes;
    }

    public void write(Change change) {
        try {
            Files.createDirectories(change.path().toAbsolutePath().getParent());
            Files.writeString(change.path(), change.after());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + change.path(), e);
        }
    }

    /** Which playbook names each alert: its front matter's {@code alerts:} list, else its H1. First file wins. */
    static Map<String, Path> owners(Path dir) {
        Map<String, Path> owners = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return owners;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                for (String alert : alertsOf(read(f))) {
                    owners.putIfAbsent(alert, f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
        return owners;
    }

    static List<String> alertsOf(String text) {
        List<String> out = new ArrayList<>();
        String t = text.replace("\r\n", "\n");
        if (t.startsWith("---\n")) {
            int end = t.indexOf("\n---", 4);
            if (end > 0) {
                try {
                    Object front = new Yaml(new SafeConstructor(new LoaderOptions())).load(t.substring(4, end));
                    if (front instanceof Map<?, ?> m && m.get("alerts") instanceof List<?> alerts) {
                        for (Object a : alerts) {
                            if (a instanceof String s) {
                                out.add(s.strip());
                            } else if (a instanceof Map<?, ?> am) {
                                Object name = Optional.ofNullable(am.get("alertname")).orElse(am.get("name"));
                                if (name != null) {
                                    out.add(name.toString().strip());
                                }
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    // A playbook with broken front matter is the playbook linter's business; fall back to its H1.
                }
            }
        }
        t.lines().filter(l -> l.startsWith("# ")).findFirst().ifPresent(h1 -> out.add(h1.substring(2).strip()));
        return out;
    }

    static String section(Map<String, List<NoteRow>> notesByAlert) {
        StringBuilder s = new StringBuilder(START).append('\n');
        boolean several = notesByAlert.size() > 1;
        notesByAlert.forEach((alert, notes) -> notes.stream()
                .sorted(Comparator.comparingInt(NoteRow::seenCount).reversed().thenComparing(NoteRow::id))
                .forEach(n -> s.append("- ").append(several ? "**" + oneLine(alert) + "**: " : "")
                        .append(clean(n.text())).append(" (").append(n.author()).append(", ")
                        .append(DAY.format(n.createdAt()))
                        .append(n.seenCount() > 1 ? "; noted " + n.seenCount() + " times" : "").append(")\n")));
        return s.append(END).toString();
    }

    static String merge(String before, String section) {
        int start = before.indexOf(START);
        int end = before.indexOf(END);
        if (start >= 0 && end > start) {
            return before.substring(0, start) + section + before.substring(end + END.length());
        }
        String base = before.endsWith("\n") ? before : before + "\n";
        return base + "\n" + HEADING + "\n\n" + section + "\n";
    }

    static String newPlaybook(String alertname, String section) {
        return frontMatter(alertname) + "\n# " + oneLine(alertname) + "\n\n"
                + "## Meaning\n\nTo be written. The notes below are what on-call engineers wrote down while handling this alert.\n\n"
                + "## Impact\n\nTo be written.\n\n"
                + "## Diagnosis\n\nTo be written.\n\n"
                + "## Mitigation\n\nTo be written.\n\n"
                + HEADING + "\n\n" + section + "\n";
    }

    static String fileName(String alertname) {
        String base = alertname.replaceAll("[^A-Za-z0-9_.\\-]", "_");
        return (base.length() > 100 ? base.substring(0, 100) : base) + ".md";
    }

    /**
     * The front matter naming the alert, emitted by the YAML library so that any name (quotes, colons, newlines)
     * reads back as itself.
     */
    static String frontMatter(String alertname) {
        org.yaml.snakeyaml.DumperOptions o = new org.yaml.snakeyaml.DumperOptions();
        o.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
        o.setIndicatorIndent(2);
        o.setIndent(4);
        o.setIndentWithIndicator(true);
        o.setSplitLines(false);
        if (!alertname.matches("[A-Za-z0-9_:.\\-]+")) {
            // Anything unusual is double-quoted, where YAML escapes every control and line-break character.
            o.setDefaultScalarStyle(org.yaml.snakeyaml.DumperOptions.ScalarStyle.DOUBLE_QUOTED);
        }
        Map<String, Object> front = new LinkedHashMap<>();
        front.put("alerts", List.of(alertname));
        return "---\n" + new Yaml(o).dump(front) + "---\n";
    }

    /** A name on one line with no control characters, for a Markdown heading or list item. */
    static String oneLine(String text) {
        return text.strip().replaceAll("[\\p{Cntrl}\\s]+", " ");
    }

    private static String clean(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ").replace("-->", "->");
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + f, e);
        }
    }
}
