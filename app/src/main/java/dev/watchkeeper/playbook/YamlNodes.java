package dev.watchkeeper.playbook;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reading snakeyaml nodes with a problem, and its line, for every value that is not what it should be. */
final class YamlNodes {

    private YamlNodes() {
    }

    static List<LabelMatcher> matchers(PlaybookSource c, org.yaml.snakeyaml.nodes.Node node, String field) {
        List<LabelMatcher> out = new ArrayList<>();
        for (ScalarNode s : strings(c, node, field)) {
            try {
                out.add(LabelMatcher.parse(s.getValue()));
            } catch (IllegalArgumentException e) {
                c.at(s, field + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** A list of text values; a single text value counts as a list of one. */
    static List<ScalarNode> strings(PlaybookSource c, org.yaml.snakeyaml.nodes.Node node, String field) {
        List<ScalarNode> out = new ArrayList<>();
        if (node instanceof ScalarNode s) {
            if (!s.getValue().isBlank()) {
                out.add(s);
            }
        } else if (node instanceof SequenceNode seq) {
            for (org.yaml.snakeyaml.nodes.Node item : seq.getValue()) {
                if (item instanceof ScalarNode s && !s.getValue().isBlank()) {
                    out.add(s);
                } else {
                    c.at(item, field + ": each entry must be a non-empty text value");
                }
            }
        } else {
            c.at(node, field + ": must be a list of text values");
        }
        return out;
    }

    static String scalar(PlaybookSource c, org.yaml.snakeyaml.nodes.Node node, String field) {
        if (node instanceof ScalarNode s && !s.getValue().isBlank()) {
            return s.getValue().strip();
        }
        c.at(node, field + ": must be a non-empty text value");
        return null;
    }

    static Boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> null;
        };
    }

    static Map<String, NodeTuple> keys(PlaybookSource c, MappingNode m, List<String> allowed) {
        return keys(c, m, allowed, null);
    }

    /** The mapping's entries by key; unknown and repeated keys are problems (a typo must not pass silently). */
    static Map<String, NodeTuple> keys(PlaybookSource c, MappingNode m, List<String> allowed, String field) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                c.at(t.getKeyNode(), (field == null ? "" : field + ": ") + "keys must be plain names");
                continue;
            }
            String prefix = field == null ? "" : field + ": ";
            if (!allowed.contains(k.getValue())) {
                c.at(k, prefix + "unknown key '" + k.getValue() + "' (expected one of " + String.join(", ", allowed) + ")");
            } else if (out.containsKey(k.getValue())) {
                c.at(k, prefix + "key '" + k.getValue() + "' appears twice");
            } else {
                out.put(k.getValue(), t);
            }
        }
        return out;
    }
}
