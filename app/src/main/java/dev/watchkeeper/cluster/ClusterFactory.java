package dev.watchkeeper.cluster;

import dev.watchkeeper.db.cluster.LeaseStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The stores of the cluster domain. */
@Factory
public class ClusterFactory {

    @Singleton
    LeaseStore leaseStore() {
        return new LeaseStore();
    }
}
