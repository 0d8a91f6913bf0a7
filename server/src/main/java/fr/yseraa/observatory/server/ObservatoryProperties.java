package fr.yseraa.observatory.server;

import fr.yseraa.observatory.server.security.DemoAccounts;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code obs.*}.
 *
 * @param dataDir the catalog: workspaces and layers (YAML)
 * @param stylesDir the SLD files layers name
 * @param statementTimeoutSeconds the longest any query may run
 * @param demo whether and how an empty database is filled with the demo observatory at start
 */
@ConfigurationProperties("obs")
public record ObservatoryProperties(
        @DefaultValue("data-dir") Path dataDir,
        @DefaultValue("styles") Path stylesDir,
        @DefaultValue("60") int statementTimeoutSeconds,
        @DefaultValue Demo demo) {

    /**
     * @param loadIfEmpty fill an empty database with the demo at start
     * @param occurrences how many occurrences the demo has
     * @param seed the demo's random seed
     * @param producerOrganisation the organisation (name or acronym) whose datasets the demo account
     *     {@code producteur} produces
     * @param indicators after loading the demo, compute the landscape and connectivity indicators as well
     *     ({@code obs:ComputeIndicators}, seconds)
     */
    public record Demo(@DefaultValue("true") boolean loadIfEmpty, @DefaultValue("100000") long occurrences,
                       @DefaultValue("20080202") long seed,
                       @DefaultValue(DemoAccounts.PRODUCER_ORGANISATION) String producerOrganisation,
                       @DefaultValue("true") boolean indicators) {
    }
}
