package dev.watchkeeper.migrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code file:line: problem} lines, in the order found; at most {@link #MAX} kept, the rest counted. */
public final class Problems {

    static final int MAX = 1000;

    private final List<String> lines = new ArrayList<>();
    private int dropped;

    public void add(Path file, long line, String problem) {
        add((file == null ? "-" : file.getFileName().toString()) + ":" + line + ": " + problem);
    }

    public void add(String text) {
        if (lines.size() < MAX) {
            lines.add(text);
        } else {
            dropped++;
        }
    }

    public List<String> lines() {
        return dropped == 0 ? List.copyOf(lines) : concat();
    }

    private List<String> concat() {
        List<String> out = new ArrayList<>(lines);
        out.add("... and " + dropped + " more problems");
        return out;
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public int size() {
        return lines.size() + dropped;
    }
}
