package fr.yseraa.observatory.wps.process;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import javax.sql.DataSource;

/**
 * What a process may use: who is asking (layer data must be read through {@code features} with that caller, so
 * access policies apply), the current catalog, the database for its own set-based work, and a progress listener.
 */
public record ProcessContext(Caller caller, Catalog catalog, FeatureRepository features, DataSource dataSource,
                             ProgressListener progress) {
}
