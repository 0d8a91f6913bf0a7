package fr.yseraa.observatory.server.database;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The optional streaming replica ({@code obs.datasource.replica.*}, {@link ReplicaSettings}) and where reads go
 * ({@link ReplicaReads}). Its state shows in {@code /actuator/health} (component {@code replica}, always up: the
 * server works without it, so readiness does not depend on it) and in the metrics {@code obs.database.replica.reads}
 * (1 while reads go to the replica) and {@code obs.database.replica.departures} (how many times they left it).
 */
@Configuration
public class ReplicaConfiguration {

    @Bean(destroyMethod = "close")
    ReplicaReads replicaReads(DataSource dataSource, ReplicaSettings settings, DataSourceProperties primary,
                              MeterRegistry meters) {
        ReplicaReads reads = settings.configured()
                ? new ReplicaReads(dataSource, settings, primary.determineUsername(), primary.determinePassword())
                : ReplicaReads.none(dataSource);
        Gauge.builder("obs.database.replica.reads", reads, r -> r.replicaInUse() ? 1 : 0)
                .description("1 while the read-only work goes to the streaming replica, 0 while it takes the primary")
                .register(meters);
        FunctionCounter.builder("obs.database.replica.departures", reads, ReplicaReads::departures)
                .description("How many times the read-only work left the streaming replica for the primary")
                .register(meters);
        return reads;
    }

    @Bean
    HealthIndicator replicaHealthIndicator(ReplicaReads reads) {
        return () -> reads.replicaInUse()
                ? Health.up().withDetail("reads", "replica").withDetail("lagMs", reads.lag().toMillis()).build()
                : Health.up().withDetail("reads", "primary").withDetail("because", reads.onPrimaryBecause()).build();
    }
}
