package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.OwsService;
import fr.yseraa.observatory.ext.corridors.ComputeIndicatorsProcess;
import fr.yseraa.observatory.ext.corridors.IndicatorWriter;
import fr.yseraa.observatory.wps.ExecutionLimits;
import fr.yseraa.observatory.server.processes.JdbcJobStore;
import fr.yseraa.observatory.wps.ExecutionStore;
import fr.yseraa.observatory.wps.ProcessRegistry;
import fr.yseraa.observatory.wps.ProcessRunner;
import fr.yseraa.observatory.wps.WpsService;
import fr.yseraa.observatory.wps.process.WpsProcess;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Plugs the WPS into the dispatcher: the processes are those the extensions declare ({@code META-INF/services}) and
 * any Spring bean implementing {@link WpsProcess}; they run on the current catalog, through the feature-access layer.
 */
@Configuration
public class WpsConfiguration {

    /**
     * The one process that writes: it stores the observatory's indicators (administrators only), through a writer
     * given here rather than a connection any process could take.
     */
    @Bean
    WpsProcess computeIndicatorsProcess(DataSource dataSource) {
        return new ComputeIndicatorsProcess(new IndicatorWriter(dataSource));
    }

    @Bean
    ProcessRegistry processRegistry(ObjectProvider<WpsProcess> beans) {
        return ProcessRegistry.discover(beans.orderedStream().toList());
    }

    /**
     * Asynchronous executions: {@code obs.wps.async-threads} run at once (2 by default), {@code obs.wps.async-queue}
     * more wait (20; beyond, ServerBusy). They are jobs of the one job store in PostgreSQL ({@link JdbcJobStore},
     * shared with OGC API - Processes): any replica answers their status location, a finished execution's response
     * stays readable for {@code obs.wps.result-retention} (1 hour by default), and the executions of a server that
     * died read as failed once their lease ({@code obs.ogcapi.job-lease}, 1 minute, renewed every third) ran out.
     */
    @Bean(destroyMethod = "close")
    ExecutionStore wpsExecutions(JdbcJobStore jobs, @Value("${obs.wps.async-threads:2}") int threads,
                                 @Value("${obs.wps.async-queue:20}") int queue,
                                 @Value("${obs.ogcapi.job-lease:PT1M}") Duration lease) {
        return new ExecutionStore(threads, queue, jobs, lease.dividedBy(3));
    }

    /**
     * Complex inputs may be given by reference to a WFS GetFeature of this server, read internally for the caller;
     * such a reference selects at most {@code obs.wps.reference-max-features} features (10 000 by default).
     */
    @Bean
    OwsService wpsService(ProcessRegistry registry, CatalogService catalogs, FeatureRepository features,
                          ProcessRunner runner, ExecutionStore executions, ExecutionLimits limits,
                          @Value("${obs.wps.reference-max-features:10000}") long referenceMaxFeatures) {
        Supplier<Catalog> catalog = catalogs::catalog;
        return new WpsService(registry, catalog, runner, executions,
                new WfsReferences(catalog, features, referenceMaxFeatures), limits);
    }

    /** Runs processes for the WPS and OGC API - Processes, on the current catalog, through the feature-access layer. */
    @Bean
    ProcessRunner processRunner(CatalogService catalogs, FeatureRepository features) {
        return new ProcessRunner(catalogs::catalog, features);
    }

    /**
     * Synchronous executions: {@code obs.wps.max-running} at once (4), of which {@code obs.wps.max-running-anonymous}
     * for the public (by default half the processors, at least one — a process computes on a core of its own, so
     * the public's executions never take more than half the machine from the maps); a request waits {@code obs.wps.queue-wait} (1 s) for a place, then ServerBusy (503,
     * Retry-After). One execution may take {@code obs.wps.time-limit} (2 minutes), {@code obs.wps.async-time-limit}
     * asynchronously (30 minutes).
     */
    @Bean
    ExecutionLimits wpsLimits(@Value("${obs.wps.max-running:4}") int running,
                              @Value("${obs.wps.max-running-anonymous:#{null}}") Integer anonymous,
                              @Value("${obs.wps.queue-wait:PT1S}") Duration queueWait,
                              @Value("${obs.wps.time-limit:PT2M}") Duration timeLimit,
                              @Value("${obs.wps.async-time-limit:PT30M}") Duration asyncTimeLimit) {
        int forThePublic = anonymous != null ? anonymous : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return new ExecutionLimits(running, forThePublic, queueWait, timeLimit, asyncTimeLimit);
    }

    /** The synchronous executions running and waiting for a place, in the metrics. */
    @Bean
    MeterBinder wpsExecutionMetrics(ExecutionLimits limits) {
        return registry -> {
            Gauge.builder("wps.executions.running", limits, ExecutionLimits::running)
                    .description("Synchronous WPS executions running").register(registry);
            Gauge.builder("wps.executions.queued", limits, ExecutionLimits::queued)
                    .description("Synchronous WPS executions waiting for a place").register(registry);
        };
    }
}
