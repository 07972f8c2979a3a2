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
  let lmap = null; // the Leaflet map, when Leaflet is installed (else the plain SVG map below)
  let regionsBy = {}, allRegions = [];
  let undatedHidden = 0, historyHidden = 0, inferredHidden = 0;
  let sortKey = "date", sortDir = 1;

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
    const countries = form.elements.country;
    for (const c of f.countries) countries.append(h("option", (f.country_names || {})[c] || c, { value: c }));
    regionsBy = f.admin1_by_country || {}; allRegions = f.admin1;
    fill("admin1", f.admin1);
    fill("event_type", [...f.event_types, ...f.sub_event_types.filter((t) => !f.event_types.includes(t))]);
    fill("source", f.sources);
  }

  // the region list follows the chosen country
  function narrowRegions() {
    const s = form.elements.admin1, keep = s.value, country = form.elements.country.value;
    const list = country ? (regionsBy[country] || []) : allRegions;
    s.replaceChildren(h("option", "all", { value: "" }));
    for (const v of list) s.append(h("option", v, { value: v }));
    s.value = list.includes(keep) ? keep : "";
  }

  function exportLinks(p) {
    const q = new URLSearchParams(p);
    q.delete("limit"); q.delete("offset");
    const qs = q.toString() ? "?" + q : "";
    for (const fmt of ["json", "csv", "geojson"]) {
      document.getElementById("export-" + fmt).setAttribute("href", "/api/export/" + fmt + qs);
    }
    document.getElementById("export-count").textContent = String(events.length);
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
        if (offset === 0) { undatedHidden = page.undated_hidden || 0; historyHidden = page.history_hidden || 0; inferredHidden = page.inferred_hidden || 0; }
        all.push(...page.items);
        if (all.length >= page.total || !page.items.length) break;
      }
    } catch (err) {
      summary.textContent = "Error: " + err.message;
      events = []; draw(); return;
    }
    events = all;
    const located = events.filter((e) => e.latitude !== null && e.longitude !== null);
    const undated = events.filter((e) => !e.date).length;
    const inferred = events.filter((e) => e.date && (e.date_inferred || e.year_guessed)).length;
    summary.textContent = `${events.length} event(s), ${located.length} on the map` +
      (events.length > located.length ? `, ${events.length - located.length} without a location` : "") +
      (inferred ? `, ${inferred} with an inferred date` : "") +
      (undated ? `, ${undated} undated (listed below the timeline)` : "") + "." +
      (undatedHidden ? ` The date filter leaves out ${undatedHidden} undated event(s).` : "") +
      (inferredHidden ? ` It also leaves out ${inferredHidden} event(s) whose date is only inferred and may be wrong.` : "") +
      (historyHidden ? ` ${historyHidden} event(s) reported as history are not shown (tick “history too”).` : "");
    exportLinks(p);
    draw();
  }

  function draw() { if (lmap) lmap.draw(events); else drawMarkers(); drawTimeline(); drawTable(); drawLegend(); drawUndated(); }

  const uncertain = (e) => Boolean(e.date && (e.date_inferred || e.year_guessed));
  const whenText = (e) => e.date_text + (uncertain(e) ? " (inferred)" : "");

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
      c.append(el("title", {}, `${whenText(e)} · ${e.type} · ${e.place}` +
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
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  // the last day an event may cover: its end, or the end of the week, month or year it is known to
  function until(e) {
    if (e.date_end) return day(e.date_end);
    const d = new Date(day(e.date));
    if (e.date_precision === "week") return d.getTime() + 6 * 86400000;
    if (e.date_precision === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0);
    if (e.date_precision === "year") return Date.UTC(d.getUTCFullYear(), 11, 31);
    return d.getTime();
  }
  // ticks on calendar boundaries (years, months or days), at most `most` of them
  function calendarTicks(t0, t1, most) {
    const out = [];
    const a = new Date(t0), years = (t1 - t0) / (365.25 * 86400000);
    if (years > 2) {
      const step = [1, 2, 5, 10, 20, 50, 100].find((k) => years / k <= most) || 100;
      for (let y = Math.ceil(a.getUTCFullYear() / step) * step; Date.UTC(y, 0, 1) <= t1; y += step) {
        if (Date.UTC(y, 0, 1) >= t0) out.push({ t: Date.UTC(y, 0, 1), label: String(y) });
      }
      return out;
    }
    const months = years * 12;
    if (months > 2) {
      const step = [1, 2, 3, 6, 12].find((k) => months / k <= most) || 12;
      let y = a.getUTCFullYear(), m = a.getUTCMonth() + 1;
      for (; Date.UTC(y, m, 1) <= t1; m++) {
        if (m > 11) { y += 1; m -= 12; }
        const t = Date.UTC(y, m, 1);
        if (t > t1) break;
        if (m % step === 0) out.push({ t: t, label: m === 0 ? String(y) : `${MONTHS[m]} ${y}` });
      }
      return out;
    }
    const days = (t1 - t0) / 86400000;
    const step = [1, 2, 7, 14].find((k) => days / k <= most) || 14;
    for (let t = Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), a.getUTCDate() + 1); t <= t1; t += step * 86400000) {
      const d = new Date(t);
      out.push({ t: t, label: `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}` });
    }
    return out;
  }

  function drawTimeline() {
    timeline.replaceChildren();
    const W = timeline.clientWidth || 1000, H = timeline.clientHeight || 150;
    timeline.setAttribute("viewBox", `0 0 ${W} ${H}`);
    const dated = events.filter((e) => e.date);
    const types = [...new Set(dated.map((e) => e.event_type))].sort();
    const left = Math.min(150, Math.round(W * 0.22)), right = W - 20, top = 12, bottom = H - 24;
    timeline.append(el("line", { x1: left, x2: right, y1: bottom, y2: bottom, class: "axis" }));
    if (!dated.length) {
      timeline.append(el("text", { x: left, y: H / 2, class: "axis-label" }, "No dated events."));
      return;
    }
    let t0 = Math.min(...dated.map((e) => day(e.date)));
    let t1 = Math.max(...dated.map((e) => until(e)));
    const span = Math.max(t1 - t0, 86400000 * 6);
    t0 -= span * 0.03; t1 = t0 + span * 1.06;
    const x = (t) => left + ((t - t0) / (t1 - t0)) * (right - left);
    const lane = (t) => top + ((types.indexOf(t) + 0.5) / types.length) * (bottom - top);
    const maxChars = Math.max(4, Math.floor((left - 8) / 6));
    for (const t of types) {
      const label = t.length > maxChars ? t.slice(0, maxChars - 1) + "…" : t;
      const txt = el("text", { x: 4, y: lane(t), class: "lane-label", "dominant-baseline": "middle" }, label);
      txt.append(el("title", {}, t));
      timeline.append(txt);
    }
    const ticks = calendarTicks(t0, t1, Math.max(2, Math.floor((right - left) / 64)));
    for (const tk of ticks) {
      timeline.append(el("line", { x1: x(tk.t), x2: x(tk.t), y1: bottom, y2: bottom + 4, class: "axis" }));
      timeline.append(el("text", { x: x(tk.t), y: H - 6, class: "axis-label", "text-anchor": "middle" }, tk.label));
    }
    for (const e of dated) {
      const a = el("a", { href: eventUrl(e.id) });
      const y = lane(e.event_type), xa = x(day(e.date)), xb = x(until(e));
      const cls = "tick-event" + (uncertain(e) ? " inferred" : "") + (e.date_precision !== "day" ? " coarse" : "");
      const shape = xb - xa > 6
        ? el("rect", { x: xa, y: y - 5, width: xb - xa, height: 10, rx: 5, class: cls, fill: colour(e.event_type) })
        : el("circle", { cx: xa, cy: y, r: 6, class: cls, fill: colour(e.event_type) });
      if (uncertain(e)) shape.setAttribute("data-inferred", "true");
      linkable(shape, e);
      shape.append(el("title", {}, `${whenText(e)} · ${e.type} · ${e.place}` + (e.date_note ? ` (${e.date_note})` : "")));
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
  const SORTS = {
    date: (e) => (e.date ? e.date : "\uffff"), type: (e) => e.type.toLowerCase(), place: (e) => e.place.toLowerCase(),
    fatalities: (e) => e.fatalities, n_sources: (e) => e.n_sources, disputed: (e) => e.disputed_fields.length,
  };
  function sorted() {
    const key = SORTS[sortKey];
    return [...events].sort((a, b) => (key(a) < key(b) ? -sortDir : key(a) > key(b) ? sortDir : 0));
  }
  function sortable() {
    for (const th of document.querySelectorAll("#event-table th[data-sort]")) {
      th.querySelector("button").addEventListener("click", () => {
        const k = th.getAttribute("data-sort");
        sortDir = k === sortKey ? -sortDir : 1; sortKey = k;
        for (const o of document.querySelectorAll("#event-table th[data-sort]")) o.removeAttribute("aria-sort");
        th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
        drawTable();
      });
    }
  }

  function dateCell(e) {
    const td = h("td", null, { class: "when", "data-certainty": !e.date ? "undated" : uncertain(e) ? "inferred" : "read" });
    td.append(document.createTextNode(e.date_text));
    if (uncertain(e)) td.append(h("span", " (inferred)", { class: "date-note", title: e.date_note || "inferred" }));
    return td;
  }

  function drawTable() {
    tbody.replaceChildren();
    for (const e of sorted()) {
      const tr = h("tr");
      linkable(tr, e);
      const link = h("a", e.type, { href: eventUrl(e.id) });
      const type = h("td"); type.append(link);
      tr.append(dateCell(e), type, h("td", e.place), h("td", e.counts_text),
        h("td", e.n_sources, { class: "num" }), h("td", (e.disputed_labels || e.disputed_fields).join("; ")));
      tbody.append(tr);
    }
  }

  function drawUndated() {
    const list = document.getElementById("undated-list");
    const undated = events.filter((e) => !e.date);
    document.getElementById("undated-count").textContent = String(undated.length);
    list.replaceChildren();
    for (const e of undated) {
      const li = h("li");
      linkable(li, e);
      li.append(h("a", `${e.type} · ${e.place}`, { href: eventUrl(e.id) }));
      if (e.counts_text) li.append(document.createTextNode(" · " + e.counts_text));
      list.append(li);
    }
    const note = document.getElementById("undated-note");
    note.textContent = undatedHidden
      ? `The date filter leaves out ${undatedHidden} undated event(s); clear the dates to see them here.`
      : "Events the reports give no date for: they cannot sit on the timeline.";
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
    if (window.RashomonMap && window.L && map.tagName === "DIV") {
      lmap = window.RashomonMap(map, { colour: colour, radius: radius, eventUrl: eventUrl, linkable: linkable,
        getJSON: getJSON, when: whenText });
      document.getElementById("fit").addEventListener("click", () => lmap.fit());
      await Promise.all([facets().catch(() => {}), lmap.borders()]);
    } else {
      panZoom();
      await Promise.all([facets().catch(() => {}), drawBorders()]);
    }
    restore();
    narrowRegions();
    restore();
    sortable();
    form.elements.country.addEventListener("change", narrowRegions);
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
