#!/usr/bin/env python3
"""Independent check of obs:Connectivity with networkx.

Reads what the process returned (patches.csv, links.csv, summary.json in a folder), recomputes PC, IIC, ECA and the
dPC of every patch from the patches and links alone, and compares them to the process's figures to 1e-9 relative.
Exit status 0 when everything agrees, 1 otherwise (the mismatches are printed).

    python3 bench/connectivity_check.py FOLDER
"""
import csv
import json
import math
import sys

import networkx as nx

TOLERANCE = 1e-9


def pc_numerator(graph, areas, k):
    total = 0.0
    for s, lengths in nx.all_pairs_dijkstra_path_length(graph, weight="distance"):
        for t, d in lengths.items():
            total += areas[s] * areas[t] * math.exp(-k * d)
    return total


def iic_numerator(graph, areas, threshold):
    binary = nx.Graph()
    binary.add_nodes_from(graph.nodes)
    binary.add_edges_from((u, v) for u, v, d in graph.edges(data="distance") if d <= threshold)
    total = 0.0
    for s, lengths in nx.all_pairs_shortest_path_length(binary):
        for t, nl in lengths.items():
            total += areas[s] * areas[t] / (1 + nl)
    return total


def close(expected, actual):
    return abs(expected - actual) <= TOLERANCE * max(abs(expected), abs(actual), 1e-300)


def main(folder):
    with open(f"{folder}/summary.json", encoding="utf-8") as f:
        summary = json.load(f)
    areas, reported = {}, {}
    with open(f"{folder}/patches.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            areas[row["id"]] = float(row["area_ha"])
            reported[row["id"]] = row
    graph, every = nx.Graph(), nx.Graph()  # PC's links (p >= the cut-off), and every link (IIC's come from it)
    graph.add_nodes_from(areas)
    every.add_nodes_from(areas)
    with open(f"{folder}/links.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            every.add_edge(row["from"], row["to"], distance=float(row["distance_m"]))
            if row.get("pc_link", "true") == "true":
                graph.add_edge(row["from"], row["to"], distance=float(row["distance_m"]))
    k = summary["k_per_m"]
    al2 = summary["landscapeArea_ha"] ** 2
    num = pc_numerator(graph, areas, k)
    problems = []
    checks = [("PC", num / al2, summary["PC"]), ("ECA", math.sqrt(num), summary["ECA_ha"]),
              ("IIC", iic_numerator(every, areas, summary["iicThreshold_m"]) / al2, summary["IIC"])]
    for patch, row in reported.items():
        if row["dPC"] == "":
            continue
        without = graph.copy()
        without.remove_node(patch)
        rest = {p: a for p, a in areas.items() if p != patch}
        checks.append((f"dPC {patch}", 100 * (num - pc_numerator(without, rest, k)) / num, float(row["dPC"])))
    for name, expected, actual in checks:
        if not close(expected, actual):
            problems.append(f"{name}: networkx {expected!r}, process {actual!r}")
    print(f"{len(checks)} figures checked on {graph.number_of_nodes()} patches and {graph.number_of_edges()} links;"
          f" {len(problems)} disagree")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
