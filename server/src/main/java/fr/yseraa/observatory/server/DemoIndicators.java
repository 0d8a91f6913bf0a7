package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.ext.corridors.ComputeIndicatorsProcess;
import fr.yseraa.observatory.ext.sinp.SensitivityPolicy;
import fr.yseraa.observatory.wps.ProcessRunner;
import fr.yseraa.observatory.wps.process.ExecutionBudget;
import fr.yseraa.observatory.wps.process.ProcessInputs;
import fr.yseraa.observatory.wps.process.ProgressListener;
import fr.yseraa.observatory.wps.process.WpsProcess;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After the demo is loaded at start, the landscape and connectivity indicators (habitat shares, meff, ECA) are computed
 * as an administrator would, by running {@code obs:ComputeIndicators} for the current year, so that the portal shows
 * every indicator of the demo ({@code obs.demo.indicators}, on by default).
 */
@Component
public class DemoIndicators {

    private static final Logger LOG = LoggerFactory.getLogger(DemoIndicators.class);
    private static final Caller LOADER = new Caller("demo-loader", Set.of(SensitivityPolicy.ADMIN));

    public DemoIndicators(DatabaseInitializer database, ObservatoryProperties properties, CatalogService catalogs,
                          FeatureRepository features, List<WpsProcess> processes) {
        if (!database.demoLoaded() || !properties.demo().indicators()) {
            return;
        }
        WpsProcess compute = processes.stream().filter(ComputeIndicatorsProcess.class::isInstance).findFirst()
                .orElseThrow(() -> new IllegalStateException("obs:ComputeIndicators is not plugged in"));
        long start = System.nanoTime();
        new ProcessRunner(catalogs::catalog, features).run(compute, ProcessInputs.bind(compute.description(), Map.of()),
                LOADER, ProgressListener.NONE, ExecutionBudget.UNLIMITED);
        LOG.info("demo indicators computed in {} s", (System.nanoTime() - start) / 1_000_000_000);
    }
}
