package dev.watchkeeper.rotation;

import dev.watchkeeper.db.rotation.RotationStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

@Factory
public class RotationFactory {

    @Singleton
    RotationStore rotationStore() {
        return new RotationStore();
    }
}
