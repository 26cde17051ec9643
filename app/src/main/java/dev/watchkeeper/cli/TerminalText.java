package dev.watchkeeper.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Text from outside (alert names, summaries, notes) printed to a terminal: control characters that a terminal
 * acts on (ESC and so CSI/OSC sequences, CR, backspace, bell, C1 controls, bidirectional overrides) are shown as
 * visible escapes such as {@code \x1b} instead. Newlines and tabs pass.
 */
public final class TerminalText {

    private TerminalText() {
    }

    static boolean unsafe(int c) {
        return c < 0x20 && c != '\n' && c != '\t'
                || c == 0x7f
                || c >= 0x80 && c <= 0x9f
                || c >= 0x202a && c <= 0x202e
                || c >= 0x2066 && c <= 0x2069;
    }

    static String escape(int c) {
        return c <= 0xff ? String.format("\\x%02x", c) : String.format("\\u%04x", c);
    }

    /** {@code s} with every unsafe character escaped. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unsafe(c)) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                sb.append(escape(c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** A writer that escapes everything passing through it (all CLI output goes through one). */
    public static PrintWriter safe(PrintWriter out) {
        return new PrintWriter(new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                if (unsafe(c)) {
                    out.write(escape(c));
                } else {
                    out.write(c);
                }
            }

            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                write(new String(buf, off, len), 0, len);
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                out.write(clean(str.substring(off, off + len)));
            }
        }, true);
    }
}
