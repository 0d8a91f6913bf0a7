<?xml version="1.0" encoding="UTF-8"?>
<se:FeatureTypeStyle version="1.1.0" xmlns:se="http://www.opengis.net/se" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/se http://schemas.opengis.net/se/1.1.0/FeatureStyle.xsd">
  <se:Name>polygons</se:Name>
  <se:Rule><se:Name>solid</se:Name><se:Description><se:Title>solid</se:Title></se:Description><ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>kind</ogc:PropertyName><ogc:Literal>solid</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
    <se:PolygonSymbolizer><se:Fill><se:SvgParameter name="fill">#2E86DE</se:SvgParameter><se:SvgParameter name="fill-opacity">0.6</se:SvgParameter></se:Fill><se:Stroke><se:SvgParameter name="stroke">#1B4F72</se:SvgParameter><se:SvgParameter name="stroke-width">3</se:SvgParameter></se:Stroke></se:PolygonSymbolizer></se:Rule>
  <se:Rule><se:Name>overlap</se:Name><se:Description><se:Title>overlap</se:Title></se:Description><ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>kind</ogc:PropertyName><ogc:Literal>overlap</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
    <se:PolygonSymbolizer><se:Fill><se:SvgParameter name="fill">#E74C3C</se:SvgParameter><se:SvgParameter name="fill-opacity">0.5</se:SvgParameter></se:Fill><se:Stroke><se:SvgParameter name="stroke">#78281F</se:SvgParameter><se:SvgParameter name="stroke-width">2</se:SvgParameter><se:SvgParameter name="stroke-dasharray">8 4</se:SvgParameter></se:Stroke></se:PolygonSymbolizer></se:Rule>
  <se:Rule><se:Name>hatched</se:Name><se:Description><se:Title>hatched</se:Title></se:Description><ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>kind</ogc:PropertyName><ogc:Literal>hatched</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
    <se:PolygonSymbolizer><se:Fill><se:GraphicFill><se:Graphic><se:Mark><se:WellKnownName>x</se:WellKnownName><se:Stroke><se:SvgParameter name="stroke">#117864</se:SvgParameter><se:SvgParameter name="stroke-width">1.5</se:SvgParameter></se:Stroke></se:Mark><se:Size>12</se:Size></se:Graphic></se:GraphicFill></se:Fill><se:Stroke><se:SvgParameter name="stroke">#0B5345</se:SvgParameter><se:SvgParameter name="stroke-width">2</se:SvgParameter></se:Stroke></se:PolygonSymbolizer></se:Rule>
</se:FeatureTypeStyle>
