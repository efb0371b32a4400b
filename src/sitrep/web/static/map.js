// Maps: every [data-map] element gets a Leaflet map of its places. Tiles come from the
// configured tile URL; without one the map draws the vector world outline served locally.
// The base map (tiles or outline) is shared with the events map as sitrepMap.base.
"use strict";
(function () {
  // ACLED geo_precision: a province's or a country's point is no place where anything happened.
  const PRECISION = { 1: "town", 2: "district or near a town", 3: "province, country or region" };

  function popup(place) {
    // Built as DOM nodes, never as HTML strings: names are data, not markup.
    const box = document.createElement("div");
    const link = document.createElement("a");
    link.href = place.href;
    link.textContent = place.name;
    box.appendChild(link);
    const count = document.createElement("div");
    count.textContent = place.articles + (place.articles === 1 ? " article" : " articles");
    box.appendChild(count);
    const precision = document.createElement("div");
    precision.textContent = PRECISION[place.precision] || "";
    box.appendChild(precision);
    return box;
  }

  function label(place) {
    const span = document.createElement("span");
    span.textContent = place.name;
    return span;
  }

  // ISO 3166 numeric code: left out, as it only stretches across the bottom of the map.
  const ANTARCTICA = "010";

  // Rings that cross the antimeridian jump from +180 to -180; shifting by 360 degrees keeps
  // each ring continuous, so it is not drawn as a band across the whole map.
  function unwrap(geometry) {
    if (!geometry) return;
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        let shift = 0;
        for (let i = 1; i < ring.length; i++) {
          const step = ring[i][0] + shift - ring[i - 1][0];
          if (step > 180) shift -= 360;
          else if (step < -180) shift += 360;
          ring[i] = [ring[i][0] + shift, ring[i][1]];
        }
      }
    }
  }

  function base(el) {
    const map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 12, attributionControl: false });
    const tiles = el.dataset.tiles;
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 18 }).addTo(map);
    } else {
      fetch(el.dataset.world)
        .then(function (response) { return response.json(); })
        .then(function (topology) {
          const land = topojson.feature(topology, topology.objects.countries);
          land.features = land.features.filter(function (f) { return f.id !== ANTARCTICA; });
          land.features.forEach(function (f) { unwrap(f.geometry); });
          L.geoJSON(land, {
            interactive: false,
            style: { color: "#8a9aab", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
          }).addTo(map).bringToBack();
          el.dataset.outline = "drawn";
        });
    }
    return map;
  }

  function draw(el) {
    const places = JSON.parse(el.dataset.places || "[]");
    const map = base(el);
    const most = Math.max(1, ...places.map(function (p) { return p.articles; }));
    const markers = places.map(function (place) {
      return L.circleMarker([place.lat, place.lon], {
        radius: 4 + 10 * Math.sqrt(place.articles / most),
        color: "#a61e1e", weight: 1, fillColor: "#e03131",
        // A coarse point (a country's centre) is drawn hollow and dashed, not as a town.
        fillOpacity: place.precision === 3 ? 0.05 : 0.6,
        dashArray: place.precision === 3 ? "3" : null,
      }).bindPopup(popup(place)).bindTooltip(label(place));
    });
    const group = L.featureGroup(markers).addTo(map);
    if (places.length === 1) {
      map.setView([places[0].lat, places[0].lon], 5);
    } else if (places.length) {
      map.fitBounds(group.getBounds().pad(0.3), { maxZoom: 6 });
    } else {
      map.setView([20, 10], 2);
    }
    el.dataset.ready = "true";
  }

  window.sitrepMap = { base: base, PRECISION: PRECISION };

  document.addEventListener("DOMContentLoaded", function () {
    for (const el of document.querySelectorAll("[data-map]")) draw(el);
  });
})();
