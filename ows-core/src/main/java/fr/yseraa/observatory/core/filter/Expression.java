package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.ows.OwsException;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/** The values filters compare: properties, literals and simple arithmetic. */
public sealed interface Expression {

    /** A property of the feature, by its published name. */
    record Property(String name) implements Expression {
        public Property {
            Objects.requireNonNull(name);
        }
    }

    /**
     * A scalar literal: a {@link String}, a {@link Long}, a {@link java.math.BigDecimal}, a {@link Boolean} or a
     * date / timestamp ({@link java.time.LocalDate}, {@link java.time.LocalDateTime},
     * {@link java.time.OffsetDateTime}). Texts are converted to the type of the property they are compared with.
     */
    record Literal(Object value) implements Expression {
        public Literal {
            Objects.requireNonNull(value);
        }
    }

    /**
     * A geometry, its coordinates in x = east / longitude, y = north / latitude order whatever the notation said.
     *
     * @param srid its CRS, or 0 for the layer's own CRS
     */
    record GeometryLiteral(Geometry geometry, int srid) implements Expression {
        public GeometryLiteral {
            Objects.requireNonNull(geometry);
        }

        /**
         * A literal from a request: an invalid geometry (self-intersecting ring...) or one with too many vertices
         * ({@link FilterSize}) answers InvalidParameterValue.
         */
        public static GeometryLiteral checked(Geometry geometry, int srid, String locator) {
            FilterSize.checkVertices(geometry.getNumPoints(), locator);
            IsValidOp validity = new IsValidOp(geometry);
            if (!validity.isValid()) {
                TopologyValidationError error = validity.getValidationError();
                throw OwsException.invalidParameter(locator, "Invalid geometry: " + error.getMessage()
                        + (error.getCoordinate() == null ? "" : " at " + error.getCoordinate().x + " "
                        + error.getCoordinate().y));
            }
            return new GeometryLiteral(geometry, srid);
        }
    }

    /** {@code left op right} on numbers. */
    record Arithmetic(ArithmeticOperator operator, Expression left, Expression right) implements Expression {
        public Arithmetic {
            Objects.requireNonNull(operator);
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    enum ArithmeticOperator {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/");

        private final String symbol;

        ArithmeticOperator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}
