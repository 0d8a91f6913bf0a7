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
 */
public record ProcessContext(CallerFeatures features, List<LayerInfo> layers, ProgressListener progress) {

    /** The longest one statement of a process may run. */
    public static final int STATEMENT_TIMEOUT_SECONDS = 120;

    public ProcessContext {
        layers = List.copyOf(layers);
    }

    public Caller caller() {
        return features.caller();
    }

    public Catalog catalog() {
        return features.catalog();
    }

    /**
     * Runs the process's set-based SQL over its declared layers as the caller sees them (each named by
     * {@link LayerSql#relation}), in one transaction rolled back at its end: heavy work stays in PostGIS.
     */
    public <T> T read(LayerSql.Work<T> work) {
        return features.aggregate(layers, STATEMENT_TIMEOUT_SECONDS, work);
    }
}
