package dev.watchkeeper.core;

import com.fasterxml.jackson.core.JsonProcessingException;
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
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new BadInputException("body", "is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
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

    /** A stored JSON object of strings (labels, annotations) back as a sorted map. */
    public static Map<String, String> stringMap(String json) {
        Map<String, String> out = new TreeMap<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
