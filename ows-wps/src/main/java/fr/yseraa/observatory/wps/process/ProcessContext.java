package fr.yseraa.observatory.wps.process;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.LayerSql;
import java.util.List;

/**
 * What a process may use: the data as its caller sees it (every layer read through the caller's access policy), the
 * layers its description declares (the runner has checked the caller may read each), and a progress listener. A
 * process reaches the database only through {@link #read} or {@link #features()}, never by a connection of its own.
 *
 * @param features the data as the caller sees it in the current catalog
 * @param layers the layers the process declared, in its description's order
 * @param progress where the process reports its progress; each report is a checkpoint of its budget (it fails when
 *     the time limit has passed or the client has gone)
 * @param budget the time the execution may take and whether its client still waits
 */
public record ProcessContext(CallerFeatures features, List<LayerInfo> layers, ProgressListener progress,
                             ExecutionBudget budget) {

    /** The longest one statement of a process may run. */
    public static final int STATEMENT_TIMEOUT_SECONDS = 120;

    public ProcessContext {
        layers = List.copyOf(layers);
        ProgressListener reported = progress;
        progress = (percent, message) -> {
            budget.check();
            reported.progress(percent, message);
        };
    }

    /** A context without time limit (tests and tools). */
    public ProcessContext(CallerFeatures features, List<LayerInfo> layers, ProgressListener progress) {
        this(features, layers, progress, ExecutionBudget.UNLIMITED);
    }

    /**
     * Fails when the execution's time limit has passed or its client has gone: a long computation in Java calls it
     * now and then, as it would report progress.
     */
    public void checkpoint() {
        budget.check();
    }

    public Caller caller() {
        return features.caller();
    }

    public Catalog catalog() {
        return features.catalog();
    }

    /**
     * Runs the process's set-based SQL over its declared layers as the caller sees them (each named by
     * {@link LayerSql#relation}), in one transaction rolled back at its end: heavy work stays in PostGIS. The
     * connection is held for the work only: a process that computes in Java reads what it needs, returns, then
     * computes. Each statement times out by {@link #STATEMENT_TIMEOUT_SECONDS}, or sooner at the time limit.
     */
    public <T> T read(LayerSql.Work<T> work) {
        budget.check();
        return features.aggregate(layers, budget.statementTimeoutSeconds(STATEMENT_TIMEOUT_SECONDS), work);
    }
}
