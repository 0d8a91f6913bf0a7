// The map: the server's WMS layers (from its capabilities, as the caller may read them) in Lambert-93 or Web
// Mercator, grouped by theme, with visibility, opacity and legends; feature info in words; a time slider for the
// layers with a TIME dimension; search by commune (WFS) and by taxon (/api/taxons); the URL keeps the view.

import {authFetch, fetchOk, imageLoader} from './session.js';
import {THEMES, OTHER_THEME, wmsLayers} from './capabilities.js';
import {describe, fields} from './info.js';
import {combobox} from './combobox.js';

const LAMBERT93 = '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 '
    + '+towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs';
proj4.defs('EPSG:2154', LAMBERT93);
ol.proj.proj4.register(proj4);
ol.proj.get('EPSG:2154').setExtent([-378305.81, 6093283.21, 1212610.74, 7186901.68]);

/** Shown when the URL names no layer. */
const DEFAULT_LAYERS = ['obs:territoire_yseraa', 'obs:communes', 'obs:ramsar_site', 'sinp:occurrences'];
const COMMUNES = 'obs:communes';
/** Saint-Omer's marsh, when the URL gives no view. */
const HOME = {lonLat: [2.26, 50.78], groundResolution: 40};

const params = new URLSearchParams(location.search);
const state = {
  projection: params.get('proj') === '3857' ? 'EPSG:3857' : 'EPSG:2154',
  visible: new Set(params.has('couches') ? params.get('couches').split(',').filter(Boolean) : DEFAULT_LAYERS),
  opacity: Object.fromEntries((params.get('opacite') || '').split(',').filter(Boolean)
      .map(p => [p.slice(0, p.lastIndexOf(':')), Number(p.slice(p.lastIndexOf(':') + 1)) / 100])),
  year: params.has('annee') ? Number(params.get('annee')) : null,
  taxon: params.has('taxon') ? {cdNom: Number(params.get('taxon')), label: params.get('nom') || ''} : null,
  baseMaps: new Set((params.get('fonds') || '').split(',').filter(Boolean)),
};

let layers = [];
let taxonLayers = [];
const highlight = new ol.layer.Vector({
  source: new ol.source.Vector(),
  style: new ol.style.Style({stroke: new ol.style.Stroke({color: '#d45500', width: 3})}),
  zIndex: 1000,
});
const map = new ol.Map({target: 'map', layers: [highlight], view: initialView()});

/** For scripts (the browser tests, the console): the map, its layers, and a promise of the next full render. */
window.carte = {
  map,
  layers: () => layers,
  rendered: () => new Promise(resolve => map.once('rendercomplete', () => resolve(true))),
};

function initialView() {
  const x = Number(params.get('x'));
  const y = Number(params.get('y'));
  const res = Number(params.get('res'));
  if (params.has('x') && params.has('y') && res > 0) {
    return new ol.View({projection: state.projection, center: [x, y], resolution: res});
  }
  return viewAt(state.projection, ol.proj.fromLonLat(HOME.lonLat, state.projection), null, HOME.groundResolution);
}

/** A view of a projection at a centre given in it, keeping a ground resolution (metres per pixel). */
function viewAt(projection, center, rotation, groundResolution) {
  const scale = ol.proj.getPointResolution(projection, 1, center);
  return new ol.View({projection, center, resolution: groundResolution / scale, rotation: rotation || 0});
}

function switchProjection(projection) {
  const view = map.getView();
  const old = view.getProjection();
  const ground = ol.proj.getPointResolution(old, view.getResolution(), view.getCenter());
  const center = ol.proj.transform(view.getCenter(), old, projection);
  state.projection = projection;
  map.setView(viewAt(projection, center, 0, ground));
  highlight.getSource().clear();
  map.getView().on('change', savePermalink);
  savePermalink();
}

// --- the layers -----------------------------------------------------------------------------------------------

function wmsLayer(info) {
  const source = new ol.source.ImageWMS({
    url: '/wms',
    params: {LAYERS: info.name, STYLES: '', FORMAT: 'image/png', TRANSPARENT: true, VERSION: '1.3.0'},
    ratio: 1,
    imageLoadFunction: imageLoader,
  });
  return new ol.layer.Image({source, visible: false, opacity: state.opacity[info.name] ?? 1});
}

/** The layer tree: a section per theme, in the order of THEMES, then the layers no theme names. */
function buildTree() {
  const tree = document.getElementById('tree');
  const themes = [...THEMES, OTHER_THEME].map(theme => ({theme, members: layers.filter(l => l.theme === theme)}))
      .filter(t => t.members.length > 0);
  tree.replaceChildren(...themes.map(({theme, members}, t) => {
    const section = document.createElement('section');
    section.className = 'layer-group';
    const h3 = document.createElement('h3');
    h3.textContent = theme.title;
    h3.id = 'theme-' + t;
    const ul = document.createElement('ul');
    ul.setAttribute('aria-labelledby', h3.id);
    ul.append(...members.map(layerItem));
    section.append(h3, ul);
    return section;
  }));
}

function layerItem(info) {
  const id = 'couche-' + info.name.replace(/[^A-Za-z0-9_-]/g, '-');
  const li = document.createElement('li');
  li.className = 'layer-item';
  li.dataset.layer = info.name;
  li.innerHTML = `<label><input type="checkbox" id="${id}"> <span></span></label> <span class="muted period"></span>
    <div class="opacity"><label for="${id}-opacite">Opacité</label>
      <input type="range" id="${id}-opacite" min="0" max="100" step="10"></div>
    <img class="legend" hidden>`;
  li.querySelector('label span').textContent = info.title;
  li.title = info.abstract;
  const box = li.querySelector('input[type=checkbox]');
  const opacity = li.querySelector('input[type=range]');
  const legend = li.querySelector('img');
  legend.alt = 'Légende : ' + info.title;
  box.checked = state.visible.has(info.name);
  opacity.value = String(Math.round(info.layer.getOpacity() * 100));
  opacity.setAttribute('aria-valuetext', opacity.value + ' %');
  box.addEventListener('change', () => {
    box.checked ? state.visible.add(info.name) : state.visible.delete(info.name);
    refreshLayer(info);
    savePermalink();
  });
  opacity.addEventListener('input', () => {
    info.layer.setOpacity(Number(opacity.value) / 100);
    opacity.setAttribute('aria-valuetext', opacity.value + ' %');
    state.opacity[info.name] = Number(opacity.value) / 100;
    savePermalink();
  });
  info.item = li;
  return li;
}

/** Loads an image of this server, with the caller's credentials when logged in. */
function loadImage(img, src) {
  imageLoader({getImage: () => img}, src);
}

/** Shows or hides a layer as the tree, the time slider and the taxon filter say. */
function refreshLayer(info) {
  const checked = state.visible.has(info.name);
  const period = timeWindow();
  const outOfPeriod = Boolean(period && info.time && (period.end < info.time.start || period.start > info.time.end));
  const wanted = {};
  if (info.time) {
    wanted.TIME = period ? period.start + '/' + period.end : undefined;
  }
  if (taxonLayers.includes(info.name)) {
    wanted.CQL_FILTER = state.taxon ? 'cd_nom = ' + state.taxon.cdNom : undefined;
  }
  const current = info.layer.getSource().getParams();
  if (Object.keys(wanted).some(k => current[k] !== wanted[k])) {
    info.layer.getSource().updateParams(wanted);
  }
  info.layer.setVisible(checked && !outOfPeriod);
  if (info.item) {
    info.item.querySelector('.period').textContent = checked && outOfPeriod ? '(hors période)' : '';
    const legend = info.item.querySelector('img.legend');
    legend.hidden = !checked || !info.legend;
    if (checked && info.legend && !legend.dataset.loaded) {
      legend.dataset.loaded = 'true';
      loadImage(legend, info.legend);
    }
  }
}

/** The external base maps the data directory enables (/api/basemaps), under every layer, unticked by default. */
async function setUpBaseMaps() {
  const baseMaps = await (await fetchOk('/api/basemaps')).json();
  if (baseMaps.length === 0) {
    return;
  }
  const section = document.createElement('section');
  section.className = 'layer-group';
  section.innerHTML = '<h3 id="theme-fonds">Fonds de plan (service externe)</h3><ul aria-labelledby="theme-fonds"></ul>';
  for (const b of baseMaps) {
    const layer = new ol.layer.Tile({
      source: new ol.source.XYZ({url: b.url, attributions: b.attribution, crossOrigin: 'anonymous'}),
      visible: state.baseMaps.has(b.id),
      zIndex: 0,
    });
    map.addLayer(layer);
    const li = document.createElement('li');
    li.className = 'layer-item';
    li.dataset.baseMap = b.id;
    li.innerHTML = '<label><input type="checkbox"> <span></span></label>';
    li.querySelector('span').textContent = b.title;
    const box = li.querySelector('input');
    box.checked = layer.getVisible();
    box.addEventListener('change', () => {
      layer.setVisible(box.checked);
      box.checked ? state.baseMaps.add(b.id) : state.baseMaps.delete(b.id);
      savePermalink();
    });
    section.querySelector('ul').append(li);
  }
  document.getElementById('tree').append(section);
}

// --- time --------------------------------------------------------------------------------------------------------

/** The dates the time slider selects, or null for every date. */
function timeWindow() {
  return state.year === null ? null : {start: state.year + '-01-01', end: state.year + '-12-31'};
}

function setUpTime() {
  const timed = layers.filter(l => l.time);
  const fieldset = document.getElementById('time');
  if (timed.length === 0) {
    fieldset.hidden = true;
    return;
  }
  const all = document.getElementById('time-all');
  const slider = document.getElementById('time-year');
  const label = document.getElementById('time-label');
  slider.min = String(Math.min(...timed.map(l => Number(l.time.start.slice(0, 4)))));
  slider.max = String(Math.max(...timed.map(l => Number(l.time.end.slice(0, 4)))));
  slider.value = String(state.year ?? slider.max);
  all.checked = state.year === null;
  document.getElementById('time-layers').textContent = 'Couches datées : ' + timed.map(l => l.title).join(', ') + '.';
  const apply = () => {
    state.year = all.checked ? null : Number(slider.value);
    slider.disabled = all.checked;
    label.textContent = all.checked ? 'toutes' : slider.value;
    layers.forEach(refreshLayer);
    savePermalink();
  };
  all.addEventListener('change', apply);
  slider.addEventListener('input', apply);
  apply();
}

// --- feature info -----------------------------------------------------------------------------------------------

async function featureInfo(event) {
  const view = map.getView();
  const queried = layers.filter(l => l.layer.getVisible() && l.queryable);
  const popup = document.getElementById('popup');
  const content = document.getElementById('popup-content');
  if (queried.length === 0) {
    return;
  }
  content.textContent = 'Interrogation…';
  popup.hidden = false;
  const answers = await Promise.all(queried.map(async info => {
    const url = info.layer.getSource().getFeatureInfoUrl(event.coordinate, view.getResolution(),
        view.getProjection(), {INFO_FORMAT: 'application/json', FEATURE_COUNT: 5});
    try {
      const [json, labelled] = await Promise.all([(await fetchOk(url)).json(), fields(info.name)]);
      return {info, features: json.features, labelled};
    } catch (e) {
      return {info, error: e};
    }
  }));
  const parts = [];
  for (const answer of answers) {
    if (answer.error || answer.features.length === 0) {
      continue;
    }
    const h = document.createElement('h3');
    h.textContent = answer.info.title + (answer.features.length > 1 ? ' (' + answer.features.length + ')' : '');
    parts.push(h, ...answer.features.map(f => describe(f, answer.labelled)));
  }
  if (parts.length === 0) {
    const p = document.createElement('p');
    p.textContent = answers.some(a => a.error) ? 'Les couches n\'ont pas pu être interrogées.'
        : 'Rien à cet endroit dans les couches affichées.';
    parts.push(p);
  }
  content.replaceChildren(...parts);
}

// --- search ------------------------------------------------------------------------------------------------------

function csvRows(text) {
  const rows = [];
  let row = [''];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        row[row.length - 1] += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        row[row.length - 1] += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push('');
    } else if (c === '\n') {
      rows.push(row);
      row = [''];
    } else if (c !== '\r') {
      row[row.length - 1] += c;
    }
  }
  if (row.length > 1 || row[0] !== '') {
    rows.push(row);
  }
  return rows;
}

const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

async function setUpCommuneSearch() {
  const input = document.getElementById('search-commune');
  if (!layers.some(l => l.name === COMMUNES)) {
    input.closest('.search').hidden = true;
    return;
  }
  const text = await (await fetchOk('/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=' + COMMUNES
      + '&PROPERTYNAME=insee,name&OUTPUTFORMAT=text/csv')).text();
  const [header, ...rows] = csvRows(text);
  const communes = rows.map(r => ({id: r[header.indexOf('FID')], insee: r[header.indexOf('insee')],
    name: r[header.indexOf('name')]}));
  combobox(input, document.getElementById('search-commune-list'), async typed => {
    const t = fold(typed);
    return communes.filter(c => fold(c.name).includes(t) || c.insee.startsWith(t))
        .sort((a, b) => fold(a.name).indexOf(t) - fold(b.name).indexOf(t) || a.name.localeCompare(b.name, 'fr'))
        .slice(0, 10).map(c => ({label: c.name + ' (' + c.insee + ')', value: c}));
  }, async item => {
    const projection = map.getView().getProjection().getCode();
    const json = await (await fetchOk('/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&RESOURCEID='
        + encodeURIComponent(item.value.id) + '&OUTPUTFORMAT=application/json&SRSNAME=' + projection)).json();
    const features = new ol.format.GeoJSON().readFeatures(json);
    highlight.getSource().clear();
    highlight.getSource().addFeatures(features);
    if (features.length > 0) {
      map.getView().fit(highlight.getSource().getExtent(), {padding: [40, 40, 40, 40], duration: 300});
    }
  });
}

function showTaxonFilter() {
  const p = document.getElementById('taxon-filter');
  p.hidden = !state.taxon;
  p.querySelector('span').textContent = state.taxon
      ? 'Espèce affichée : ' + (state.taxon.label || 'code TAXREF ' + state.taxon.cdNom) : '';
}

function setUpTaxonSearch() {
  const input = document.getElementById('search-taxon');
  combobox(input, document.getElementById('search-taxon-list'), async typed => {
    const answer = await (await fetchOk('/api/taxons?q=' + encodeURIComponent(typed))).json();
    taxonLayers = answer.layers;
    return answer.taxa.map(t => ({
      label: (t.vernacularName ? t.vernacularName + ' — ' : '') + t.scientificName + ' (' + t.occurrences + ' obs.)',
      value: t,
    }));
  }, item => {
    const t = item.value;
    state.taxon = {cdNom: t.cdNom, label: t.vernacularName ? t.vernacularName + ' (' + t.scientificName + ')'
        : t.scientificName};
    showTaxonFilter();
    layers.forEach(refreshLayer);
    const extent = ol.proj.transformExtent(t.bbox, 'EPSG:4326', map.getView().getProjection());
    map.getView().fit(ol.extent.buffer(extent, 1000), {padding: [40, 40, 40, 40], duration: 300, maxZoom: 14});
    savePermalink();
  });
  document.getElementById('taxon-clear').addEventListener('click', () => {
    state.taxon = null;
    input.value = '';
    showTaxonFilter();
    layers.forEach(refreshLayer);
    savePermalink();
  });
}

// --- permalink ---------------------------------------------------------------------------------------------------

function savePermalink() {
  const view = map.getView();
  const center = view.getCenter();
  if (!center) {
    return;
  }
  const p = new URLSearchParams();
  p.set('proj', state.projection === 'EPSG:3857' ? '3857' : '2154');
  p.set('x', center[0].toFixed(0));
  p.set('y', center[1].toFixed(0));
  p.set('res', view.getResolution().toPrecision(4));
  p.set('couches', [...state.visible].join(','));
  const opacities = Object.entries(state.opacity).filter(([, o]) => o < 1)
      .map(([name, o]) => name + ':' + Math.round(o * 100));
  if (opacities.length > 0) {
    p.set('opacite', opacities.join(','));
  }
  if (state.baseMaps.size > 0) {
    p.set('fonds', [...state.baseMaps].join(','));
  }
  if (state.year !== null) {
    p.set('annee', String(state.year));
  }
  if (state.taxon) {
    p.set('taxon', String(state.taxon.cdNom));
    p.set('nom', state.taxon.label);
  }
  const url = location.pathname + '?' + p.toString();
  history.replaceState(null, '', url);
  document.getElementById('permalink').href = url;
}

// --- start -------------------------------------------------------------------------------------------------------

async function start() {
  const status = document.getElementById('tree-status');
  try {
    layers = await wmsLayers();
  } catch (e) {
    status.textContent = 'Les couches n\'ont pas pu être lues : ' + e.message;
    return;
  }
  layers.forEach((info, i) => {
    info.layer = wmsLayer(info);
    info.layer.setZIndex(layers.length - i);
    map.addLayer(info.layer);
  });
  taxonLayers = (await (await fetchOk('/api/taxons')).json()).layers;
  buildTree();
  await setUpBaseMaps();
  status.textContent = layers.length + ' couches, par thème. Cliquez sur la carte pour interroger les couches affichées.';
  setUpTime();
  showTaxonFilter();
  layers.forEach(refreshLayer);
  setUpTaxonSearch();
  document.querySelectorAll('input[name=projection]').forEach(radio => {
    radio.checked = radio.value === state.projection;
    radio.addEventListener('change', () => switchProjection(radio.value));
  });
  map.on('singleclick', featureInfo);
  map.getView().on('change', savePermalink);
  document.getElementById('popup-close').addEventListener('click', () => {
    document.getElementById('popup').hidden = true;
  });
  savePermalink();
  await setUpCommuneSearch();
  map.once('rendercomplete', () => {
    document.body.dataset.ready = 'true';
  });
  map.render();
}

start();
