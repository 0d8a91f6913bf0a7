package fr.yseraa.observatory.server.wms;

import fr.yseraa.observatory.wms.testing.StyleFolders;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The project's styles use only what the WMS draws. */
class ProjectStylesTest {

    static final Path STYLES = Path.of(System.getProperty("obs.project.root", "..")).resolve("styles");

    @Test
    void everyProjectStyleLoadsAndReportsWhatItCannotDrawYet() throws Exception {
        // the 13 styles: every part of them is supported, filters included (one per land-cover class in habitats.sld)
        StyleFolders.assertLoadCleanly(STYLES, 13, "habitats", 9);
    }
}
