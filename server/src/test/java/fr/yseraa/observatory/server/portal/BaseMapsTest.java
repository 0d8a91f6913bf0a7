package fr.yseraa.observatory.server.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory's external base maps: none offered as shipped, the enabled ones when an admin enables them. */
class BaseMapsTest {

    @TempDir
    Path dir;

    private BaseMaps load(String yaml) throws Exception {
        Files.createDirectories(dir.resolve("portal"));
        Files.writeString(dir.resolve("portal/basemaps.yaml"), yaml);
        return BaseMaps.load(dir);
    }

    @Test
    void theShippedBaseMapsAreListedButOff() {
        assertThat(BaseMaps.load(TestServer.ROOT.resolve("data-dir")).enabled()).isEmpty();
        assertThat(BaseMaps.load(dir).enabled()).as("no file: none").isEmpty();
    }

    @Test
    void enabledBaseMapsAreOfferedInTheFilesOrder() throws Exception {
        BaseMaps maps = load("""
                basemaps:
                  - {id: plan, title: Plan, url: "https://a.example/{z}/{x}/{y}.png", attribution: A, enabled: true}
                  - {id: off, title: Off, url: "https://b.example/{z}/{x}/{y}.png", attribution: B}
                  - {id: osm, title: OSM, url: "http://c.example/{z}/{x}/{y}.png", attribution: C, enabled: true}
                """);
        assertThat(maps.enabled()).extracting(BaseMaps.BaseMap::id).containsExactly("plan", "osm");
        assertThat(maps.enabled().get(0).url()).isEqualTo("https://a.example/{z}/{x}/{y}.png");
    }

    @Test
    void mistakesStopTheServerNamingTheFile() {
        for (String yaml : new String[] {
                "basemaps: {id: x}",
                "basemaps:\n  - {id: x, title: X, url: \"ftp://a/{z}/{x}/{y}\", attribution: A}",
                "basemaps:\n  - {id: x, title: X, url: \"https://a/{z}/{x}\", attribution: A}",
                "basemaps:\n  - {id: X!, title: X, url: \"https://a/{z}/{x}/{y}\", attribution: A}",
                "basemaps:\n  - {id: x, title: X, url: \"https://a/{z}/{x}/{y}\"}",
                "basemaps:\n  - {id: x, title: X, url: \"https://a/{z}/{x}/{y}\", attribution: A}\n"
                        + "  - {id: x, title: Y, url: \"https://b/{z}/{x}/{y}\", attribution: B}"}) {
            assertThatThrownBy(() -> load(yaml)).as(yaml).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("basemaps.yaml");
        }
    }
}
