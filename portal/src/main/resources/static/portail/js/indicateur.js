// One indicator: its methodology sheet (/api/indicators/{code}), its values as a choropleth map (GeoJSON of the API,
// OpenLayers) for a spatial unit and a period, and as a chart over the periods (Chart.js) for one unit, with the
// sampling effort (observation days) as a second series on its own axis for an indicator counted from occurrences,
// and its trend beside the effort's (/api/indicators/{code}/trend); CSV links.
/* global ol, Chart */

import {fetchOk} from '/portail/js/session.js';
import {element} from '/portail/js/elements.js';

const code = decodeURIComponent(location.pathname.split('/')[2] || '');
const api = '/api/indicators/' + encodeURIComponent(code);
const PALETTE = ['#ffffcc', '#c2e699', '#78c679', '#31a354', '#006837'];
const number = new Intl.NumberFormat('fr-FR', {maximumFractionDigits: 2});

const unitSelect = document.getElementById('unite');
const periodSelect = document.getElementById('periode');
const entitySelect = document.getElementById('entite');
const info = document.getElementById('carte-info');

let sheet;
let breaks = [];
let chart;
/** The sampling effort the chart shows beside the values of an indicator counted from occurrences. */
const EFFORT_LABEL = 'Effort d\'observation (jours d\'observation)';
let map;
const source = new ol.source.Vector();
const seriesCache = new Map();

function option(value, label) {
  const o = element('option', label);
  o.value = value;
  return o;
}

function showSheet() {
  document.title = sheet.title + ' — Observatoire Clim@YserAa';
  document.getElementById('titre').textContent = sheet.title;
  document.getElementById('theme').textContent = 'Thème : ' + sheet.theme + ' · unité de mesure : ' + sheet.unit;
  const rows = [
    ['Définition', sheet.definition],
    ['Objectif', sheet.objective],
    ['Sources', sheet.sources],
    ['Formule ou méthode', sheet.method],
    ['Unités spatiales', sheet.spatialUnits],
    ['Fréquence de mise à jour', sheet.updateFrequency],
    ['Interprétation', sheet.interpretation],
    ['Limites', sheet.limits],
    ['Dernière mise à jour', sheet.lastUpdate
      ? new Date(sheet.lastUpdate).toLocaleString('fr-FR', {dateStyle: 'long', timeStyle: 'short'})
      : 'aucune valeur calculée'],
  ];
  const dl = document.getElementById('fiche');
  dl.replaceChildren();
  rows.forEach(([term, text]) => dl.append(element('dt', term), element('dd', text)));
  const protocol = document.getElementById('protocole');
  protocol.replaceChildren(element('dt', 'Fournisseur'), element('dd', sheet.protocol.provider),
    element('dt', 'Accès aux données'), element('dd', sheet.protocol.access), element('dt', 'Étapes'));
  const steps = element('ol');
  sheet.protocol.steps.split(/\s*;\s*/).map(s => s.replace(/^\d+\.\s*/, '').replace(/\.$/, ''))
    .forEach(s => steps.append(element('li', s)));
  const dd = element('dd');
  dd.append(steps);
  protocol.append(dd);
}

/** Class breaks: quantiles of the distinct values, so that a crowd of equal small values takes one class only. */
function classify(values) {
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  const cuts = [];
  for (let i = 1; i < PALETTE.length; i++) {
    const cut = distinct[Math.floor(i * distinct.length / PALETTE.length)];
    if (cut !== undefined && cut > distinct[0] && (cuts.length === 0 || cut > cuts[cuts.length - 1])) {
      cuts.push(cut);
    }
  }
  return cuts;
}

function colour(value) {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]) {
    i++;
  }
  return PALETTE[Math.round(i * (PALETTE.length - 1) / Math.max(breaks.length, 1))];
}

function style(feature) {
  const selected = feature.get('unitCode') === entitySelect.value;
  return new ol.style.Style({
    fill: new ol.style.Fill({color: colour(feature.get('value'))}),
    stroke: new ol.style.Stroke({color: selected ? '#d45500' : '#7f7f7f', width: selected ? 3 : 0.7}),
  });
}

function legend(values) {
  const ul = document.getElementById('legende');
  ul.replaceChildren();
  if (values.length === 0) {
    ul.append(element('li', 'Aucune valeur pour cette période.'));
    return;
  }
  const min = Math.min(...values);
  const max = Math.max(...values);
  const bounds = [min, ...breaks, max];
  for (let i = 0; i < bounds.length - 1; i++) {
    const li = element('li', 'de ' + number.format(bounds[i])
        + (i === bounds.length - 2 ? ' à ' : ' à moins de ') + number.format(bounds[i + 1]) + ' ' + sheet.unit);
    const swatch = element('span', null, {'aria-hidden': 'true'});
    swatch.style.background = colour(bounds[i]);
    li.prepend(swatch);
    ul.append(li);
  }
}

function valuesTable(features) {
  const body = document.getElementById('tableau-valeurs');
  body.replaceChildren();
  features.map(f => f.getProperties()).sort((a, b) => a.unitName.localeCompare(b.unitName, 'fr')).forEach(p => {
    const tr = element('tr');
    tr.append(element('td', p.unitName), element('td', number.format(p.value), {class: 'num'}));
    body.append(tr);
  });
}

function downloads() {
  const unit = unitSelect.value;
  const csv = api + '/values?unit=' + encodeURIComponent(unit) + '&format=csv';
  document.getElementById('csv-periode').href = csv + '&period=' + encodeURIComponent(periodSelect.value);
  document.getElementById('csv-tout').href = csv;
  document.getElementById('geojson-periode').href = api + '/values?unit=' + encodeURIComponent(unit) + '&period='
      + encodeURIComponent(periodSelect.value) + '&format=geojson';
}

async function drawMap() {
  const url = api + '/values?unit=' + encodeURIComponent(unitSelect.value) + '&period='
      + encodeURIComponent(periodSelect.value) + '&format=geojson';
  const geojson = await (await fetchOk(url)).json();
  const features = new ol.format.GeoJSON().readFeatures(geojson, {featureProjection: 'EPSG:3857'});
  const values = features.map(f => f.get('value'));
  breaks = classify(values);
  source.clear();
  source.addFeatures(features);
  legend(values);
  valuesTable(features);
  if (features.length > 0) {
    map.getView().fit(source.getExtent(), {padding: [20, 20, 20, 20], maxZoom: 12});
  }
  document.getElementById('carte-titre').textContent = sheet.title + ' par ' + selectedLabel(unitSelect).toLowerCase()
      + ', ' + selectedLabel(periodSelect);
  downloads();
}

function selectedLabel(select) {
  return select.options[select.selectedIndex].textContent;
}

async function series(unit) {
  if (!seriesCache.has(unit)) {
    const answer = await (await fetchOk(api + '/values?unit=' + encodeURIComponent(unit))).json();
    const byUnit = new Map();
    answer.values.forEach(v => {
      if (!byUnit.has(v.unitCode)) {
        byUnit.set(v.unitCode, {name: v.unitName, values: new Map(), days: new Map()});
      }
      byUnit.get(v.unitCode).values.set(v.period, v.value);
      if (v.effort) {
        byUnit.get(v.unitCode).days.set(v.period, v.effort.days);
      }
    });
    seriesCache.set(unit, byUnit);
  }
  return seriesCache.get(unit);
}

async function fillEntities(preferred) {
  const byUnit = await series(unitSelect.value);
  const entries = [...byUnit.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name, 'fr'));
  entitySelect.replaceChildren(...entries.map(([unitCode, s]) => option(unitCode, s.name)));
  if (preferred && byUnit.has(preferred)) {
    entitySelect.value = preferred;
  }
}

async function drawChart() {
  const byUnit = await series(unitSelect.value);
  const entity = byUnit.get(entitySelect.value);
  const labels = sheet.periods.map(p => p.label);
  const data = sheet.periods.map(p => entity && entity.values.has(p.id) ? entity.values.get(p.id) : null);
  const withEffort = [...byUnit.values()].some(u => u.days.size > 0);
  const days = sheet.periods.map(p => entity && entity.days.has(p.id) ? entity.days.get(p.id) : null);
  const title = sheet.title + (entity ? ' — ' + entity.name : '');
  document.getElementById('graphique-titre').textContent = title;
  const datasets = [{label: sheet.title + ' (' + sheet.unit + ')', data, backgroundColor: '#31a354', yAxisID: 'y'}];
  if (withEffort) {
    datasets.push({type: 'line', label: EFFORT_LABEL, data: days, borderColor: '#636363', backgroundColor: '#636363',
      borderDash: [6, 4], spanGaps: false, yAxisID: 'effort'});
  }
  if (chart) {
    chart.destroy();
  }
  chart = new Chart(document.getElementById('graphique'), {
    type: 'bar',
    data: {labels, datasets},
    options: {
      responsive: true, maintainAspectRatio: false, animation: false, locale: 'fr-FR',
      scales: {
        y: {beginAtZero: true, title: {display: true, text: sheet.unit}},
        effort: {display: withEffort, position: 'right', beginAtZero: true, grid: {drawOnChartArea: false},
          title: {display: true, text: EFFORT_LABEL}},
        x: {title: {display: true, text: 'Période'}},
      },
      // the legend tells the two series apart when the effort stands beside the values
      plugins: {legend: {display: withEffort}},
    },
  });
  source.changed();
  await showTrend();
}

/** The trend of the chart's unit in one French sentence (the API's), with Sen's slope. */
async function showTrend() {
  const p = document.getElementById('tendance');
  const unitCode = entitySelect.value;
  p.textContent = '';
  delete p.dataset.unit;
  if (!unitCode) {
    return;
  }
  const answer = await (await fetchOk(api + '/trend?unit=' + encodeURIComponent(unitSelect.value) + '&unitCode='
      + encodeURIComponent(unitCode))).json();
  if (entitySelect.value !== unitCode) {
    return; // another unit was picked meanwhile
  }
  const trend = answer.trends[0];
  p.dataset.unit = unitCode;
  p.textContent = 'Évolution : ' + trend.sentence + (trend.value
    ? ' Pente de Sen : ' + (trend.value.senSlope > 0 ? '+' : '') + number.format(trend.value.senSlope) + ' ' + sheet.unit
      + ' par période.'
    : '');
}

function setupMap() {
  map = new ol.Map({
    target: 'carte-indicateur',
    layers: [new ol.layer.Vector({source, style})],
    view: new ol.View({center: ol.proj.fromLonLat([2.25, 50.75]), zoom: 9}),
  });
  map.on('singleclick', event => {
    const feature = map.forEachFeatureAtPixel(event.pixel, f => f);
    if (!feature) {
      return;
    }
    info.textContent = feature.get('unitName') + ' : ' + number.format(feature.get('value')) + ' ' + sheet.unit
        + ' (' + feature.get('periodLabel') + ')';
    entitySelect.value = feature.get('unitCode');
    drawChart();
  });
}

async function show() {
  // the list says whether the code exists, so that an unknown code costs no failed request (a console error)
  const known = await (await fetchOk('/api/indicators')).json();
  if (!known.some(i => i.code === code)) {
    document.getElementById('titre').textContent = 'Indicateur inconnu';
    document.getElementById('contenu-indicateur').replaceChildren(element('p',
        'Aucun indicateur n\'a le code « ' + code + ' ». Voir la liste des indicateurs.', {role: 'alert'}));
    return;
  }
  sheet = await (await fetchOk(api)).json();
  showSheet();
  if (sheet.units.length === 0 || sheet.periods.length === 0) {
    document.getElementById('valeurs').replaceChildren(element('p', 'Aucune valeur n\'est encore publiée pour cet indicateur.'));
    return;
  }
  unitSelect.replaceChildren(...sheet.units.map(u => option(u.code, u.label)));
  periodSelect.replaceChildren(...sheet.periods.map(p => option(p.id, p.label)));
  // the map opens on the latest period that is over (the current one is still filling), else the latest
  const today = new Date().toISOString().substring(0, 10);
  const over = sheet.periods.filter(p => p.end < today);
  periodSelect.value = (over.length > 0 ? over[over.length - 1] : sheet.periods[sheet.periods.length - 1]).id;
  setupMap();
  await fillEntities();
  await Promise.all([drawMap(), drawChart()]);
  unitSelect.addEventListener('change', async () => {
    info.textContent = '';
    await fillEntities();
    await Promise.all([drawMap(), drawChart()]);
  });
  periodSelect.addEventListener('change', drawMap);
  entitySelect.addEventListener('change', drawChart);
}

show().catch(e => {
  document.getElementById('erreur').textContent = 'La fiche n\'a pas pu être chargée (' + e.message + ').';
}).finally(() => {
  document.body.dataset.ready = '1';
});
