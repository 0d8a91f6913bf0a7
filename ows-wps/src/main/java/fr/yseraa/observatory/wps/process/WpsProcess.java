package fr.yseraa.observatory.wps.process;

import fr.yseraa.observatory.core.access.Caller;

/**
 * A process the WPS offers: a plugin discovered at start (Java {@code ServiceLoader} or a Spring bean). It describes
 * its inputs and outputs once; the engine uses that description for DescribeProcess, to validate and convert the
 * inputs of an Execute request before {@link #execute} runs, and to encode the outputs.
 */
public interface WpsProcess {

    ProcessDescription description();

    /**
     * Whether the caller may see and run the process (everybody by default). A process the caller may not run is
     * absent for that caller: not in the capabilities, unknown to DescribeProcess and Execute.
     */
    default boolean allows(Caller caller) {
        return true;
    }

    /**
     * Runs the process on inputs already checked against {@link #description()}. A client mistake the description
     * cannot express (an unknown id, an empty geometry) is reported by throwing
     * {@link fr.yseraa.observatory.core.ows.OwsException#invalidParameter} naming the input.
     */
    ProcessResult execute(ProcessInputs inputs, ProcessContext context);
}
