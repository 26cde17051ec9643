package dev.watchkeeper.report;

import dev.watchkeeper.db.report.RecordStore;
import dev.watchkeeper.db.report.ReportStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The stores reports read and write. */
@Factory
public class ReportFactory {

    @Singleton
    ReportStore reportStore() {
        return new ReportStore();
    }

    @Singleton
    RecordStore recordStore() {
        return new RecordStore();
    }
}
