package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.catalog.CatalogException;
import fr.yseraa.observatory.devdb.DatabaseSettings;
import fr.yseraa.observatory.core.testing.TestPostgis;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;

/** A broken data directory stops start-up with a message that names the file, the line and the fault. */
class BadConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void startUpStopsOnAMissingTableAndAnInvalidStyle() throws Exception {
        DatabaseSettings db = TestPostgis.freshDatabase("badconfig");
        Path layers = Files.createDirectories(dir.resolve("data-dir/workspaces/obs/layers"));
        Files.writeString(layers.getParent().resolve("workspace.yaml"), "name: obs\nnamespace: https://example.org/obs\n");
        Path missing = Files.writeString(layers.resolve("ghost.yaml"),
                "name: ghost\ntitle: Fantôme\nsource: territory.ghost_town\ngeometry: geom\nstyle: good\n");
        Path styled = Files.writeString(layers.resolve("communes.yaml"),
                "name: communes\ntitle: Communes\nsource: territory.commune\ngeometry: geom\nstyle: bad\n");
        Path styles = Files.createDirectories(dir.resolve("styles"));
        Files.copy(TestServer.ROOT.resolve("styles/communes.sld"), styles.resolve("good.sld"));
        Files.writeString(styles.resolve("bad.sld"), "<p>this is not SLD</p>");

        SpringApplicationBuilder app = new SpringApplicationBuilder(ObservatoryApplication.class)
                .web(WebApplicationType.NONE);
        String[] args = {"--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--obs.data-dir=" + dir.resolve("data-dir"),
                "--obs.styles-dir=" + styles, "--obs.demo.load-if-empty=false"};
        assertThatThrownBy(() -> app.run(args)).hasRootCauseInstanceOf(CatalogException.class).rootCause().satisfies(e ->
                assertThat(e.getMessage()).contains(
                        missing + ":3: table or view territory.ghost_town does not exist in the database",
                        styled + ":5: style file " + styles.resolve("bad.sld") + " is not valid SLD"));
    }
}
