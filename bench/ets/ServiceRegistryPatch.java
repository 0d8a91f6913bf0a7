import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import jdk.internal.org.objectweb.asm.ClassVisitor;
import jdk.internal.org.objectweb.asm.MethodVisitor;
import jdk.internal.org.objectweb.asm.Opcodes;
import jdk.internal.org.objectweb.asm.Type;

/**
 * Lets the WFS 2.0 conformance suite run on Java 9 and later. The suite's referencing library (Geotoolkit) keeps its
 * factories in a subclass of {@code javax.imageio.spi.ServiceRegistry} and finds them with its
 * {@code lookupProviders}. Since Java 9 both refuse every category that is not an ImageIO service type
 * ({@code checkClassAllowed}), and the service loader they call refuses a service its module ({@code java.desktop})
 * does not declare it uses. As the class is loaded, this transformer empties the check and makes
 * {@code lookupProviders} declare the use first ({@code Module.addUses}, allowed from the module's own code); nothing
 * else of the JDK changes.
 */
final class ServiceRegistryPatch implements ClassFileTransformer {

    static final String REGISTRY = "javax/imageio/spi/ServiceRegistry";
    private static final String CHECK = "checkClassAllowed";
    private static final String LOOKUP = "lookupProviders";

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        return REGISTRY.equals(name) ? withoutCheck(bytes) : null;
    }

    /** The class with its check reduced to a bare return, and its lookups declaring their service first. */
    static byte[] withoutCheck(byte[] bytes) {
        return EtsAgent.rewritten(bytes, writer -> new ClassVisitor(Opcodes.ASM8, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (name.equals(CHECK)) {
                    method.visitCode();
                    method.visitInsn(Opcodes.RETURN);
                    method.visitMaxs(0, 0);
                    method.visitEnd();
                    return null; // the original body is not copied
                }
                return name.equals(LOOKUP) ? declaringUse(method) : method;
            }
        });
    }

    /** A lookup that begins with {@code ServiceRegistry.class.getModule().addUses(providerClass)}. */
    private static MethodVisitor declaringUse(MethodVisitor method) {
        return new MethodVisitor(Opcodes.ASM8, method) {
            @Override
            public void visitCode() {
                super.visitCode();
                super.visitLdcInsn(Type.getObjectType(REGISTRY));
                super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Class", "getModule",
                        "()Ljava/lang/Module;", false);
                super.visitVarInsn(Opcodes.ALOAD, 0); // the provider class, first argument of both lookups
                super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Module", "addUses",
                        "(Ljava/lang/Class;)Ljava/lang/Module;", false);
                super.visitInsn(Opcodes.POP);
            }
        };
    }
}
