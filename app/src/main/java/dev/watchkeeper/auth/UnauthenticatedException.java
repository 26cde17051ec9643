package dev.watchkeeper.auth;

/** A request that needed a credential and had none (HTTP 401). */
public class UnauthenticatedException extends RuntimeException {
    public UnauthenticatedException(String message) {
        super(message);
    }
}
