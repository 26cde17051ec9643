package dev.watchkeeper.triage;

import dev.watchkeeper.db.triage.TagStore;
import dev.watchkeeper.db.review.ReviewStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Stores for tags and for the questions the stale rule and the weekly review ask. */
@Factory
public class TriageExtrasFactory {

    @Singleton
    TagStore tagStore() {
        return new TagStore();
    }

    @Singleton
    ReviewStore reviewStore() {
        return new ReviewStore();
    }
}
