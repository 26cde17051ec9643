package dev.watchkeeper.cli;

import dev.watchkeeper.testing.Cli;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alert text with terminal control sequences reaches {@code queue} and {@code item show} as visible escapes. */
class TerminalInjectionTest {

    @TempDir
    Path dir;

    /** An OSC title change, a CSI screen clear, a carriage return that overwrites the line, a C1 CSI, a bidi override. */
    static final String EVIL = "Disk\\u001b]0;pwned\\u0007\\u001b[2J\\rfine\\u009b31m\\u202eevil";

    @Test
    void controlCharactersAreEscapedInCliOutput() {
        try (TestApp app = TestApp.start(dir)) {
            TestHttp.Response r = app.http().postJson("/api/alerts", "{\"alertname\": \"" + EVIL + "\", \"summary\": \""
                    + EVIL + "\", \"service\": \"ranker\\u001b[1m\"}");
            assertEquals(201, r.status(), r.body());
            assertEquals(200, app.http().postJson("/api/items/1/actions",
                    "{\"action\": \"note\", \"by\": \"alice\", \"note\": \"" + EVIL + "\"}").status());
        }
        for (String[] args : new String[][]{{"queue"}, {"item", "show", "1"}}) {
            Cli.Result out = Cli.run(dir.resolve("watchkeeper.db"), args);
            assertEquals(0, out.exitCode(), out.err());
            for (char c : new char[]{'\u001b', '\r', '\u0007', '\u009b', '\u202e'}) {
                assertFalse(out.out().indexOf(c) >= 0, String.join(" ", args) + " printed U+" + Integer.toHexString(c));
            }
            assertTrue(out.out().contains("Disk\\x1b]0;pwned"), out.out());
        }
    }

    @Test
    void cleanLeavesOrdinaryTextAlone() {
        assertEquals("a\tb\nc é ✓", TerminalText.clean("a\tb\nc é ✓"));
        assertEquals("\\x1b[2J\\x0d\\x9b\\u202e", TerminalText.clean("\u001b[2J\r\u009b\u202e"));
    }
}
