import java.lang.instrument.Instrumentation;
import java.util.function.UnaryOperator;
import jdk.internal.org.objectweb.asm.ClassReader;
import jdk.internal.org.objectweb.asm.ClassVisitor;
import jdk.internal.org.objectweb.asm.ClassWriter;

/**
 * The Java agent bench/ets/run starts the WFS 2.0 conformance suite (ets-wfs20 1.25) with. It changes two things,
 * as their classes load, and nothing else: {@link ServiceRegistryPatch} lets the suite's referencing library start on
 * Java 9 and later; {@link FeatureTypeChoiceBackport} brings in the suite's own later fix of how its Locking tests
 * choose a feature type (upstream b2a1f24 and 5c437a5).
 */
public final class EtsAgent {

    private EtsAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) throws Exception {
        instrumentation.addTransformer(new ServiceRegistryPatch(), true);
        instrumentation.addTransformer(new FeatureTypeChoiceBackport());
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            if (loaded.getName().equals(ServiceRegistryPatch.REGISTRY.replace('/', '.'))) {
                instrumentation.retransformClasses(loaded);
            }
        }
    }

    /** A class's bytes passed through a visitor that writes to the given writer (ASM), its maxima recomputed. */
    static byte[] rewritten(byte[] bytes, UnaryOperator<ClassVisitor> visitorOfWriter) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(visitorOfWriter.apply(writer), 0);
        return writer.toByteArray();
    }
}
