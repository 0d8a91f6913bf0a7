// Home page: the services' capabilities URLs, absolute for this server, with a copy button each.

document.querySelectorAll('input[data-path]').forEach(input => {
  input.value = location.origin + input.dataset.path;
});

document.querySelectorAll('button[data-copy]').forEach(button => {
  button.addEventListener('click', async () => {
    const input = document.getElementById(button.dataset.copy);
    const status = document.getElementById('copy-status');
    try {
      await navigator.clipboard.writeText(input.value);
      status.textContent = 'Adresse copiée : ' + input.value;
    } catch (e) {
      // no clipboard access (plain HTTP on another host): select the text for Ctrl+C
      input.select();
      status.textContent = 'Adresse sélectionnée : copiez-la avec Ctrl+C.';
    }
  });
});
