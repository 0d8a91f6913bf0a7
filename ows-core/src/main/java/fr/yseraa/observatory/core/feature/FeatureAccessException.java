package fr.yseraa.observatory.core.feature;

/** The database failed to answer a feature query: a server fault, logged, never shown to clients in detail. */
public class FeatureAccessException extends RuntimeException {

    public FeatureAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
