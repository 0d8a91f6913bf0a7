package fr.yseraa.observatory.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application: the OGC engine, the observatory extension and their HTTP endpoints. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ObservatoryApplication {

    /** Finds or starts the database, then runs the server until it is stopped. */
    static void start(String[] args) {
        DatabaseBootstrap database = DatabaseBootstrap.fromEnvironment(System.getenv());
        database.exportToSpring();
        SpringApplication app = new SpringApplication(ObservatoryApplication.class);
        SpringApplication.getShutdownHandlers().add(database::stop);
        app.run(args);
    }
}
