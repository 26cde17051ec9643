package dev.watchkeeper.slack;

/**
 * Text from alerts and people is data: escaped for Slack mrkdwn so it cannot ping {@code @channel},
 * mention users or inject links. Slack's formatting docs name exactly these three characters.
 */
public final class SlackText {

    private SlackText() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A link with escaped label; the URL itself must not break out of {@code <url|label>}. */
    public static String link(String url, String label) {
        if (url == null || url.isBlank()) {
            return escape(label);
        }
        String safeUrl = url.strip().replace("|", "%7C").replace(">", "%3E").replace("<", "%3C").replace("&", "&amp;");
        if (!(safeUrl.startsWith("http://") || safeUrl.startsWith("https://"))) {
            return escape(label + " " + url);
        }
        return "<" + safeUrl + "|" + escape(label) + ">";
    }

    /** Slack limits a section's text to 3000 characters. */
    public static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
