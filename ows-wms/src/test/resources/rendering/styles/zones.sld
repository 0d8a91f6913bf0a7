<?xml version="1.0" encoding="UTF-8"?>
<se:FeatureTypeStyle version="1.1.0" xmlns:se="http://www.opengis.net/se" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/se http://schemas.opengis.net/se/1.1.0/FeatureStyle.xsd">
  <se:Name>zones</se:Name>
  <se:Rule><se:Name>large_scale</se:Name><se:Description><se:Title>large_scale</se:Title></se:Description><se:MaxScaleDenominator>50000</se:MaxScaleDenominator>
    <se:PolygonSymbolizer><se:Fill><se:SvgParameter name="fill">#27AE60</se:SvgParameter></se:Fill><se:Stroke><se:SvgParameter name="stroke">#145A32</se:SvgParameter><se:SvgParameter name="stroke-width">2</se:SvgParameter></se:Stroke></se:PolygonSymbolizer></se:Rule>
  <se:Rule><se:Name>small_scale</se:Name><se:Description><se:Title>small_scale</se:Title></se:Description><se:MinScaleDenominator>50000</se:MinScaleDenominator>
    <se:PolygonSymbolizer><se:Fill><se:SvgParameter name="fill">#F39C12</se:SvgParameter></se:Fill><se:Stroke><se:SvgParameter name="stroke">#7E5109</se:SvgParameter><se:SvgParameter name="stroke-width">4</se:SvgParameter></se:Stroke></se:PolygonSymbolizer></se:Rule>
</se:FeatureTypeStyle>
