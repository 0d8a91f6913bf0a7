// The server's WMS capabilities as the portal uses them: the layers the caller may read (the capabilities list only
// those), each with its theme, time extent, legend and extent.

import {fetchOk} from './session.js';

/** The themes of the layer tree: a layer belongs to the first whose keyword it carries (capabilities' KeywordList). */
export const THEMES = [
  {keyword: 'territoire', title: 'Territoire'},
  {keyword: 'trame verte et bleue', title: 'Trame verte et bleue'},
  {keyword: 'occurrences sinp', title: 'Occurrences SINP'},
  {keyword: 'indicateurs', title: 'Indicateurs'},
];
export const OTHER_THEME = {keyword: null, title: 'Autres couches'};

/** The theme of a layer, from its keywords. */
export function themeOf(keywords) {
  const lower = (keywords || []).map(k => String(k).toLowerCase());
  return THEMES.find(t => lower.includes(t.keyword)) || OTHER_THEME;
}

/** A TIME extent "start/end/P1D" as dates. */
function timeExtent(layer) {
  const dim = (layer.Dimension || []).find(d => d.name === 'time');
  if (!dim) {
    return null;
  }
  const [start, end] = dim.values.trim().split('/');
  return {start: start.slice(0, 10), end: end.slice(0, 10)};
}

/** Every named layer of the capabilities, in their order. */
function namedLayers(layer, out = []) {
  if (layer.Name) {
    out.push(layer);
  }
  (layer.Layer || []).forEach(child => namedLayers(child, out));
  return out;
}

/** The WMS capabilities, parsed (with the caller's credentials: the layers the caller may read). */
export async function wmsLayers() {
  const text = await (await fetchOk('/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities')).text();
  const capabilities = new ol.format.WMSCapabilities().read(text);
  return namedLayers(capabilities.Capability.Layer).map(l => ({
    name: l.Name,
    title: l.Title,
    abstract: l.Abstract || '',
    keywords: l.KeywordList || [],
    theme: themeOf(l.KeywordList),
    queryable: Boolean(l.queryable),
    time: timeExtent(l),
    bbox: l.EX_GeographicBoundingBox,
    legend: l.Style && l.Style[0] && l.Style[0].LegendURL && l.Style[0].LegendURL[0]
        ? relative(l.Style[0].LegendURL[0].OnlineResource) : null,
    metadata: l.MetadataURL && l.MetadataURL[0] ? l.MetadataURL[0].OnlineResource : null,
    attribution: l.Attribution || null,
  }));
}

/** A URL of this server, made relative (the capabilities give absolute URLs, maybe of another host name). */
function relative(url) {
  const u = new URL(url, location.href);
  return u.pathname + u.search;
}
