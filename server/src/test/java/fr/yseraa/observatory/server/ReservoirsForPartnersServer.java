package fr.yseraa.observatory.server;

import fr.yseraa.observatory.server.security.UserStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A server on the demo whose data directory lets only partners read obs:reservoirs (everybody reads the other
 * layers): the tests of what the public may not read share its one Spring context (and database connections). It also
 * has a workspace {@code edit} that only administrators read and write: the demo's obstacle table again, with its
 * columns holding the standard GML properties (a test mapping: name as gml:name, kind as gml:description, class as
 * gml:identifier), a workspace whose every type its administrator may write (see {@link VirtualWorkspaceServicesTest}).
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ReservoirsForPartnersServer {

    static final String PASSWORD = "a long enough test passphrase";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("reservoirs-for-partners").resolve("data-dir");
        TestServer.copy(TestServer.ROOT.resolve("data-dir"), dataDir);
        Files.writeString(dataDir.resolve("security/layers.yaml"), """
                read:
                  - layer: "obs:reservoirs"
                    roles: ["partner"]
                  - layer: "obs:*"
                    roles: ["*"]
                  - layer: "sinp:*"
                    roles: ["*"]
                  - layer: "edit:*"
                    roles: [admin]
                write:
                  - layer: "*"
                    roles: [admin]
                """);
        Path edit = Files.createDirectories(dataDir.resolve("workspaces/edit/layers"));
        Files.writeString(dataDir.resolve("workspaces/edit/workspace.yaml"), """
                name: edit
                title: Édition
                namespace: https://observatoire.yseraa.fr/edit
                """);
        Files.writeString(edit.resolve("obstacles.yaml"), """
                name: obstacles
                title: Obstacles (édition)
                source: landscape.obstacle
                geometry: geom
                style: obstacles
                gml:
                  name: name
                  description: kind
                  identifier: class
                """);
        TestServer.register(registry, "partnerrules", 1000);
        registry.add("obs.data-dir", dataDir::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    UserStore users;
}
