package dev.watchkeeper.playbook;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One playbook file: the front matter (which alerts it covers and the rules beside the model) and the
 * Markdown body split into its sections.
 *
 * @param name     the file name without {@code .md}, which is also the H1 (the alert family's name)
 * @param file     where it was read from, as shown in lint lines
 * @param alerts   alert names or globs ({@code *}, {@code ?}) this playbook covers
 * @param severity a severity the team wants for these alerts, or null
 * @param groupBy  labels that group these alerts into one triage item, or empty for the default
 * @param sections section title (as written) to its Markdown, in file order
 * @param body     the Markdown after the front matter
 */
public record Playbook(String name, String file, List<String> alerts, List<LabelMatcher> match, String owner,
                       String severity, List<String> groupBy, List<NoiseRule> knownNoise, Guardrails guardrails,
                       Slo slo, List<Link> links, Map<String, String> sections, String body,
                       List<String> mitigationSummary) {

    public static final List<String> REQUIRED_SECTIONS = List.of("Meaning", "Impact", "Diagnosis", "Mitigation");
    public static final List<String> OPTIONAL_SECTIONS = List.of("Known noise", "Escalation", "Links");

    /** A condition under which the alert is known noise: a time window, label matchers, or both. */
    public record NoiseRule(String reason, TimeWindow window, List<LabelMatcher> match) {
        public boolean applies(Map<String, String> labels, Instant at) {
            return (window == null || window.contains(at)) && match.stream().allMatch(m -> m.matches(labels));
        }
    }

    /**
     * Rules beside the model. {@code alwaysPage}/{@code neverPage} are null when absent; an empty list of
     * matchers means "always".
     */
    public record Guardrails(List<LabelMatcher> alwaysPage, List<LabelMatcher> neverPage, List<QuietWindow> quietDuring) {
        public static final Guardrails NONE = new Guardrails(null, null, List.of());

        public boolean isEmpty() {
            return alwaysPage == null && neverPage == null && quietDuring.isEmpty();
        }
    }

    public record QuietWindow(String name, TimeWindow window) {
    }

    /** The objective behind the alert, e.g. metric {@code accuracy}, target 0.95 over {@code 7d}. */
    public record Slo(String metric, double target, String window) {
    }

    public record Link(String title, String url) {
    }

    public Optional<String> section(String title) {
        return sections.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(title))
                .map(Map.Entry::getValue).findFirst();
    }

    public Optional<NoiseRule> noiseAt(Map<String, String> labels, Instant at) {
        return knownNoise.stream().filter(r -> r.applies(labels, at)).findFirst();
    }
}
