package fr.yseraa.observatory.core.ows;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.xml.OgcSchemas;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;

class ExceptionReportWriterTest {

    static final String SCHEMA = "http://schemas.opengis.net/ows/1.1.0/owsExceptionReport.xsd";

    @Test
    void reportIsValidAndCarriesCodeLocatorAndEscapedText() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExceptionReportWriter.write(OwsException.invalidParameter("bbox", "BBOX <1,2> & more is wrong"), "1.1.0", out);
        String xml = out.toString(StandardCharsets.UTF_8);
        assertThat(OgcSchemas.validate(SCHEMA, new StreamSource(new ByteArrayInputStream(out.toByteArray())))).isEmpty();
        assertThat(xml).contains("exceptionCode=\"InvalidParameterValue\"", "locator=\"bbox\"",
                "BBOX &lt;1,2&gt; &amp; more is wrong");
    }

    @Test
    void validatorRejectsAnInvalidReport() throws Exception {
        String bad = "<ows:ExceptionReport xmlns:ows=\"http://www.opengis.net/ows/1.1\" version=\"1.1.0\">"
                + "<ows:Nonsense/></ows:ExceptionReport>";
        assertThat(OgcSchemas.validate(SCHEMA, new StreamSource(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)))))
                .isNotEmpty();
    }

    /** A message or locator echoing megabytes of request is cut (issue 18). */
    @Test
    void aReportQuotesAFewHundredCharactersOfWhatItEchoes() throws Exception {
        String huge = "z".repeat(1_000_000);
        OwsException e = OwsException.invalidParameter(huge, "no layer " + huge);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExceptionReportWriter.write(e, "2.0.0", out);
        assertThat(out.size()).isLessThan(3000);
        assertThat(e.locator()).hasSizeLessThan(400).endsWith("(1000000 characters)");
        assertThat(e.getMessage()).startsWith("no layer zzz").hasSizeLessThan(1100);
        assertThat(OgcSchemas.validate(SCHEMA, new StreamSource(new ByteArrayInputStream(out.toByteArray())))).isEmpty();
    }
}
