package dev.watchkeeper.core;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads typed fields out of a JSON tree and collects every problem, each named by its path, so a
 * sender learns everything wrong with a payload at once. Call {@link #throwIfAny()} at the end.
 */
public final class FieldReader {

    private final List<FieldError> errors = new ArrayList<>();
    /** Problems found beyond the ones listed (see {@link Bounds#MOST_ERRORS_LISTED}). */
    private long unlisted;

    public static String path(String parent, String name) {
        return parent == null || parent.isEmpty() ? name : parent + "." + name;
    }

    public void fail(String path, String problem) {
        if (errors.size() < Bounds.MOST_ERRORS_LISTED) {
            errors.add(new FieldError(path, problem));
        } else {
            unlisted++;
        }
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** The problems listed, with a last line counting the others when there were more. */
    public List<FieldError> errors() {
        if (unlisted == 0) {
            return errors;
        }
        List<FieldError> out = new ArrayList<>(errors);
        out.add(BadInputException.more(unlisted));
        return out;
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new BadInputException(errors());
        }
    }

    /** The object itself, or a recorded error when it is not an object. */
    public boolean requireObject(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            fail(path.isEmpty() ? "body" : path, "must be a JSON object");
            return false;
        }
        return true;
    }

    /** A string field; absent or null gives null, or an error when required. */
    public String text(JsonNode parent, String parentPath, String name, boolean required) {
        JsonNode v = parent.get(name);
        String p = path(parentPath, name);
        if (v == null || v.isNull()) {
            if (required) {
                fail(p, "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            fail(p, "must be a string, was " + kind(v));
            return null;
        }
        if (required && v.asText().isBlank()) {
            fail(p, "must not be empty");
            return null;
        }
        return v.asText();
    }

    /**
     * An RFC 3339 timestamp within {@link Bounds}, or exactly {@code accepted} (a sender's sentinel such as Go's
     * zero time); absent or null gives null, or an error when required.
     */
    public Instant instant(JsonNode parent, String parentPath, String name, boolean required, Instant accepted) {
        String p = path(parentPath, name);
        String s = text(parent, parentPath, name, required);
        if (s == null || s.isEmpty()) {
            return null;
        }
        Instant t = Rfc3339.parseCommon(s);
        if (t != null) {
            return t.equals(accepted) ? t : Bounds.check(t, p, this);
        }
        try {
            t = OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                t = Instant.parse(s);
            } catch (DateTimeParseException e2) {
                fail(p, "is not an RFC 3339 timestamp (e.g. 2026-03-01T04:12:00Z): '" + Bounds.cut(s, 100) + "'");
                return null;
            }
        }
        return t.equals(accepted) ? t : Bounds.check(t, p, this);
    }

    /** An RFC 3339 timestamp within {@link Bounds}; absent or null gives null, or an error when required. */
    public Instant instant(JsonNode parent, String parentPath, String name, boolean required) {
        return instant(parent, parentPath, name, required, null);
    }

    /** A string of at most {@code max} characters; absent or null gives null, or an error when required. */
    public String text(JsonNode parent, String parentPath, String name, boolean required, int max) {
        String s = text(parent, parentPath, name, required);
        if (s != null && s.length() > max) {
            fail(path(parentPath, name), "must be at most " + max + " characters, was " + s.length());
            return null;
        }
        return s;
    }

    /** An object whose values are strings (numbers and booleans are taken as their text). */
    public Map<String, String> stringMap(JsonNode parent, String parentPath, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode v = parent.get(name);
        String p = path(parentPath, name);
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            fail(p, "must be an object of strings, was " + kind(v));
            return out;
        }
        v.properties().forEach(e -> {
            JsonNode value = e.getValue();
            if (value.isTextual() || value.isNumber() || value.isBoolean()) {
                out.put(e.getKey(), value.asText());
            } else if (!value.isNull()) {
                fail(path(p, e.getKey()), "must be a string, was " + kind(value));
            }
        });
        return out;
    }

    public static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case NULL, MISSING -> "null";
            default -> v.getNodeType().name().toLowerCase();
        };
    }
}
