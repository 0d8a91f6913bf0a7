// The layer catalogue: every layer the caller may read (/rest/layers, with the WMS capabilities for legends, themes
// and metadata), each with a preview (a WMS GetMap of its extent), its abstract, extent, feature count, legend and
// links: OGC capabilities, GeoJSON, CSV, GeoPackage and zipped Shapefile downloads (WFS), vector tiles (TileJSON), metadata, the map.

import {authorization, fetchOk, imageLoader, me} from './session.js';
import {wmsLayers} from './capabilities.js';

const PREVIEW = {width: 320, height: 240};
const GEOMETRY = {
  POINT: 'points', MULTIPOINT: 'points', LINESTRING: 'lignes', MULTILINESTRING: 'lignes',
  POLYGON: 'polygones', MULTIPOLYGON: 'polygones', GEOMETRY: 'géométries de types variés',
};
const R = 6378137;

/** Web Mercator metres of a longitude and latitude. */
function mercator([lon, lat]) {
  return [R * lon * Math.PI / 180, R * Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360))];
}

/** The layer's extent in Web Mercator, widened to the preview's proportions. */
function previewBox(bbox) {
  const [x0, y0] = mercator([bbox.minx, bbox.miny]);
  const [x1, y1] = mercator([bbox.maxx, bbox.maxy]);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const res = Math.max((x1 - x0) / PREVIEW.width, (y1 - y0) / PREVIEW.height, 1) * 1.05;
  return {cx, cy, res, box: [cx - res * PREVIEW.width / 2, cy - res * PREVIEW.height / 2,
    cx + res * PREVIEW.width / 2, cy + res * PREVIEW.height / 2]};
}

const number = n => n.toLocaleString('fr-FR', {maximumFractionDigits: 2});

function extentText(b) {
  return number(b.minx) + '° – ' + number(b.maxx) + '° E, ' + number(b.miny) + '° – ' + number(b.maxy) + '° N';
}

function link(text, href, download) {
  const a = document.createElement('a');
  a.textContent = text;
  a.href = href;
  if (download) {
    a.download = download;
    // a login lives in this tab only: the browser would download as the public, so fetch with the credentials
    a.addEventListener('click', async event => {
      if (!authorization()) {
        return;
      }
      event.preventDefault();
      const blob = await (await fetchOk(href)).blob();
      const url = URL.createObjectURL(blob);
      const save = document.createElement('a');
      save.href = url;
      save.download = download;
      save.click();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    });
  }
  const li = document.createElement('li');
  li.append(a);
  return li;
}

function card(layer, wms) {
  const li = document.createElement('li');
  li.className = 'layer-card';
  li.dataset.layer = layer.name;
  const preview = document.createElement('img');
  preview.className = 'preview';
  preview.alt = 'Aperçu de la couche « ' + layer.title + ' »';
  preview.width = PREVIEW.width;
  preview.height = PREVIEW.height;
  const text = document.createElement('div');
  const h2 = document.createElement('h2');
  h2.textContent = layer.title;
  const abstract = document.createElement('p');
  abstract.textContent = layer.abstractText || '';
  const dl = document.createElement('dl');
  const facts = [
    ['Nom', layer.name],
    ['Thème', wms ? wms.theme.title : ''],
    ['Objets', (layer.featureCount === null ? 'non compté (trop long)' : number(layer.featureCount)) + ', '
        + (GEOMETRY[layer.geometryType] || layer.geometryType.toLowerCase())],
    ['Emprise', layer.bbox ? extentText(layer.bbox) : 'aucun objet visible pour vous'],
    ['Période', wms && wms.time ? wms.time.start + ' – ' + wms.time.end : ''],
    ['Source', wms && wms.attribution ? wms.attribution.Title : ''],
  ];
  for (const [term, value] of facts.filter(f => f[1])) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dl.append(dt, dd);
  }
  const name = encodeURIComponent(layer.name);
  const file = layer.name.replace(':', '_');
  const links = document.createElement('ul');
  links.className = 'links';
  links.setAttribute('aria-label', 'Liens de la couche ' + layer.title);
  const wfs = '/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=' + name;
  links.append(
      link('Voir sur la carte', '/carte?couches=' + name + (layer.bbox ? mapView(layer.bbox) : '')),
      link('GeoJSON', wfs + '&OUTPUTFORMAT=application/json&SRSNAME=EPSG:4326', file + '.geojson'),
      link('CSV', wfs + '&OUTPUTFORMAT=text/csv', file + '.csv'),
      link('GeoPackage', wfs + '&OUTPUTFORMAT=geopackage', file + '.gpkg'),
      link('Shapefile (zip)', wfs + '&OUTPUTFORMAT=SHAPE-ZIP', file + '.zip'),
      link('WMS', '/wms?SERVICE=WMS&REQUEST=GetCapabilities'),
      link('WFS', '/wfs?SERVICE=WFS&REQUEST=GetCapabilities'),
      link('WMTS', '/wmts/1.0.0/WMTSCapabilities.xml'),
      link('Tuiles vectorielles (TileJSON)', '/ogcapi/collections/' + name + '/tiles/WebMercatorQuad/tilejson'));
  if (wms && wms.metadata) {
    links.append(link('Fiche de métadonnées', wms.metadata));
  }
  text.append(h2, abstract, dl, links);
  if (wms && wms.legend) {
    const legend = document.createElement('img');
    legend.className = 'legend';
    legend.alt = 'Légende de la couche « ' + layer.title + ' »';
    imageLoader({getImage: () => legend}, wms.legend);
    text.append(legend);
  }
  li.append(preview, text);
  if (layer.bbox) {
    const {box} = previewBox(layer.bbox);
    imageLoader({getImage: () => preview}, '/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=' + name
        + '&STYLES=&CRS=EPSG:3857&BBOX=' + box.map(v => v.toFixed(1)).join(',') + '&WIDTH=' + PREVIEW.width
        + '&HEIGHT=' + PREVIEW.height + '&FORMAT=image/png&TRANSPARENT=true');
  } else {
    preview.hidden = true;
  }
  return li;
}

/** The map's URL parameters showing a whole extent, in Web Mercator. */
function mapView(bbox) {
  const {cx, cy} = previewBox(bbox);
  const [x0, y0] = mercator([bbox.minx, bbox.miny]);
  const [x1, y1] = mercator([bbox.maxx, bbox.maxy]);
  const res = Math.max((x1 - x0) / 800, (y1 - y0) / 600, 1);
  return '&proj=3857&x=' + cx.toFixed(0) + '&y=' + cy.toFixed(0) + '&res=' + res.toPrecision(4);
}

async function start() {
  const status = document.getElementById('layers-status');
  try {
    const [layers, wms] = await Promise.all([fetchOk('/rest/layers').then(r => r.json()), wmsLayers()]);
    const byName = new Map(wms.map(l => [l.name, l]));
    document.getElementById('layers').replaceChildren(...layers.map(l => card(l, byName.get(l.name))));
    status.textContent = layers.length + ' couches.';
    const who = await me;
    document.getElementById('layers-who').textContent = who.user
        ? 'Connecté, vous voyez les couches et les données que votre compte permet.'
        : 'Sans connexion, vous voyez ce que le public peut voir.';
  } catch (e) {
    status.textContent = 'Le catalogue n\'a pas pu être lu : ' + e.message;
  }
  document.body.dataset.ready = 'true';
}

start();
