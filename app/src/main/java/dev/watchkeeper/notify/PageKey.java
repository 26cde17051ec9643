package dev.watchkeeper.notify;

import java.util.Optional;

/**
 * The idempotency key of one page to one person on one channel:
 * {@code page:ITEM:ROUND.LEVEL:PERSON:CHANNEL}. Every channel of one page shares {@link #prefix()}, so the
 * outboxes can tell when all of them failed; the same page enqueued twice is one delivery per channel.
 */
public record PageKey(int itemId, int round, int level, int personId) {

    public String prefix() {
        return "page:" + itemId + ":" + round + "." + level + ":" + personId + ":";
    }

    public String key(String channel) {
        return prefix() + channel;
    }

    public static Optional<PageKey> parse(String key) {
        if (key == null || !key.startsWith("page:")) {
            return Optional.empty();
        }
        String[] p = key.split(":");
        if (p.length != 5) {
            return Optional.empty();
        }
        try {
            String[] rl = p[2].split("\\.");
            return Optional.of(new PageKey(Integer.parseInt(p[1]), Integer.parseInt(rl[0]), Integer.parseInt(rl[1]),
                    Integer.parseInt(p[3])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
