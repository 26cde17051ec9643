package dev.watchkeeper.playbook;

import org.yaml.snakeyaml.nodes.NodeTuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The playbook file being read: its name, the line offset of its YAML, and every problem found so far. */
final class PlaybookSource {
    final String file;
    final List<Problem> problems = new ArrayList<>();
    int yamlOffset;

    PlaybookSource(String file) {
        this.file = file;
    }

    int line(org.yaml.snakeyaml.nodes.Node n) {
        return n.getStartMark().getLine() + yamlOffset;
    }

    int firstLine(Map<String, NodeTuple> k) {
        return k.isEmpty() ? yamlOffset : line(k.values().iterator().next().getKeyNode());
    }

    void at(org.yaml.snakeyaml.nodes.Node n, String message) {
        at(line(n), message);
    }

    void at(int line, String message) {
        problems.add(new Problem(file, line, message));
    }
}
