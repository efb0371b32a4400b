// The events map: the [data-events-map] element gets the events that match the page's
// filters from /api/events/points (grouped by place, type and claim status), clustered, each
// coloured by type or status (the colours are CSS classes, which the legend shows too). A
// town's or district's point is a marker; a region's or country's is drawn as a dashed area,
// as it says only that the event happened somewhere in it. The time slider narrows since and
// until and fetches again; the note says how many events are on the map, of how many.
"use strict";
(function () {
  const DAY_MS = 86400000;
  // Radius (metres) of the area drawn for a coarse point, by its feature.
  const AREA_M = { country: 300000, admin1: 90000 };
  const COARSE = 3;

  function text(tag, value, cls) {
    const node = document.createElement(tag);
    node.textContent = value;
    if (cls) node.className = cls;
    return node;
  }

  function plural(n, one, many) {
    return n.toLocaleString("en") + " " + (n === 1 ? one : many);
  }

  function category(point, by) {
    return by === "status" ? (point.status || "none") : point.type;
  }

  function colourClass(point, by) {
    return (by === "status" ? "ev-s-" : "ev-t-") + category(point, by);
  }

  function label(value) {
    return value === "none" ? "no claim (the article states it)" : value.replace(/_/g, " ");
  }

  function eventsLink(point, query) {
    const params = new URLSearchParams(query);
    params.set("place", point.name);
    params.set("type", point.type);
    if (point.status) params.set("status", point.status);
    else params.delete("status");
    return "/events?" + params.toString();
  }

  function popup(point, query) {
    // Built as DOM nodes, never as HTML strings: names are data, not markup.
    const box = document.createElement("div");
    box.appendChild(text("b", point.name));
    box.appendChild(text("div", plural(point.events, "event", "events") + " · " + point.type));
    box.appendChild(text("div", "claim: " + label(point.status || "none")));
    box.appendChild(text("div", "point: " + window.sitrepMap.PRECISION[point.precision], "muted"));
    const link = text("a", "list them");
    link.href = eventsLink(point, query);
    box.appendChild(link);
    return box;
  }

  function size(events) {
    return events >= 100 ? 4 : events >= 20 ? 3 : events >= 5 ? 2 : 1;
  }

  function marker(point, by, query) {
    let layer;
    if (point.precision === COARSE) {
      layer = L.circle([point.lat, point.lon], {
        radius: AREA_M[point.feature] || AREA_M.admin1,
        className: "ev-area " + colourClass(point, by),
        dashArray: "6 4",
      });
    } else {
      layer = L.marker([point.lat, point.lon], {
        icon: L.divIcon({
          className: "ev-marker ev-size-" + size(point.events) + " " + colourClass(point, by),
          html: "<span>" + Number(point.events) + "</span>",
          iconSize: null,
        }),
        events: point.events,
      });
    }
    return layer.bindPopup(popup(point, query)).bindTooltip(point.name + " · " + point.type);
  }

  function clusterIcon(cluster) {
    let events = 0;
    for (const child of cluster.getAllChildMarkers()) events += child.options.events || 0;
    const bucket = events < 10 ? "small" : events < 100 ? "medium" : "large";
    return L.divIcon({
      html: "<div><span>" + events + "</span></div>",
      className: "marker-cluster marker-cluster-" + bucket,
      iconSize: L.point(40, 40),
    });
  }

  function legend(points, by) {
    const box = document.createElement("div");
    box.className = "map-legend";
    box.appendChild(text("h4", by === "status" ? "Claim status" : "Event type"));
    const seen = [...new Set(points.map(function (p) { return category(p, by); }))].sort();
    const list = document.createElement("ul");
    for (const value of seen) {
      const item = document.createElement("li");
      item.dataset.category = value;
      item.appendChild(text("span", "", "swatch " + (by === "status" ? "ev-s-" : "ev-t-") + value));
      item.appendChild(document.createTextNode(label(value)));
      list.appendChild(item);
    }
    box.appendChild(list);
    box.appendChild(text("h4", "Precision"));
    const precision = document.createElement("ul");
    const town = document.createElement("li");
    town.dataset.precision = "point";
    town.appendChild(text("span", "", "swatch swatch-point"));
    town.appendChild(document.createTextNode("town or district (number: events)"));
    const area = document.createElement("li");
    area.dataset.precision = "area";
    area.appendChild(text("span", "", "swatch swatch-area"));
    area.appendChild(document.createTextNode("region or country: only its centre is known"));
    precision.appendChild(town);
    precision.appendChild(area);
    box.appendChild(precision);
    return box;
  }

  function dayOf(index, first) {
    return new Date(first + index * DAY_MS).toISOString().slice(0, 10);
  }

  function setup(el) {
    const map = window.sitrepMap.base(el);
    const note = document.getElementById("map-note");
    const colourBy = document.getElementById("colour-by");
    const slider = document.getElementById("time-slider");
    const from = document.getElementById("slider-from");
    const to = document.getElementById("slider-to");
    const fromDay = document.getElementById("slider-from-day");
    const toDay = document.getElementById("slider-to-day");
    const query = new URLSearchParams(el.dataset.query || "");
    const layers = L.layerGroup().addTo(map);
    const control = L.control({ position: "bottomright" });
    let data = null;
    let first = null;
    let fitted = false;

    control.onAdd = function () { return legend(data.points, colourBy.value); };

    function draw() {
      layers.clearLayers();
      const cluster = L.markerClusterGroup({ iconCreateFunction: clusterIcon, maxClusterRadius: 50 });
      const areas = [];
      for (const point of data.points) {
        const layer = marker(point, colourBy.value, query.toString());
        if (point.precision === COARSE) areas.push(layer);
        else cluster.addLayer(layer);
      }
      for (const area of areas) layers.addLayer(area);
      layers.addLayer(cluster);
      control.remove();
      control.addTo(map);
      if (!fitted && data.points.length) {
        const bounds = L.latLngBounds(data.points.map(function (p) { return [p.lat, p.lon]; }));
        map.fitBounds(bounds.pad(0.3), { maxZoom: 6 });
        fitted = true;
      } else if (!fitted) {
        map.setView([20, 10], 2);
      }
      let line = plural(data.shown, "event", "events") + " on the map, of " +
        plural(data.total, "event", "events") + (data.total === 1 ? " that matches" : " that match");
      if (data.unplaced) line += "; " + plural(data.unplaced, "has", "have") + " no place";
      const missing = data.total - data.unplaced - data.shown;
      if (missing > 0) line += "; " + plural(missing, "more event", "more events") + " in smaller groups are not drawn";
      note.textContent = line + ".";
      el.dataset.ready = "true";
    }

    function bounds() {
      // The slider spans every day the events (without the date filters) cover.
      if (!data.first_day || !data.last_day || first !== null) return;
      first = Date.parse(data.first_day);
      const days = Math.round((Date.parse(data.last_day) - first) / DAY_MS);
      for (const input of [from, to]) input.max = String(days);
      const since = query.get("since");
      const until = query.get("until");
      from.value = String(since ? Math.max(0, Math.round((Date.parse(since) - first) / DAY_MS)) : 0);
      to.value = String(until ? Math.min(days, Math.round((Date.parse(until) - first) / DAY_MS)) : days);
      slider.disabled = days === 0;
      showDays();
    }

    function showDays() {
      fromDay.textContent = dayOf(Number(from.value), first);
      toDay.textContent = dayOf(Number(to.value), first);
    }

    function load() {
      note.textContent = "Loading events…";
      return fetch(el.dataset.points + "?" + query.toString(), { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("the server answered " + response.status);
          return response.json();
        })
        .then(function (body) {
          data = body;
          bounds();
          draw();
        })
        .catch(function (error) { note.textContent = "The events could not be loaded: " + error.message; });
    }

    function slide() {
      if (Number(from.value) > Number(to.value)) {
        if (this === from) to.value = from.value;
        else from.value = to.value;
      }
      showDays();
    }

    function narrow() {
      const lastIndex = Number(to.max);
      if (Number(from.value) > 0) query.set("since", dayOf(Number(from.value), first));
      else query.delete("since");
      if (Number(to.value) < lastIndex) query.set("until", dayOf(Number(to.value), first));
      else query.delete("until");
      const search = query.toString();
      history.replaceState(null, "", "/map" + (search ? "?" + search : ""));
      for (const name of ["since", "until"]) {
        const input = document.querySelector('form.filters input[name="' + name + '"]');
        if (input) input.value = query.get(name) || "";
      }
      for (const link of document.querySelectorAll("a.export")) {
        const params = new URLSearchParams(search);
        params.set("format", link.dataset.format);
        link.href = "/api/events/export?" + params.toString();
      }
      load();
    }

    colourBy.addEventListener("change", draw);
    for (const input of [from, to]) {
      input.addEventListener("input", slide);
      input.addEventListener("change", narrow);
    }
    load();
  }

  document.addEventListener("DOMContentLoaded", function () {
    for (const el of document.querySelectorAll("[data-events-map]")) setup(el);
  });
})();
