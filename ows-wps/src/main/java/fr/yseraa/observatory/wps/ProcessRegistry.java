package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import fr.yseraa.observatory.wps.process.WpsProcess;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The processes offered, by identifier: discovered at start, never changed afterwards. */
public final class ProcessRegistry {

    private final Map<String, WpsProcess> processes = new LinkedHashMap<>();

    public ProcessRegistry(Collection<? extends WpsProcess> processes) {
        for (WpsProcess p : processes) {
            String id = p.description().identifier();
            if (this.processes.putIfAbsent(id, p) != null) {
                throw new IllegalStateException("two processes are named " + id);
            }
        }
    }

    /** The processes on the class path ({@code META-INF/services}) plus the given ones (e.g. Spring beans). */
    public static ProcessRegistry discover(Collection<? extends WpsProcess> others) {
        List<WpsProcess> all = new ArrayList<>(others);
        ServiceLoader.load(WpsProcess.class).forEach(all::add);
        return new ProcessRegistry(all);
    }

    /** The descriptions of the processes the caller may run. */
    public List<ProcessDescription> descriptions(Caller caller) {
        return processes.values().stream().filter(p -> p.allows(caller)).map(WpsProcess::description).toList();
    }

    /** A process the caller may run. */
    public Optional<WpsProcess> find(String identifier, Caller caller) {
        return Optional.ofNullable(processes.get(identifier)).filter(p -> p.allows(caller));
    }

    /** A process the caller may run, or InvalidParameterValue on {@code Identifier} (as if it did not exist). */
    public WpsProcess require(String identifier, Caller caller) {
        return find(identifier, caller).orElseThrow(() -> OwsException.invalidParameter("Identifier",
                "No process " + identifier + "; offered: " + String.join(", ",
                        descriptions(caller).stream().map(ProcessDescription::identifier).toList())));
    }
}
