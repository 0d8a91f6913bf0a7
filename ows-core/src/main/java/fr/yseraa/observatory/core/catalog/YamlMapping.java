package fr.yseraa.observatory.core.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping read with its line numbers, so that every problem found in a catalog file can name the
 * file and the line. Problems are collected, not thrown, so one start-up reports them all.
 */
final class YamlMapping {

    private final Path file;
    private final Node node;
    private final Map<String, Node> entries = new LinkedHashMap<>();
    private final List<String> problems;

    YamlMapping(Path file, Node node, List<String> problems) {
        this.file = file;
        this.node = node;
        this.problems = problems;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    entries.put(key.getValue(), tuple.getValueNode());
                }
            }
        } else {
            problems.add(location(node) + ": expected a mapping of keys to values");
        }
    }

    SourceLocation location(String key) {
        Node n = entries.get(key);
        return n == null ? new SourceLocation(file, line(node)) : new SourceLocation(file, line(n));
    }

    Map<String, SourceLocation> locations() {
        Map<String, SourceLocation> map = new LinkedHashMap<>();
        map.put("", new SourceLocation(file, line(node)));
        entries.forEach((k, v) -> map.put(k, new SourceLocation(file, line(v))));
        return map;
    }

    void rejectUnknownKeys(List<String> known) {
        entries.keySet().stream().filter(k -> !known.contains(k))
                .forEach(k -> problems.add(location(k) + ": unknown key '" + k + "' (known keys: "
                        + String.join(", ", known) + ")"));
    }

    String required(String key) {
        String value = optional(key);
        if (value == null) {
            problems.add(location(key) + ": missing required key '" + key + "'");
        }
        return value;
    }

    String optional(String key) {
        Node n = entries.get(key);
        if (n == null) {
            return null;
        }
        if (n instanceof ScalarNode scalar) {
            String v = scalar.getValue().trim();
            return v.isEmpty() ? null : v;
        }
        problems.add(location(key) + ": '" + key + "' must be a single value");
        return null;
    }

    List<String> list(String key) {
        Node n = entries.get(key);
        if (n == null) {
            return List.of();
        }
        if (n instanceof SequenceNode seq) {
            List<String> values = new ArrayList<>();
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode scalar) {
                    values.add(scalar.getValue().trim());
                } else {
                    problems.add(location(item) + ": items of '" + key + "' must be single values");
                }
            }
            return values;
        }
        problems.add(location(key) + ": '" + key + "' must be a list");
        return List.of();
    }

    /** The mappings of a list of mappings. */
    List<YamlMapping> mappings(String key) {
        Node n = entries.get(key);
        if (n == null) {
            return List.of();
        }
        if (!(n instanceof SequenceNode seq)) {
            problems.add(location(key) + ": '" + key + "' must be a list");
            return List.of();
        }
        List<YamlMapping> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            out.add(new YamlMapping(file, item, problems));
        }
        return out;
    }

    YamlMapping mapping(String key) {
        Node n = entries.get(key);
        return n == null ? null : new YamlMapping(file, n, problems);
    }

    void problem(String key, String message) {
        problems.add(location(key) + ": " + message);
    }

    private SourceLocation location(Node n) {
        return new SourceLocation(file, line(n));
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }
}
