package fr.yseraa.observatory.core.ows;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.testing.CapturedResponse;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void aDatabaseOutOfReachIsRecognisedThroughTheCauses() {
        // the pool's timeout (PostgreSQL down), a broken connection, a terminated backend, a server starting up
        assertThat(DatabaseOutage.causes(new IllegalStateException("wrapped",
                new SQLTransientConnectionException("pool timed out", "08001")))).isTrue();
        assertThat(DatabaseOutage.causes(new RuntimeException(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(DatabaseOutage.causes(new RuntimeException(new SQLException("terminating connection", "57P01")))).isTrue();
        assertThat(DatabaseOutage.causes(new RuntimeException(new SQLException("starting up", "57P03")))).isTrue();
        // faults that are not an outage: a syntax error, a timeout, no SQL at all
        assertThat(DatabaseOutage.causes(new RuntimeException(new SQLException("syntax", "42601")))).isFalse();
        assertThat(DatabaseOutage.causes(new RuntimeException(new SQLException("canceling statement", "57014")))).isFalse();
        assertThat(DatabaseOutage.causes(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void anOutageAnswers503WithRetryAfterAndNoDatabaseText() throws Exception {
        CapturedResponse r = new CapturedResponse();
        ExceptionReports.answer(ExceptionReporter.ows("1.1.0"), r, () -> "GET /wfs", () -> {
            throw new IllegalStateException(new SQLException("FATAL: the database system is shutting down", "57P03"));
        });
        assertThat(r.status).isEqualTo(503);
        assertThat(r.headers).containsEntry("Retry-After", Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
        assertThat(r.text()).contains("exceptionCode=\"NoApplicableCode\"", "temporarily unavailable")
                .doesNotContain("FATAL", "shutting down");
    }
}
