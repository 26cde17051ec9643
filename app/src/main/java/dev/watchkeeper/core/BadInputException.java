package dev.watchkeeper.core;

import java.util.List;

/** Input that cannot be accepted, with every field error found, not just the first. */
public class BadInputException extends RuntimeException {

    private final List<FieldError> errors;

    public BadInputException(List<FieldError> errors) {
        this(bounded(errors), true);
    }

    private BadInputException(List<FieldError> bounded, boolean ignored) {
        super(summary(bounded));
        this.errors = bounded;
    }

    /** The line that stands for {@code n} problems not listed. */
    public static FieldError more(long n) {
        return new FieldError("…", String.format(java.util.Locale.ROOT, "and %,d more", n));
    }

    /** At most {@link Bounds#MOST_ERRORS_LISTED} problems (and a line counting the rest), each of bounded length. */
    private static List<FieldError> bounded(List<FieldError> errors) {
        List<FieldError> out = new java.util.ArrayList<>();
        long more = 0;
        for (FieldError e : errors) {
            if (out.size() < Bounds.MOST_ERRORS_LISTED) {
                out.add(new FieldError(Bounds.cut(e.field(), 200), Bounds.cut(e.problem(), 500)));
            } else if ("…".equals(e.field()) && e.problem() != null && e.problem().startsWith("and ")) {
                more += Long.parseLong(e.problem().replaceAll("[^0-9]", ""));
            } else {
                more++;
            }
        }
        if (more > 0) {
            out.add(more(more));
        }
        return List.copyOf(out);
    }

    public BadInputException(String field, String problem) {
        this(List.of(new FieldError(field, problem)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder();
        for (FieldError e : errors) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(e.field()).append(": ").append(e.problem());
        }
        return sb.toString();
    }
}
