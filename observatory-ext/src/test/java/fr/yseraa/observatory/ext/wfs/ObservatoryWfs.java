package fr.yseraa.observatory.ext.wfs;

import fr.yseraa.observatory.core.access.AccessPolicies;
import fr.yseraa.observatory.core.access.AccessPolicy;
import fr.yseraa.observatory.ext.ObservatoryDatabase;
import fr.yseraa.observatory.wfs.StoredQueries;
import fr.yseraa.observatory.wfs.WfsHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The WFS over the shared demo observatory ({@link ObservatoryDatabase#demo()}) and the project's data directory,
 * with the access policies and stored queries the extension declares, as the server plugs them in.
 */
final class ObservatoryWfs {

    private static WfsHarness instance;

    private ObservatoryWfs() {
    }

    static synchronized WfsHarness get() throws Exception {
        if (instance == null) {
            Path root = ObservatoryDatabase.projectRoot();
            List<AccessPolicy> policies = new ArrayList<>();
            ServiceLoader.load(AccessPolicy.class).forEach(policies::add);
            instance = new WfsHarness(ObservatoryDatabase.demo(), root.resolve("data-dir"), root.resolve("styles"),
                    new AccessPolicies(policies), StoredQueries.discover(List.of()));
        }
        return instance;
    }
}
