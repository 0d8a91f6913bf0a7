package fr.yseraa.observatory.core.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class SldValidatorTest {

    public static final String VALID = """
            <?xml version="1.0" encoding="UTF-8"?>
            <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld"
                xmlns:ogc="http://www.opengis.net/ogc">
              <NamedLayer><Name>obs:communes</Name>
                <UserStyle><Name>communes</Name><FeatureTypeStyle><Rule>
                  <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>insee</ogc:PropertyName>
                    <ogc:Literal>62765</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
                  <PolygonSymbolizer><Fill><CssParameter name="fill">#aaccee</CssParameter></Fill></PolygonSymbolizer>
                </Rule></FeatureTypeStyle></UserStyle>
              </NamedLayer>
            </StyledLayerDescriptor>
            """;

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("s.sld"), content);
    }

    @Test
    void acceptsAValidSld() throws IOException {
        assertThat(SldValidator.validate(file(VALID))).isEmpty();
    }

    @Test
    void reportsSchemaErrorsWithTheirLine() throws IOException {
        String invalid = VALID.replace("<PolygonSymbolizer>", "<PolygonSymboliser>").replace("</PolygonSymbolizer>", "</PolygonSymboliser>");
        assertThat(SldValidator.validate(file(invalid))).first().asString().startsWith("line 8:").contains("PolygonSymboliser");
    }

    @Test
    void refusesWhatIsNotSld() throws IOException {
        assertThat(SldValidator.validate(file("<html><body/></html>"))).first().asString()
                .contains("neither sld:StyledLayerDescriptor nor se:FeatureTypeStyle");
        assertThat(SldValidator.validate(file("not xml at all"))).first().asString().contains("not well-formed");
        assertThat(SldValidator.validate(file(VALID.replace("version=\"1.0.0\"", "version=\"9\"")))).first().asString()
                .contains("version must be 1.0.0 or 1.1.0");
    }
}
