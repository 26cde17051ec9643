package dev.watchkeeper.migrate;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who is who: the operator's mapping from the old tool's user ids, emails, user names or display names
 * to Watchkeeper handles and Slack user IDs. Nobody is trusted beyond this map: an actor or schedule
 * member that is not in it is counted as unmapped, never guessed.
 *
 * <p>File: CSV with a header {@code old,handle,slack} (slack optional), one line per name the old tool
 * uses for the person (several lines may give the same handle). Flags: {@code old=handle} or
 * {@code old=handle:U123ABC}.
 */
public final class People {

    public static final int MAX_PEOPLE = 10_000;

    public record Person(String handle, String slackUserId) {
    }

    private final Map<String, Person> byOld = new LinkedHashMap<>();
    private final Map<String, Integer> unmapped = new TreeMap<>();

    public static People load(Path file, List<String> flags) {
        People p = new People();
        List<FieldError> errors = new ArrayList<>();
        if (file != null) {
            p.readFile(file, errors);
        }
        int n = 0;
        for (String f : flags == null ? List.<String>of() : flags) {
            n++;
            int eq = f.lastIndexOf('=');
            if (eq <= 0) {
                errors.add(new FieldError("--person", "#" + n + " must be old=handle or old=handle:SLACKID, was '" + f + "'"));
                continue;
            }
            String right = f.substring(eq + 1).strip();
            int colon = right.indexOf(':');
            p.put(f.substring(0, eq), colon < 0 ? right : right.substring(0, colon),
                    colon < 0 ? null : right.substring(colon + 1), "--person #" + n, errors);
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        return p;
    }

    private void readFile(Path file, List<FieldError> errors) {
        try {
            if (Files.size(file) > 4L * 1024 * 1024) {
                errors.add(new FieldError("--people", file + " is larger than 4 MiB"));
                return;
            }
        } catch (IOException e) {
            errors.add(new FieldError("--people", "cannot read " + file + ": " + e.getMessage()));
            return;
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setCommentMarker('#').get();
        try (Reader in = Files.newBufferedReader(file); CSVParser csv = CSVParser.parse(in, format)) {
            for (String required : List.of("old", "handle")) {
                if (!csv.getHeaderMap().containsKey(required)) {
                    errors.add(new FieldError("--people", file.getFileName() + ":1: header must name columns old,handle[,slack]; "
                            + "'" + required + "' is missing"));
                    return;
                }
            }
            boolean hasSlack = csv.getHeaderMap().containsKey("slack");
            for (CSVRecord r : csv) {
                String where = file.getFileName() + ":" + r.getParser().getCurrentLineNumber();
                if (byOld.size() >= MAX_PEOPLE) {
                    errors.add(new FieldError("--people", where + ": more than " + MAX_PEOPLE + " lines"));
                    return;
                }
                if (!r.isConsistent()) {
                    errors.add(new FieldError("--people", where + ": expected " + csv.getHeaderMap().size() + " columns"));
                    continue;
                }
                put(r.get("old"), r.get("handle"), hasSlack ? r.get("slack") : null, where, errors);
            }
        } catch (IOException | RuntimeException e) {
            errors.add(new FieldError("--people", "cannot read " + file + ": " + e.getMessage()));
        }
    }

    private void put(String old, String handle, String slack, String where, List<FieldError> errors) {
        String key = key(old);
        String h = handle == null ? "" : handle.strip();
        if (h.startsWith("@")) {
            h = h.substring(1);
        }
        String s = slack == null || slack.isBlank() ? null : slack.strip();
        if (key.isEmpty()) {
            errors.add(new FieldError("--people", where + ": old: is empty"));
        } else if (!h.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,79}")) {
            errors.add(new FieldError("--people", where + ": handle: must be letters, digits, '.', '_' or '-', was '" + h + "'"));
        } else if (s != null && !s.matches("[UW][A-Z0-9]{2,20}")) {
            errors.add(new FieldError("--people", where + ": slack: must be a Slack user ID such as U012AB3CD, was '" + s + "'"));
        } else {
            Person prev = byOld.get(key);
            if (prev != null && !prev.handle().equals(h)) {
                errors.add(new FieldError("--people", where + ": old: '" + old.strip() + "' is already mapped to " + prev.handle()));
                return;
            }
            byOld.put(key, new Person(h, s));
        }
    }

    private static String key(String old) {
        return old == null ? "" : old.strip().toLowerCase(Locale.ROOT);
    }

    /** The person the old tool calls {@code old}, if the operator mapped them. */
    public Optional<Person> find(String old) {
        return old == null ? Optional.empty() : Optional.ofNullable(byOld.get(key(old)));
    }

    /** The handle of a decision's actor, or null (and counted) when unmapped. */
    public String handleOf(String old) {
        if (old == null || old.isBlank()) {
            return null;
        }
        Optional<Person> p = find(old);
        if (p.isEmpty()) {
            unmapped.merge(old.strip(), 1, Integer::sum);
            return null;
        }
        return p.get().handle();
    }

    /** Distinct people (handle → Slack user ID, which may be null). */
    public Map<String, String> handles() {
        Map<String, String> out = new TreeMap<>();
        for (Person p : byOld.values()) {
            String prev = out.get(p.handle());
            out.put(p.handle(), prev != null ? prev : p.slackUserId());
        }
        return out;
    }

    /** Unmapped names and how often each decided something, in name order. */
    public Map<String, Integer> unmapped() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(unmapped));
    }

    public boolean isEmpty() {
        return byOld.isEmpty();
    }
}
