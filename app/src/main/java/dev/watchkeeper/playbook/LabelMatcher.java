package dev.watchkeeper.playbook;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Alertmanager-style label matcher: {@code name=value}, {@code name!=value}, {@code name=~regex},
 * {@code name!~regex}. As in Alertmanager, regexes are anchored at both ends and a missing label reads as
 * the empty string, so {@code team!=data} matches an alert without a {@code team} label.
 */
public record LabelMatcher(String label, Op op, String value, Pattern pattern) {

    public enum Op {
        EQ("="), NE("!="), RE("=~"), NRE("!~");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    private static final Pattern SYNTAX = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");

    /** Parses one matcher; throws {@link IllegalArgumentException} with a message fit for a lint line. */
    public static LabelMatcher parse(String text) {
        var m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("matcher '" + text
                    + "' is not label=value, label!=value, label=~regex or label!~regex");
        }
        String value = unquote(m.group(3));
        Op op = switch (m.group(2)) {
            case "=" -> Op.EQ;
            case "!=" -> Op.NE;
            case "=~" -> Op.RE;
            default -> Op.NRE;
        };
        Pattern p = null;
        if (op == Op.RE || op == Op.NRE) {
            try {
                p = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("matcher '" + text + "': invalid regex: " + e.getDescription());
            }
        }
        return new LabelMatcher(m.group(1), op, value, p);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(label, "");
        return switch (op) {
            case EQ -> actual.equals(value);
            case NE -> !actual.equals(value);
            case RE -> pattern.matcher(actual).matches();
            case NRE -> !pattern.matcher(actual).matches();
        };
    }

    public boolean isEquality() {
        return op == Op.EQ;
    }

    @Override
    public String toString() {
        return label + op.symbol + value;
    }
}
