package dev.watchkeeper.migrate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reading saved REST API pages: each file is one answer as the API returned it (a wrapper object with
 * the records in one array field and the paging fields beside it), or a bare array. Records come with
 * the line they start on, for {@code file:line: problem} messages.
 */
public final class ExportFiles {

    /** The array fields that hold the records in each tool's list answers. */
    static final Set<String> WRAPPERS = Set.of("results", "data", "incidents", "log_entries", "alerts");

    public record Rec(Path file, int line, ObjectNode node) {
    }

    public record Page(Path file, String wrapper, List<Rec> records) {
    }

    private ExportFiles() {
    }

    /** The export files under {@code dir} (or {@code dir} itself), sorted by path, at most {@link Limits#MAX_FILES}. */
    public static List<Path> list(Path dir, String... extensions) {
        if (!Files.exists(dir)) {
            throw new BadInputException("--alerts", "does not exist: " + dir);
        }
        if (Files.isRegularFile(dir)) {
            return List.of(dir);
        }
        try (Stream<Path> s = Files.walk(dir, 4)) {
            List<Path> out = s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        for (String e : extensions) {
                            if (n.endsWith("." + e)) {
                                return true;
                            }
                        }
                        return false;
                    })
                    .sorted().limit(Limits.MAX_FILES + 1L).toList();
            if (out.size() > Limits.MAX_FILES) {
                throw new BadInputException("--alerts", "holds more than " + Limits.MAX_FILES + " export files; split the move");
            }
            return out;
        } catch (IOException e) {
            throw new BadInputException("--alerts", "cannot list " + dir + ": " + e.getMessage());
        }
    }

    /** One saved page; a file that is not JSON, too large or has no record array is a problem, not an exception. */
    public static Page read(Path file, Problems problems, int[] budget) {
        List<Rec> out = new ArrayList<>();
        try {
            if (Files.size(file) > Limits.MAX_FILE_BYTES) {
                problems.add(file, 1, "file is larger than " + Limits.MAX_FILE_BYTES / (1024 * 1024) + " MiB; save smaller pages");
                return new Page(file, null, out);
            }
        } catch (IOException e) {
            problems.add(file, 1, "cannot read: " + e.getMessage());
            return new Page(file, null, out);
        }
        String wrapper = null;
        try (InputStream in = Files.newInputStream(file); JsonParser p = Json.MAPPER.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                wrapper = "";
                readArray(p, file, out, problems, budget);
            } else if (t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.START_ARRAY && WRAPPERS.contains(name) && wrapper == null) {
                        wrapper = name;
                        readArray(p, file, out, problems, budget);
                    } else {
                        p.skipChildren();
                    }
                }
                if (wrapper == null) {
                    problems.add(file, 1, "no record array (expected one of " + String.join(", ", WRAPPERS.stream().sorted().toList())
                            + ")");
                }
            } else {
                problems.add(file, 1, "is not a JSON object or array");
            }
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? j.getLocation().getLineNr() : 1;
            problems.add(file, line, "is not valid JSON: " + msg);
        }
        return new Page(file, wrapper, out);
    }

    private static void readArray(JsonParser p, Path file, List<Rec> out, Problems problems, int[] budget) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            int line = p.currentTokenLocation().getLineNr();
            JsonNode n = Json.MAPPER.readTree(p);
            if (!(n instanceof ObjectNode o)) {
                problems.add(file, line, "record is not a JSON object");
                continue;
            }
            if (--budget[0] < 0) {
                throw new BadInputException("--alerts", "holds more than " + Limits.MAX_RECORDS + " records; split the move");
            }
            out.add(new Rec(file, line, o));
        }
    }

    // ---- field reading shared by the converters

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }

    static String path(JsonNode n, String... fields) {
        JsonNode cur = n;
        for (int i = 0; i < fields.length - 1 && cur != null; i++) {
            cur = cur.get(fields[i]);
        }
        return cur == null ? null : text(cur, fields[fields.length - 1]);
    }

    /** An RFC 3339 time (any offset, any fraction) or null; a present but bad value is a problem. */
    static Instant time(Rec r, JsonNode n, String field, Problems problems, Instant latest) {
        String s = text(n, field);
        if (s == null) {
            return null;
        }
        try {
            Instant t = OffsetDateTime.parse(s).toInstant();
            if (t.isBefore(Limits.EARLIEST) || t.isAfter(latest)) {
                problems.add(r.file(), r.line(), field + ": " + s + " lies outside 2000-01-01 .. now");
                return null;
            }
            return t;
        } catch (DateTimeParseException e) {
            problems.add(r.file(), r.line(), field + ": is not an RFC 3339 time: '" + s + "'");
            return null;
        }
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
