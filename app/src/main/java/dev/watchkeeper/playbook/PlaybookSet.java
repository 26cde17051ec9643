package dev.watchkeeper.playbook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The playbooks loaded from one folder, and the matching rule.
 *
 * <p>A playbook is a candidate for an alert when one of its {@code alerts} entries matches the alert name
 * and all its {@code match} matchers hold. Among candidates the most specific wins, compared in this order:
 * <ol>
 *   <li>how the name matched: exact name, then a glob, then the catch-all {@code *};</li>
 *   <li>more label matchers;</li>
 *   <li>more equality matchers (as opposed to regex or negation);</li>
 *   <li>the longer literal part of the matching glob ({@code FeatureNull*} beats {@code Feature*});</li>
 *   <li>file name, alphabetically, so that the order never depends on the file system.</li>
 * </ol>
 */
public record PlaybookSet(List<Playbook> playbooks, List<Problem> problems, List<String> keptPrevious, Instant loadedAt) {

    public static final PlaybookSet EMPTY = new PlaybookSet(List.of(), List.of(), List.of(), Instant.EPOCH);

    /** How one playbook's matchers fared against the alert's labels. */
    public record MatcherResult(LabelMatcher matcher, String actual, boolean ok) {
        @Override
        public String toString() {
            return matcher + (ok ? " ✓" : " ✗") + " (" + matcher.label() + (actual.isEmpty() ? " absent" : "=" + actual) + ")";
        }
    }

    /** A playbook whose name patterns cover the alert; {@code matches} when its label matchers hold too. */
    public record Candidate(Playbook playbook, String pattern, int nameRank, int literal, List<MatcherResult> results) {
        public boolean matches() {
            return results.stream().allMatch(MatcherResult::ok);
        }

        public long equalities() {
            return results.stream().filter(r -> r.matcher().isEquality()).count();
        }

        public String nameHow() {
            return switch (nameRank) {
                case 2 -> "exact name '" + pattern + "'";
                case 1 -> "glob '" + pattern + "'";
                default -> "catch-all '*'";
            };
        }

        /** E.g. "exact name 'X'; 2 matchers: service=ranker ✓ (service=ranker), env=~prod ✓ (env=prod)". */
        public String why() {
            if (results.isEmpty()) {
                return nameHow() + "; no label matchers";
            }
            return nameHow() + "; " + results.size() + " matcher" + (results.size() == 1 ? "" : "s") + ": "
                    + String.join(", ", results.stream().map(MatcherResult::toString).toList());
        }
    }

    public record Match(Playbook playbook, String why, List<Candidate> candidates) {
    }

    static final Comparator<Candidate> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt((Candidate c) -> -c.nameRank())
            .thenComparingInt(c -> -c.results().size())
            .thenComparingLong(c -> -c.equalities())
            .thenComparingInt(c -> -c.literal())
            .thenComparing(c -> c.playbook().name());

    public Optional<Playbook> find(String name) {
        return playbooks.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Every playbook whose name patterns cover the alert, matching ones first, most specific first. */
    public List<Candidate> candidates(String alertname, Map<String, String> labels) {
        List<Candidate> out = new ArrayList<>();
        for (Playbook p : playbooks) {
            Candidate best = null;
            for (String pattern : p.alerts()) {
                int rank = pattern.equals(alertname) ? 2 : pattern.equals("*") ? 0 : 1;
                if (rank == 1 && !globMatches(pattern, alertname)) {
                    continue;
                }
                if (rank == 0 || rank == 1 && isGlob(pattern) || rank == 2) {
                    int literal = pattern.replace("*", "").replace("?", "").length();
                    if (best == null || rank > best.nameRank() || rank == best.nameRank() && literal > best.literal()) {
                        best = new Candidate(p, pattern, rank, literal, List.of());
                    }
                }
            }
            if (best == null) {
                continue;
            }
            List<MatcherResult> results = new ArrayList<>();
            for (LabelMatcher m : p.match()) {
                results.add(new MatcherResult(m, labels.getOrDefault(m.label(), ""), m.matches(labels)));
            }
            out.add(new Candidate(p, best.pattern(), best.nameRank(), best.literal(), List.copyOf(results)));
        }
        out.sort(Comparator.comparing((Candidate c) -> !c.matches()).thenComparing(MOST_SPECIFIC_FIRST));
        return out;
    }

    public Optional<Match> match(String alertname, Map<String, String> labels) {
        Map<String, String> all = withAlertname(alertname, labels);
        List<Candidate> candidates = candidates(alertname, all);
        List<Candidate> matching = candidates.stream().filter(Candidate::matches).toList();
        if (matching.isEmpty()) {
            return Optional.empty();
        }
        Candidate winner = matching.getFirst();
        String why = winner.why();
        if (matching.size() > 1) {
            why += "; more specific than " + String.join(", ", matching.subList(1, matching.size()).stream()
                    .map(c -> c.playbook().name()).toList());
        }
        return Optional.of(new Match(winner.playbook(), why, candidates));
    }

    static Map<String, String> withAlertname(String alertname, Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(labels);
        all.putIfAbsent("alertname", alertname);
        return all;
    }

    private static boolean isGlob(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    private static final java.util.concurrent.ConcurrentMap<String, Pattern> GLOBS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Pattern glob(String pattern) {
        return GLOBS.computeIfAbsent(pattern, PlaybookSet::compileGlob);
    }

    /**
     * Whether a name pattern covers an alert name, remembered: every alert that arrives asks for every
     * playbook's patterns (its group key may come from a playbook), and the same few alert names come
     * back all day. A regex match per pattern per alert was a visible share of ingestion's CPU.
     */
    private static final java.util.concurrent.ConcurrentMap<String, Boolean> GLOB_MATCHES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int GLOB_MATCHES_MAX = 100_000;

    private static boolean globMatches(String pattern, String alertname) {
        String key = pattern + '\u0000' + alertname;
        Boolean known = GLOB_MATCHES.get(key);
        if (known != null) {
            return known;
        }
        boolean matches = glob(pattern).matcher(alertname).matches();
        if (GLOB_MATCHES.size() >= GLOB_MATCHES_MAX) {
            GLOB_MATCHES.clear();   // many distinct alert names: start over rather than grow without bound
        }
        GLOB_MATCHES.put(key, matches);
        return matches;
    }

    private static Pattern compileGlob(String pattern) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            if (ch == '*' || ch == '?') {
                re.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                re.append(ch == '*' ? ".*" : ".");
            } else {
                literal.append(ch);
            }
        }
        re.append(Pattern.quote(literal.toString()));
        return Pattern.compile(re.toString());
    }
}
