package dev.watchkeeper.knowledge;

import dev.watchkeeper.db.knowledge.NoteStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The store of tribal-knowledge notes. */
@Factory
public class KnowledgeFactory {

    @Singleton
    NoteStore noteStore() {
        return new NoteStore();
    }
}
