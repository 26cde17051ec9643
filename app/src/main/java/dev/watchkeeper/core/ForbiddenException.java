package dev.watchkeeper.core;

/** The person may not do this (HTTP 403); the message says who may. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
