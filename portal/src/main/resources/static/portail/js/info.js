// Feature info in words: the GeoJSON of a WMS GetFeatureInfo, shown with the French labels of the attributes and of
// their codes (/api/layers/{layer}/fields: SINP nomenclature labels from the reference tables), not raw codes.

import {fetchOk} from './session.js';

const fieldsOf = new Map();

/** The labelled fields of a layer, fetched once per page. */
export function fields(layer) {
  if (!fieldsOf.has(layer)) {
    fieldsOf.set(layer, fetchOk('/api/layers/' + encodeURIComponent(layer) + '/fields').then(r => r.json()));
  }
  return fieldsOf.get(layer);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2}))?/;

/** One value as read by a person: code labels, dates in French order, yes or no, decimal commas. */
export function valueText(field, value) {
  if (field.codes && Object.prototype.hasOwnProperty.call(field.codes, String(value))) {
    return field.codes[String(value)];
  }
  if (typeof value === 'boolean') {
    return value ? 'oui' : 'non';
  }
  if (typeof value === 'number') {
    // integers may be codes (cdNom, INSEE): as they are; decimals with the French decimal comma
    return Number.isInteger(value) ? String(value) : value.toLocaleString('fr-FR', {maximumFractionDigits: 2});
  }
  const date = typeof value === 'string' && DATE.exec(value);
  if (date) {
    return date[3] + '/' + date[2] + '/' + date[1] + (date[4] ? ' ' + date[5] + ' h ' + date[6] : '');
  }
  return String(value);
}

/** A definition list of a feature's labelled attributes (empty ones left out). */
export function describe(feature, labelled) {
  const dl = document.createElement('dl');
  for (const field of labelled) {
    const value = feature.properties[field.name];
    if (value === null || value === undefined || value === '') {
      continue;
    }
    const dt = document.createElement('dt');
    dt.textContent = field.label;
    const dd = document.createElement('dd');
    dd.textContent = valueText(field, value);
    dl.append(dt, dd);
  }
  return dl;
}
