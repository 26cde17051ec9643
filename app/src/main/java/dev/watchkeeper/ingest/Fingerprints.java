package dev.watchkeeper.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Fingerprints for senders that do not give one: a hash of the alert name and its sorted labels. */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String ofLabels(String alertname, Map<String, String> labels) {
        Map<String, String> sorted = new TreeMap<>(labels);
        sorted.put("alertname", alertname);
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, v) -> sb.append(k).append('\u0000').append(v).append('\u0001'));
        return sha256(sb.toString()).substring(0, 16);
    }

    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
