package dev.watchkeeper.db.ranking;

import java.time.Instant;

/** One trained model version in the registry. {@code features}, {@code params}, {@code metrics} are JSON. */
public record ModelVersionRow(int id, String kind, String state, Instant createdAt, Instant trainFrom,
                              Instant trainTo, Instant holdoutFrom, String features, String params, String metrics,
                              double threshold, byte[] model, Instant stateChangedAt, String note) {

    public String name() {
        return kind + "-" + id;
    }
}
