package fr.yseraa.observatory.ext.corridors;

import static fr.yseraa.observatory.ext.corridors.DemoProcesses.complex;
import static fr.yseraa.observatory.ext.corridors.DemoProcesses.literals;
import static fr.yseraa.observatory.ext.corridors.DemoProcesses.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Times dPC on the dense demo graphs (woodland and grassland patches of habitat, default settings), best of
 * {@code -Dbench.runs} runs (3 by default): obs:Connectivity end to end with and without the dPC of every patch, the
 * computation alone (the graph read once) with and without it, and in the same run the Conefor-style brute force (each
 * patch removed and every best path recomputed, once; {@code -Dbench.bruteForce=false} skips it), whose dPC must agree.
 * Run by bench/dpc.sh only ({@code -Dbench.dpc=true}); prints lines starting with {@code DPC-BENCH}.
 */
@EnabledIfSystemProperty(named = "bench.dpc", matches = "true")
class DpcBenchmark {

    @Test
    void timeDpcOnTheDenseGraphs() throws Exception {
        DemoProcesses.init();
        ObjectMapper json = new ObjectMapper();
        int runs = Integer.getInteger("bench.runs", 3);
        for (String subNetwork : List.of("woodland", "grassland")) {
            long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
            JsonNode summary = null;
            for (int i = 0; i < runs; i++) {
                for (int withDpc = 0; withDpc < 2; withDpc++) {
                    long start = System.nanoTime();
                    var r = run(new ConnectivityProcess(), literals("subNetwork", subNetwork, "importance",
                            Boolean.toString(withDpc == 1)), Caller.anonymous());
                    best[withDpc] = Math.min(best[withDpc], System.nanoTime() - start);
                    summary = json.readTree(complex(r, "summary", "application/json"));
                }
            }
            print("%s: %d patches, %d links, minProbability %s: obs:Connectivity without dPC %.2f s, with dPC %.2f s",
                    subNetwork, summary.get("patches").asInt(), summary.get("links").asInt(),
                    summary.get("minProbability").asText(), best[0] / 1e9, best[1] / 1e9);

            GraphSettings settings = GraphSettings.defaults(new SpeciesGroup(subNetwork,
                    SpeciesGroup.defaultDispersalDistance(subNetwork), List.of()));
            LandscapeGraph graph = graph(subNetwork, settings);
            Supplier<ConnectivityIndices> indices = () -> ConnectivityCalculator.compute(graph, settings.kernel(),
                    settings.pcCutoff(), settings.iicThreshold(), false);
            Supplier<ConnectivityIndices> dpc = () -> ConnectivityCalculator.compute(graph, settings.kernel(),
                    settings.pcCutoff(), settings.iicThreshold(), true);
            double without = bestOf(runs, indices);
            double with = bestOf(runs, dpc);
            double cpu = cpuSeconds(dpc);
            String line = String.format("%s computation alone: indices %.3f s, indices and dPC %.3f s (%.2f s of CPU,"
                    + " all threads)", subNetwork, without, with, cpu);
            if (!"false".equals(System.getProperty("bench.bruteForce"))) {
                long start = System.nanoTime();
                double[] naive = ConeforBruteForce.dpc(graph, settings.kernel(), settings.pcCutoff());
                double brute = (System.nanoTime() - start) / 1e9;
                List<ConnectivityIndices.PatchImportance> fast = dpc.get().importance();
                double worst = 0;
                for (int i = 0; i < naive.length; i++) {
                    worst = Math.max(worst, Math.abs(naive[i] - fast.get(i).dPC()) / Math.max(1e-12, Math.abs(naive[i])));
                }
                line += String.format("; Conefor-style brute force %.1f s (%.0f × the dPC computation), largest relative"
                        + " dPC difference %.1e", brute, brute / with, worst);
            }
            print("%s", line);
        }
    }

    private static double bestOf(int runs, Supplier<ConnectivityIndices> work) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.get();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best / 1e9;
    }

    /**
     * The processor time one run takes, all threads of the JVM together (what it would take on one idle core): the
     * figure the machine's load does not inflate.
     */
    private static double cpuSeconds(Supplier<ConnectivityIndices> work) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long start = os.getProcessCpuTime();
        work.get();
        return (os.getProcessCpuTime() - start) / 1e9;
    }

    /** The graph obs:Connectivity builds by default for the sub-network (patches of habitat over the territory). */
    private static LandscapeGraph graph(String subNetwork, GraphSettings settings) {
        CallerFeatures features = DemoProcesses.repository().forCaller(DemoProcesses.catalog(), Caller.anonymous());
        List<LayerInfo> layers = List.of(ObservatoryLayers.TERRITORY, ObservatoryLayers.HABITATS).stream()
                .map(name -> features.layer(name).orElseThrow()).toList();
        return features.aggregate(layers, 120, sql -> {
            SpeciesGroup group = new SpeciesGroup(subNetwork, SpeciesGroup.defaultDispersalDistance(subNetwork),
                    SpeciesGroup.favourableClasses(sql.connection(), subNetwork));
            return LandscapeGraphBuilder.build(sql, StudyArea.resolve(sql, CorridorInputs.AREA, Optional.empty()), group,
                    PatchSource.HABITAT, settings);
        });
    }

    private static void print(String format, Object... args) {
        System.out.printf("DPC-BENCH " + format + " (load average %.1f)%n", append(args,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    private static Object[] append(Object[] args, Object last) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }
}
