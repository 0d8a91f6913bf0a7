package fr.yseraa.observatory.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.xml.SecureXml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every ogc:Filter of the project's own SLD styles reads into the filter model. */
class ProjectStylesFilterTest {

    static final Path STYLES = Path.of(System.getProperty("obs.project.root", "..")).toAbsolutePath().normalize()
            .resolve("styles");

    @Test
    void everyStyleFilterParses() throws Exception {
        List<Filter> filters = new ArrayList<>();
        try (Stream<Path> files = Files.list(STYLES)) {
            for (Path sld : files.filter(f -> f.toString().endsWith(".sld")).sorted().toList()) {
                var document = SecureXml.documentBuilderFactory().newDocumentBuilder().parse(sld.toFile());
                NodeList found = document.getElementsByTagNameNS(FesParser.OGC, "Filter");
                for (int i = 0; i < found.getLength(); i++) {
                    filters.add(FesParser.parse((Element) found.item(i), sld.getFileName().toString()));
                }
            }
        }
        assertThat(filters).hasSizeGreaterThanOrEqualTo(50).doesNotContainNull();
        assertThat(filters).anySatisfy(f -> assertThat(f).isInstanceOf(Filter.And.class));
        assertThat(filters).anySatisfy(f -> assertThat(f).isInstanceOf(Filter.Comparison.class));
    }
}
