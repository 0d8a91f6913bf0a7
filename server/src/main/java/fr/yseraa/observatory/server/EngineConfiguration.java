package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.access.AccessPolicies;
import fr.yseraa.observatory.core.access.AccessPolicy;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.OwsDispatcher;
import fr.yseraa.observatory.core.ows.OwsService;
import fr.yseraa.observatory.server.database.ReplicaReads;
import fr.yseraa.observatory.server.security.JdbcAccessAudit;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Assembles the engine: access policies (extensions' and Spring beans'), feature access, the OWS dispatcher. */
@Configuration
public class EngineConfiguration {

    @Bean
    AccessPolicies accessPolicies(List<AccessPolicy> beans) {
        List<AccessPolicy> all = new ArrayList<>(beans);
        ServiceLoader.load(AccessPolicy.class).forEach(all::add);
        return new AccessPolicies(all);
    }

    /**
     * Its caller-bound reads may run on the streaming replica (see {@link ReplicaReads}), the rest on the primary.
     * {@code obs.wms.precomputed-density} (true by default) lets density grids be read from the grids precomputed per
     * access class; false counts every grid live in PostGIS, as before the grids existed: the same maps, to measure
     * the grids with one jar on one database ({@code bench/wms-fair-ab.sh}, A_ARGS / B_ARGS).
     */
    @Bean
    FeatureRepository featureRepository(DataSource dataSource, ReplicaReads replicaReads,
                                        ObservatoryProperties properties,
                                        @Value("${obs.wms.precomputed-density:true}") boolean precomputedDensity) {
        return new FeatureRepository(dataSource, replicaReads.reads(), properties.statementTimeoutSeconds(),
                new JdbcAccessAudit(dataSource), precomputedDensity);
    }

    @Bean
    OwsDispatcher owsDispatcher(List<OwsService> services) {
        return new OwsDispatcher(services);
    }
}
