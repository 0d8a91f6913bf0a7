package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.wps.process.ProcessContext;
import fr.yseraa.observatory.wps.process.ProcessInputs;
import fr.yseraa.observatory.wps.process.ProcessResult;
import fr.yseraa.observatory.wps.process.ProgressListener;
import fr.yseraa.observatory.wps.process.WpsProcess;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a process for a caller with what processes may use. Client mistakes the process reports pass through as
 * they are; any other failure is a server fault: logged with an id, reported as NoApplicableCode without details.
 */
public final class ProcessRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);

    private final Supplier<Catalog> catalog;
    private final FeatureRepository features;
    private final DataSource dataSource;

    public ProcessRunner(Supplier<Catalog> catalog, FeatureRepository features, DataSource dataSource) {
        this.catalog = catalog;
        this.features = features;
        this.dataSource = dataSource;
    }

    public ProcessResult run(WpsProcess process, ProcessInputs inputs, Caller caller, ProgressListener progress) {
        String id = process.description().identifier();
        try {
            ProcessResult result = process.execute(inputs,
                    new ProcessContext(caller, catalog.get(), features, dataSource, progress));
            for (var output : process.description().outputs()) {
                if (!result.outputs().containsKey(output.identifier())) {
                    throw new IllegalStateException("process " + id + " gave no output " + output.identifier());
                }
            }
            return result;
        } catch (OwsException e) {
            throw e;
        } catch (RuntimeException e) {
            String requestId = UUID.randomUUID().toString();
            LOG.error("process {} failed (request {})", id, requestId, e);
            throw new OwsException(OwsExceptionCode.NO_APPLICABLE_CODE, null,
                    "Process " + id + " failed; quote request id " + requestId + " to the administrator");
        }
    }
}
