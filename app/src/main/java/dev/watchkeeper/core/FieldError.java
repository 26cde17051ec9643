package dev.watchkeeper.core;

/** One problem with one field of a request: {@code field} is a JSON path such as {@code alerts[2].labels}. */
public record FieldError(String field, String problem) {
}
