'use strict';
// Ariadne's report page: draws the embedded JSON (the report and the history's operations) with no
// library and no network. Every value from the history goes in through textContent, never as markup.
(function () {
  const data = JSON.parse(document.getElementById('data').textContent);
  const report = data.report, hist = data.history;
  const SVG = 'http://www.w3.org/2000/svg';
  const app = document.getElementById('app');
  app.textContent = '';

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const k of kids) if (k != null) e.append(k instanceof Node ? k : String(k));
    return e;
  }
  function sv(tag, attrs, parent) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  }
  function badge(v) { return el('span', {class: 'verdict ' + v}, v); }
  const tip = el('div', {class: 'tip', id: 'tip'});
  document.body.appendChild(tip);
  function hover(node, text) {
    node.addEventListener('mousemove', ev => { tip.textContent = text; tip.style.display = 'block'; tip.style.left = (ev.clientX + 14) + 'px'; tip.style.top = (ev.clientY + 12) + 'px'; });
    node.addEventListener('mouseleave', () => { tip.style.display = 'none'; });
    const t = document.createElementNS(SVG, 'title'); t.textContent = text;
    if (node instanceof SVGElement) node.appendChild(t); else node.title = text;
  }

  // The verdict.
  app.append(el('h1', {}, 'Ariadne ', badge(report.verdict), ' ', report.file || ''));
  const head = el('p', {id: 'summary'});
  if (report.report === 'all') head.append('Every model of the ' + report.datatype + ' lattice. ');
  else head.append(report.model + ' on ' + report.datatype + ': ' + (report.summary || ''));
  app.append(head);

  // Counterexamples, each with the model it refutes.
  const ces = [];
  const checks = report.report === 'all' ? (report.checks || []) : [report];
  for (const c of checks) for (const ce of (c.counterexamples || [])) ces.push({model: c.model, ce: ce});

  if (report.report === 'all') {
    app.append(el('h2', {}, 'Models'));
    const t = el('table', {id: 'lattice'}, el('tr', {}, el('th', {}, 'model'), el('th', {}, 'verdict'), el('th', {}, 'why')));
    for (const m of report.models || []) {
      // Its own counterexample, else one of a weaker model's that shows an anomaly it names.
      let first = ces.findIndex(x => x.model === m.model);
      if (first < 0 && m.verdict === 'INVALID') first = ces.findIndex(x => (m.how || '').split(/[ ,]+/).includes(x.ce.kind));
      const why = el('td', {}, m.how || '');
      if (first >= 0) why.append(' ', el('a', {href: '#ce-' + first}, 'counterexample'));
      t.append(el('tr', {'data-model': m.model}, el('td', {}, m.model), el('td', {}, badge(m.verdict)), why));
    }
    app.append(t);
    if (report.strongestSatisfied && report.strongestSatisfied.length) app.append(el('p', {}, 'Strongest models that hold: ' + report.strongestSatisfied.join(', ')));
    if (report.weakestViolated && report.weakestViolated.length) app.append(el('p', {}, 'Weakest models violated: ' + report.weakestViolated.join(', ')));
  }
  const notes = new Set();
  for (const c of checks) for (const n of (c.notes || [])) notes.add(n);
  for (const n of notes) app.append(el('p', {class: 'note'}, n));

  // The timeline: one lane per process, x in event positions (the history's order), zoomed by redrawing.
  app.append(el('h2', {}, 'Timeline'));
  const bar = el('div', {class: 'toolbar'});
  const fitBtn = el('button', {type: 'button', id: 'fit'}, 'Whole history');
  bar.append(fitBtn, ' Scroll to zoom, drag to pan. ', el('span', {class: 'note'},
    hist.operations + ' operations' + (hist.omitted ? ', ' + hist.omitted + ' left out (only the neighbourhood of each counterexample is drawn)' : '')
    + (hist.nemesis.length ? ', ' + hist.nemesis.length + ' nemesis events (shaded)' : '')));
  app.append(bar);
  const lanes = hist.processes.length;
  const laneH = 24, top = 18, left = 70;
  const svg = sv('svg', {id: 'timeline', height: String(top + lanes * laneH + 12)});
  app.append(svg);
  const end = Math.max(1, hist.events);
  let view = [-1, end + 1];
  const bands = sv('g', {}, svg);
  const lanesG = sv('g', {}, svg);
  hist.processes.forEach((p, i) => {
    const t = sv('text', {class: 'lane-label', x: 4, y: top + i * laneH + 15}, lanesG);
    t.textContent = 'p ' + p;
  });
  const opsG = sv('g', {id: 'ops'}, svg);
  const byIndex = new Map();
  for (const o of hist.ops) {
    const g = sv('g', {class: 'op ' + o.o, 'data-index': String(o.i)}, opsG);
    o.rect = sv('rect', {y: top + o.p * laneH + 3, height: laneH - 7, rx: 2}, g);
    o.label = sv('text', {y: top + o.p * laneH + 15}, g);
    o.label.textContent = o.f + ' ' + o.v;
    o.g = g;
    const times = (o.t0 !== undefined ? ', time ' + o.t0 + (o.t1 !== undefined ? ' to ' + o.t1 : '') : '');
    hover(g, 'op ' + o.i + ' (process ' + hist.processes[o.p] + ', ' + o.o + ')\n' + o.f + ' ' + o.v
      + '\nevents ' + o.s + ' to ' + (o.e < 0 ? 'never completed' : o.e) + times);
    byIndex.set(o.i, o);
  }
  const nem = [];
  let open = null;
  for (const n of hist.nemesis) {
    if (/^start/.test(n.f)) { if (!open) open = n.s; }
    else if (/^stop/.test(n.f) && open !== null) { nem.push({s: open, e: n.s, f: n.f}); open = null; }
    else nem.push({s: n.s, e: null, f: n.f, v: n.v});
  }
  if (open !== null) nem.push({s: open, e: end, f: 'start'});
  function x(pos, width) { return left + (pos - view[0]) / (view[1] - view[0]) * (width - left - 8); }
  function draw() {
    const w = svg.clientWidth || 1000;
    for (const o of hist.ops) {
      const x0 = x(o.s, w);
      const x1 = x(o.e < 0 || o.o === 'info' ? end : o.e, w);
      const rw = Math.max(2, x1 - x0);
      o.rect.setAttribute('x', x0); o.rect.setAttribute('width', rw);
      o.label.setAttribute('x', x0 + 3);
      o.label.style.display = rw > 46 ? '' : 'none';
    }
    bands.textContent = '';
    for (const b of nem) {
      if (b.e !== null) sv('rect', {class: 'band', x: x(b.s, w), width: Math.max(1, x(b.e, w) - x(b.s, w)), y: 0, height: top + lanes * laneH}, bands);
      else sv('line', {class: 'mark', x1: x(b.s, w), x2: x(b.s, w), y1: 0, y2: top + lanes * laneH}, bands);
    }
  }
  function zoomTo(a, b) { view = [a, Math.max(b, a + 2)]; draw(); }
  fitBtn.addEventListener('click', () => zoomTo(-1, end + 1));
  svg.addEventListener('wheel', ev => {
    ev.preventDefault();
    const w = svg.clientWidth || 1000;
    const at = view[0] + (ev.offsetX - left) / (w - left - 8) * (view[1] - view[0]);
    const f = ev.deltaY > 0 ? 1.25 : 0.8;
    zoomTo(at - (at - view[0]) * f, at + (view[1] - at) * f);
  }, {passive: false});
  let drag = null;
  svg.addEventListener('mousedown', ev => { drag = {x: ev.clientX, view: view.slice()}; svg.classList.add('dragging'); });
  window.addEventListener('mouseup', () => { drag = null; svg.classList.remove('dragging'); });
  window.addEventListener('mousemove', ev => {
    if (!drag) return;
    const w = svg.clientWidth || 1000;
    const d = (ev.clientX - drag.x) / (w - left - 8) * (drag.view[1] - drag.view[0]);
    zoomTo(drag.view[0] - d, drag.view[1] - d);
  });
  window.addEventListener('resize', draw);

  // Which operations a counterexample names: its operations, steps, stuck operation and transactions.
  function opsOf(ce) {
    const out = new Set();
    (function walk(n) {
      if (Array.isArray(n)) { n.forEach(walk); return; }
      if (!n || typeof n !== 'object') return;
      if (typeof n.index === 'number' && n.invokePosition !== undefined) out.add(n.index);
      if (typeof n.name === 'string' && n.microOps !== undefined) { const m = /^T(\d+)$/.exec(n.name); if (m) out.add(Number(m[1])); }
      Object.values(n).forEach(walk);
    })(ce);
    return out;
  }
  function mark(k) {
    for (const o of hist.ops) o.g.classList.remove('marked');
    if (k < 0) { opsG.classList.remove('dim'); return; }
    let lo = Infinity, hi = -Infinity;
    for (const i of opsOf(ces[k].ce)) {
      const o = byIndex.get(i);
      if (!o) continue;
      o.g.classList.add('marked');
      lo = Math.min(lo, o.s); hi = Math.max(hi, o.e < 0 ? o.s + 1 : o.e);
    }
    opsG.classList.add('dim');
    if (lo <= hi) { const m = Math.max(4, (hi - lo) * 0.3); zoomTo(lo - m, hi + m); }
  }

  if (ces.length) app.append(el('h2', {}, 'Counterexamples'));
  ces.forEach((x, k) => {
    const ce = x.ce;
    const box = el('section', {class: 'ce', id: 'ce-' + k, 'data-kind': ce.kind});
    const show = el('button', {type: 'button', class: 'show'}, 'Show on the timeline');
    show.addEventListener('click', () => { mark(k); svg.scrollIntoView({block: 'center'}); });
    box.append(el('h3', {}, (k + 1) + '. ' + ce.kind + (report.report === 'all' ? ' (' + x.model + ')' : '') + ' '), show);
    box.append(el('p', {class: 'explanation'}, ce.explanation || ''));
    if (ce.partialLinearization) {
      const t = el('table', {class: 'steps'}, el('tr', {}, el('th', {}, 'step'), el('th', {}, 'operation'), el('th', {}, 'state after')));
      // A step whose operation is not one of the counterexample's own is a relaxed one (it may take effect at any time, or never).
      const own = new Set((ce.operations || []).map(o => o.index));
      ce.partialLinearization.forEach((s, i) => {
        const relaxed = ce.operations && !own.has(s.op.index);
        t.append(el('tr', relaxed ? {class: 'relaxed'} : {}, el('td', {}, String(i + 1)),
          el('td', {class: 'mono'}, opText(s.op) + (relaxed ? ' (relaxed)' : '')), el('td', {class: 'mono'}, s.stateAfter)));
      });
      if (ce.stuck) t.append(el('tr', {class: 'stuck'}, el('td', {}, 'stuck'), el('td', {class: 'mono'}, opText(ce.stuck)), el('td', {}, 'in state ' + ce.stuckState + ': ' + ce.reason)));
      if (ce.partialLinearizationOmitted) box.append(el('p', {class: 'note'}, 'The first ' + ce.partialLinearizationOmitted + ' steps are left out; the last ones before the operation that could not be placed follow.'));
      box.append(el('p', {}, 'The longest partial linearization, step by step' + (ce.relaxedOperations ? ' (' + ce.relaxedOperations + ' other operations relaxed: they may take effect at any time after their invocation, or never)' : '') + ':'), t);
    }
    for (const list of ['operations', 'transactions']) if (ce[list + 'Omitted']) box.append(el('p', {class: 'note'}, ce[list + 'Omitted'] + ' more ' + list + ' are left out of this page (the JSON report has them all).'));
    if (ce.transactions && ce.transactions.length) {
      const t = el('table', {class: 'txns'}, el('tr', {}, el('th', {}, 'transaction'), el('th', {}, 'process'), el('th', {}, 'outcome'), el('th', {}, 'micro-ops')));
      for (const tx of ce.transactions) t.append(el('tr', {}, el('td', {}, tx.name), el('td', {}, tx.process), el('td', {}, tx.outcome), el('td', {class: 'mono'}, tx.microOps)));
      box.append(t);
    }
    if (ce.cycle && ce.cycle.length) {
      box.append(cycleGraph(ce.cycle));
      const t = el('table', {class: 'edges'}, el('tr', {}, el('th', {}, 'edge'), el('th', {}, 'kind'), el('th', {}, 'because')));
      for (const d of ce.cycle) t.append(el('tr', {}, el('td', {}, d.from + ' \u2192 ' + d.to), el('td', {}, d.type), el('td', {}, d.reason)));
      box.append(t);
    } else if (ce.operations && !ce.partialLinearization) {
      const t = el('table', {class: 'ops'}, el('tr', {}, el('th', {}, 'operation')));
      for (const o of ce.operations) t.append(el('tr', {}, el('td', {class: 'mono'}, opText(o))));
      box.append(t);
    }
    app.append(box);
  });
  function opText(o) { return o ? 'op ' + o.index + ' (p' + o.process + ' ' + o.description + (o.outcome === 'ok' ? '' : ', ' + o.outcome) + ')' : ''; }

  // A cycle as a graph: transactions on a circle, each edge an arrow labelled with its kind, its reason on hover.
  function cycleGraph(cycle) {
    const names = [];
    for (const d of cycle) for (const n of [d.from, d.to]) if (!names.includes(n)) names.push(n);
    const r = Math.max(70, 22 * names.length), pad = 60, size = 2 * (r + pad);
    const g = sv('svg', {class: 'graph', width: size, height: size, viewBox: '0 0 ' + size + ' ' + size});
    const defs = sv('defs', {}, g);
    const m = sv('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse'}, defs);
    sv('path', {d: 'M0,0 L10,5 L0,10 z', style: 'fill:#37474f;stroke:none'}, m);
    const pos = new Map();
    names.forEach((n, i) => {
      const a = -Math.PI / 2 + 2 * Math.PI * i / names.length;
      pos.set(n, [r + pad + r * Math.cos(a), r + pad + r * Math.sin(a)]);
    });
    const R = 20;
    cycle.forEach((d, i) => {
      const [x1, y1] = pos.get(d.from), [x2, y2] = pos.get(d.to);
      const dx = x2 - x1, dy = y2 - y1, len = Math.hypot(dx, dy) || 1;
      const nx = -dy / len, ny = dx / len, bend = 22;
      const sx = x1 + dx / len * R, sy = y1 + dy / len * R, ex = x2 - dx / len * (R + 2), ey = y2 - dy / len * (R + 2);
      const cx = (x1 + x2) / 2 + nx * bend, cy = (y1 + y2) / 2 + ny * bend;
      const p = sv('path', {class: 'edge-line ' + d.type, d: 'M' + sx + ',' + sy + ' Q' + cx + ',' + cy + ' ' + ex + ',' + ey, 'marker-end': 'url(#arrow)', 'data-edge': String(i)}, g);
      hover(p, d.from + ' \u2192 ' + d.to + ' (' + d.type + '): ' + d.reason);
      const lbl = sv('text', {class: 'edge', x: (x1 + x2) / 2 + nx * (bend + 4), y: (y1 + y2) / 2 + ny * (bend + 4)}, g);
      lbl.textContent = d.type;
      hover(lbl, d.reason);
    });
    for (const [n, [cx, cy]] of pos) {
      sv('circle', {cx: cx, cy: cy, r: R}, g);
      const t = sv('text', {class: 'node', x: cx, y: cy}, g);
      t.textContent = n;
    }
    return g;
  }

  draw();
  if (ces.length) mark(0);
  document.body.setAttribute('data-ready', 'true');
})();
