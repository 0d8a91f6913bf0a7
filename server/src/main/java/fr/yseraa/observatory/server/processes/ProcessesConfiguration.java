package fr.yseraa.observatory.server.processes;

import fr.yseraa.observatory.ogcapi.processes.OgcApiProcesses;
import fr.yseraa.observatory.ogcapi.processes.ProcessJobs;
import fr.yseraa.observatory.server.ServerNode;
import fr.yseraa.observatory.wps.ExecutionLimits;
import fr.yseraa.observatory.wps.ProcessRegistry;
import fr.yseraa.observatory.wps.ProcessRunner;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OGC API - Processes at {@code /ogcapi/processes} and {@code /ogcapi/jobs} over the WPS's processes, runner and
 * limits. Jobs live in {@code security.process_job}: {@code obs.wps.async-threads} run at once on each server (2),
 * {@code obs.ogcapi.job-queue} more wait (20, then ServerBusy); a finished job stays {@code obs.wps.result-retention}
 * (1 hour). A server vouches for the jobs it runs for {@code obs.ogcapi.job-lease} (1 minute), renewed every third of
 * it; past it, a job whose server died reads as failed on every replica.
 */
@Configuration
public class ProcessesConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessesConfiguration.class);

    @Bean
    JdbcJobStore processJobStore(DataSource dataSource, @Value("${server.port:8080}") int port,
                                 @Value("${obs.ogcapi.job-lease:PT1M}") Duration lease,
                                 @Value("${obs.wps.result-retention:PT1H}") Duration retention) {
        JdbcJobStore store = new JdbcJobStore(dataSource, ServerNode.name(port), lease, retention);
        int interrupted = store.interrupted();
        if (interrupted > 0) {
            LOG.warn("{} OGC API jobs of this server were interrupted by its last stop", interrupted);
        }
        return store;
    }

    @Bean(destroyMethod = "close")
    ProcessJobs processJobs(JdbcJobStore store, ProcessRunner runner, ExecutionLimits limits,
                            @Value("${obs.wps.async-threads:2}") int threads,
                            @Value("${obs.ogcapi.job-queue:20}") int queue,
                            @Value("${obs.ogcapi.job-lease:PT1M}") Duration lease) {
        return new ProcessJobs(store, runner, limits, threads, queue, lease.dividedBy(3));
    }

    @Bean
    OgcApiProcesses ogcApiProcesses(ProcessRegistry registry, ProcessRunner runner, ExecutionLimits limits,
                                    ProcessJobs jobs, JdbcJobStore store) {
        return new OgcApiProcesses(registry, runner, limits, jobs, store);
    }
}
