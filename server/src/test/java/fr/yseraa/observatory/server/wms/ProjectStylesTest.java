package fr.yseraa.observatory.server.wms;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.wms.style.ModelFilter;
import fr.yseraa.observatory.wms.style.ParsedStyles;
import fr.yseraa.observatory.wms.testing.StyleFolders;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The project's styles use only what the WMS draws. */
class ProjectStylesTest {

    static final Path STYLES = Path.of(System.getProperty("obs.project.root", "..")).resolve("styles");

    @Test
    void everyProjectStyleLoadsAndReportsWhatItCannotDrawYet() throws Exception {
        // every part of the project's styles is supported, filters included
        Map<String, ParsedStyles> styles = StyleFolders.loadCleanly(STYLES);
        assertThat(styles).hasSize(13);
        assertThat(styles.get("habitats").allStyles().get(0).featureTypeStyles().get(0).rules())
                .filteredOn(r -> r.filter() instanceof ModelFilter).hasSize(9);
    }
}
