package fr.yseraa.observatory.wps.process;

/**
 * A process the WPS offers: a plugin discovered at start (Java {@code ServiceLoader} or a Spring bean). It describes
 * its inputs and outputs once; the engine uses that description for DescribeProcess, to validate and convert the
 * inputs of an Execute request before {@link #execute} runs, and to encode the outputs.
 */
public interface WpsProcess {

    ProcessDescription description();

    /**
     * Runs the process on inputs already checked against {@link #description()}. A client mistake the description
     * cannot express (an unknown id, an empty geometry) is reported by throwing
     * {@link fr.yseraa.observatory.core.ows.OwsException#invalidParameter} naming the input.
     */
    ProcessResult execute(ProcessInputs inputs, ProcessContext context);
}
