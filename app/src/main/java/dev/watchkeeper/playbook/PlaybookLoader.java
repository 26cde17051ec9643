package dev.watchkeeper.playbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads every {@code *.md} file directly in a folder (except {@code README.md} and files starting with
 * {@code _}), in file-name order. A broken file adds its problems and is left out; the others load.
 */
public final class PlaybookLoader {

    private final PlaybookParser parser = new PlaybookParser();

    public static boolean isPlaybookFile(Path f) {
        String n = f.getFileName().toString();
        return n.endsWith(".md") && !n.startsWith("_") && !n.toLowerCase(Locale.ROOT).equals("readme.md")
                && Files.isRegularFile(f);
    }

    public List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(PlaybookLoader::isPlaybookFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    public PlaybookSet load(Path dir, Instant at) {
        List<Playbook> playbooks = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path f : files(dir)) {
            PlaybookParser.Result r = parse(f);
            problems.addAll(r.problems());
            if (r.ok()) {
                playbooks.add(r.playbook());
            }
        }
        return new PlaybookSet(List.copyOf(playbooks), List.copyOf(problems), List.of(), at);
    }

    public PlaybookParser.Result parse(Path f) {
        String name = f.getFileName().toString();
        name = name.substring(0, name.length() - ".md".length());
        try {
            return parser.parse(f.toString(), name, Files.readString(f, StandardCharsets.UTF_8));
        } catch (MalformedInputException e) {
            return new PlaybookParser.Result(null, List.of(new Problem(f.toString(), 1, "is not UTF-8 text")));
        } catch (IOException e) {
            return new PlaybookParser.Result(null, List.of(new Problem(f.toString(), 1, "cannot be read: " + e.getMessage())));
        }
    }
}
