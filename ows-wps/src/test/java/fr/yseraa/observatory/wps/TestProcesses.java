package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.wps.process.Format;
import fr.yseraa.observatory.wps.process.InputDescription;
import fr.yseraa.observatory.wps.process.LiteralType;
import fr.yseraa.observatory.wps.process.OutputDescription;
import fr.yseraa.observatory.wps.process.ProcessContext;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import fr.yseraa.observatory.wps.process.ProcessInputs;
import fr.yseraa.observatory.wps.process.ProcessResult;
import fr.yseraa.observatory.wps.process.WpsProcess;
import java.util.List;
import java.util.Map;

/** Small processes that exercise every kind of input and output. */
final class TestProcesses {

    private TestProcesses() {
    }

    /** A runner without a database: the test processes read no layer. */
    static ProcessRunner runner(Catalog catalog) {
        return new ProcessRunner(() -> catalog, new FeatureRepository(null, 1));
    }

    /** Sums or averages up to five non-negative numbers; reports them as JSON or CSV. */
    static final class Stats implements WpsProcess {
        @Override
        public ProcessDescription description() {
            return new ProcessDescription("test:Stats", "Statistiques", "Somme ou moyenne de valeurs", "1.0.0", List.of(
                    new InputDescription.Literal("value", "Valeur", null, 1, 5, LiteralType.DOUBLE, List.of(), null, "m", 0.0, 1e6),
                    new InputDescription.Literal("operation", "Opération", null, 0, 1, LiteralType.STRING,
                            List.of("sum", "mean"), "sum", null, null, null),
                    new InputDescription.Complex("note", "Note", null, 0, 1, List.of(Format.JSON, Format.WKT, Format.GML32)),
                    new InputDescription.BoundingBox("area", "Emprise", null, 0, 1, List.of("EPSG:2154", "EPSG:4326"))),
                    List.of(new OutputDescription.Literal("result", "Résultat", null, LiteralType.DOUBLE, "m"),
                            new OutputDescription.Complex("table", "Tableau", "Les valeurs", List.of(Format.JSON, Format.CSV))));
        }

        @Override
        public ProcessResult execute(ProcessInputs inputs, ProcessContext context) {
            List<Double> values = inputs.all("value").stream().map(v -> ((Number) v).doubleValue()).toList();
            double sum = values.stream().mapToDouble(Double::doubleValue).sum();
            double result = inputs.string("operation").orElseThrow().equals("mean") ? sum / values.size() : sum;
            String note = inputs.complex("note").map(c -> c.mimeType() + ":" + c.content()).orElse("");
            String area = inputs.boundingBox("area").map(b -> b.crs() + " " + b.minX()).orElse("");
            return new ProcessResult.Builder().literal("result", result)
                    .complex("table", Map.of(
                            "application/json", () -> "{\"values\":" + values + ",\"note\":\"" + note.replace("\"", "'")
                                    + "\",\"area\":\"" + area + "\"}",
                            "text/csv", () -> "value\n" + String.join("\n", values.stream().map(String::valueOf).toList()) + "\n"))
                    .build();
        }
    }

    /** Only administrators may see and run it. */
    static final class AdminOnly implements WpsProcess {
        @Override
        public ProcessDescription description() {
            return new ProcessDescription("test:AdminOnly", "Réservé", null, "1.0.0", List.of(),
                    List.of(new OutputDescription.Literal("result", "Résultat", null, LiteralType.STRING, null)));
        }

        @Override
        public boolean allows(fr.yseraa.observatory.core.access.Caller caller) {
            return caller.hasRole("admin");
        }

        @Override
        public ProcessResult execute(ProcessInputs inputs, ProcessContext context) {
            return new ProcessResult.Builder().literal("result", "ran").build();
        }
    }

    /** Fails with a message that must never reach the client. */
    static final class Broken implements WpsProcess {
        @Override
        public ProcessDescription description() {
            return new ProcessDescription("test:Broken", "Cassé", null, "1.0.0", List.of(),
                    List.of(new OutputDescription.Literal("result", "Résultat", null, LiteralType.STRING, null)));
        }

        @Override
        public ProcessResult execute(ProcessInputs inputs, ProcessContext context) {
            throw new IllegalStateException("secret-internal-detail");
        }
    }

    /** Reports 50 % then waits for the test to open the gate. */
    static final class Gated implements WpsProcess {
        final java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch halfway = new java.util.concurrent.CountDownLatch(1);

        @Override
        public ProcessDescription description() {
            return new ProcessDescription("test:Gated", "Attente", null, "1.0.0", List.of(),
                    List.of(new OutputDescription.Literal("result", "Résultat", null, LiteralType.STRING, null)));
        }

        @Override
        public ProcessResult execute(ProcessInputs inputs, ProcessContext context) {
            context.progress().progress(50, "à mi-chemin");
            halfway.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new ProcessResult.Builder().literal("result", "done").build();
        }
    }
}
