// emotion-art page: plain JavaScript, no build step. Talks to the JSON API of the same server.
'use strict';

const EMOTIONS = ['negative', 'neutral', 'positive'];
const $ = (id) => document.getElementById(id);

const state = {
  last: null,      // the last generate request that succeeded, with the seed the server used
  walk: null,      // {style, seed, steps, images: [{position, weights, label, png}]}
  maxUpload: 10 * 1024 * 1024,
};

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('data-') || k.startsWith('aria-')) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) node.append(c);
  return node;
}

function pngUrl(base64) {
  return 'data:image/png;base64,' + base64;
}

function humanBytes(n) {
  return n >= 1048576 ? (n / 1048576).toFixed(n % 1048576 ? 1 : 0) + ' MiB' : Math.round(n / 1024) + ' KiB';
}

/** POSTs JSON or bytes; resolves to the Response, or throws an Error carrying the server's message. */
async function post(path, body, contentType = 'application/json') {
  let response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: {'Content-Type': contentType},
      body: contentType === 'application/json' ? JSON.stringify(body) : body,
    });
  } catch (e) {
    throw new Error('The server cannot be reached: is emotion-art serve still running?');
  }
  if (!response.ok) {
    let message = 'The server answered ' + response.status;
    try {
      const json = await response.json();
      if (json && json.error) message = json.error;
    } catch (e) { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}

function showError(box, error) {
  box.textContent = error ? error.message || String(error) : '';
  box.hidden = !error;
}

function setBusy(busy) {
  for (const id of ['paint', 'surprise', 'download-zip', 'download-grid']) $(id).disabled = busy;
  document.body.setAttribute('aria-busy', busy ? 'true' : 'false');
}

// ---- models -------------------------------------------------------------------------------------

async function loadModels() {
  const select = $('style');
  try {
    const response = await fetch('api/models');
    const models = await response.json();
    select.replaceChildren();
    if (!models.styles.length) {
      select.append(el('option', {value: '', text: 'no styles found'}));
      showError($('error'), new Error('This server has no generator bundles (generator-<style>/ in its models folder).'));
      $('paint').disabled = $('surprise').disabled = true;
    }
    for (const style of models.styles) select.append(el('option', {value: style, text: style}));
    $('count').max = models.maxCount;
    state.maxUpload = models.maxUploadBytes;
    $('upload-limit').textContent = models.classifier
      ? 'JPEG, PNG, GIF, BMP or TIFF, up to ' + humanBytes(models.maxUploadBytes)
        + '. It is classified in memory and not kept.'
      : 'This server has no classifier bundle.';
    $('file').disabled = !models.classifier;
  } catch (e) {
    showError($('error'), new Error('Cannot load the list of styles: ' + e.message));
  }
}

// ---- generate -----------------------------------------------------------------------------------

function readForm(randomSeed) {
  const emotion = document.querySelector('input[name=emotion]:checked');
  const seedText = $('seed').value.trim();
  return {
    style: $('style').value,
    emotion: emotion ? emotion.value : 'positive',
    count: Number($('count').value),
    seed: randomSeed || seedText === '' ? null : Number(seedText),
  };
}

async function paint(randomSeed) {
  const request = readForm(randomSeed);
  showError($('error'), null);
  setBusy(true);
  $('status').textContent = 'Painting ' + request.count + ' ' + request.emotion + ' ' + request.style
    + (request.count === 1 ? ' painting…' : ' paintings…');
  try {
    const result = await (await post('api/generate', request)).json();
    state.last = {style: result.style, emotion: result.emotion, count: result.count, seed: result.seed};
    $('seed').value = String(result.seed); // Surprise me's seed too: Paint gives these again
    shareUrl(state.last);
    remember(result);
    showResults(result);
    $('status').textContent = 'Painted ' + result.count + ' in ' + result.ms + ' ms. Seed ' + result.seed
      + (result.randomSeed ? ' (drawn at random; type it in to paint these again).' : '.');
    await walk(result.style, result.images[0].seed, EMOTIONS.indexOf(result.emotion));
  } catch (e) {
    $('status').textContent = '';
    showError($('error'), e);
  } finally {
    setBusy(false);
  }
}

const HISTORY_KEY = 'emotion-art-history';
const HISTORY_SIZE = 8;

/** The last paintings of this browser session (sessionStorage), newest first: a thumbnail and its request. */
function remember(result) {
  const entry = {style: result.style, emotion: result.emotion, count: result.count, seed: result.seed,
    png: result.images[0].png};
  const history = loadHistory().filter((h) => !(h.style === entry.style && h.emotion === entry.emotion
    && h.count === entry.count && h.seed === entry.seed));
  history.unshift(entry);
  try {
    sessionStorage.setItem(HISTORY_KEY, JSON.stringify(history.slice(0, HISTORY_SIZE)));
  } catch (e) {
    // storage full or off: the history is a convenience
  }
  showHistory();
}

function loadHistory() {
  try {
    const h = JSON.parse(sessionStorage.getItem(HISTORY_KEY) || '[]');
    return Array.isArray(h) ? h : [];
  } catch (e) {
    return [];
  }
}

function showHistory() {
  const history = loadHistory();
  $('history-panel').hidden = history.length === 0;
  $('history').replaceChildren(...history.map((h) => {
    const label = h.style + ' · ' + h.emotion + ' · ' + h.count + ' from seed ' + h.seed;
    const button = el('button', {type: 'button', title: 'Paint these again: ' + label}, [
      el('img', {src: pngUrl(h.png), alt: '', width: 64, height: 64}),
      el('span', {text: label}),
    ]);
    button.addEventListener('click', () => {
      $('style').value = h.style;
      const emotion = document.getElementById('emotion-' + h.emotion);
      if (emotion) emotion.checked = true;
      $('count').value = String(h.count);
      $('seed').value = String(h.seed);
      paint(false);
    });
    return el('li', {}, [button]);
  }));
}

/** The painting's address: style, emotion, count and seed in the query string, restored on load. */
function shareUrl(last) {
  const q = new URLSearchParams({style: last.style, emotion: last.emotion, count: String(last.count),
    seed: String(last.seed)});
  history.replaceState(null, '', '?' + q.toString());
}

/** Fills the form from a shared address; returns whether it asked for paintings. */
function restoreFromUrl() {
  const q = new URLSearchParams(location.search);
  if (!q.has('style')) return false;
  const style = q.get('style');
  if ([...$('style').options].some((o) => o.value === style)) $('style').value = style;
  const emotion = document.getElementById('emotion-' + q.get('emotion'));
  if (emotion) emotion.checked = true;
  const count = Number(q.get('count'));
  if (Number.isInteger(count) && count >= 1 && count <= Number($('count').max || 64)) $('count').value = String(count);
  if (/^-?\d{1,16}$/.test(q.get('seed') || '')) $('seed').value = q.get('seed');
  return true;
}

function showResults(result) {
  $('caption').textContent = result.style + ' · ' + result.emotion + ' · '
    + (result.count === 1 ? 'seed ' + result.seed : 'seeds ' + result.seed + '–' + (result.seed + result.count - 1));
  const grid = $('grid');
  grid.replaceChildren();
  for (const image of result.images) {
    const name = result.style + '-' + result.emotion + '-' + image.seed + '.png';
    const img = el('img', {src: pngUrl(image.png), alt: result.style + ', ' + result.emotion + ', seed ' + image.seed,
      width: 148, height: 148, loading: 'lazy'});
    const download = el('a', {href: img.src, download: name, text: 'PNG', title: 'Download ' + name});
    const walkButton = el('button', {type: 'button', text: 'Walk', title: 'This painting under each emotion'});
    walkButton.addEventListener('click', () => walk(result.style, image.seed, EMOTIONS.indexOf(result.emotion), true));
    grid.append(el('li', {class: 'card', 'data-seed': String(image.seed)}, [
      img,
      el('div', {class: 'card-meta'}, [
        el('span', {class: 'seed', text: 'seed ' + image.seed}),
        el('span', {class: 'card-actions'}, [download, walkButton]),
      ]),
    ]));
  }
  $('results').hidden = false;
}

async function download(format) {
  if (!state.last) return;
  showError($('error'), null);
  setBusy(true);
  try {
    const blob = await (await post('api/generate?format=' + format, state.last)).blob();
    const url = URL.createObjectURL(blob);
    const {style, emotion, seed} = state.last;
    const a = el('a', {href: url, download: style + '-' + emotion + '-' + seed + (format === 'zip' ? '.zip' : '-grid.png')});
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    showError($('error'), e);
  } finally {
    setBusy(false);
  }
}

// ---- emotion walk -------------------------------------------------------------------------------

async function walk(style, seed, emotionIndex, scroll) {
  try {
    const result = await (await post('api/walk', {style, seed, steps: 9})).json();
    state.walk = result;
    const last = result.images.length - 1;
    const slider = $('walk-slider');
    slider.max = String(last);
    const strip = $('walk-strip');
    strip.replaceChildren();
    result.images.forEach((image, i) => {
      const button = el('button', {type: 'button', title: image.label, 'aria-label': image.label,
        'aria-pressed': 'false'}, [el('img', {src: pngUrl(image.png), alt: '', width: 64, height: 64})]);
      button.addEventListener('click', () => { slider.value = String(i); showWalk(i); });
      strip.append(button);
    });
    slider.value = String(Math.round((emotionIndex >= 0 ? emotionIndex : 1) * last / 2));
    showWalk(Number(slider.value));
    $('walk').hidden = false;
    if (scroll) $('walk').scrollIntoView({behavior: 'smooth', block: 'start'});
  } catch (e) {
    showError($('error'), e);
  }
}

function showWalk(i) {
  if (!state.walk) return;
  const image = state.walk.images[i];
  $('walk-image').src = pngUrl(image.png);
  $('walk-image').alt = state.walk.style + ', ' + image.label + ', seed ' + state.walk.seed;
  $('walk-caption').textContent = state.walk.style + ' · seed ' + state.walk.seed + ' · ' + image.label;
  $('walk-slider').setAttribute('aria-valuetext', image.label);
  [...$('walk-strip').children].forEach((b, k) => b.setAttribute('aria-pressed', String(k === i)));
}

// ---- classify -----------------------------------------------------------------------------------

async function classify(file) {
  const box = $('classify-error');
  showError(box, null);
  if (!file) return;
  if (file.size > state.maxUpload) {
    showError(box, new Error(file.name + ' is ' + humanBytes(file.size) + ': the limit is ' + humanBytes(state.maxUpload) + '.'));
    return;
  }
  const preview = $('preview');
  if (preview.dataset.url) URL.revokeObjectURL(preview.dataset.url);
  preview.dataset.url = URL.createObjectURL(file);
  preview.src = preview.dataset.url;
  $('verdict').textContent = 'Looking…';
  $('bars').replaceChildren();
  $('classified').hidden = false;
  try {
    const result = await (await post('api/classify', file, file.type || 'application/octet-stream')).json();
    showPrediction(result);
  } catch (e) {
    $('classified').hidden = true;
    $('verdict').textContent = '';
    showError(box, e);
  }
}

function showPrediction(result) {
  const verdict = $('verdict');
  verdict.replaceChildren('It feels ', el('strong', {text: result.emotion}),
    ' (' + Math.round(result.probabilities[result.emotion] * 100) + '%).');
  const domain = $('domain-note');
  domain.hidden = result.inDomain !== false;
  domain.textContent = result.inDomain === false
    ? 'This image is unlike the paintings this classifier was trained on (the procedural benchmark): the answer is a guess.'
    : '';
  const bars = $('bars');
  bars.replaceChildren();
  for (const emotion of EMOTIONS) {
    const p = result.probabilities[emotion];
    const fill = el('div', {class: 'fill'});
    bars.append(el('div', {class: 'bar ' + emotion + (emotion === result.emotion ? ' best' : ''), 'data-emotion': emotion,
      role: 'meter', 'aria-label': emotion, 'aria-valuemin': '0', 'aria-valuemax': '100',
      'aria-valuenow': String(Math.round(p * 100))}, [
      el('span', {class: 'name', text: emotion}),
      el('div', {class: 'track'}, [fill]),
      el('span', {class: 'pct', text: (p * 100).toFixed(1) + '%'}),
    ]));
    requestAnimationFrame(() => { fill.style.width = (p * 100).toFixed(1) + '%'; });
  }
}

// ---- wiring -------------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', () => {
  $('paint-form').addEventListener('submit', (event) => { event.preventDefault(); paint(false); });
  $('surprise').addEventListener('click', () => paint(true));
  $('download-zip').addEventListener('click', () => download('zip'));
  $('download-grid').addEventListener('click', () => download('png'));
  $('walk-slider').addEventListener('input', (event) => showWalk(Number(event.target.value)));
  $('file').addEventListener('change', (event) => classify(event.target.files[0]));
  const drop = $('drop');
  drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    if (event.dataTransfer.files.length) classify(event.dataTransfer.files[0]);
  });
  showHistory();
  loadModels().then(() => {
    if (restoreFromUrl()) paint(false);
  });
});
