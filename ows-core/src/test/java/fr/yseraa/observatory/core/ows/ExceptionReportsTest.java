package fr.yseraa.observatory.core.ows;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.testing.CapturedResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one place that turns failures into reports: client mistakes as they are, server faults without detail. */
class ExceptionReportsTest {

    @Test
    void aClientMistakeAnswersItsCodeLocatorAndStatus() throws Exception {
        CapturedResponse r = new CapturedResponse();
        ExceptionReports.answer(ExceptionReporter.ows("2.0.0"), r, () -> "GET /wfs", () -> {
            throw OwsException.invalidParameter("bbox", "BBOX is wrong");
        });
        assertThat(r.status).isEqualTo(400);
        assertThat(r.contentType).isEqualTo(ExceptionReportWriter.CONTENT_TYPE);
        assertThat(r.text()).contains("version=\"2.0.0\"", "exceptionCode=\"InvalidParameterValue\"",
                "locator=\"bbox\"", "BBOX is wrong");
    }

    @Test
    void aServerFaultAnswersNoApplicableCodeWithARequestIdAndNoDetail() throws Exception {
        CapturedResponse r = new CapturedResponse();
        ExceptionReports.answer(ExceptionReporter.ows("1.1.0"), r, () -> "GET /ows", () -> {
            throw new IllegalStateException("secret detail at fr.yseraa.Internal");
        });
        assertThat(r.status).isEqualTo(500);
        assertThat(r.text()).contains("exceptionCode=\"NoApplicableCode\"", "quote request id")
                .doesNotContain("secret", "fr.yseraa", "IllegalStateException");
    }

    @Test
    void aServiceReportsInItsOwnFormat() throws Exception {
        CapturedResponse r = new CapturedResponse();
        ExceptionCode own = new ExceptionCode() {
            @Override
            public String code() {
                return "LayerNotDefined";
            }

            @Override
            public int httpStatus() {
                return 400;
            }
        };
        ExceptionReporter plain = (e, response) -> {
            response.setStatus(e.httpStatus());
            response.setContentType("text/plain");
            response.body().write((e.code().code() + " " + e.locator()).getBytes(StandardCharsets.UTF_8));
        };
        ExceptionReports.answer(plain, r, () -> "GET /wms", () -> {
            throw new OwsException(own, "layers", "no such layer");
        });
        assertThat(r.status).isEqualTo(400);
        assertThat(r.contentType).isEqualTo("text/plain");
        assertThat(r.text()).isEqualTo("LayerNotDefined layers");
    }

    @Test
    void nothingIsWrittenOnceTheAnswerStarted() throws Exception {
        CapturedResponse r = new CapturedResponse();
        r.committed = true;
        ExceptionReports.report(ExceptionReporter.ows("1.1.0"), OwsException.missingParameter("service"), r);
        assertThat(r.contentType).isNull();
        assertThat(r.bytes()).isEmpty();
    }
}
