package fr.yseraa.observatory.server;

import fr.yseraa.observatory.ext.demo.DemoLoader;
import fr.yseraa.observatory.ext.demo.DemoOptions;
import fr.yseraa.observatory.server.security.DemoAccounts;
import fr.yseraa.observatory.server.security.UserStore;
import java.io.IOException;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Brings the database to the current data model at start, and fills it with the demo (and its accounts) when empty. */
@Component
public class DatabaseInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseInitializer.class);

    private final boolean demoLoaded;

    public DatabaseInitializer(DataSource dataSource, ObservatoryProperties properties, UserStore users)
            throws SQLException, IOException {
        DatabaseMigrations.migrate(dataSource);
        demoLoaded = properties.demo().loadIfEmpty() && DemoLoader.isEmpty(dataSource);
        if (demoLoaded) {
            LOG.info("the database is empty: loading the demo observatory ({} occurrences)", properties.demo().occurrences());
            DemoLoader.load(dataSource, new DemoOptions(properties.demo().occurrences(), properties.demo().seed(), null, null),
                    System.err);
            DemoAccounts.create(users, properties.demo().producerOrganisation(), System.getenv("OBS_DEMO_PASSWORD"),
                    System.out);
        }
    }

    /** Whether this start filled an empty database with the demo. */
    public boolean demoLoaded() {
        return demoLoaded;
    }
}
