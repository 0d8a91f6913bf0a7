package fr.yseraa.observatory.ext.corridors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wps.process.ExecutionBudget;
import fr.yseraa.observatory.wps.process.ProcessContext;
import fr.yseraa.observatory.wps.process.ProcessInputs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The dPC pass honours the execution's time limit: it checks it source by source (from any thread of the pass), and
 * obs:Connectivity stopped at its limit answers the OGC report naming the limit and advising asynchronous execution.
 */
class DpcTimeLimitTest {

    /** The checkpoint runs once per patch in the all-pairs pass, then once per source in the dPC pass. */
    @Test
    void theDpcPassChecksTheBudgetSourceBySource() {
        List<LandscapeGraph.Patch> patches = new ArrayList<>();
        List<LandscapeGraph.Link> links = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            patches.add(new LandscapeGraph.Patch("p" + i, 1 + i % 7));
            if (i > 0) {
                links.add(new LandscapeGraph.Link(i - 1, i, 100 + i));
            }
        }
        LandscapeGraph chain = new LandscapeGraph(patches, links, 10_000);
        AtomicInteger calls = new AtomicInteger();
        ConnectivityCalculator.compute(chain, new DispersalKernel(500), 5000, 500, true, calls::incrementAndGet);
        assertThat(calls.get()).isEqualTo(2 * 60);

        // as ExecutionBudget's report: an OwsException comes out of the parallel pass as itself
        OwsException stop = new OwsException(fr.yseraa.observatory.core.ows.ExceptionCode.of("NoApplicableCode", 503), null,
                "time is up");
        AtomicInteger counted = new AtomicInteger();
        assertThatThrownBy(() -> ConnectivityCalculator.compute(chain, new DispersalKernel(500), 5000, 500, true, () -> {
            if (counted.incrementAndGet() > 60 + 5) { // inside the dPC pass
                throw stop;
            }
        })).isSameAs(stop);
    }

    /** A clock that stands still until it is told the time has run out. */
    private static final class SettableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-07T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void obsConnectivityStoppedAtItsLimitAnswersAnOgcReport() throws Exception {
        DemoProcesses.init();
        ConnectivityProcess process = new ConnectivityProcess();
        CallerFeatures features = DemoProcesses.repository().forCaller(DemoProcesses.catalog(), Caller.anonymous());
        List<LayerInfo> layers = process.description().layers().stream().map(n -> features.layer(n).orElseThrow()).toList();
        SettableClock clock = new SettableClock();
        ExecutionBudget budget = new ExecutionBudget(Duration.ofSeconds(30), () -> false, clock);
        // the graph is read within the limit; the time runs out as the indices are computed
        ProcessContext context = new ProcessContext(features, layers, (percent, message) -> {
            if (percent >= 40) {
                clock.now = clock.now.plusSeconds(31);
            }
        }, budget);
        ProcessInputs inputs = ProcessInputs.bind(process.description(),
                DemoProcesses.literals("subNetwork", "woodland", "importance", "true"));
        assertThatThrownBy(() -> process.execute(inputs, context)).isInstanceOfSatisfying(OwsException.class, e -> {
            assertThat(e.code().code()).isEqualTo("NoApplicableCode");
            assertThat(e.code().httpStatus()).isEqualTo(503);
            assertThat(e.getMessage()).contains("time limit of 30 s", "asynchronously");
        });
    }
}
