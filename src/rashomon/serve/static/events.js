// Events page: filters, an SVG map (equirectangular, Natural Earth borders from /api/borders) and a
// timeline, linked to each other and to the table. Data is only ever put in the DOM with textContent
// or setAttribute: never innerHTML.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const COLOURS = {
    "Battles": "#d7301f", "Explosions/Remote violence": "#f28e2b", "Violence against civilians": "#7b3294",
    "Protests": "#2b83ba", "Riots": "#1a9850", "Strategic developments": "#8c8c8c",
  };
  const OTHER = "#c2a83e";
  const FILTERS = ["date_from", "date_to", "country", "admin1", "event_type", "source", "q", "disputed", "historical"];
  const form = document.getElementById("filters");
  const map = document.getElementById("map");
  const timeline = document.getElementById("timeline");
  const tbody = document.querySelector("#event-table tbody");
  const summary = document.getElementById("summary");
  let events = [];
  let view = null; // map viewBox {x, y, w, h}
  let markersLayer = null;

  const colour = (t) => COLOURS[t] || OTHER;
  const el = (name, attrs, text) => {
    const n = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, String(v));
    if (text !== undefined) n.textContent = text;
    return n;
  };
  const h = (name, text, attrs) => {
    const n = document.createElement(name);
    if (text !== undefined && text !== null) n.textContent = String(text);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, String(v));
    return n;
  };
  const eventUrl = (id) => "/events/" + encodeURIComponent(id);
  const radius = (e) => Math.min(22, 5 + 2.2 * Math.sqrt(e.fatalities || 0));
  const day = (s) => (s ? Date.parse(s + "T00:00:00Z") : NaN);
  const iso = (t) => new Date(t).toISOString().slice(0, 10);

  function params() {
    const p = new URLSearchParams();
    for (const name of FILTERS) {
      const input = form.elements[name];
      if (!input) continue;
      if (input.type === "checkbox") { if (input.checked) p.set(name, "true"); }
      else if (input.value.trim()) p.set(name, input.value.trim());
    }
    return p;
  }

  function restore() {
    const p = new URLSearchParams(location.search);
    for (const name of FILTERS) {
      const input = form.elements[name];
      if (!input || !p.has(name)) continue;
      if (input.type === "checkbox") input.checked = p.get(name) === "true";
      else if (input.tagName === "SELECT") {
        if (![...input.options].some((o) => o.value === p.get(name))) input.append(h("option", p.get(name), { value: p.get(name) }));
        input.value = p.get(name);
      } else input.value = p.get(name);
    }
  }

  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(body.detail || r.statusText);
    return body;
  }

  async function facets() {
    const f = await getJSON("/api/facets");
    const fill = (name, values) => {
      const s = form.elements[name];
      for (const v of values) s.append(h("option", v, { value: v }));
    };
    fill("country", f.countries); fill("admin1", f.admin1);
    fill("event_type", [...f.event_types, ...f.sub_event_types.filter((t) => !f.event_types.includes(t))]);
    fill("source", f.sources);
  }

  async function load() {
    const p = params();
    history.replaceState(null, "", p.toString() ? "?" + p : location.pathname);
    summary.textContent = "Loading…";
    const all = [];
    try {
      for (let offset = 0; offset < 20000; offset += 500) {
        p.set("limit", "500"); p.set("offset", String(offset));
        const page = await getJSON("/api/events?" + p);
        all.push(...page.items);
        if (all.length >= page.total || !page.items.length) break;
      }
    } catch (err) {
      summary.textContent = "Error: " + err.message;
      events = []; draw(); return;
    }
    events = all;
    const located = events.filter((e) => e.latitude !== null && e.longitude !== null);
    summary.textContent = `${events.length} event(s), ${located.length} on the map` +
      (events.length > located.length ? `, ${events.length - located.length} without a location` : "") + ".";
    draw();
  }

  function draw() { drawMarkers(); drawTimeline(); drawTable(); drawLegend(); }

  // -- linking: hovering anything that stands for an event highlights all of it --------------------
  function hot(id, on) {
    for (const n of document.querySelectorAll("[data-event]")) {
      if (n.getAttribute("data-event") === id) n.classList.toggle("hot", on);
    }
  }
  function linkable(node, e) {
    node.setAttribute("data-event", e.id);
    node.addEventListener("mouseenter", () => hot(e.id, true));
    node.addEventListener("mouseleave", () => hot(e.id, false));
  }

  // -- map ------------------------------------------------------------------------------------------
  function setView(v) {
    view = v;
    map.setAttribute("viewBox", `${v.x} ${v.y} ${v.w} ${v.h}`);
    const k = v.w / (map.clientWidth || 800); // map units per pixel
    for (const c of map.querySelectorAll("circle.marker")) {
      c.setAttribute("r", Number(c.dataset.px) * k);
      c.setAttribute("cx", Number(c.dataset.x) + Number(c.dataset.dx) * k);
      c.setAttribute("cy", Number(c.dataset.y) + Number(c.dataset.dy) * k);
    }
    for (const t of map.querySelectorAll("text.label")) {
      t.setAttribute("font-size", 11 * k);
      t.setAttribute("stroke-width", 3 * k);
      t.setAttribute("x", Number(t.dataset.x) + (Number(t.dataset.px) + 3) * k);
    }
  }

  function fit() {
    const pts = events.filter((e) => e.latitude !== null && e.longitude !== null);
    const aspect = (map.clientHeight || 460) / (map.clientWidth || 800);
    let x0 = -180, x1 = 180, y0 = -85, y1 = 85;
    if (pts.length) {
      x0 = Math.min(...pts.map((e) => e.longitude)); x1 = Math.max(...pts.map((e) => e.longitude));
      y0 = Math.min(...pts.map((e) => e.latitude)); y1 = Math.max(...pts.map((e) => e.latitude));
      const pad = Math.max(2, 0.25 * Math.max(x1 - x0, y1 - y0));
      x0 -= pad; x1 += pad; y0 -= pad; y1 += pad;
    }
    let w = x1 - x0, hgt = y1 - y0;
    if (hgt / w > aspect) { const nw = hgt / aspect; x0 -= (nw - w) / 2; w = nw; }
    else { const nh = w * aspect; y0 -= (nh - hgt) / 2; hgt = nh; }
    setView({ x: x0, y: -(y0 + hgt), w: w, h: hgt });
  }

  async function drawBorders() {
    const layer = el("g", { class: "borders" });
    map.append(layer);
    markersLayer = el("g", { class: "markers" });
    map.append(markersLayer);
    let geo;
    try { geo = await getJSON("/api/borders"); }
    catch (err) { map.setAttribute("data-borders", "missing"); return; }
    for (const f of geo.features) {
      let d = "";
      for (const poly of f.geometry.coordinates) {
        for (const ring of poly) {
          // a ring cut at the antimeridian would jump across the whole map: unwrap it instead
          let lon = ring[0][0];
          let part = "M" + lon + "," + -ring[0][1];
          for (let i = 1; i < ring.length; i++) {
            let x = ring[i][0];
            while (x - lon > 180) x -= 360;
            while (lon - x > 180) x += 360;
            lon = x;
            part += "L" + x + "," + -ring[i][1];
          }
          d += part + "Z";
        }
      }
      const path = el("path", { d: d, class: "land" });
      path.append(el("title", {}, (f.properties && f.properties.name) || ""));
      layer.append(path);
    }
    map.setAttribute("data-borders", String(geo.features.length));
  }

  function drawMarkers() {
    markersLayer.replaceChildren();
    const pts = events.filter((e) => e.latitude !== null && e.longitude !== null)
      .sort((a, b) => radius(b) - radius(a));
    // events at the same point are spread on a small ring (in pixels) so each can be seen and clicked
    const groups = new Map();
    for (const e of pts) {
      const key = e.longitude.toFixed(3) + "," + e.latitude.toFixed(3);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(e);
    }
    const offset = new Map();
    for (const g of groups.values()) {
      const ring = g.length > 1 ? Math.max(...g.map(radius)) + 2 + 2 * g.length : 0;
      g.forEach((e, i) => {
        const a = (2 * Math.PI * i) / g.length - Math.PI / 2;
        offset.set(e.id, [ring * Math.cos(a), ring * Math.sin(a)]);
      });
    }
    const labelled = new Set();
    const labels = [];
    for (const e of pts) {
      const a = el("a", { href: eventUrl(e.id), class: "marker-link" });
      const c = el("circle", { cx: e.longitude, cy: -e.latitude, r: 0.1, class: "marker", fill: colour(e.event_type) });
      const [dx, dy] = offset.get(e.id);
      Object.assign(c.dataset, { px: radius(e), x: e.longitude, y: -e.latitude, dx: dx, dy: dy });
      linkable(c, e);
      c.append(el("title", {}, `${e.date || "?"} · ${e.type} · ${e.place}` +
        (e.fatalities ? ` · ${e.fatalities} killed` : "") + (e.disputed_fields.length ? " · disputed" : "")));
      a.append(c);
      markersLayer.append(a);
      const key = e.location || "";
      if (key && !labelled.has(key)) {
        labelled.add(key);
        const g = groups.get(e.longitude.toFixed(3) + "," + e.latitude.toFixed(3));
        const t = el("text", { x: e.longitude, y: -e.latitude, class: "label", "dominant-baseline": "middle" }, key);
        Object.assign(t.dataset, { x: e.longitude, px: g.length > 1 ? Math.hypot(dx, dy) + radius(e) : radius(e) });
        labels.push(t);
      }
    }
    markersLayer.append(...labels); // labels above every marker, never catching the pointer
    fit();
  }

  function zoomAt(px, py, factor) {
    const k = view.w / map.clientWidth;
    const mx = view.x + px * k, my = view.y + py * k;
    const w = Math.min(400, Math.max(0.05, view.w * factor));
    const hgt = w * (view.h / view.w);
    setView({ x: mx - (mx - view.x) * (w / view.w), y: my - (my - view.y) * (hgt / view.h), w: w, h: hgt });
  }

  function panZoom() {
    map.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const r = map.getBoundingClientRect();
      zoomAt(ev.clientX - r.left, ev.clientY - r.top, ev.deltaY > 0 ? 1.25 : 0.8);
    }, { passive: false });
    let drag = null;
    map.addEventListener("pointerdown", (ev) => {
      if (ev.target.closest && ev.target.closest("a")) return; // let markers be clicked
      drag = { x: ev.clientX, y: ev.clientY, v: { ...view } };
      map.setPointerCapture(ev.pointerId);
      map.classList.add("dragging");
    });
    map.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      const k = drag.v.w / map.clientWidth;
      setView({ ...drag.v, x: drag.v.x - (ev.clientX - drag.x) * k, y: drag.v.y - (ev.clientY - drag.y) * k });
    });
    const end = () => { drag = null; map.classList.remove("dragging"); };
    map.addEventListener("pointerup", end);
    map.addEventListener("pointercancel", end);
    document.getElementById("fit").addEventListener("click", fit);
    window.addEventListener("resize", () => view && setView(view));
  }

  // -- timeline -------------------------------------------------------------------------------------
  function drawTimeline() {
    timeline.replaceChildren();
    const W = timeline.clientWidth || 1000, H = timeline.clientHeight || 150;
    timeline.setAttribute("viewBox", `0 0 ${W} ${H}`);
    const dated = events.filter((e) => e.date);
    const types = [...new Set(dated.map((e) => e.event_type))].sort();
    const left = 150, right = W - 20, top = 12, bottom = H - 24;
    timeline.append(el("line", { x1: left, x2: right, y1: bottom, y2: bottom, class: "axis" }));
    if (!dated.length) {
      timeline.append(el("text", { x: left, y: H / 2, class: "axis-label" }, "No dated events."));
      return;
    }
    let t0 = Math.min(...dated.map((e) => day(e.date)));
    let t1 = Math.max(...dated.map((e) => day(e.date_end || e.date)));
    const span = Math.max(t1 - t0, 86400000 * 6);
    t0 -= span * 0.03; t1 = t0 + span * 1.06;
    const x = (t) => left + ((t - t0) / (t1 - t0)) * (right - left);
    const lane = (t) => top + ((types.indexOf(t) + 0.5) / types.length) * (bottom - top);
    for (const t of types) {
      timeline.append(el("text", { x: 4, y: lane(t), class: "lane-label", "dominant-baseline": "middle" }, t));
    }
    for (let i = 0; i <= 6; i++) {
      const t = t0 + ((t1 - t0) * i) / 6;
      timeline.append(el("line", { x1: x(t), x2: x(t), y1: bottom, y2: bottom + 4, class: "axis" }));
      const anchor = i === 0 ? "start" : i === 6 ? "end" : "middle";
      timeline.append(el("text", { x: x(t), y: H - 6, class: "axis-label", "text-anchor": anchor }, iso(t)));
    }
    for (const e of dated) {
      const a = el("a", { href: eventUrl(e.id) });
      const y = lane(e.event_type), xa = x(day(e.date)), xb = x(day(e.date_end || e.date));
      const shape = xb - xa > 6
        ? el("rect", { x: xa, y: y - 5, width: xb - xa, height: 10, rx: 5, class: "tick-event", fill: colour(e.event_type) })
        : el("circle", { cx: xa, cy: y, r: 6, class: "tick-event", fill: colour(e.event_type) });
      linkable(shape, e);
      shape.append(el("title", {}, `${e.date}${e.date_end ? " to " + e.date_end : ""} · ${e.type} · ${e.place}`));
      a.append(shape);
      timeline.append(a);
    }
    // brushing: drag across the timeline to set the date filter
    let start = null, brush = null;
    const toX = (ev) => ev.clientX - timeline.getBoundingClientRect().left;
    const toT = (px) => t0 + ((px - left) / (right - left)) * (t1 - t0);
    timeline.onpointerdown = (ev) => {
      if (ev.target.closest && ev.target.closest("a")) return;
      start = toX(ev);
      brush = el("rect", { x: start, y: top, width: 0, height: bottom - top, class: "brush" });
      timeline.append(brush);
      timeline.setPointerCapture(ev.pointerId);
    };
    timeline.onpointermove = (ev) => {
      if (start === null) return;
      const px = toX(ev);
      brush.setAttribute("x", Math.min(px, start)); brush.setAttribute("width", Math.abs(px - start));
    };
    timeline.onpointerup = (ev) => {
      if (start === null) return;
      const px = toX(ev), a = Math.min(px, start), b = Math.max(px, start);
      start = null;
      if (b - a < 4) { brush.remove(); return; }
      form.elements.date_from.value = iso(toT(a));
      form.elements.date_to.value = iso(toT(b));
      load();
    };
  }

  // -- table and legend -----------------------------------------------------------------------------
  function drawTable() {
    tbody.replaceChildren();
    for (const e of events) {
      const tr = h("tr");
      linkable(tr, e);
      const link = h("a", e.type, { href: eventUrl(e.id) });
      const type = h("td"); type.append(link);
      const counts = e.counts.map((c) => `${c.kind} ${c.side || "?"} ${c.best}${c.high === null ? "+" : ""}`).join("; ");
      tr.append(h("td", (e.date || "?") + (e.date_end ? " – " + e.date_end : "")), type, h("td", e.place),
        h("td", counts), h("td", e.n_sources, { class: "num" }), h("td", e.disputed_fields.join(", ")));
      tbody.append(tr);
    }
  }

  function drawLegend() {
    const legend = document.getElementById("legend");
    legend.replaceChildren();
    for (const t of [...new Set(events.map((e) => e.event_type))].sort()) {
      const item = h("span");
      const sw = h("span", null, { class: "swatch" });
      sw.style.background = colour(t);
      item.append(sw, document.createTextNode(t));
      legend.append(item);
    }
  }

  async function main() {
    panZoom();
    await Promise.all([facets().catch(() => {}), drawBorders()]);
    restore();
    form.addEventListener("change", load);
    form.addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
    form.addEventListener("reset", () => setTimeout(load, 0));
    let typing = null;
    form.elements.q.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(load, 300); });
    await load();
    document.body.setAttribute("data-ready", "true");
  }
  main();
})();
