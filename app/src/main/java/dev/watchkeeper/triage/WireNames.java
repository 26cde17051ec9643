package dev.watchkeeper.triage;

import java.util.Locale;
import java.util.Optional;

/** The one reading of triage's stored names: an enum constant's name in lower case ({@code acknowledged}, {@code ack}). */
final class WireNames {

    private WireNames() {
    }

    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant {@code wire} names exactly; empty for null or anything else. */
    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String wire) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(wire)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
