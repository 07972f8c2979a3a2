// The events map on Leaflet + Leaflet.markercluster, served from /static/vendor (no tiles, no network):
// Natural Earth borders from /api/borders as the base layer, events as circle markers clustered where
// they crowd, zoom buttons, wheel and pinch zoom, labels that give way to each other, and a dashed ring
// for locations known only to the district or province (geo_precision 2 or 3).
// Data reaches the DOM only through textContent and setAttribute: never HTML strings.
"use strict";
window.RashomonMap = function (container, opts) {
  const L = window.L;
  const COARSE_M = { 2: 15000, 3: 50000 }; // radius of the ring drawn around an approximate location
  const map = L.map(container, { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth");
  map.setView([30, 20], 2);
  const rings = L.layerGroup().addTo(map);
  const clusters = L.markerClusterGroup({
    maxClusterRadius: 36,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    zoomToBoundsOnClick: true,
    iconCreateFunction: clusterIcon,
  });
  map.addLayer(clusters);
  let located = [];

  const stateOnContainer = () => {
    container.setAttribute("data-zoom", String(map.getZoom()));
    requestAnimationFrame(declutter);
  };
  map.on("zoomend moveend", stateOnContainer);
  clusters.on("animationend spiderfied unspiderfied", () => requestAnimationFrame(declutter));

  function clusterIcon(cluster) {
    const children = cluster.getAllChildMarkers();
    const n = children.length;
    const div = document.createElement("div");
    div.setAttribute("data-events", children.map((m) => m.options.eventId).join(" "));
    div.setAttribute("title", `${n} events here: click to zoom in`);
    const span = document.createElement("span");
    span.textContent = String(n);
    div.append(span);
    const size = n < 10 ? "small" : n < 50 ? "medium" : "large";
    return L.divIcon({ html: div, className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40) });
  }

  function tip(e) {
    const box = document.createElement("span");
    box.textContent = e.location || e.place;
    return box;
  }

  function title(e) {
    const precision = { 2: " · approximate (near the place, or its district)", 3: " · approximate (province or wider)" };
    return `${opts.when(e)} · ${e.type} · ${e.place}` + (e.fatalities ? ` · ${e.fatalities} killed` : "") +
      (e.disputed_fields.length ? " · disputed" : "") + (precision[e.geo_precision] || "");
  }

  function draw(events) {
    clusters.clearLayers();
    rings.clearLayers();
    located = events.filter((e) => e.latitude !== null && e.longitude !== null)
      .sort((a, b) => opts.radius(b) - opts.radius(a));
    const markers = [];
    for (const e of located) {
      const coarse = e.geo_precision > 1;
      const m = L.circleMarker([e.latitude, e.longitude], {
        radius: opts.radius(e), color: "#222", weight: 1, fillColor: opts.colour(e.event_type), fillOpacity: 0.85,
        dashArray: coarse ? "3 2" : null, className: "marker" + (coarse ? " coarse" : ""), eventId: e.id,
      });
      m.bindTooltip(tip(e), { permanent: true, direction: "right", offset: [opts.radius(e), 0], className: "place-label" });
      m.on("add", () => {
        const el = m.getElement();
        if (!el) return;
        el.setAttribute("data-event", e.id);
        el.setAttribute("data-precision", String(e.geo_precision));
        el.setAttribute("aria-label", title(e));
        opts.linkable(el, e);
      });
      m.on("click", () => { location.href = opts.eventUrl(e.id); });
      const t = document.createElementNS("http://www.w3.org/2000/svg", "title");
      t.textContent = title(e);
      m.on("add", () => { const el = m.getElement(); if (el && !el.querySelector("title")) el.append(t); });
      markers.push(m);
      if (coarse) {
        rings.addLayer(L.circle([e.latitude, e.longitude], {
          radius: COARSE_M[e.geo_precision] || COARSE_M[3], color: opts.colour(e.event_type), weight: 1,
          dashArray: "4 4", fill: true, fillOpacity: 0.04, interactive: false, className: "coarse-ring",
        }));
      }
    }
    clusters.addLayers(markers);
    container.setAttribute("data-located", String(located.length));
    fit();
  }

  function fit() {
    if (!located.length) { map.setView([30, 20], 2); return; }
    const b = L.latLngBounds(located.map((e) => [e.latitude, e.longitude]));
    map.fitBounds(b.pad(0.3), { maxZoom: 7, animate: false });
    requestAnimationFrame(declutter);
  }

  // permanent labels give way: the bigger marker keeps its label, an overlapping one is hidden
  function declutter() {
    const labels = [...container.querySelectorAll(".leaflet-tooltip.place-label")];
    const kept = [];
    for (const l of labels) {
      l.classList.remove("crowded");
      const r = l.getBoundingClientRect();
      if (kept.some((k) => !(r.right < k.left || r.left > k.right || r.bottom < k.top || r.top > k.bottom))) {
        l.classList.add("crowded");
      } else kept.push(r);
    }
  }

  async function borders() {
    let geo;
    try { geo = await opts.getJSON("/api/borders"); }
    catch (err) { container.setAttribute("data-borders", "missing"); return; }
    for (const f of geo.features) {
      // a ring cut at the antimeridian would jump across the whole map: unwrap it
      f.geometry.coordinates = f.geometry.coordinates.map((poly) => poly.map((ring) => {
        let lon = ring[0][0];
        return ring.map(([x, y], i) => {
          if (i) { while (x - lon > 180) x -= 360; while (lon - x > 180) x += 360; lon = x; }
          return [x, y];
        });
      }));
    }
    L.geoJSON(geo, {
      interactive: false,
      style: () => ({ color: "#9aa4ae", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1, className: "land" }),
    }).addTo(map).bringToBack();
    container.setAttribute("data-borders", String(geo.features.length));
  }

  window.addEventListener("resize", () => map.invalidateSize());
  return { draw: draw, fit: fit, borders: borders, map: map };
};
