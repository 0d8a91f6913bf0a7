package fr.yseraa.observatory.core.write;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.ServiceLoader;

/** The writers known to the server: those extensions bring first, then the engine's {@link TableWriter}. */
public final class LayerWriters {

    private final List<LayerWriter> writers;

    public LayerWriters(Collection<? extends LayerWriter> extensions) {
        List<LayerWriter> all = new ArrayList<>(extensions);
        all.add(new TableWriter());
        this.writers = List.copyOf(all);
    }

    /** The writers of {@code META-INF/services} plus the given ones (Spring beans), one of each class. */
    public static LayerWriters discover(Collection<? extends LayerWriter> others) {
        List<LayerWriter> all = new ArrayList<>();
        ServiceLoader.load(LayerWriter.class).forEach(all::add);
        for (LayerWriter w : others) {
            if (all.stream().noneMatch(known -> known.getClass() == w.getClass())) {
                all.add(w);
            }
        }
        return new LayerWriters(all);
    }

    /**
     * Whether the layer's features can be written at all (whoever asks): an extension writes it, or its source is a
     * table the engine's writer writes (a view never is).
     */
    public boolean writable(LayerInfo layer) {
        return !(writer(layer) instanceof TableWriter) || layer.table();
    }

    /** The writer of a layer: the first extension's that writes it, else the engine's. */
    public LayerWriter writer(LayerInfo layer) {
        return writers.stream().filter(w -> w.writes(layer)).findFirst().orElseThrow();
    }
}
