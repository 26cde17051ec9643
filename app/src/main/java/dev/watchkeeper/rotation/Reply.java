package dev.watchkeeper.rotation;

/** What a chat command answers: markdown text, and whether it went wrong (the surface may show it privately). */
public record Reply(String text, boolean error) {
    static Reply ok(String text) {
        return new Reply(text, false);
    }

    static Reply error(String text) {
        return new Reply(text, true);
    }
}
