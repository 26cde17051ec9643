package dev.watchkeeper.core;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {

    private static String randomText(Random random) {
        String pool = "abcXYZ019 _-./:\"\\\n\t\u0001\u00e9\u4e2d\ud83d\ude00";
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            b.append(pool.charAt(random.nextInt(pool.length())));
        }
        return b.toString();
    }

    @Test
    void aStringMapIsWrittenAsTheMapperWritesItSortedAndReadsBack() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            Map<String, String> m = new HashMap<>();
            for (int k = random.nextInt(8); k > 0; k--) {
                m.put(randomText(random), random.nextInt(20) == 0 ? null : randomText(random));
            }
            String written = Json.writeStringMap(m);
            assertEquals(Json.write(new TreeMap<>(m)), written);
            Map<String, String> expected = new TreeMap<>();
            m.forEach((k, v) -> expected.put(k, v == null ? "null" : v));
            assertEquals(expected, Json.stringMap(written));
        }
    }

    @Test
    void storedValuesThatAreNotStringsReadAsText() {
        assertEquals(Map.of("a", "1", "b", "true", "c", "", "d", "", "e", "null"),
                Json.stringMap("{\"a\":1,\"b\":true,\"c\":{\"x\":[1]},\"d\":[1,2],\"e\":null}"));
        assertEquals(Map.of(), Json.stringMap(" "));
        assertEquals(Map.of(), Json.stringMap("[1]"));
    }
}
