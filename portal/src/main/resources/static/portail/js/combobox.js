// A search box with suggestions (the ARIA combobox pattern): type, then arrows to move, Enter to choose, Escape to
// close; a click chooses too.

/**
 * @param input the text input (role="combobox")
 * @param list its listbox
 * @param suggest async text => [{label, value}]
 * @param choose item => void
 */
export function combobox(input, list, suggest, choose) {
  let items = [];
  let active = -1;
  let timer = null;
  let asked = 0;

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function show(found) {
    items = found;
    list.replaceChildren(...found.map((item, i) => {
      const li = document.createElement('li');
      li.id = list.id + '-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.textContent = item.label;
      li.addEventListener('mousedown', event => {
        event.preventDefault();
        pick(i);
      });
      return li;
    }));
    if (found.length === 0) {
      const li = document.createElement('li');
      li.textContent = 'Aucun résultat';
      li.setAttribute('aria-disabled', 'true');
      list.append(li);
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  }

  function highlight(i) {
    if (items.length === 0) {
      return;
    }
    active = (i + items.length) % items.length;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === active)));
    input.setAttribute('aria-activedescendant', list.id + '-' + active);
    list.children[active].scrollIntoView({block: 'nearest'});
  }

  function pick(i) {
    const item = items[i];
    close();
    if (item) {
      input.value = item.label;
      choose(item);
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) {
      close();
      return;
    }
    timer = setTimeout(async () => {
      const ask = ++asked;
      const found = await suggest(text);
      if (ask === asked) {
        show(found);
      }
    }, 200);
  });
  input.addEventListener('keydown', event => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      highlight(active + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      highlight(active - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(active >= 0 ? active : 0);
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', close);
}
