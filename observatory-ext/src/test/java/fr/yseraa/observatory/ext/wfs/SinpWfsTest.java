package fr.yseraa.observatory.ext.wfs;

import fr.yseraa.observatory.wfs.AccessPolicyContract;
import fr.yseraa.observatory.wfs.WfsHarness;
import java.util.List;

/**
 * What the public gets of sinp:occurrences through WFS under the SINP sensitivity policy: the diffusion geometry, no
 * observer, nothing hidden, in answers, filters and ids.
 */
class SinpWfsTest extends AccessPolicyContract {

    @Override
    protected WfsHarness harness() throws Exception {
        return ObservatoryWfs.get();
    }

    @Override
    protected PolicedLayer layer() {
        return new PolicedLayer("sinp:occurrences", "sinp.occurrence", "id_sinp_occtax", "id", "diffusion_level",
                "diffusion_geom", "diffusion_geom", "nom_scientifique", List.of("observateur", "determinateur"),
                "sensi_niveau = '2'", "observateur LIKE 'DUPONT%'");
    }
}
