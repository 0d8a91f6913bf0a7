<?xml version="1.0" encoding="UTF-8"?>
<se:FeatureTypeStyle version="1.1.0" xmlns:se="http://www.opengis.net/se" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/se http://schemas.opengis.net/se/1.1.0/FeatureStyle.xsd">
  <se:Name>streets</se:Name>
  <se:Rule><se:Name>streets</se:Name><se:Description><se:Title>streets</se:Title></se:Description>
    <se:LineSymbolizer><se:Stroke><se:SvgParameter name="stroke">#95A5A6</se:SvgParameter><se:SvgParameter name="stroke-width">3</se:SvgParameter></se:Stroke></se:LineSymbolizer><se:TextSymbolizer><se:Label><ogc:PropertyName>name</ogc:PropertyName></se:Label><se:Font><se:SvgParameter name="font-family">SansSerif</se:SvgParameter><se:SvgParameter name="font-size">14</se:SvgParameter><se:SvgParameter name="font-weight">bold</se:SvgParameter></se:Font><se:LabelPlacement><se:LinePlacement><se:PerpendicularOffset>0</se:PerpendicularOffset></se:LinePlacement></se:LabelPlacement><se:Halo><se:Radius>2</se:Radius><se:Fill><se:SvgParameter name="fill">#FFFFFF</se:SvgParameter></se:Fill></se:Halo><se:Fill><se:SvgParameter name="fill">#1B2631</se:SvgParameter></se:Fill></se:TextSymbolizer></se:Rule>
</se:FeatureTypeStyle>
