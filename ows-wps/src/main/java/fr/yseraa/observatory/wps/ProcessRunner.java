package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.ClientGoneException;
import fr.yseraa.observatory.core.ows.DatabaseOutage;
import fr.yseraa.observatory.core.ows.ExceptionReports;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.wps.process.ExecutionBudget;
import fr.yseraa.observatory.wps.process.ProcessContext;
import fr.yseraa.observatory.wps.process.ProcessInputs;
import fr.yseraa.observatory.wps.process.ProcessResult;
import fr.yseraa.observatory.wps.process.ProgressListener;
import fr.yseraa.observatory.wps.process.WpsProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a process for a caller with what processes may use: the data as the caller sees it, and the layers the process
 * declares once the caller is known to read each. Client mistakes the process reports pass through as they are; any
 * other failure is a server fault: logged with an id, reported as NoApplicableCode without details (503 when the
 * database is out of reach, {@link ExceptionReports#internalError}).
 */
public final class ProcessRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);

    private final Supplier<Catalog> catalog;
    private final FeatureRepository features;

    public ProcessRunner(Supplier<Catalog> catalog, FeatureRepository features) {
        this.catalog = catalog;
        this.features = features;
    }

    /**
     * The layers the process declares, each one the caller may read; else InvalidParameterValue on
     * {@code Identifier}, naming neither the layer nor anything of its data (an unreadable layer does not exist).
     */
    private static List<LayerInfo> readableLayers(WpsProcess process, CallerFeatures seen) {
        List<LayerInfo> layers = new ArrayList<>();
        for (String name : process.description().layers()) {
            layers.add(seen.layer(name).orElseThrow(() -> OwsException.invalidParameter("Identifier",
                    "Process " + process.description().identifier() + " reads data this caller may not read")));
        }
        return layers;
    }

    /** Fails as {@link #run} would when the caller may not read a layer the process declares, before any input is read. */
    public void checkLayers(WpsProcess process, Caller caller) {
        readableLayers(process, features.forCaller(catalog.get(), caller));
    }

    /**
     * Runs the process within its budget: past the time limit it stops at its next progress point or statement and
     * fails with a report naming the limit; when its client has gone it stops at its next progress point, or at once
     * in a statement (the server cancels it, {@link fr.yseraa.observatory.core.ows.ClientDeparture}).
     */
    public ProcessResult run(WpsProcess process, ProcessInputs inputs, Caller caller, ProgressListener progress,
                             ExecutionBudget budget) {
        String id = process.description().identifier();
        CallerFeatures seen = features.forCaller(catalog.get(), caller);
        List<LayerInfo> layers = readableLayers(process, seen);
        try {
            ProcessResult result = process.execute(inputs, new ProcessContext(seen, layers, progress, budget));
            for (var output : process.description().outputs()) {
                if (!result.outputs().containsKey(output.identifier())) {
                    throw new IllegalStateException("process " + id + " gave no output " + output.identifier());
                }
            }
            return result;
        } catch (OwsException e) {
            throw e;
        } catch (ClientGoneException e) {
            LOG.info("process {} stopped: its client has gone", id);
            throw e;
        } catch (RuntimeException e) {
            if (budget.expired()) { // a statement cut short by the limit, or the limit met at a checkpoint
                LOG.info("process {} stopped at its time limit", id);
                throw budget.timeLimitExceeded();
            }
            if (DatabaseOutage.causes(e)) {
                throw ExceptionReports.internalError(e, "process " + id); // 503, Retry-After
            }
            String requestId = UUID.randomUUID().toString();
            LOG.error("process {} failed (request {})", id, requestId, e);
            throw new OwsException(OwsExceptionCode.NO_APPLICABLE_CODE, null,
                    "Process " + id + " failed; quote request id " + requestId + " to the administrator");
        }
    }
}
