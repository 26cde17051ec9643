package dev.watchkeeper.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** One shared Jackson mapper for documents we store (labels, annotations) and payloads we parse. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {
    }

    /** Parses a request body; a syntax error becomes a 400 naming the body. */
    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new BadInputException("body", "is empty; expected a JSON object");
        }
        try {
            return scrub(MAPPER.readTree(body));
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new BadInputException("body", "is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    /**
     * Replaces lone UTF-16 surrogates (sent as {@code \ud800} escapes) in strings and names with U+FFFD: such
     * text cannot be encoded as UTF-8, so it could be neither stored nor answered. Trees are at most
     * Jackson's nesting limit deep.
     */
    static JsonNode scrub(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            java.util.List<String> renamed = new java.util.ArrayList<>();
            for (var e : o.properties()) {
                if (hasLoneSurrogate(e.getKey())) {
                    renamed.add(e.getKey());
                }
                JsonNode v = scrub(e.getValue());
                if (v != e.getValue()) {
                    e.setValue(v);
                }
            }
            for (String k : renamed) {
                o.set(wellFormed(k), o.remove(k));
            }
            return o;
        }
        if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = scrub(a.get(i));
                if (v != a.get(i)) {
                    a.set(i, v);
                }
            }
            return a;
        }
        if (node.isTextual() && hasLoneSurrogate(node.asText())) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(wellFormed(node.asText()));
        }
        return node;
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** {@code s} with each lone surrogate replaced by U+FFFD. */
    public static String wellFormed(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }

    /** Parses a request body that must be a JSON object; anything else is a 400 naming the body. */
    public static JsonNode parseObject(String body) {
        JsonNode root = parse(body);
        if (!root.isObject()) {
            throw new BadInputException("body", "must be a JSON object, was " + FieldReader.kind(root));
        }
        return root;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A map of strings (labels, annotations) as the JSON object we store: keys in order, nothing else. Written with
     * Jackson's generator, not the mapper: the same text as {@code write(new TreeMap<>(m))}, at a fraction of the
     * cost on every alert ingested.
     */
    public static String writeStringMap(Map<String, String> m) {
        String[] keys = m.keySet().toArray(new String[0]);
        java.util.Arrays.sort(keys);
        java.io.StringWriter out = new java.io.StringWriter(32 * keys.length + 2);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            for (String k : keys) {
                g.writeFieldName(k);
                g.writeString(m.get(k));
            }
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * A stored JSON object of strings (labels, annotations) back as a sorted map; a value that is not a string
     * reads as its text. Read with Jackson's streaming parser: the alert
     * path reads the labels of up to 100 alerts each time it scores an item.
     */
    public static Map<String, String> stringMap(String json) {
        Map<String, String> out = new TreeMap<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return out;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    out.put(key, "");
                } else {
                    out.put(key, p.getText());
                }
            }
            return out;
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
