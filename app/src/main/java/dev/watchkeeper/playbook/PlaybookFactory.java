package dev.watchkeeper.playbook;

import dev.watchkeeper.db.playbook.GuardrailDecisionStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

@Factory
public class PlaybookFactory {

    @Singleton
    GuardrailDecisionStore guardrailDecisionStore() {
        return new GuardrailDecisionStore();
    }
}
