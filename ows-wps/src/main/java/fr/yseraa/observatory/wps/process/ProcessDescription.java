package fr.yseraa.observatory.wps.process;

import java.util.List;
import java.util.Optional;

/**
 * What a process is and takes: its identifier ({@code ns:Name}), title and abstract (in the service's language), the
 * description of every input and output, and the catalog layers it reads ({@code ws:name}): the caller must be allowed
 * to read each of them for the process to run, and the process reads their data only through them.
 */
public record ProcessDescription(String identifier, String title, String abstractText, String version,
                                 List<InputDescription> inputs, List<OutputDescription> outputs, List<String> layers) {

    public ProcessDescription {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        layers = List.copyOf(layers);
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("process " + identifier + " has no output");
        }
    }

    /** A process that reads no layer. */
    public ProcessDescription(String identifier, String title, String abstractText, String version,
                              List<InputDescription> inputs, List<OutputDescription> outputs) {
        this(identifier, title, abstractText, version, inputs, outputs, List.of());
    }

    public Optional<InputDescription> input(String id) {
        return inputs.stream().filter(i -> i.identifier().equals(id)).findFirst();
    }

    public Optional<OutputDescription> output(String id) {
        return outputs.stream().filter(o -> o.identifier().equals(id)).findFirst();
    }
}
