/* ConflictWatch map: settlements as markers shaped by assessed state (square held,
 * triangle contested, circle unknown) and coloured by the side that holds them, clustered
 * when dense, over land outlines shipped with the app (or tiles, if MAP_TILE_URL is set).
 * The date slider redraws the map as of that day and keeps the filters and the date in the
 * URL, so a view is a permalink. */
(function () {
  "use strict";

  var box = document.querySelector("[data-map]");
  if (!box || !window.L || !window.fetch) {
    return;
  }
  var statusLine = document.querySelector("[data-map-status]");
  var form = document.querySelector("[data-map-form]");
  var params = new URLSearchParams(box.getAttribute("data-query") || "");
  var palette = 6;
  var sideHues = {};

  function tilesMaxZoom() {
    return box.getAttribute("data-tile-url") ? 18 : 12;
  }

  // markercluster needs a maxZoom; the land outlines are 1:50m, so closer is no better.
  var map = L.map(box, { worldCopyJump: true, minZoom: 2, maxZoom: tilesMaxZoom() }).setView([48.5, 36.5], 5);
  var tiles = box.getAttribute("data-tile-url");
  if (tiles) {
    L.tileLayer(tiles, { attribution: box.getAttribute("data-tile-attribution") || "", maxZoom: 18 }).addTo(map);
  } else {
    box.classList.add("map-offline");
    fetch(box.getAttribute("data-land-url"))
      .then(function (response) { return response.json(); })
      .then(function (land) {
        L.geoJSON(land, {
          interactive: false,
          style: { color: "#8a93a3", weight: 0.8, fillColor: "#f1efe6", fillOpacity: 1 },
        }).addTo(map).bringToBack();
      })
      .catch(function () { say("The land outlines could not be loaded."); });
  }
  var cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
  map.addLayer(cluster);

  function say(text) {
    if (statusLine) {
      statusLine.textContent = text;
    }
  }

  function hue(side) {
    if (!side) {
      return 0;
    }
    if (!(side in sideHues)) {
      sideHues[side] = Object.keys(sideHues).length % palette;
    }
    return sideHues[side];
  }

  function icon(props) {
    var classes = ["pin", "pin-" + props.state];
    if (props.state === "controlled") {
      classes.push("pin-c" + hue(props.side));
    }
    if (props.flags && props.flags.indexOf("disputed-claims") >= 0) {
      classes.push("pin-flagged");
    }
    return L.divIcon({ className: "pin-icon", html: '<span class="' + classes.join(" ") + '"></span>', iconSize: [18, 18] });
  }

  function describe(props) {
    if (props.state === "controlled") {
      return "held by " + props.side_name + (props.since ? " since " + props.since : "");
    }
    if (props.state === "contested") {
      return "contested" + (props.side_name ? " (last held by " + props.side_name + ")" : "");
    }
    return "unknown";
  }

  function popup(props) {
    var wrap = document.createElement("div");
    var link = document.createElement("a");
    link.href = props.url + (params.get("as_of") ? "?as_of=" + encodeURIComponent(params.get("as_of")) : "");
    link.textContent = props.name;
    wrap.appendChild(link);
    var text = document.createElement("p");
    text.textContent = [props.region, props.country].filter(Boolean).join(", ") + " — " +
      describe(props) + " · " + props.claim_count + " claim" + (props.claim_count === 1 ? "" : "s");
    wrap.appendChild(text);
    return wrap;
  }

  function load() {
    var url = box.getAttribute("data-points-url") + "?" + params.toString();
    say("Loading…");
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        cluster.clearLayers();
        var markers = data.features.map(function (feature) {
          var c = feature.geometry.coordinates;
          var props = feature.properties;
          var marker = L.marker([c[1], c[0]], { icon: icon(props), title: props.name + ": " + describe(props), keyboard: true });
          marker.bindPopup(function () { return popup(props); });
          return marker;
        });
        cluster.addLayers(markers);
        if (markers.length && !load.fitted) {
          map.fitBounds(cluster.getBounds(), { maxZoom: 9, padding: [20, 20] });
          load.fitted = true;
        }
        say(markers.length + " settlement" + (markers.length === 1 ? "" : "s") +
          (data.as_of ? " as of " + data.as_of : " now") + (data.truncated ? " (the first ones only)" : "") + ".");
      })
      .catch(function () { say("The settlements could not be loaded."); });
  }

  // The slider: days from the first claim to today; moving it sets as_of in the URL.
  var slider = document.querySelector("[data-map-slider]");
  if (slider) {
    var range = slider.querySelector("input[type=range]");
    var label = slider.querySelector("[data-map-day-label]");
    var first = new Date(range.getAttribute("data-first") + "T00:00:00Z");
    var last = new Date(range.getAttribute("data-last") + "T00:00:00Z");
    var dayMs = 86400000;
    var span = Math.max(Math.round((last - first) / dayMs), 1);
    range.max = String(span);
    var asOf = params.get("as_of");
    range.value = asOf ? String(Math.round((new Date(asOf + "T00:00:00Z") - first) / dayMs)) : String(span);
    var dateField = form ? form.querySelector("input[name=as_of]") : null;
    // The settlements' download links follow the slider's day, as the page's URL does.
    var followDay = function () {
      document.querySelectorAll("a[data-download=csv], a[data-download=geojson]").forEach(function (link) {
        var url = new URL(link.getAttribute("href"), window.location.href);
        if (params.get("as_of")) {
          url.searchParams.set("as_of", params.get("as_of"));
        } else {
          url.searchParams.delete("as_of");
        }
        link.setAttribute("href", url.pathname + url.search);
      });
    };
    var show = function () {
      var day = new Date(first.getTime() + Number(range.value) * dayMs).toISOString().slice(0, 10);
      label.textContent = Number(range.value) >= span ? "today" : day;
      return day;
    };
    show();
    slider.hidden = false;
    var timer = null;
    range.addEventListener("input", function () {
      var day = show();
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        if (Number(range.value) >= span) {
          params.delete("as_of");
        } else {
          params.set("as_of", day);
        }
        if (dateField) {
          dateField.value = params.get("as_of") || "";
        }
        var page = new URLSearchParams(window.location.search);
        if (params.get("as_of")) {
          page.set("as_of", params.get("as_of"));
        } else {
          page.delete("as_of");
        }
        var query = page.toString();
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
        followDay();
        load();
      }, 200);
    });
  }

  load();
})();
