package fr.yseraa.observatory.ext.corridors;

import fr.yseraa.observatory.wps.process.Format;
import fr.yseraa.observatory.wps.process.InputDescription;
import fr.yseraa.observatory.wps.process.LiteralType;
import fr.yseraa.observatory.wps.process.OutputDescription;
import fr.yseraa.observatory.wps.process.ProcessContext;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import fr.yseraa.observatory.wps.process.ProcessInputs;
import fr.yseraa.observatory.wps.process.ProcessResult;
import fr.yseraa.observatory.wps.process.WpsProcess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code obs:Fragmentation}: the effective mesh size (Jaeger 2000) of each commune or 10 km cell of an area, cut by
 * the chosen barriers, in PostGIS. meff = Σ A_i² / A_unit with the pieces cut at the unit's border (cutting-out);
 * the cross-boundary variant (Moser et al. 2007) weighs each piece's part in the unit by the piece's full area.
 */
public final class FragmentationProcess implements WpsProcess {

    static final String UNIT_TYPE = "unitType";

    private static final ProcessDescription DESCRIPTION = new ProcessDescription("obs:Fragmentation",
            ProcessTexts.title("Fragmentation"), ProcessTexts.abstractText("Fragmentation"),
            "1.0.0",
            List.of(new InputDescription.Literal(UNIT_TYPE, "Unités", "commune ou maille_10km", 0, 1, LiteralType.STRING,
                            List.of("commune", "maille_10km"), "commune", null, null, null),
                    Barriers.input(),
                    CorridorInputs.area("Zone à analyser ; par défaut le territoire de l'observatoire")),
            List.of(new OutputDescription.Complex("units", "Unités", "meff et meff CBC de chaque unité",
                            List.of(Format.GEOJSON, Format.CSV)),
                    new OutputDescription.Complex("summary", "Synthèse", "meff de la zone entière", List.of(Format.JSON)),
                    new OutputDescription.Literal("meff", "Maille effective de la zone", null, LiteralType.DOUBLE, "ha")),
            List.of(ObservatoryLayers.TERRITORY, ObservatoryLayers.OBSTACLES, ObservatoryLayers.HABITATS,
                    ObservatoryLayers.COMMUNES, ObservatoryLayers.GRID_10KM));

    @Override
    public ProcessDescription description() {
        return DESCRIPTION;
    }

    @Override
    public ProcessResult execute(ProcessInputs inputs, ProcessContext context) {
        String unitType = inputs.string(UNIT_TYPE).orElseThrow();
        List<String> barriers = Barriers.chosen(inputs);
        return context.read(layers -> {
            StudyArea area = StudyArea.resolve(layers, CorridorInputs.AREA, inputs.complex(CorridorInputs.AREA));
            context.progress().progress(10, "Découpage par les barrières");
            EffectiveMesh.cutPieces(layers, area, barriers);
            FeatureTable units = EffectiveMesh.byUnit(layers, area, unitType);
            double meff = EffectiveMesh.meff(layers.connection(), area);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("unitType", unitType);
            summary.put("barrierClasses", barriers);
            summary.put("area_ha", area.areaHa());
            summary.put("meff_ha", meff);
            summary.put("units", units.size());
            return new ProcessResult.Builder().complex("units", units.renderings())
                    .complex("summary", JsonReport.renderings(summary)).literal("meff", meff).build();
        });
    }
}
