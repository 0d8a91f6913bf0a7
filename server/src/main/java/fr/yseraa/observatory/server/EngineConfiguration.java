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

    /** Its caller-bound reads may run on the streaming replica (see {@link ReplicaReads}), the rest on the primary. */
    @Bean
    FeatureRepository featureRepository(DataSource dataSource, ReplicaReads replicaReads,
                                        ObservatoryProperties properties) {
        return new FeatureRepository(dataSource, replicaReads.reads(), properties.statementTimeoutSeconds(),
                new JdbcAccessAudit(dataSource));
    }

    @Bean
    OwsDispatcher owsDispatcher(List<OwsService> services) {
        return new OwsDispatcher(services);
    }
}
