package fr.yseraa.observatory.ext.corridors;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.ext.ObservatoryDatabase;
import fr.yseraa.observatory.wps.process.ExecutionBudget;
import fr.yseraa.observatory.wps.process.InputValue;
import fr.yseraa.observatory.wps.process.ProcessContext;
import fr.yseraa.observatory.wps.process.ProcessInputs;
import fr.yseraa.observatory.wps.process.ProcessResult;
import fr.yseraa.observatory.wps.process.ProgressListener;
import fr.yseraa.observatory.wps.process.WpsProcess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The demo observatory with the project's catalog, and a way to run a process on it as a given caller. */
final class DemoProcesses {

    private static DataSource ds;
    private static Catalog catalog;
    private static FeatureRepository repository;

    private DemoProcesses() {
    }

    static synchronized void init() throws Exception {
        if (ds == null) {
            ds = ObservatoryDatabase.demo();
            catalog = catalogOf(ds);
            repository = new FeatureRepository(ds, 60);
        }
    }

    /** The project's catalog on a database of the observatory's schema. */
    static Catalog catalogOf(DataSource database) throws Exception {
        return ObservatoryDatabase.catalog(database, ObservatoryDatabase.projectRoot().resolve("data-dir"));
    }

    static DataSource dataSource() {
        return ds;
    }

    static Catalog catalog() {
        return catalog;
    }

    static FeatureRepository repository() {
        return repository;
    }

    /** Literal inputs from alternating identifiers and values. */
    static Map<String, List<InputValue>> literals(String... idsAndValues) {
        Map<String, List<InputValue>> inputs = new LinkedHashMap<>();
        for (int i = 0; i < idsAndValues.length; i += 2) {
            inputs.computeIfAbsent(idsAndValues[i], k -> new ArrayList<>())
                    .add(new InputValue.Literal(idsAndValues[i + 1], null));
        }
        return inputs;
    }

    static ProcessResult run(WpsProcess process, Map<String, List<InputValue>> inputs, Caller caller) {
        return runOn(ds, process, inputs, caller);
    }

    /**
     * Runs a process on another database of the observatory's schema, with the project's catalog on it, as the
     * runner would: the layers it declares, each readable by the caller.
     */
    static ProcessResult runOn(DataSource database, WpsProcess process, Map<String, List<InputValue>> inputs, Caller caller) {
        return runOn(database, process, inputs, caller, ExecutionBudget.UNLIMITED);
    }

    /** {@link #runOn(DataSource, WpsProcess, Map, Caller)} within a budget. */
    static ProcessResult runOn(DataSource database, WpsProcess process, Map<String, List<InputValue>> inputs, Caller caller,
                               ExecutionBudget budget) {
        CallerFeatures features;
        try {
            features = database == ds ? repository.forCaller(catalog, caller)
                    : new FeatureRepository(database, 60).forCaller(catalogOf(database), caller);
        } catch (Exception e) {
            throw new IllegalStateException("no catalog on the test database", e);
        }
        List<LayerInfo> layers = process.description().layers().stream()
                .map(name -> features.layer(name).orElseThrow(() -> new IllegalStateException(name + " unreadable")))
                .toList();
        return process.execute(ProcessInputs.bind(process.description(), inputs),
                new ProcessContext(features, layers, ProgressListener.NONE, budget));
    }

    static String literal(ProcessResult result, String id) {
        return ((ProcessResult.Literal) result.outputs().get(id)).value();
    }

    static String complex(ProcessResult result, String id, String mimeType) {
        return ((ProcessResult.Complex) result.outputs().get(id)).render(mimeType);
    }
}
