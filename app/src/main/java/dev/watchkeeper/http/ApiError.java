package dev.watchkeeper.http;

import dev.watchkeeper.core.FieldError;

import java.util.List;

/** The JSON body of every 4xx answer: a sentence, and the fields at fault when there are any. */
public record ApiError(String error, List<FieldError> errors) {

    public static ApiError of(String message) {
        return new ApiError(message, List.of());
    }
}
