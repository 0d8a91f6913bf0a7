package fr.yseraa.observatory.ext.corridors;

import static fr.yseraa.observatory.ext.corridors.DemoProcesses.complex;
import static fr.yseraa.observatory.ext.corridors.DemoProcesses.literals;
import static fr.yseraa.observatory.ext.corridors.DemoProcesses.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.access.Caller;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Times obs:Connectivity on the dense demo graphs with and without the dPC of every patch (best of
 * {@code -Dbench.runs} runs each, 3 by default).
 * Run by bench/dpc.sh only ({@code -Dbench.dpc=true}); prints one line per sub-network.
 */
@EnabledIfSystemProperty(named = "bench.dpc", matches = "true")
class DpcBenchmark {

    @Test
    void timeDpcOnTheDenseGraphs() throws Exception {
        DemoProcesses.init();
        ObjectMapper json = new ObjectMapper();
        for (String subNetwork : List.of("woodland", "grassland")) {
            long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
            JsonNode summary = null;
            for (int i = 0; i < Integer.getInteger("bench.runs", 3); i++) {
                for (int withDpc = 0; withDpc < 2; withDpc++) {
                    long start = System.nanoTime();
                    var r = run(new ConnectivityProcess(), literals("subNetwork", subNetwork, "importance",
                            Boolean.toString(withDpc == 1)), Caller.anonymous());
                    best[withDpc] = Math.min(best[withDpc], System.nanoTime() - start);
                    summary = json.readTree(complex(r, "summary", "application/json"));
                }
            }
            System.out.printf("DPC-BENCH %s: %d patches, %d links, minProbability %s: without dPC %.2f s, with dPC %.2f s%n",
                    subNetwork, summary.get("patches").asInt(), summary.get("links").asInt(),
                    summary.get("minProbability").asText(), best[0] / 1e9, best[1] / 1e9);
        }
    }
}
