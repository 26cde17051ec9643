package dev.watchkeeper.ingest;

import dev.watchkeeper.db.IngestStore;
import dev.watchkeeper.db.IntegrationStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The ingest package's stores. */
@Factory
public class IngestFactory {

    @Singleton
    IntegrationStore integrationStore() {
        return new IntegrationStore();
    }

    @Singleton
    IngestStore ingestStore() {
        return new IngestStore();
    }
}
