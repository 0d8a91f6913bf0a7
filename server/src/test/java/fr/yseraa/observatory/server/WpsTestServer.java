package fr.yseraa.observatory.server;

import fr.yseraa.observatory.server.security.UserStore;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The server of the processes' tests (the WPS's and OGC API - Processes'), with the observatory's processes on a small
 * demo: one Spring context (and its database connections) for both.
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class WpsTestServer {

    static final String PASSWORD = "a long enough test passphrase";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "wps", 5000);
    }

    @LocalServerPort
    int port;

    @Autowired
    UserStore users;

    @Autowired
    DataSource dataSource;
}
