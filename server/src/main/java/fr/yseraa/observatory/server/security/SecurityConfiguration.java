package fr.yseraa.observatory.server.security;

import fr.yseraa.observatory.server.ObservatoryProperties;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Users, authentication and throttling; which origins may read our answers (CORS). */
@Configuration
public class SecurityConfiguration {

    @Bean
    UserStore userStore(DataSource dataSource) {
        return new UserStore(dataSource);
    }

    @Bean
    Authenticator authenticator(UserStore users, ObservatoryProperties properties, DataSource dataSource) {
        return new Authenticator(users, RoleAliases.load(properties.dataDir()),
                new LoginThrottle(dataSource, Clock.systemUTC()));
    }

    @Bean
    CorsPolicy corsPolicy(ObservatoryProperties properties) {
        return CorsPolicy.load(properties.dataDir());
    }
}
