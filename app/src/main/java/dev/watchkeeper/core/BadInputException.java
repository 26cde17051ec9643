package dev.watchkeeper.core;

import java.util.List;

/** Input that cannot be accepted, with every field error found, not just the first. */
public class BadInputException extends RuntimeException {

    private final List<FieldError> errors;

    public BadInputException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
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
