package dev.watchkeeper.auth;

import dev.watchkeeper.db.auth.ApiTokenStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

@Factory
class AuthFactory {
    @Singleton
    ApiTokenStore apiTokenStore() {
        return new ApiTokenStore();
    }
}
