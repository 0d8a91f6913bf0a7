package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.OwsService;
import fr.yseraa.observatory.wps.ProcessRegistry;
import fr.yseraa.observatory.wps.ProcessRunner;
import fr.yseraa.observatory.wps.WpsService;
import fr.yseraa.observatory.wps.process.WpsProcess;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Plugs the WPS into the dispatcher: the processes are those the extensions declare ({@code META-INF/services}) and
 * any Spring bean implementing {@link WpsProcess}; they run on the current catalog, through the feature-access layer.
 */
@Configuration
public class WpsConfiguration {

    @Bean
    ProcessRegistry processRegistry(ObjectProvider<WpsProcess> beans) {
        return ProcessRegistry.discover(beans.orderedStream().toList());
    }

    @Bean
    OwsService wpsService(ProcessRegistry registry, CatalogService catalogs, FeatureRepository features,
                          DataSource dataSource) {
        Supplier<Catalog> catalog = catalogs::catalog;
        return new WpsService(registry, catalog, new ProcessRunner(catalog, features, dataSource));
    }
}
