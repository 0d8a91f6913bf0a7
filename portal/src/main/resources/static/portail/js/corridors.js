// The ecological network: the corridors on a map (WFS GeoJSON) and in a list; picking one runs the WPS process
// obs:CorridorIndicators for it (Execute, the caller's credentials) and shows its report, each figure explained.
/* global ol */

import {fetchOk, imageLoader} from '/portail/js/session.js';
import {element} from '/portail/js/elements.js';

const SUB_NETWORKS = {wetland: 'zones humides', woodland: 'boisée', grassland: 'prairiale', aquatic: 'aquatique'};
const COLOURS = {wetland: '#1f78b4', woodland: '#1b7837', grassland: '#b8860b', aquatic: '#00838f'};
const BARRIERS = {motorway: 'autoroute', primary: 'route principale', secondary: 'route secondaire',
  local: 'route locale', railway: 'voie ferrée', weir: 'seuil', lock: 'écluse'};
const n0 = new Intl.NumberFormat('fr-FR', {maximumFractionDigits: 0});
const n1 = new Intl.NumberFormat('fr-FR', {maximumFractionDigits: 1});
const percent = new Intl.NumberFormat('fr-FR', {style: 'percent', maximumFractionDigits: 1});
const tiny = new Intl.NumberFormat('fr-FR', {maximumSignificantDigits: 3});

const select = document.getElementById('corridor');
const status = document.getElementById('statut');
const report = document.getElementById('rapport');
const source = new ol.source.Vector();
let selected = null;

function style(feature) {
  const chosen = String(feature.getId()).endsWith('.' + selected) || feature.get('id') === selected;
  const colour = COLOURS[feature.get('sub_network')] || '#555555';
  return new ol.style.Style({
    fill: new ol.style.Fill({color: chosen ? 'rgba(212, 85, 0, 0.45)' : colour + '66'}),
    stroke: new ol.style.Stroke({color: chosen ? '#d45500' : colour, width: chosen ? 3 : 1.5}),
  });
}

const map = new ol.Map({
  target: 'carte-corridors',
  layers: [
    new ol.layer.Image({source: new ol.source.ImageWMS({url: '/wms', params: {LAYERS: 'obs:reservoirs,obs:obstacles',
      VERSION: '1.3.0', FORMAT: 'image/png', TRANSPARENT: true}, ratio: 1, imageLoadFunction: imageLoader})}),
    new ol.layer.Vector({source, style}),
  ],
  view: new ol.View({center: ol.proj.fromLonLat([2.25, 50.75]), zoom: 10}),
});

function idOf(feature) {
  const id = feature.getId();
  return Number(String(id).substring(String(id).lastIndexOf('.') + 1));
}

async function loadCorridors() {
  const url = '/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:corridors'
      + '&outputFormat=application/json&srsName=EPSG:3857';
  const geojson = await (await fetchOk(url)).json();
  const features = new ol.format.GeoJSON().readFeatures(geojson, {dataProjection: 'EPSG:3857'});
  features.forEach(f => f.set('id', idOf(f)));
  source.addFeatures(features);
  map.getView().fit(source.getExtent(), {padding: [20, 20, 20, 20]});
  features.sort((a, b) => a.get('name').localeCompare(b.get('name'), 'fr'));
  select.replaceChildren(element('option', '— choisir un corridor —', {value: ''}),
    ...features.map(f => element('option', f.get('name') + ' (sous-trame ' + (SUB_NETWORKS[f.get('sub_network')]
        || f.get('sub_network')) + ')', {value: String(f.get('id'))})));
}

map.on('singleclick', event => {
  const feature = map.forEachFeatureAtPixel(event.pixel, f => f);
  if (feature) {
    select.value = String(feature.get('id'));
    run(feature.get('id'));
  }
});
select.addEventListener('change', () => {
  if (select.value) {
    run(Number(select.value));
  }
});

async function run(id) {
  selected = id;
  source.changed();
  const feature = source.getFeatures().find(f => f.get('id') === id);
  if (feature) {
    map.getView().fit(feature.getGeometry().getExtent(), {padding: [60, 60, 60, 60], maxZoom: 14, duration: 300});
  }
  const name = select.options[select.selectedIndex].textContent;
  status.textContent = 'Calcul des indicateurs du corridor « ' + name + ' » en cours (processus WPS obs:CorridorIndicators)…';
  report.replaceChildren();
  delete document.body.dataset.report;
  const url = '/wps?service=WPS&version=1.0.0&request=Execute&identifier=obs:CorridorIndicators'
      + '&DataInputs=' + encodeURIComponent('corridor=' + id) + '&RawDataOutput=report';
  try {
    const started = performance.now();
    const figures = await (await fetchOk(url)).json();
    if (selected !== id) {
      return; // another corridor was picked meanwhile
    }
    show(figures);
    status.textContent = 'Rapport calculé en ' + n1.format((performance.now() - started) / 1000) + ' s.';
    document.body.dataset.report = String(id);
  } catch (e) {
    status.textContent = 'Le calcul a échoué (' + e.message + ').';
  }
}

/** A figure with its plain-French explanation. */
function figure(dl, term, value, explanation) {
  const dd = element('dd');
  dd.append(element('span', value, {class: 'figure'}), element('span', explanation, {class: 'explain'}));
  dl.append(element('dt', term), dd);
}

function section(title) {
  const s = element('section');
  s.append(element('h2', title));
  report.append(s);
  return s;
}

function show(r) {
  const sub = SUB_NETWORKS[r.corridor.subNetwork] || r.corridor.subNetwork;
  const head = element('p');
  head.append(element('strong', r.corridor.name), document.createTextNode(' — corridor de la sous-trame ' + sub
      + ', étudié pour des espèces qui se dispersent à ' + n0.format(r.speciesGroup.dispersalDistance_m) + ' m en médiane.'));
  report.append(head);

  const g = r.geometry;
  let dl = element('dl');
  figure(dl, 'Longueur', n0.format(g.axisLength_m) + ' m',
      'La longueur de l\'axe du corridor, d\'un réservoir de biodiversité à l\'autre.');
  figure(dl, 'Surface', n1.format(g.area_ha) + ' ha', 'L\'emprise du corridor sur le terrain.');
  if (g.meanWidth_m !== null) {
    figure(dl, 'Largeur moyenne', n0.format(g.meanWidth_m) + ' m', 'La largeur du corridor en moyenne le long de son axe.');
  }
  if (g.narrowestWidth_m !== null) {
    figure(dl, 'Largeur la plus étroite', n0.format(g.narrowestWidth_m) + ' m',
        'Le goulet d\'étranglement : là où le corridor est le plus étroit, les espèces passent le plus difficilement.');
  }
  section('Forme du corridor').append(dl);

  const h = section('Habitats traversés');
  dl = element('dl');
  figure(dl, 'Continuité', percent.format(r.habitat.continuity),
      'La part de l\'axe qui passe dans un habitat favorable à la sous-trame : 100 % veut dire qu\'une espèce peut suivre'
      + ' tout le corridor sans quitter son habitat.');
  h.append(dl);
  const table = element('table');
  table.append(element('caption', 'Composition du corridor en habitats (part de sa surface)', {class: 'muted'}));
  const headRow = element('tr');
  headRow.append(element('th', 'Habitat', {scope: 'col'}), element('th', 'Part', {scope: 'col', class: 'num'}),
      element('th', 'Favorable', {scope: 'col'}));
  table.append(headRow);
  r.habitat.composition.forEach(c => {
    const tr = element('tr');
    tr.append(element('td', c.label), element('td', percent.format(c.share), {class: 'num'}),
        element('td', c.favourable ? 'oui' : 'non'));
    table.append(tr);
  });
  h.append(table);

  const b = section('Obstacles franchis');
  dl = element('dl');
  const byClass = Object.entries(r.barriers.byClass || {}).map(([k, v]) => (BARRIERS[k] || k) + ' : ' + v).join(', ');
  figure(dl, 'Franchissements', n0.format(r.barriers.crossings) + (byClass ? ' (' + byClass + ')' : ''),
      'Le nombre de fois où l\'axe du corridor croise une route ou une voie ferrée, et les seuils ou écluses qui s\'y'
      + ' trouvent : autant de points de mortalité ou de blocage pour la faune.');
  figure(dl, 'Maille effective', n1.format(r.fragmentation.meff_ha) + ' ha',
      'La taille moyenne des morceaux d\'un seul tenant qui restent quand on découpe le corridor par les obstacles'
      + ' (autoroutes, routes, voies ferrées, tissu urbain) : plus elle est proche de la surface du corridor, moins il est'
      + ' fragmenté.');
  b.append(dl);

  const c = r.connectivity;
  const k = section('Rôle dans le réseau écologique');
  dl = element('dl');
  figure(dl, 'Réservoirs de la sous-trame', n0.format(c.reservoirs) + ' réservoirs, dont '
      + n0.format((c.joinedReservoirs || []).length) + ' reliés par ce corridor',
      'Les grands espaces d\'habitat de la sous-trame sur le territoire, entre lesquels les espèces circulent.');
  if (c.PC_with !== undefined) {
    figure(dl, 'Importance du corridor (dPC)', n1.format(c.dPC) + ' %',
        'La part de la connectivité du réseau qui serait perdue sans ce corridor : plus elle est élevée, plus le corridor'
        + ' est indispensable.');
    figure(dl, 'Aire connectée équivalente (ECA)', n0.format(c.ECA_without_ha) + ' ha sans le corridor, '
        + n0.format(c.ECA_with_ha) + ' ha avec',
        'La surface d\'un seul réservoir qui offrirait la même connectivité que le réseau : le gain montre ce que le'
        + ' corridor apporte, en hectares d\'habitat « reliés ».');
    figure(dl, 'Probabilité de connectivité (PC)', tiny.format(c.PC_without) + ' sans, ' + tiny.format(c.PC_with) + ' avec',
        'La probabilité que deux points tirés au hasard dans le territoire tombent dans des habitats reliés entre eux,'
        + ' compte tenu de la distance que les espèces peuvent parcourir (de 0 à 1).');
    figure(dl, 'Indice intégral de connectivité (IIC)', tiny.format(c.IIC_without) + ' sans, ' + tiny.format(c.IIC_with) + ' avec',
        'Une variante de la PC qui compte seulement si deux réservoirs sont reliés ou non, et par combien d\'étapes.');
  } else {
    figure(dl, 'Importance du corridor (dPC)', n1.format(c.dPC) + ' %',
        'Le corridor ne relie aucun réservoir de la sous-trame : il n\'ajoute rien à la connectivité calculée.');
  }
  k.append(dl);

  const d = section('Biodiversité observée dans le corridor');
  dl = element('dl');
  figure(dl, 'Observations', n0.format(r.biodiversity.occurrences),
      'Le nombre d\'observations d\'espèces présentes dans le corridor que vous pouvez voir : le public ne voit pas'
      + ' l\'emplacement exact des espèces sensibles, qui ne sont donc pas comptées ici pour lui.');
  figure(dl, 'Espèces', n0.format(r.biodiversity.species), 'Le nombre d\'espèces différentes parmi ces observations.');
  figure(dl, 'Espèces patrimoniales', n0.format(r.biodiversity.heritageSpecies),
      'Les espèces protégées, menacées ou d\'intérêt communautaire parmi elles.');
  d.append(dl);
}

loadCorridors().catch(e => {
  status.textContent = 'Les corridors n\'ont pas pu être chargés (' + e.message + ').';
}).finally(() => {
  document.body.dataset.ready = '1';
});
