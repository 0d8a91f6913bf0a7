package fr.yseraa.observatory.wps.process;

import java.util.List;
import java.util.Optional;

/**
 * What a process is and takes: its identifier ({@code ns:Name}), title and abstract (in the service's language), and
 * the description of every input and output.
 */
public record ProcessDescription(String identifier, String title, String abstractText, String version,
                                 List<InputDescription> inputs, List<OutputDescription> outputs) {

    public ProcessDescription {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("process " + identifier + " has no output");
        }
    }

    public Optional<InputDescription> input(String id) {
        return inputs.stream().filter(i -> i.identifier().equals(id)).findFirst();
    }

    public Optional<OutputDescription> output(String id) {
        return outputs.stream().filter(o -> o.identifier().equals(id)).findFirst();
    }
}
