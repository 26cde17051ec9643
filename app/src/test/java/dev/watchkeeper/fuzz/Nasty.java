package dev.watchkeeper.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchkeeper.core.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The inputs the fuzz suite feeds every parser and endpoint: valid samples mutated by replacing, removing or
 * adding fields with values that broke the server before (extreme times, huge numbers, lone surrogates, control
 * characters, wrong types, deep nesting), plus free text. Counts what it produced.
 */
public final class Nasty {

    private Nasty() {
    }

    /** Reads without Json.parse's clean-up and writes every non-ASCII character as an escape, lone surrogates too. */
    static final com.fasterxml.jackson.databind.ObjectMapper RAW = com.fasterxml.jackson.databind.json.JsonMapper.builder(
                    com.fasterxml.jackson.core.JsonFactory.builder()
                            // Deeper than the server reads (1,000), so too-deep bodies are tried too.
                            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                                    .maxNestingDepth(20_000).build())
                            .streamWriteConstraints(com.fasterxml.jackson.core.StreamWriteConstraints.builder()
                                    .maxNestingDepth(20_000).build())
                            .build())
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();

    static JsonNode read(String json) {
        try {
            return RAW.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String write(JsonNode node) {
        try {
            return RAW.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Every input generated in this JVM, for the summary line. */
    public static final AtomicLong TRIED = new AtomicLong();

    /** Times, as text: beyond Instant's millis, beyond the bounds, sentinels, local forms, garbage. */
    public static final List<String> TIMES = List.of("+292278994-08-10T00:00:00Z", "-292275055-05-16T16:47:04.192Z",
            "+999999999-12-31T23:59:59.999999999Z", "-999999999-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
            "1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2200-01-01T00:00:00Z",
            "2026-03-02T09:00:00Z", "2026-03-02T09:00:00.123456789+14:00", "2026-03-02T09:00:00-18:00",
            "2026-03-02", "2026-03-02T09:00", "2026-02-30", "2026-03-29T01:30", "2026-13-01", "+2026-03-02",
            "2026-03-02T09:00:00.000+0000", "2026-03-02T25:00:00Z", "P1D", "now", "tomorrow", "-1", "");

    /** Any JSON value (as text) that is unusual somewhere. */
    public static final List<String> VALUES;

    static {
        List<String> v = new ArrayList<>();
        for (String t : TIMES) {
            v.add(Json.write(t));
        }
        v.addAll(List.of("null", "true", "false", "0", "-1", "1.5", "-0", "1e309", "-1e309", "2147483648",
                "-2147483649", "9223372036854775808", "99999999999999999999", "1" + "0".repeat(400),
                "\"\"", "\" \"", "\"\\ud800\"", "\"\\udfff x\"", "\"x\\ud83d\"", "\"\\u0000\"", "\"\\u001b]0;pwned\\u0007\\u001b[2J\"",
                "\"a\\r\\nb\\u2028c\\u0085\"", "\"\\u202eevil\"", "\"<!channel> <@U1> *b* _i_ `c` >q\"", "\"../../etc/passwd\"",
                "\"${jndi:ldap://x/a}\"", "\"%s%n%x\"", "\"'; DROP TABLE alert; --\"", "\"9999999999999999999999\"",
                "\"#99999999999\"", "\"-5\"", "\"0\"", "\"firing\"", "\"resolved\"", "\"trigger\"", "\"acknowledge\"",
                "\"resolve\"", "\"critical\"", "\"ack\"", "\"snooze\"", "\"note\"", "\"assign\"", "\"ml\"", "\"alice\"",
                "\"bob\"", "\"Europe/London\"", "\"Mars/Olympus\"", "\"monday\"", "\"25:99\"",
                Json.write("x".repeat(5_000)), Json.write("é✓".repeat(2_000)), "[]", "{}", "[[[[[[[[[[]]]]]]]]]]",
                "{\"a\":{\"b\":{\"c\":[1,{\"d\":null}]}}}", "[1,\"a\",null,{}]", "[\"alice\",\"bob\"]",
                "[" + "[".repeat(900) + "]".repeat(900) + "]"));
        VALUES = List.copyOf(v);
    }

    /** One change to a JSON tree: which node, what to do, with which value. */
    public record Mutation(int where, int op, int value, String key) {
    }

    public static Arbitrary<Mutation> mutation() {
        return Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 9),
                        Arbitraries.integers().between(0, VALUES.size() - 1),
                        Arbitraries.of("labels", "status", "startsAt", "endsAt", "from", "to", "by", "alertname",
                                "fingerprint", "dedup_key", "payload", "timestamp", "item", "until", "note", "text",
                                "target", "mine", "theirs", "shift", "members", "\ud800", "", "__proto__"))
                .as(Mutation::new);
    }

    /** A sample body with one to four mutations applied (or, now and then, free text instead). */
    public static Arbitrary<String> mutated(List<String> samples) {
        Arbitrary<String> changed = Combinators.combine(Arbitraries.of(samples), mutation().list().ofMinSize(1).ofMaxSize(4))
                .as(Nasty::apply);
        Arbitrary<String> cut = Combinators.combine(Arbitraries.of(samples), Arbitraries.integers().between(0, 10_000))
                .as((s, n) -> s.substring(0, n % (s.length() + 1)));
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789-+.eEtrufalsn \\u").ofMaxLength(200);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, changed), net.jqwik.api.Tuple.of(2, cut),
                net.jqwik.api.Tuple.of(1, text), net.jqwik.api.Tuple.of(1, jsonish))
                .map(s -> {
                    TRIED.incrementAndGet();
                    return s;
                });
    }

    public static String apply(String sample, List<Mutation> mutations) {
        JsonNode root = read(sample);
        for (Mutation m : mutations) {
            root = apply(root, m);
        }
        return write(root);
    }

    private static JsonNode apply(JsonNode root, Mutation m) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode value = read("{\"v\":" + VALUES.get(m.value()) + "}").get("v");
        if (containers.isEmpty() || m.op() == 9) {
            return value;
        }
        JsonNode target = containers.get(m.where() % containers.size());
        if (target instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty() || m.op() >= 7) {
                o.set(m.key(), value);
            } else if (m.op() == 6) {
                o.remove(names.get(m.where() % names.size()));
            } else {
                o.set(names.get(m.where() % names.size()), value);
            }
        } else if (target instanceof ArrayNode a) {
            if (a.isEmpty() || m.op() >= 7) {
                a.add(value);
            } else if (m.op() == 6) {
                a.remove(m.where() % a.size());
            } else if (m.op() == 5) {
                for (int i = 0; i < 50; i++) {
                    a.add(a.get(0).deepCopy());
                }
            } else {
                a.set(m.where() % a.size(), value);
            }
        }
        return root;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode() && out.size() < 200) {
            out.add(n);
            n.forEach(c -> collect(c, out));
        }
    }
}
