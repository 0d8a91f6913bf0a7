package fr.yseraa.observatory.wfs.lock;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.getfeature.TypeQuery;
import java.util.List;

/**
 * Only a caller who may write a layer ({@code write:} of layers.yaml) may lock its features. A layer the caller may
 * not read was already refused as unknown when its type name was resolved; one it may read but not write answers
 * OperationProcessingFailed (403), naming the type.
 */
final class WritePermission {

    private WritePermission() {
    }

    static void check(FeatureTypes types, List<TypeQuery> queries, String typeNamesLocator) {
        for (TypeQuery q : queries) {
            if (!types.catalog().mayWrite(q.layer(), types.caller())) {
                throw new OwsException(OwsExceptionCode.OPERATION_PROCESSING_FAILED, typeNamesLocator,
                        "This caller may not lock features of " + q.layer().qualifiedName()
                                + ": locking needs the right to write the layer");
            }
        }
    }
}
