import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Comparator;
import java.util.Map;
import javax.xml.namespace.QName;
import jdk.internal.org.objectweb.asm.ClassVisitor;
import jdk.internal.org.objectweb.asm.MethodVisitor;
import jdk.internal.org.objectweb.asm.Opcodes;
import org.opengis.cite.iso19142.FeatureTypeInfo;

/**
 * Brings into ets-wfs20 1.25 the suite's own later fix of how its Locking tests choose a feature type (upstream
 * commits b2a1f24, "Updated selectRandomFeatureType() method to return first feature type after sorted
 * alphabetically", and 5c437a5, which renamed it selectFeatureType; first released in 1.35, which Maven Central does
 * not have). In 1.25, {@code LockFeatureTests.selectRandomFeatureType} draws a random type among those holding data,
 * and {@code GetFeatureWithLockTests.lockSomeFeatures}, which needs three features of that type, failed on servers
 * with a type of one or two features whatever they answered. The later suite takes the type whose local name comes
 * first in alphabetical order; so does this backport, which replaces the method's body by a call to
 * {@link #firstByLocalName}. Every test that used the random draw (lockQueryResults_hits,
 * lockAllQueryResults_20Seconds, lockSomeFeatures, and the three LockFeature tests that sample one feature of the
 * drawn type) then gets that type, as in the later suite. If the method is not found (another suite version), the
 * process stops: the run would not be the one bench/RESULTS.md describes.
 */
public final class FeatureTypeChoiceBackport implements ClassFileTransformer {

    private static final String SUITE_CLASS = "org/opengis/cite/iso19142/locking/LockFeatureTests";
    private static final String CHOICE = "selectRandomFeatureType";
    private static final String CHOICE_DESCRIPTOR = "(Ljava/util/Map;)Ljavax/xml/namespace/QName;";

    /**
     * The feature type the later suite chooses: among the types holding data, the one whose local name sorts first
     * (upstream sorts the local names as strings), or null when no type holds data.
     */
    public static QName firstByLocalName(Map<QName, FeatureTypeInfo> featureTypes) {
        return featureTypes.values().stream().filter(FeatureTypeInfo::isInstantiated)
                .map(FeatureTypeInfo::getTypeName).min(Comparator.comparing(QName::getLocalPart)).orElse(null);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        if (!SUITE_CLASS.equals(name)) {
            return null;
        }
        boolean[] replaced = {false};
        byte[] patched = EtsAgent.rewritten(bytes, writer -> new ClassVisitor(Opcodes.ASM8, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor visitor = super.visitMethod(access, method, descriptor, signature, exceptions);
                if (!method.equals(CHOICE) || !descriptor.equals(CHOICE_DESCRIPTOR)
                        || (access & Opcodes.ACC_STATIC) == 0) {
                    return visitor;
                }
                visitor.visitCode();
                visitor.visitVarInsn(Opcodes.ALOAD, 0);
                visitor.visitMethodInsn(Opcodes.INVOKESTATIC, "FeatureTypeChoiceBackport", "firstByLocalName",
                        CHOICE_DESCRIPTOR, false);
                visitor.visitInsn(Opcodes.ARETURN);
                visitor.visitMaxs(0, 0);
                visitor.visitEnd();
                replaced[0] = true;
                return null; // the random draw is not copied
            }
        });
        if (!replaced[0]) {
            System.err.println("FAIL backport: no static " + CHOICE + CHOICE_DESCRIPTOR + " in " + SUITE_CLASS
                    + " (not ets-wfs20 1.25?)");
            Runtime.getRuntime().halt(2);
        }
        return patched;
    }
}
