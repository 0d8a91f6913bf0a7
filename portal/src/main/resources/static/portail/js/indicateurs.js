// The indicators, grouped by theme, from /api/indicators; each links to its methodology sheet.

import {fetchOk} from '/portail/js/session.js';
import {element} from '/portail/js/elements.js';

const list = document.getElementById('indicateurs');

async function show() {
  const indicators = await (await fetchOk('/api/indicators')).json();
  const themes = new Map();
  indicators.forEach(i => {
    if (!themes.has(i.theme)) {
      themes.set(i.theme, []);
    }
    themes.get(i.theme).push(i);
  });
  list.replaceChildren();
  [...themes.keys()].sort((a, b) => a.localeCompare(b, 'fr')).forEach(theme => {
    const section = element('section', null, {'aria-labelledby': 'theme-' + slug(theme)});
    section.append(element('h2', theme, {id: 'theme-' + slug(theme)}));
    const ul = element('ul', null, {class: 'theme-list'});
    themes.get(theme).forEach(i => {
      const li = element('li', null, {'data-code': i.code});
      li.append(element('a', i.title, {href: '/indicateurs/' + encodeURIComponent(i.code)}));
      li.append(element('p', i.definition));
      const units = i.units.map(u => u.label.toLowerCase()).join(', ');
      li.append(element('p', i.units.length === 0 ? 'Aucune valeur publiée pour l\'instant.'
          : 'Par ' + units + ' ; ' + i.periods.length + (i.periods.length > 1 ? ' périodes' : ' période')
            + ' ; en ' + i.unit + '.', {class: 'muted'}));
      ul.append(li);
    });
    section.append(ul);
    list.append(section);
  });
  document.getElementById('indicateurs-total').textContent = indicators.length + ' indicateurs, '
      + themes.size + ' thèmes.';
}

function slug(text) {
  return text.normalize('NFD').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
}

show().catch(e => {
  list.replaceChildren(element('p', 'Les indicateurs n\'ont pas pu être chargés (' + e.message + ').', {class: 'error', role: 'alert'}));
}).finally(() => {
  document.body.dataset.ready = '1';
});
