package fr.yseraa.observatory.server.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code obs.datasource.replica}: a PostgreSQL streaming replica (hot standby) of the primary that the
 * read-only public work may use. Absent by default: every query then runs on the primary.
 *
 * @param url the replica's JDBC URL ({@code jdbc:postgresql://host:port/database}), or null for none
 * @param username its login (the primary's by default)
 * @param password its password (the primary's by default)
 * @param maxLag how far behind the primary the replica may be and still take reads
 * @param checkInterval how often its replay position is compared with the primary's
 * @param poolSize the most connections open to it
 */
@ConfigurationProperties("obs.datasource.replica")
public record ReplicaSettings(String url, String username, String password, @DefaultValue("5s") Duration maxLag,
                              @DefaultValue("1s") Duration checkInterval, @DefaultValue("8") int poolSize) {

    boolean configured() {
        return url != null && !url.isBlank();
    }
}
