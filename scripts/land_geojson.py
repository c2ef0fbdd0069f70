"""Build static/map/land-50m.geojson, the map's offline base layer, from world-atlas.

The land outlines only: coasts, no international borders, so the map draws no contested
border as settled. Run once when upgrading world-atlas, and commit the output:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/land_geojson.py package/land-50m.json static/map/land-50m.geojson

world-atlas ships TopoJSON (Natural Earth 1:50m, public domain): shared, delta-encoded,
quantised arcs. This decodes them (TopoJSON specification, "Arcs" and "Transforms") into a
plain GeoJSON FeatureCollection that Leaflet reads directly, rounded to 0.01° (about 1 km),
which is finer than the 1:50m source.
"""

import json
import sys
from pathlib import Path

DECIMALS = 2


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale = topology.get("transform", {}).get("scale", [1, 1])
    translate = topology.get("transform", {}).get("translate", [0, 0])
    quantised = "transform" in topology
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            if quantised:
                x, y = x + dx, y + dy
                points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
            else:
                points.append((dx, dy))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """A closed ring from arc indexes; ~i (negative) is arc i reversed. Consecutive arcs
    share an end point, which is kept once."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    rounded = []
    for lon, lat in points:
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    if rounded and rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return rounded


def polygons(geometry: dict, arcs) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        parts = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        return []
    result = []
    for polygon in parts:
        rings = [ring(r, arcs) for r in polygon]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            result.append(rings)
    return result


def convert(topology: dict, object_name: str = "land") -> dict:
    arcs = decode_arcs(topology)
    collection = topology["objects"][object_name]
    geometries = collection.get("geometries", [collection])
    coordinates = [p for g in geometries for p in polygons(g, arcs)]
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"source": "Natural Earth 1:50m land via world-atlas 2.0.2"},
                "geometry": {"type": "MultiPolygon", "coordinates": coordinates},
            }
        ],
    }


def main(source: str, target: str) -> None:
    geojson = convert(json.loads(Path(source).read_text()))
    Path(target).write_text(json.dumps(geojson, separators=(",", ":")))
    polygons_ = len(geojson["features"][0]["geometry"]["coordinates"])
    print(f"{target}: {polygons_} polygons, {Path(target).stat().st_size:,} bytes")


if __name__ == "__main__":
    main(*sys.argv[1:3])
