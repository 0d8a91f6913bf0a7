package fr.yseraa.observatory.wfs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XsdTypesTest {

    @Test
    void integersAreRangesOfXsIntegerButBigintStaysXsLong() {
        assertThat(XsdTypes.ofSql("integer")).isEqualTo(new XsdTypes.SimpleType("integer", "-2147483648", "2147483647"));
        assertThat(XsdTypes.ofSql("smallint")).isEqualTo(new XsdTypes.SimpleType("integer", "-32768", "32767"));
        // GDAL reads an xs:integer as 32 bits and would cut larger values; it reads xs:long as a 64-bit integer
        assertThat(XsdTypes.ofSql("bigint")).isEqualTo(new XsdTypes.SimpleType("long", null, null));
    }

    @Test
    void otherColumnsMapToTheirBuiltInTypes() {
        assertThat(XsdTypes.ofSql("numeric(10,2)").base()).isEqualTo("decimal");
        assertThat(XsdTypes.ofSql("double precision").base()).isEqualTo("double");
        assertThat(XsdTypes.ofSql("date").base()).isEqualTo("date");
        assertThat(XsdTypes.ofSql("timestamp with time zone").base()).isEqualTo("dateTime");
        assertThat(XsdTypes.ofSql("character varying(50)").base()).isEqualTo("string");
        assertThat(XsdTypes.ofSql("text[]").base()).isEqualTo("string");
    }
}
