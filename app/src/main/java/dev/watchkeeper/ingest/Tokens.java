package dev.watchkeeper.ingest;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

/** Where a sender may put its integration token: the path, {@code Authorization: Bearer}, or {@code ?token=}. */
final class Tokens {

    private Tokens() {
    }

    static String of(HttpRequest<?> request, String pathToken) {
        if (pathToken != null && !pathToken.isBlank()) {
            return pathToken;
        }
        String auth = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).strip();
        }
        return request.getParameters().get("token");
    }
}
